/**
 * Reads an uploaded file (saved to a temporary file first) row by row, never holding more than one
 * row: CSV through csv-parse's stream parser (UTF-8, with or without a byte-order mark), .xlsx
 * through exceljs's streaming WorkbookReader (first worksheet). Rows come out as text cells with
 * the row number a spreadsheet shows (the header is row 1). Blank rows are skipped.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { loadExcel } from '../../common/documents/lazy-libraries.js';

export type ImportFormat = 'csv' | 'xlsx';

export interface SourceRow {
  rowNo: number;
  cells: string[];
}

/** The parser could not read the file (bad quoting, a broken workbook): the file's fault, not the server's. */
export class UnreadableSource extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function* readRows(path: string, format: ImportFormat): AsyncGenerator<SourceRow> {
  const rows = format === 'csv' ? csvRows(path) : xlsxRows(path);
  for (;;) {
    let next: IteratorResult<SourceRow>;
    try {
      next = await rows.next();
    } catch (e) {
      throw new UnreadableSource(e);
    }
    if (next.done) return;
    yield next.value;
  }
}

async function* csvRows(path: string): AsyncGenerator<SourceRow> {
  const parser = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, encoding: 'utf8' }),
  );
  let rowNo = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNo += 1;
    if (record.every((c) => c.trim() === '')) continue;
    yield { rowNo, cells: record };
  }
}

async function* xlsxRows(path: string): AsyncGenerator<SourceRow> {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' } as never);
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (cells.every((c) => c.trim() === '')) continue;
      yield { rowNo: row.number, cells };
    }
    // The first worksheet only; the rest of the workbook is not read.
    return;
  }
}

/** A cell as text: rich text joined, formulas by their result, dates as YYYY-MM-DD, numbers as written. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return '';
  }
  return String(v);
}
