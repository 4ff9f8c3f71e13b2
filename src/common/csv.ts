/**
 * CSV for downloads (RFC 4180): every cell quoted, CRLF line ends, UTF-8 with a byte-order mark so
 * that Excel opens the Chinese correctly. Cells are guarded against spreadsheet formulas.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A CSV cell: quoted, and never read as a formula by a spreadsheet (OWASP "CSV injection"): a
 * value starting with = + - @ (or a tab / carriage return) gets a leading apostrophe.
 */
export function csvCell(v: CsvValue): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole (small) document: BOM, header, rows. Large exports stream `csvLine`s instead. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
}
