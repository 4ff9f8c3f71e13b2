import { describe, expect, it } from '@jest/globals';
import { formatTrackingCode, newTrackingCode, normalizeTrackingCode } from './tracking-code.js';

describe('tracking codes', () => {
  it('are JB + 16 Crockford base32 characters and differ every time', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newTrackingCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^JB[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('read back what a person types', () => {
    const code = newTrackingCode();
    expect(normalizeTrackingCode(formatTrackingCode(code).toLowerCase())).toBe(code);
    expect(normalizeTrackingCode('jb-0000-1111-2222-3333')).toBe('JB0000111122223333');
    expect(normalizeTrackingCode('JB-OOOO-IIII-LLLL-3333')).toBe('JB0000111111113333');
    expect(normalizeTrackingCode('JB123')).toBeNull();
    expect(normalizeTrackingCode('<script>')).toBeNull();
  });
});
