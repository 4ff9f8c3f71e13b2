import { randomInt } from 'node:crypto';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, idNumberCheckChar } from '../../src/modules/registry/identifiers.js';

let serial = 0;

/**
 * A valid unified social credit code (GB 32100-2015), unique within a test run:
 * `91` (enterprise, registered with market regulation) + region `330110` (Yuhang) + 9 characters + check.
 */
export function makeCreditCode(regionCode = '330110'): string {
  serial += 1;
  // The organisation part starts with the run's serial, so two calls never collide.
  const serialPart = serial.toString(31).toUpperCase().padStart(3, '0').split('').map((c) => CREDIT_CODE_ALPHABET[parseInt(c, 31)]).join('');
  let body = `91${regionCode}${serialPart}`;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)];
  return body + creditCodeCheckChar(body)!;
}

/** A valid resident ID number (GB 11643-1999), unique within a test run; born 1970-1999. */
export function makeIdNumber(regionPrefix = '330110'): string {
  serial += 1;
  const year = 1970 + randomInt(30);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  // The sequence code (3 digits) carries the serial; the date varies too, so ids rarely repeat across runs.
  const seq = String(serial % 1000).padStart(3, '0');
  const body = `${regionPrefix}${year}${month}${day}${seq}`;
  return body + idNumberCheckChar(body)!;
}

/** The same code with a wrong last character (a typo the check character must catch). */
export function withWrongCheck(code: string, alphabet = code.length === 18 && /^\d{17}/.test(code) ? '0123456789X' : CREDIT_CODE_ALPHABET): string {
  const last = code[code.length - 1];
  const other = alphabet.split('').find((c) => c !== last)!;
  return code.slice(0, -1) + other;
}

/** A valid Chinese mobile number, unique within a test run. */
export function makeMobile(): string {
  serial += 1;
  return `139${String(serial % 10000).padStart(4, '0')}${String(randomInt(10000)).padStart(4, '0')}`;
}
