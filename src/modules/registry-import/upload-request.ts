/**
 * Takes the one file of a multipart request (@fastify/multipart, registered in app.factory.ts with
 * IMPORT_FILE_LIMIT as its file-size limit) and saves it: 415 for a request that is not multipart,
 * 400 when it carries no file.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { type SavedUpload, saveUpload } from './upload-file.js';

type MultipartRequest = FastifyRequest & { isMultipart(): boolean; file(opts?: { limits?: { fileSize?: number } }): Promise<MultipartFile | undefined> };

export async function receiveUpload(req: FastifyRequest, limit: number): Promise<SavedUpload> {
  const r = req as MultipartRequest;
  if (typeof r.isMultipart !== 'function' || !r.isMultipart()) {
    throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, '请以 multipart/form-data 上传文件', [
      { field: 'file', code: 'multipart_required', message: '请以 multipart/form-data 上传文件（字段名 file）' },
    ]);
  }
  const part = await r.file({ limits: { fileSize: limit } });
  if (!part) throw AppException.field('file', 'required', '请选择要导入的文件');
  try {
    return await saveUpload(part.file, part.filename || '', limit, () => part.file.truncated);
  } catch (e) {
    // Drain what is left of a refused file so the request ends cleanly.
    part.file.resume();
    throw e;
  }
}
