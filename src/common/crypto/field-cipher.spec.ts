import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FieldCipher } from './field-cipher.js';

const key = Buffer.alloc(32, 7);

describe('FieldCipher', () => {
  const cipher = new FieldCipher(key);

  it('round-trips any text, Chinese included', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => expect(cipher.decrypt(cipher.encrypt(s))).toBe(s)), { numRuns: 200 });
    expect(cipher.decrypt(cipher.encrypt('330110199001011234'))).toBe('330110199001011234');
    expect(cipher.decrypt(cipher.encrypt('杭州市余杭区文一西路'))).toBe('杭州市余杭区文一西路');
  });

  it('stores v1.<iv>.<tag>.<ciphertext> and never the plain text', () => {
    const stored = cipher.encrypt('13812345678');
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('13812345678');
    // Fits the varchar(255) columns that hold it, for an 18-character ID number and more.
    expect(cipher.encrypt('x'.repeat(150)).length).toBeLessThanOrEqual(255);
  });

  it('uses a fresh IV every time: equal values do not look equal at rest', () => {
    expect(cipher.encrypt('13812345678')).not.toBe(cipher.encrypt('13812345678'));
  });

  it('refuses a tampered ciphertext, tag or IV (GCM authentication)', () => {
    const [v, iv, tag, ct] = cipher.encrypt('330110199001011234').split('.');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] ^= 1;
      return b.toString('base64url');
    };
    expect(() => cipher.decrypt([v, iv, tag, flip(ct)].join('.'))).toThrow();
    expect(() => cipher.decrypt([v, iv, flip(tag), ct].join('.'))).toThrow();
    expect(() => cipher.decrypt([v, flip(iv), tag, ct].join('.'))).toThrow();
  });

  it('refuses what is not an encrypted field', () => {
    expect(() => cipher.decrypt('13812345678')).toThrow(/not an encrypted field/);
    expect(() => cipher.decrypt('v2.a.b.c')).toThrow(/not an encrypted field/);
  });

  it('cannot be read with another key', () => {
    const other = new FieldCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('secret'))).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => new FieldCipher(Buffer.alloc(16))).toThrow(/32-byte/);
  });

  describe('blindIndex', () => {
    it('is deterministic, keyed and short', () => {
      const a = cipher.blindIndex('91330110MA2XXXXX0X');
      expect(a).toBe(cipher.blindIndex('91330110MA2XXXXX0X'));
      expect(a).toHaveLength(32);
      expect(new FieldCipher(Buffer.alloc(32, 8)).blindIndex('91330110MA2XXXXX0X')).not.toBe(a);
    });

    it('ignores case and surrounding blanks (an ID number ending in x or X is the same person)', () => {
      expect(cipher.blindIndex(' 33011019900101123x ')).toBe(cipher.blindIndex('33011019900101123X'));
    });

    it('tells different values apart', () => {
      expect(cipher.blindIndex('330110199001011234')).not.toBe(cipher.blindIndex('330110199001011235'));
    });

    it('differs from the encryption key stream: the index does not reveal the ciphertext key', () => {
      const plain = 'same';
      expect(cipher.encrypt(plain)).not.toContain(cipher.blindIndex(plain));
    });
  });
});
