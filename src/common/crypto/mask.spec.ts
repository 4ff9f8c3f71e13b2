import { describe, expect, it } from '@jest/globals';
import { maskIdNumber, maskPersonName, maskPhone } from './mask.js';

describe('masks of domain.md', () => {
  it('maskIdNumber keeps the region and the last four: 330110********123X', () => {
    expect(maskIdNumber('33011019900101123X')).toBe('330110********123X');
    expect(maskIdNumber('330110199001011234')).toHaveLength(18);
  });

  it('maskIdNumber hides short values whole and passes empty values through', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskIdNumber('')).toBe('');
  });

  it('maskPhone keeps the first three and the last four: 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-88888888')).toBe('057******8888');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
  });

  it('maskPersonName keeps the surname', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('李')).toBe('李');
    expect(maskPersonName(null)).toBeNull();
  });
});
