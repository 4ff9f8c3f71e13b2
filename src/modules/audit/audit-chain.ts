import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  role: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  sourceIp: string | null;
  prevHash: string;
}

/** The hash of one entry: stable field order, times to the second (MySQL `datetime` keeps no more). */
export function entryHash(e: ChainFields): string {
  const at = new Date(Math.floor(new Date(e.at).getTime() / 1000) * 1000).toISOString();
  const canonical = JSON.stringify([
    e.seq,
    at,
    e.actorId,
    e.actorName,
    e.role,
    e.action,
    e.entityType,
    e.entityId,
    e.before,
    e.after,
    e.sourceIp,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak = { seq: number; reason: 'hash_mismatch' | 'link_broken' | 'gap' | 'head_mismatch' };

/**
 * Walks entries in seq order (streamed in pages by the caller) and reports the first break.
 * Returns a checker object so the caller can feed pages without loading the whole trail.
 */
export function chainChecker() {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  return {
    feed(e: ChainFields & { hash: string }): ChainBreak | null {
      if (e.seq !== expectedSeq) return { seq: expectedSeq, reason: 'gap' };
      if (e.prevHash !== prevHash) return { seq: e.seq, reason: 'link_broken' };
      if (entryHash(e) !== e.hash) return { seq: e.seq, reason: 'hash_mismatch' };
      prevHash = e.hash;
      expectedSeq += 1;
      count += 1;
      return null;
    },
    finish(head: { seq: number; hash: string } | null): ChainBreak | null {
      const headSeq = head?.seq ?? 0;
      const headHash = head?.hash ?? GENESIS_HASH;
      if (headSeq !== count || headHash !== prevHash) return { seq: Math.min(headSeq, count) + 1, reason: 'head_mismatch' };
      return null;
    },
    get count() {
      return count;
    },
  };
}
