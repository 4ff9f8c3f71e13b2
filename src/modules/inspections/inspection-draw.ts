import { createHash } from 'node:crypto';

/**
 * 双随机 (seed 000): the draw of accounts to inspect and of the two officers for each, as a pure
 * function of published inputs, so that anyone can run it again and get the same result.
 *
 * The algorithm, "yh-inspection-draw/v1", uses integers only (no floating point), so a
 * re-implementation in any language reproduces it bit for bit:
 *
 * 1. The random stream: block i (i = 0, 1, 2, …) is SHA-256 of the UTF-8 text
 *    `yh-inspection-draw/v1\n<seed>\n<i>` (i in decimal); its first 6 bytes, big-endian, are a
 *    48-bit integer x_i. `below(n)` takes the next x; if x ≥ ⌊2^48 / n⌋·n it is rejected and the
 *    next one taken (no modulo bias); otherwise the answer is x mod n.
 * 2. The population is the eligible accounts in filing-number order, each with the weight of its
 *    grade (A, B, C, D, or ungraded: positive integers). The sample size is
 *    k = ⌈shareBasisPoints × N / 10000⌉.
 * 3. Weighted sampling without replacement by successive draws (the same distribution as
 *    Efraimidis–Spirakis A-Res): k times, r = below(W) with W the total weight of the accounts not
 *    yet drawn; the account drawn is the first, in population order, whose running total of
 *    remaining weights exceeds r; it leaves the population.
 * 4. Then, for each drawn account in the order drawn, two distinct officers from the officer pool
 *    (active officers sorted by id): a = below(M), b = below(M − 1), and b + 1 instead of b when
 *    b ≥ a.
 */
export const DRAW_ALGORITHM = 'yh-inspection-draw/v1';

export const GRADE_CLASSES = ['A', 'B', 'C', 'D', 'ungraded'] as const;
export type GradeClass = (typeof GRADE_CLASSES)[number];
export type DrawWeights = Record<GradeClass, number>;

export interface DrawCandidate {
  /** Any identifier (the account id, or its filing number when the public re-runs a draw). */
  id: string;
  grade: 'A' | 'B' | 'C' | 'D' | null;
}

export interface DrawInput {
  seed: string;
  /** Sorted by filing number (the caller's duty: the order is part of the input). */
  accounts: readonly DrawCandidate[];
  /** Sorted by id. */
  officers: readonly string[];
  /** The share to inspect in basis points: 5000 = 50 %. */
  shareBasisPoints: number;
  weights: DrawWeights;
}

export interface DrawPick {
  /** 1, 2, 3 … in the order drawn. */
  order: number;
  /** Index of the account in `accounts`. */
  position: number;
  id: string;
  /** Indexes of the two officers in `officers`. */
  officerPositions: [number, number];
  officerIds: [string, string];
}

export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM;
  populationSize: number;
  sampleSize: number;
  picks: DrawPick[];
}

const TWO_48 = 2 ** 48;

/** The seeded stream of step 1. */
export class DrawStream {
  private counter = 0;

  constructor(private readonly seed: string) {}

  /** The next 48-bit block. */
  next48(): number {
    const digest = createHash('sha256').update(`${DRAW_ALGORITHM}\n${this.seed}\n${this.counter}`, 'utf8').digest();
    this.counter += 1;
    return digest.readUIntBE(0, 6);
  }

  /** A uniform integer in [0, n), 1 ≤ n ≤ 2^48. */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_48) throw new RangeError(`below(${n})`);
    const limit = Math.floor(TWO_48 / n) * n;
    for (;;) {
      const x = this.next48();
      if (x < limit) return x % n;
    }
  }

  /** How many blocks were used (for the record: the draw's length in the stream). */
  get used(): number {
    return this.counter;
  }
}

/** k = ⌈share × N⌉ in integers (share in basis points): no 0.55 × 100 = 55.000000000000001 surprises. */
export function sampleSizeOf(populationSize: number, shareBasisPoints: number): number {
  return Math.floor((shareBasisPoints * populationSize + 9999) / 10000);
}

