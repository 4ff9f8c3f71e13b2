import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
/** Random bytes drawn 4 KB at a time (one call to the CSPRNG per 512 ids instead of one per id). */
let pool = Buffer.alloc(0);
let poolAt = 0;

function random8(): Buffer {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 8;
  return Buffer.from(pool.subarray(poolAt - 8, poolAt));
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter within the
 * millisecond, 62 random bits. Still a UUID to every reader (and not guessable: 62 random bits), but
 * ids made one after the other sort one after the other, so a bulk insert appends to InnoDB's
 * clustered primary key and to the indexes that end in the id instead of splitting pages all over
 * them (docs/decisions.md "Bulk import"). Used for the rows the import writes.
 */
export function orderedUuid(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else if (++seq > 0xfff) {
    // More than 4,096 ids in one millisecond: borrow the next millisecond.
    lastMs += 1;
    seq = 0;
  }
  const r = random8();
  const hex = lastMs.toString(16).padStart(12, '0');
  const randA = (0x7000 | seq).toString(16);
  r[0] = (r[0] & 0x3f) | 0x80;
  const tail = r.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${randA}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}
