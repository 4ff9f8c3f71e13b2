import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O, U, so a code read aloud or retyped survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `JB` + 16 characters = 80 random bits: unguessable, short enough to write down. */
export function newTrackingCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `JB${out}`;
}

/** Accepts what a person types: lower case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^JB[0-9A-HJKMNP-TV-Z]{16}$/.test(s) ? s : null;
}

/** JB-7K3M-9QXW-2R4T-6Y8Z for display. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 2)}-${code.slice(2).match(/.{4}/g)!.join('-')}`;
}
