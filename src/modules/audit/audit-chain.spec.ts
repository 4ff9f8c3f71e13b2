import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type ChainFields, chainChecker, entryHash, GENESIS_HASH } from './audit-chain.js';

type Entry = ChainFields & { hash: string };

/** A well-formed chain of n entries, as AuditService.record builds it. */
function chain(n: number, start = new Date('2026-11-23T06:00:00Z')): Entry[] {
  const out: Entry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields: ChainFields = {
      seq: i,
      at: new Date(start.getTime() + i * 1000),
      actorId: i % 3 === 0 ? null : `user-${i}`,
      actorName: i % 3 === 0 ? 'public' : `user${i}`,
      role: i % 3 === 0 ? 'public' : 'officer',
      action: i % 2 ? 'account.approve' : 'auth.login',
      entityType: 'account',
      entityId: `acc-${i}`,
      before: i % 2 ? JSON.stringify({ status: 'pending' }) : null,
      after: i % 2 ? JSON.stringify({ status: 'filed', n: i }) : null,
      sourceIp: '127.0.0.1',
      prevHash: prev,
    };
    const e = { ...fields, hash: entryHash(fields) };
    out.push(e);
    prev = e.hash;
  }
  return out;
}

function check(entries: Entry[], head: { seq: number; hash: string } | null) {
  const c = chainChecker();
  for (const e of entries) {
    const b = c.feed(e);
    if (b) return b;
  }
  return c.finish(head);
}

const headOf = (entries: Entry[]) => (entries.length ? { seq: entries[entries.length - 1].seq, hash: entries[entries.length - 1].hash } : null);

describe('entryHash', () => {
  const base = chain(1)[0];

  it('is a SHA-256 hex digest, stable for the same fields', () => {
    expect(entryHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...base })).toBe(entryHash(base));
  });

  it('ignores milliseconds (MySQL datetime keeps whole seconds) but not seconds', () => {
    expect(entryHash({ ...base, at: new Date(base.at.getTime() + 999) })).toBe(entryHash(base));
    expect(entryHash({ ...base, at: new Date(base.at.getTime() + 1000) })).not.toBe(entryHash(base));
  });

  it('accepts the time as a string as well as a Date (rows read back from either driver)', () => {
    expect(entryHash({ ...base, at: base.at.toISOString() as unknown as Date })).toBe(entryHash(base));
  });

  it.each(['seq', 'actorId', 'actorName', 'role', 'action', 'entityType', 'entityId', 'before', 'after', 'sourceIp', 'prevHash'] as const)(
    'changes when %s changes',
    (field) => {
      const value = base[field];
      const changed = typeof value === 'number' ? value + 1 : value === null ? 'x' : `${value}x`;
      expect(entryHash({ ...base, [field]: changed })).not.toBe(entryHash(base));
    },
  );

  it('tells null from the string "null" (fields are JSON-encoded, not concatenated)', () => {
    expect(entryHash({ ...base, before: null })).not.toBe(entryHash({ ...base, before: 'null' }));
    expect(entryHash({ ...base, actorName: 'a', role: 'bc' })).not.toBe(entryHash({ ...base, actorName: 'ab', role: 'c' }));
  });
});

describe('chainChecker', () => {
  it('accepts an empty trail with no head, and a whole chain', () => {
    expect(check([], null)).toBeNull();
    const c = chain(10);
    const checker = chainChecker();
    for (const e of c) expect(checker.feed(e)).toBeNull();
    expect(checker.finish(headOf(c))).toBeNull();
    expect(checker.count).toBe(10);
  });

  it('reports an edited field as hash_mismatch at that entry', () => {
    const c = chain(5);
    c[2] = { ...c[2], after: JSON.stringify({ status: 'rejected' }) };
    expect(check(c, headOf(chain(5)))).toEqual({ seq: 3, reason: 'hash_mismatch' });
  });

  it('reports a deleted middle entry as a gap', () => {
    const c = chain(5);
    const head = headOf(c);
    c.splice(2, 1);
    expect(check(c, head)).toEqual({ seq: 3, reason: 'gap' });
  });

  it('reports a deleted last entry as head_mismatch', () => {
    const c = chain(5);
    const head = headOf(c);
    expect(check(c.slice(0, 4), head)).toEqual({ seq: 5, reason: 'head_mismatch' });
  });

  it('reports a trail emptied completely as head_mismatch at 1', () => {
    expect(check([], headOf(chain(3)))).toEqual({ seq: 1, reason: 'head_mismatch' });
  });

  it('reports entries beyond the head (appended behind the application’s back)', () => {
    const c = chain(4);
    expect(check(c, headOf(c.slice(0, 3)))).toEqual({ seq: 4, reason: 'head_mismatch' });
  });

  it('reports a re-computed entry whose successor still points at the old hash as link_broken', () => {
    const c = chain(4);
    const forged: ChainFields = { ...c[1], after: JSON.stringify({ forged: true }) };
    c[1] = { ...forged, hash: entryHash(forged) };
    expect(check(c, headOf(c))).toEqual({ seq: 3, reason: 'link_broken' });
  });

  it('reports a first entry that does not start at the genesis hash', () => {
    const c = chain(2);
    const first: ChainFields = { ...c[0], prevHash: 'a'.repeat(64) };
    c[0] = { ...first, hash: entryHash(first) };
    expect(check(c, headOf(c))).toEqual({ seq: 1, reason: 'link_broken' });
  });

  it('reports a trail that does not start at 1', () => {
    expect(check(chain(3).slice(1), headOf(chain(3)))).toEqual({ seq: 1, reason: 'gap' });
  });

  it('catches any single-field edit anywhere in any chain (property)', () => {
    const fields = ['actorName', 'role', 'action', 'entityType', 'entityId', 'before', 'after', 'sourceIp'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.constantFrom(...fields), fc.string({ minLength: 1 }), (n, pos, field, junk) => {
        const c = chain(n);
        const head = headOf(c);
        const i = pos % n;
        const original = c[i][field];
        const replacement = `${original ?? ''}${junk}`;
        c[i] = { ...c[i], [field]: replacement };
        const broken = check(c, head);
        expect(broken).toEqual({ seq: i + 1, reason: 'hash_mismatch' });
      }),
      { numRuns: 200 },
    );
  });
});
