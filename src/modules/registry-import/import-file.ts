/**
 * Opens a saved upload for reading: the first non-blank row is the header, which must name every
 * required column (else 400 `missing_column`, one detail per column); a file that is not UTF-8, has
 * no header or no data row is refused (400) before any batch exists.
 */
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { type ColumnMap, mapHeader } from './import-columns.js';
import { readRows, type SourceRow } from './import-source.js';
import type { SavedUpload } from './upload-file.js';

export interface OpenedFile {
  columns: ColumnMap;
  rows: AsyncIterable<SourceRow>;
}

/** A file the parser could not read (bad CSV quoting, a broken workbook): 400 on `file`. */
export function unreadable(upload: Pick<SavedUpload, 'format'>, e: unknown): AppException {
  const why = e instanceof Error ? e.message.slice(0, 200) : '';
  return upload.format === 'csv'
    ? AppException.field('file', 'invalid_csv', `CSV文件格式有误，无法读取${why ? `（${why}）` : ''}`)
    : AppException.field('file', 'invalid_xlsx', '文件不是有效的 .xlsx 工作簿（请在Excel中另存为 .xlsx）');
}

export async function openImportFile(upload: SavedUpload, checkRows = true): Promise<OpenedFile> {
  const source = readRows(upload.path, upload.format)[Symbol.asyncIterator]();
  let header: IteratorResult<SourceRow>;
  let first: IteratorResult<SourceRow> | null = null;
  try {
    header = await source.next();
    if (!header.done && checkRows) first = await source.next();
  } catch (e) {
    throw unreadable(upload, e);
  }
  if (header.done) throw AppException.field('file', 'empty_file', '文件是空的：没有表头和数据');
  if (header.value.cells.some((c) => c.includes('\uFFFD'))) {
    throw AppException.field('file', 'not_utf8', '文件不是UTF-8编码：请在Excel中选择“另存为 → CSV UTF-8（逗号分隔）”，或上传 .xlsx 文件');
  }
  const columns = mapHeader(header.value.cells);
  const details: ErrorDetail[] = [
    ...columns.missing.map((h) => ({ field: 'file', code: 'missing_column', message: `缺少必填列“${h}”（请使用导入模板的表头）` })),
    ...columns.duplicated.map((h) => ({ field: 'file', code: 'duplicate_column', message: `列“${h}”出现了不止一次` })),
  ];
  if (details.length) throw AppException.validation(details, `表头不符合导入模板：${details.map((d) => d.message).join('；')}`);
  if (first?.done) throw AppException.field('file', 'no_rows', '文件只有表头，没有数据行');
  const pending = first;
  async function* rest(): AsyncGenerator<SourceRow> {
    if (pending && !pending.done) yield pending.value;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { columns, rows: rest() };
}
