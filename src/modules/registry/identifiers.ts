/**
 * Check characters of the two identifiers a subject carries (domain.md "Subject"). Pure functions:
 * the DTOs validate with them and the test factories make valid values with them.
 */

/** GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, S, V, Z). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** The check character for the first 17 characters of a credit code, or null when they cannot have one. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[check === 31 ? 0 : check];
}

/**
 * 统一社会信用代码: 18 characters of the alphabet; characters 3-8 are the region code (digits);
 * the last is the check character. Upper case only (callers normalise input first).
 */
export function isValidCreditCode(code: string): boolean {
  if (typeof code !== 'string' || !CREDIT_CODE_SHAPE.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 2260 province-level codes: the first two digits of a resident ID number. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** The check character for the first 17 digits of a resident ID number, or null when they are not 17 digits. */
export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** The birth date of a resident ID number (YYYY-MM-DD), or null when it is not a real date. */
export function idNumberBirthDate(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character (0-9 or X); the first two digits
 * a province; digits 7-14 a real birth date, not in the future (the standard's own example is born in 1880, so
 * no lower bound beyond 1800).
 */
export function isValidIdNumber(id: string, today: Date = new Date()): boolean {
  if (typeof id !== 'string' || !/^\d{17}[\dX]$/.test(id)) return false;
  if (!PROVINCES.has(id.slice(0, 2))) return false;
  const birth = idNumberBirthDate(id);
  if (!birth || birth < '1800-01-01' || birth > today.toISOString().slice(0, 10)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** Chinese mobile (11 digits from 13-19) or landline with area code (0571-88888888, extension allowed). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

export function isValidPhone(phone: string): boolean {
  return typeof phone === 'string' && (MOBILE_PATTERN.test(phone) || LANDLINE_PATTERN.test(phone));
}
