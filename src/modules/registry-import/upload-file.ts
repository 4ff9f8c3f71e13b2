/**
 * Saves an uploaded file to a private temporary file while it streams in, hashing it (SHA-256) and
 * counting its bytes: the import reads it twice (validate, then commit) and never holds it in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { ImportFormat } from './import-source.js';

export interface SavedUpload {
  path: string;
  fileName: string;
  format: ImportFormat;
  sha256: string;
  bytes: number;
  remove(): void;
}

/** The format a file name announces: .csv or .xlsx; anything else is refused (415) before it is read. */
export function formatOfFileName(fileName: string): ImportFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'xlsx') return ext;
  throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, '仅支持 .csv（UTF-8）和 .xlsx 文件', [
    { field: 'file', code: 'unsupported_file_type', message: `不支持的文件类型${ext ? `（.${ext}）` : ''}：请上传 .csv（UTF-8）或 .xlsx 文件` },
  ]);
}

export function tooLarge(limit: number): AppException {
  const mb = Math.round(limit / 1024 / 1024);
  return new AppException(413, ErrorCode.PAYLOAD_TOO_LARGE, `文件过大（最大${mb} MB）`, [{ field: 'file', code: 'too_large', message: `文件不能超过${mb} MB，请分成几个文件导入` }]);
}

/** Streams `source` to a temporary file. `truncated()` says whether the multipart limit cut the file. */
export async function saveUpload(source: Readable, fileName: string, limit: number, truncated: () => boolean): Promise<SavedUpload> {
  const format = formatOfFileName(fileName);
  const dir = mkdtempSync(join(tmpdir(), 'yh-import-'));
  const path = join(dir, `${randomUUID()}.${format}`);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path, { mode: 0o600 }));
  } catch (e) {
    remove();
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
    throw e;
  }
  if (truncated() || bytes > limit) {
    remove();
    throw tooLarge(limit);
  }
  if (bytes === 0) {
    remove();
    throw AppException.field('file', 'empty_file', '文件是空的');
  }
  if (format === 'xlsx' && !(await startsWithZip(path))) {
    remove();
    throw AppException.field('file', 'invalid_xlsx', '文件不是有效的 .xlsx 工作簿（请在Excel中另存为 .xlsx）');
  }
  return { path, fileName, format, sha256: hash.digest('hex'), bytes, remove };
}

async function startsWithZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}
