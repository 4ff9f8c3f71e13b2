import { describe, expect, it } from '@jest/globals';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  idNumberBirthDate,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
  isValidPhone,
} from './identifiers.js';
import { makeCreditCode, makeIdNumber, withWrongCheck } from '../../../test/factories/identifiers.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real, published codes', () => {
    // 阿里巴巴（中国）有限公司, 腾讯科技（深圳）有限公司, 华为技术有限公司
    for (const code of ['91330100799655058B', '9144030071526726XG', '914403001922038216']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('computes the check character by the standard weights', () => {
    // The check character recomputed here from the standard's weights, and pinned as a literal.
    const body = '91330110MA2H00000';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const sum = body.split('').reduce((s, c, i) => s + CREDIT_CODE_ALPHABET.indexOf(c) * weights[i], 0);
    const expected = CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
    expect(creditCodeCheckChar(body)).toBe(expected);
    expect(creditCodeCheckChar(body)).toBe('4');
    expect(isValidCreditCode('91330110MA2H000004')).toBe(true);
  });

  it('maps a remainder of 0 to check character 0 (31 → 0)', () => {
    // Find a body whose weighted sum is a multiple of 31 by varying its last character.
    const prefix = '91330110MA2H0000';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const body = CREDIT_CODE_ALPHABET.split('')
      .map((c) => prefix + c)
      .find((b) => b.split('').reduce((s, c, i) => s + CREDIT_CODE_ALPHABET.indexOf(c) * weights[i], 0) % 31 === 0)!;
    expect(body).toBeDefined();
    expect(creditCodeCheckChar(body)).toBe('0');
    expect(isValidCreditCode(body + '0')).toBe(true);
  });

  it('rejects a wrong check character, every one of them', () => {
    const code = '91330100799655058B';
    for (const c of CREDIT_CODE_ALPHABET) {
      if (c === 'B') continue;
      expect(isValidCreditCode(code.slice(0, 17) + c)).toBe(false);
    }
  });

  it('rejects wrong length, letters outside the alphabet, lower case and a non-numeric region', () => {
    expect(isValidCreditCode('91330100799655058')).toBe(false);
    expect(isValidCreditCode('91330100799655058BB')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
    // I, O, S, V, Z are not in the alphabet
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(isValidCreditCode(`91330110MA2H0000${bad}0`)).toBe(false);
    expect(isValidCreditCode('91330100799655058b')).toBe(false);
    expect(isValidCreditCode('913301A0799655058B')).toBe(false);
    expect(isValidCreditCode(undefined as unknown as string)).toBe(false);
    expect(creditCodeCheckChar('9133')).toBeNull();
    expect(creditCodeCheckChar('91330110MA2H0000I')).toBeNull();
  });

  it('a transposition of two characters is caught', () => {
    const code = '91330100799655058B';
    const swapped = code.slice(0, 11) + code[12] + code[11] + code.slice(13); // 6 and 5 change places
    expect(swapped).not.toBe(code);
    expect(isValidCreditCode(swapped)).toBe(false);
  });

  it('the factory makes valid, distinct codes in Yuhang', () => {
    const codes = Array.from({ length: 200 }, () => makeCreditCode());
    for (const c of codes) {
      expect(isValidCreditCode(c)).toBe(true);
      expect(c.slice(2, 8)).toBe('330110');
      expect(isValidCreditCode(withWrongCheck(c))).toBe(false);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  it("accepts the standard's own examples", () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
    expect(isValidIdNumber('330110199001011234')).toBe(true);
  });

  it('computes the check character by the standard weights (mod 11 → 10X98765432)', () => {
    const body = '33011019900101123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = body.split('').reduce((s, c, i) => s + Number(c) * weights[i], 0);
    expect(idNumberCheckChar(body)).toBe('10X98765432'[sum % 11]);
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('1101051949123100')).toBeNull();
    expect(idNumberCheckChar('1101051949123100A')).toBeNull();
  });

  it('rejects a wrong check character, every one of them', () => {
    for (const c of '0123456789') expect(isValidIdNumber('11010519491231002' + c)).toBe(false);
    for (const c of '012356789X') expect(isValidIdNumber('33011019900101123' + c)).toBe(false);
  });

  it('rejects a lower-case x (callers upper-case first), wrong length and letters', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
    expect(isValidIdNumber('A10105194912310021')).toBe(false);
    expect(isValidIdNumber(null as unknown as string)).toBe(false);
  });

  it('rejects impossible birth dates, future births and unknown provinces, even with a right check character', () => {
    const withCheck = (body: string) => body + idNumberCheckChar(body);
    expect(isValidIdNumber(withCheck('33011019900230123'))).toBe(false); // 30 February
    expect(isValidIdNumber(withCheck('33011019901301123'))).toBe(false); // month 13
    expect(isValidIdNumber(withCheck('33011020230229123'))).toBe(false); // 2023 is not a leap year
    expect(isValidIdNumber(withCheck('33011020240229123'))).toBe(true); // 2024 is
    expect(isValidIdNumber(withCheck('33011020990101123'), new Date('2026-11-23'))).toBe(false); // future
    expect(isValidIdNumber(withCheck('99011019900101123'))).toBe(false); // no province 99
    expect(isValidIdNumber(withCheck('00011019900101123'))).toBe(false);
  });

  it('reads the birth date', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idNumberBirthDate('33011019900230123X')).toBeNull();
    expect(idNumberBirthDate('short')).toBeNull();
  });

  it('the factory makes valid, distinct numbers with the region asked for', () => {
    const ids = Array.from({ length: 200 }, () => makeIdNumber());
    for (const id of ids) {
      expect(isValidIdNumber(id)).toBe(true);
      expect(id.startsWith('330110')).toBe(true);
      expect(isValidIdNumber(withWrongCheck(id))).toBe(false);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(makeIdNumber('110105').startsWith('110105')).toBe(true);
    expect(isValidIdNumber(makeIdNumber('110105'))).toBe(true);
  });
});

describe('phone numbers', () => {
  it('accepts mobiles and landlines with an area code', () => {
    for (const p of ['13812345678', '19912345678', '0571-88888888', '057188888888', '010-12345678', '0571-8888888-123']) {
      expect(isValidPhone(p)).toBe(true);
    }
  });
  it('rejects the rest', () => {
    for (const p of ['12812345678', '1381234567', '138123456789', '88888888', '+8613812345678', '0571 88888888', 'abc', '']) {
      expect(isValidPhone(p)).toBe(false);
    }
  });
});
