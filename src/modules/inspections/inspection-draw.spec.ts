import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { type DrawCandidate, type DrawInput, DrawStream, officerPoolHash, populationHash, runDraw, sampleSizeOf } from './inspection-draw.js';

const DEFAULT_WEIGHTS = { A: 1, B: 1, C: 2, D: 3, ungraded: 1 };
const EQUAL_WEIGHTS = { A: 1, B: 1, C: 1, D: 1, ungraded: 1 };

/** `n` accounts, grades cycling A, B, C, D (and ungraded every fifth when `withUngraded`). */
function population(n: number, withUngraded = false): DrawCandidate[] {
  const grades = withUngraded ? (['A', 'B', 'C', 'D', null] as const) : (['A', 'B', 'C', 'D'] as const);
  return Array.from({ length: n }, (_, i) => ({ id: `YH-ZMT-2026-${String(i + 1).padStart(6, '0')}`, grade: grades[i % grades.length] }));
}

const officers = (m: number) => Array.from({ length: m }, (_, i) => `officer-${String(i).padStart(3, '0')}`);

function input(over: Partial<DrawInput> = {}): DrawInput {
  return { seed: '2026-11-23 福彩3D 518', accounts: population(40, true), officers: officers(6), shareBasisPoints: 5000, weights: DEFAULT_WEIGHTS, ...over };
}

