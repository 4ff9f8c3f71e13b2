import { describe, expect, it } from '@jest/globals';
import { tsvField } from './load-data.js';

describe('tsvField', () => {
  it('writes NULL as \\N, numbers as digits, and escapes what LOAD DATA would read as structure', () => {
    expect(tsvField(null)).toBe('\\N');
    expect(tsvField(0)).toBe('0');
    expect(tsvField(1234567890123)).toBe('1234567890123');
    expect(tsvField('良渚美食')).toBe('良渚美食');
    // A lone \N in a cell is text, not NULL; tabs and newlines cannot end the field or the row.
    expect(tsvField('\\N')).toBe('\\\\N');
    expect(tsvField('C:\\a\tb\nc\rd\0e')).toBe('C:\\\\a\\tb\\nc\\rd\\0e');
  });
});