export function gradeClassOf(grade: DrawCandidate['grade']): GradeClass {
  return grade ?? 'ungraded';
}

/** A Fenwick tree over the remaining weights: draw and remove in O(log N). */
class WeightTree {
  private readonly tree: number[];
  private readonly size: number;
  private readonly topBit: number;

  constructor(weights: readonly number[]) {
    this.size = weights.length;
    this.tree = new Array(this.size + 1).fill(0);
    for (let i = 0; i < this.size; i++) this.add(i, weights[i]);
    let bit = 1;
    while (bit * 2 <= this.size) bit *= 2;
    this.topBit = bit;
  }

  add(index: number, delta: number): void {
    for (let i = index + 1; i <= this.size; i += i & -i) this.tree[i] += delta;
  }

  /** The first index whose running total exceeds r (0 ≤ r < total). */
  find(r: number): number {
    let pos = 0;
    let rest = r;
    for (let bit = this.topBit; bit > 0; bit >>= 1) {
      const next = pos + bit;
      if (next <= this.size && this.tree[next] <= rest) {
        pos = next;
        rest -= this.tree[next];
      }
    }
    return pos; // 0-based index of the item (pos items lie wholly at or below r)
  }
}

function checkInput(input: DrawInput): void {
  if (typeof input.seed !== 'string' || input.seed.length === 0) throw new RangeError('seed must be a non-empty string');
  if (!Number.isInteger(input.shareBasisPoints) || input.shareBasisPoints < 1 || input.shareBasisPoints > 10000) throw new RangeError('shareBasisPoints must be 1..10000');
  for (const g of GRADE_CLASSES) {
    const w = input.weights[g];
    if (!Number.isInteger(w) || w < 1 || w > 1000) throw new RangeError(`weight ${g} must be an integer 1..1000`);
  }
  if (input.accounts.length > 0 && input.officers.length < 2) throw new RangeError('at least two officers are needed');
  if (new Set(input.officers).size !== input.officers.length) throw new RangeError('officers must be distinct');
}

/** Runs the draw (steps 2-4 above). Same input, same output; nothing else is read. */
export function runDraw(input: DrawInput): DrawResult {
  checkInput(input);
  const stream = new DrawStream(input.seed);
  const n = input.accounts.length;
  const k = sampleSizeOf(n, input.shareBasisPoints);
  const weights = input.accounts.map((a) => input.weights[gradeClassOf(a.grade)]);
  const tree = new WeightTree(weights);
  let total = weights.reduce((s, w) => s + w, 0);

  const positions: number[] = [];
  for (let j = 0; j < k; j++) {
    const index = tree.find(stream.below(total));
    positions.push(index);
    tree.add(index, -weights[index]);
    total -= weights[index];
  }

  const m = input.officers.length;
  const picks: DrawPick[] = positions.map((position, j) => {
    const a = stream.below(m);
    let b = stream.below(m - 1);
    if (b >= a) b += 1;
    return {
      order: j + 1,
      position,
      id: input.accounts[position].id,
      officerPositions: [a, b],
      officerIds: [input.officers[a], input.officers[b]],
    };
  });
  return { algorithm: DRAW_ALGORITHM, populationSize: n, sampleSize: k, picks };
}

/**
 * The fingerprint of a population: SHA-256 (hex) of its lines `<filingNo>:<grade or ->` joined by
 * "\n", in order. Public data only, so anyone can check the published population against it.
 */
export function populationHash(accounts: readonly DrawCandidate[]): string {
  return createHash('sha256')
    .update(accounts.map((a) => `${a.id}:${a.grade ?? '-'}`).join('\n'), 'utf8')
    .digest('hex');
}

/** The fingerprint of the officer pool: SHA-256 (hex) of the officer ids joined by "\n", in order. */
export function officerPoolHash(officers: readonly string[]): string {
  return createHash('sha256').update(officers.join('\n'), 'utf8').digest('hex');
}

/** Code-point order (what "sorted" means for the inputs, whatever the database's collation). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