describe('the inspection draw (双随机)', () => {
  it('gives the same result for the same input', () => {
    const a = runDraw(input());
    const b = runDraw(input());
    expect(b).toEqual(a);
    // Copies of the arrays give the same result: nothing but the values counts.
    expect(runDraw({ ...input(), accounts: [...input().accounts], officers: [...input().officers] })).toEqual(a);
  });

  it('gives a different result for a different seed', () => {
    const base = runDraw(input()).picks.map((p) => p.position);
    const differing = ['seed-1', 'seed-2', 'seed-3', '2026-11-23 福彩3D 519'].filter((seed) => {
      const other = runDraw(input({ seed })).picks.map((p) => p.position);
      return JSON.stringify(other) !== JSON.stringify(base);
    });
    expect(differing).toHaveLength(4);
  });

  it('is pinned: v1 of the algorithm answers exactly this (a change to it must change its name)', () => {
    const r = runDraw({ seed: 'yuhang', accounts: population(10, true), officers: officers(4), shareBasisPoints: 5000, weights: DEFAULT_WEIGHTS });
    // The first block of the stream, written out so a re-implementation can check its first step.
    const first = createHash('sha256').update('yh-inspection-draw/v1\nyuhang\n0', 'utf8').digest().readUIntBE(0, 6);
    expect(new DrawStream('yuhang').next48()).toBe(first);
    expect(r.sampleSize).toBe(5);
    expect(r.picks.map((p) => [p.position, ...p.officerPositions])).toEqual(PINNED);
  });

  it('honours the share: k = ⌈share × N⌉', () => {
    for (const [n, bp, k] of [
      [40, 5000, 20],
      [7, 5000, 4],
      [1, 5000, 1],
      [100, 5500, 55],
      [3, 10000, 3],
      [9, 3333, 3],
      [0, 5000, 0],
    ] as const) {
      expect(sampleSizeOf(n, bp)).toBe(k);
      if (n > 0) {
        const r = runDraw(input({ accounts: population(n), shareBasisPoints: bp }));
        expect(r.sampleSize).toBe(k);
        expect(r.picks).toHaveLength(k);
        expect(new Set(r.picks.map((p) => p.position)).size).toBe(k);
      }
    }
  });

  it('draws without replacement and maps positions to the given ids', () => {
    const accounts = population(25);
    const r = runDraw(input({ accounts, shareBasisPoints: 10000 }));
    expect(r.picks.map((p) => p.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    for (const p of r.picks) expect(p.id).toBe(accounts[p.position].id);
    expect(r.picks.map((p) => p.order)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('gives every inspection two distinct officers from the pool', () => {
    for (const m of [2, 3, 10]) {
      for (let s = 0; s < 30; s++) {
        const pool = officers(m);
        const r = runDraw(input({ seed: `s${s}`, officers: pool }));
        for (const p of r.picks) {
          expect(p.officerIds[0]).not.toBe(p.officerIds[1]);
          expect(pool[p.officerPositions[0]]).toBe(p.officerIds[0]);
          expect(pool[p.officerPositions[1]]).toBe(p.officerIds[1]);
        }
      }
    }
  });

  it('spreads officers evenly over many draws (each pair about equally often)', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (let s = 0; s < 300; s++) {
      for (const p of runDraw(input({ seed: `pairs-${s}`, officers: officers(3) })).picks) {
        const key = [...p.officerPositions].sort().join('-');
        counts.set(key, (counts.get(key) ?? 0) + 1);
        total += 1;
      }
    }
    expect([...counts.keys()].sort()).toEqual(['0-1', '0-2', '1-2']);
    for (const c of counts.values()) expect(Math.abs(c / total - 1 / 3)).toBeLessThan(0.03);
  });

  it('weights shift the sample toward grades C and D (statistically, over many seeds)', () => {
    // 25 accounts of each grade, half of them drawn.
    const accounts = population(100);
    const seeds = Array.from({ length: 400 }, (_, i) => `stat-${i}`);
    const rate = (weights: DrawInput['weights']) => {
      const hits: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
      for (const seed of seeds) for (const p of runDraw(input({ seed, accounts, weights })).picks) hits[accounts[p.position].grade!] += 1;
      // Inclusion rate per account of the grade.
      return Object.fromEntries(Object.entries(hits).map(([g, h]) => [g, h / (seeds.length * 25)])) as Record<'A' | 'B' | 'C' | 'D', number>;
    };
    const weighted = rate(DEFAULT_WEIGHTS);
    expect(weighted.D).toBeGreaterThan(weighted.C + 0.05);
    expect(weighted.C).toBeGreaterThan(weighted.A + 0.1);
    expect(Math.abs(weighted.A - weighted.B)).toBeLessThan(0.03);
    // C and D make up clearly more than half of the sample.
    expect((weighted.C + weighted.D) / 2).toBeGreaterThan(0.6);

    // Equal weights: every grade about 50 % (standard error ≈ 0.005 over 10,000 inclusions each).
    const equal = rate(EQUAL_WEIGHTS);
    for (const g of ['A', 'B', 'C', 'D'] as const) expect(Math.abs(equal[g] - 0.5)).toBeLessThan(0.03);
  });

  it('refuses inputs it cannot draw from', () => {
    expect(() => runDraw(input({ officers: ['only-one'] }))).toThrow(RangeError);
    expect(() => runDraw(input({ officers: ['x', 'x'] }))).toThrow(RangeError);
    expect(() => runDraw(input({ shareBasisPoints: 0 }))).toThrow(RangeError);
    expect(() => runDraw(input({ shareBasisPoints: 10001 }))).toThrow(RangeError);
    expect(() => runDraw(input({ weights: { ...DEFAULT_WEIGHTS, C: 0 } }))).toThrow(RangeError);
    expect(() => runDraw(input({ weights: { ...DEFAULT_WEIGHTS, D: 1.5 } }))).toThrow(RangeError);
    expect(() => runDraw(input({ seed: '' }))).toThrow(RangeError);
    expect(runDraw(input({ accounts: [] }))).toMatchObject({ populationSize: 0, sampleSize: 0, picks: [] });
  });

  it('draws uniform integers below n without bias at the edges', () => {
    const s = new DrawStream('edges');
    for (const n of [1, 2, 3, 7, 1000, 2 ** 48]) {
      for (let i = 0; i < 50; i++) {
        const x = s.below(n);
        expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      }
    }
    expect(() => s.below(0)).toThrow(RangeError);
    expect(() => s.below(2 ** 48 + 1)).toThrow(RangeError);
  });

  it('fingerprints the population and the officer pool', () => {
    const accounts = population(3, true);
    expect(populationHash(accounts)).toBe(createHash('sha256').update('YH-ZMT-2026-000001:A\nYH-ZMT-2026-000002:B\nYH-ZMT-2026-000003:C').digest('hex'));
    expect(populationHash([{ id: 'X', grade: null }])).toBe(createHash('sha256').update('X:-').digest('hex'));
    expect(officerPoolHash(['a', 'b'])).toBe(createHash('sha256').update('a\nb').digest('hex'));
  });
});

/** [position, officer a, officer b] per pick; checked against an independent Python implementation of the description. */
const PINNED: number[][] = [
  [8, 1, 2],
  [3, 2, 0],
  [9, 1, 0],
  [7, 3, 1],
  [5, 0, 2],
];
