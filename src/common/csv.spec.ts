import { describe, expect, it } from '@jest/globals';
import { CSV_BOM, csvCell, csvDocument, csvLine } from './csv.js';

describe('csv', () => {
  it('quotes every cell and doubles inner quotes', () => {
    expect(csvCell('余杭')).toBe('"余杭"');
    expect(csvCell('说"好"的')).toBe('"说""好""的"');
    expect(csvCell('a,b\r\nc')).toBe('"a,b\r\nc"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell(12)).toBe('"12"');
  });

  it('guards cells a spreadsheet would read as a formula', () => {
    for (const s of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s)).toBe(`"'${s}"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('ends lines with CRLF and starts documents with a BOM', () => {
    expect(csvLine(['a', 'b'])).toBe('"a","b"\r\n');
    expect(csvDocument(['甲', '乙'], [['1', '2']])).toBe(`${CSV_BOM}"甲","乙"\r\n"1","2"\r\n`);
  });
});
