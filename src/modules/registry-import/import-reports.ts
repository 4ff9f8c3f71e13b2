/**
 * The files of the import: the rejected-rows report (CSV or .xlsx, streamed page by page from the
 * rejection table) and the template (header row with the Chinese column names).
 */
import { PassThrough, Readable } from 'node:stream';
import { loadExcel } from '../../common/documents/lazy-libraries.js';
import { CSV_BOM, csvLine } from '../../common/csv.js';
import { IMPORT_COLUMNS } from './import-columns.js';

export const REJECTION_HEADER = ['行号', '列', '错误代码', '原因'] as const;

export interface RejectionLine {
  rowNo: number;
  columnName: string;
  code: string;
  reason: string;
}

const cells = (r: RejectionLine) => [r.rowNo, r.columnName, r.code, r.reason];

export function rejectionsCsv(pages: AsyncIterable<RejectionLine[]>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(REJECTION_HEADER);
    for await (const page of pages) yield page.map((r) => csvLine(cells(r))).join('');
  }
  return Readable.from(lines(), { objectMode: false });
}

/** The same report as a workbook, written by exceljs's streaming writer (rows committed as they come). */
export function rejectionsXlsx(pages: AsyncIterable<RejectionLine[]>): Readable {
  const out = new PassThrough();
  (async () => {
    const book = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet('未导入的行');
    sheet.columns = [
      { header: REJECTION_HEADER[0], width: 8 },
      { header: REJECTION_HEADER[1], width: 18 },
      { header: REJECTION_HEADER[2], width: 28 },
      { header: REJECTION_HEADER[3], width: 70 },
    ];
    for await (const page of pages) for (const r of page) sheet.addRow(cells(r)).commit();
    sheet.commit();
    await book.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

export function templateCsv(): string {
  return CSV_BOM + csvLine(IMPORT_COLUMNS.map((c) => c.header));
}

/** The template workbook: the header row on the first sheet, what each column takes on the second. */
export async function templateXlsx(): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook();
  const sheet = book.addWorksheet('备案数据');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(12, c.header.length * 2 + 4);
    // Identifiers and numbers stay text, so Excel keeps 18-digit ID numbers and leading zeros.
    col.numFmt = '@';
  });
  const help = book.addWorksheet('填写说明');
  help.addRow(['列', '是否必填', '说明']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? (c.key === 'creditCode' || c.key === 'idNumber' ? '按主体类型' : '必填') : '选填', c.hint]);
  help.getColumn(1).width = 18;
  help.getColumn(3).width = 70;
  return Buffer.from(await book.xlsx.writeBuffer());
}
