/**
 * A small RFC 4180 reader for the exports' tests: quoted cells with doubled quotes, CRLF records,
 * an optional BOM. Strict: a stray quote or a bare LF between records fails the test.
 */
export function parseCsv(text: string): string[][] {
  let s = text;
  if (s.startsWith('\uFEFF')) s = s.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '"') throw new Error(`unquoted cell at ${i}: ${JSON.stringify(s.slice(i, i + 20))}`);
    let cell = '';
    i += 1;
    for (;;) {
      if (i >= s.length) throw new Error('unterminated quoted cell');
      if (s[i] === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      cell += s[i];
      i += 1;
    }
    row.push(cell);
    if (s[i] === ',') {
      i += 1;
    } else if (s.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}: ${JSON.stringify(s.slice(i, i + 20))}`);
    }
  }
  if (row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

/** A cell as the export meant it: the leading apostrophe that guards formulas removed. */
export function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Records as objects keyed by the header row. */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(text);
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

