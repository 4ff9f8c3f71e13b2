import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DIMENSIONS, type DimensionScores, type Weights } from './evaluation.constants.js';
import { type AccountScoreInput, formatHundredths, ScoreCalculator } from './score-calculator.js';

const calc = new ScoreCalculator();
const EQUAL: Weights = { D1: 20, D2: 20, D3: 20, D4: 20, D5: 20 };
const s = (D1: number, D2: number, D3: number, D4: number, D5: number): DimensionScores => ({ D1, D2, D3, D4, D5 });
const input = (scores: DimensionScores[], over: Partial<AccountScoreInput> = {}): AccountScoreInput => ({
  scores,
  weights: EQUAL,
  violations: 0,
  interviews: 0,
  blacklisted: false,
  ...over,
});
describe('ScoreCalculator: hand-worked cases', () => {
  it('three scores: plain mean per dimension, equal weights', () => {
    const r = calc.compute(input([s(80, 85, 70, 90, 75), s(90, 80, 75, 85, 80), s(85, 90, 80, 80, 70)]));
    // D1 (80+90+85)/3 = 85; D2 (85+80+90)/3 = 85; D3 (70+75+80)/3 = 75; D4 (90+85+80)/3 = 85; D5 (75+80+70)/3 = 75
    expect(DIMENSIONS.map((d) => r.dimensions[d].score)).toEqual([85, 85, 75, 85, 75]);
    expect(DIMENSIONS.every((d) => !r.dimensions[d].trimmed && r.dimensions[d].usedCount === 3)).toBe(true);
    // weighted = 20%×(85+85+75+85+75) = 0.2 × 405 = 81.00 → B
    expect(r).toMatchObject({ weighted: 81, deduction: 0, total: 81, grade: 'B', gradeBasis: 'score' });
  });

  it('three scores: a mean of thirds rounds half-up to 2 decimals before weighting', () => {
    // D1 (80+80+81)/3 = 80.333… → 80.33; D2 (80+81+81)/3 = 80.666… → 80.67; others 80
    const r = calc.compute(input([s(80, 80, 80, 80, 80), s(80, 81, 80, 80, 80), s(81, 81, 80, 80, 80)]));
    expect(r.dimensions.D1.score).toBe(80.33);
    expect(r.dimensions.D2.score).toBe(80.67);
    // 0.2 × (80.33 + 80.67 + 80 + 80 + 80) = 0.2 × 401.00 = 80.20
    expect(r.weighted).toBe(80.2);
  });

  it('four scores: without one highest and one lowest, ties leave one copy each', () => {
    // D1 [90, 90, 70, 70] → sorted 70 70 90 90 → 70, 90 → 80.00 (a tie at either end drops ONE score)
    // D2 [80, 80, 80, 80] → 80, 80 → 80.00
    // D3 [100, 0, 60, 70] → 0 60 70 100 → 60, 70 → 65.00
    // D4 [89, 90, 0, 100] → 0 89 90 100 → 89, 90 → 89.50
    // D5 [50, 51, 52, 53] → 51, 52 → 51.50
    const r = calc.compute(input([s(90, 80, 100, 89, 50), s(90, 80, 0, 90, 51), s(70, 80, 60, 0, 52), s(70, 80, 70, 100, 53)]));
    expect(DIMENSIONS.map((d) => r.dimensions[d].score)).toEqual([80, 80, 65, 89.5, 51.5]);
    expect(DIMENSIONS.every((d) => r.dimensions[d].trimmed && r.dimensions[d].usedCount === 2 && r.dimensions[d].scoreCount === 4)).toBe(true);
    // 0.2 × (80 + 80 + 65 + 89.5 + 51.5) = 0.2 × 366 = 73.20 → C
    expect(r).toMatchObject({ weighted: 73.2, total: 73.2, grade: 'C' });
  });

  it('five scores: the middle three', () => {
    // D1 [60, 100, 80, 85, 75] → 60 75 80 85 100 → (75+80+85)/3 = 80.00; other dimensions all 90 → 90.00
    const r = calc.compute(input([s(60, 90, 90, 90, 90), s(100, 90, 90, 90, 90), s(80, 90, 90, 90, 90), s(85, 90, 90, 90, 90), s(75, 90, 90, 90, 90)]));
    expect(r.dimensions.D1).toMatchObject({ score: 80, trimmed: true, usedCount: 3, usedSum: 240, scoreCount: 5 });
    // 0.2 × (80 + 90×4) = 0.2 × 440 = 88.00 → B
    expect(r).toMatchObject({ weighted: 88, grade: 'B' });
  });

  it('ten scores: a mean of eighths at exactly .005 rounds up', () => {
    // D1 [0, 100, 80×7, 81] → drop 0 and 100 → 8 scores summing 641 → 80.125 → 80.13
    const d1 = [0, 100, 80, 80, 80, 80, 80, 80, 80, 81];
    const r = calc.compute(input(d1.map((m) => s(m, 80, 80, 80, 80))));
    expect(r.dimensions.D1.score).toBe(80.13);
  });

  it('custom weights: Σ weight × dimension score / 100, rounded half-up', () => {
    // D1 85.00 (85,85,85), D2 80.33 (80,80,81), D3 70.67 (70,71,71), D4/D5 weight 0
    // 33×85.00 + 33×80.33 + 34×70.67 = 2805 + 2650.89 + 2402.78 = 7858.67 → /100 = 78.5867 → 78.59 → B
    const weights: Weights = { D1: 33, D2: 33, D3: 34, D4: 0, D5: 0 };
    const r = calc.compute(input([s(85, 80, 70, 0, 100), s(85, 80, 71, 0, 100), s(85, 81, 71, 0, 100)], { weights }));
    expect([r.dimensions.D1.score, r.dimensions.D2.score, r.dimensions.D3.score]).toEqual([85, 80.33, 70.67]);
    expect(r).toMatchObject({ weighted: 78.59, grade: 'B' });
  });

  it('the weighted total rounds half-up: 89.995 is 90.00 and A', () => {
    // weights D1 1, D2 99; D1 [89, 90, 0, 100] → 89.50; D2 90 → 1×89.50 + 99×90.00 = 89.50 + 8910 = 8999.50 → /100 = 89.995 → 90.00
    const weights: Weights = { D1: 1, D2: 99, D3: 0, D4: 0, D5: 0 };
    const r = calc.compute(input([s(89, 90, 0, 0, 0), s(90, 90, 0, 0, 0), s(0, 90, 0, 0, 0), s(100, 90, 0, 0, 0)], { weights }));
    expect(r.dimensions.D1.score).toBe(89.5);
    expect(r).toMatchObject({ weighted: 90, total: 90, grade: 'A' });
  });

  describe('grade boundaries on the 2-decimal total', () => {
    // weights D1 99, D2 1: total = (99×D1 + D2) / 100 with one score each
    const weights: Weights = { D1: 99, D2: 1, D3: 0, D4: 0, D5: 0 };
    it.each([
      [90, 89, 89.99, 'B'], // 99×90 + 89 = 8999 → 89.99
      [90, 90, 90, 'A'], //    99×90 + 90 = 9000 → 90.00
      [75, 74, 74.99, 'C'], // 99×75 + 74 = 7499 → 74.99
      [75, 75, 75, 'B'], //    7500 → 75.00
      [60, 59, 59.99, 'D'], // 99×60 + 59 = 5999 → 59.99
      [60, 60, 60, 'C'], //    6000 → 60.00
      [100, 100, 100, 'A'],
      [0, 0, 0, 'D'],
    ])('D1 %i, D2 %i → %d %s', (d1, d2, total, grade) => {
      const r = calc.compute(input([s(d1, d2, 0, 0, 0)], { weights }));
      expect(r.total).toBe(total);
      expect(r.grade).toBe(grade);
    });
  });

  it('deductions: 5 per violation and 10 per interview', () => {
    // weighted 81.00 (first case); 1 violation + 1 interview = 5 + 10 = 15 → 66.00 → C
    const r = calc.compute(input([s(80, 85, 70, 90, 75), s(90, 80, 75, 85, 80), s(85, 90, 80, 80, 70)], { violations: 1, interviews: 1 }));
    expect(r).toMatchObject({ weighted: 81, deduction: 15, total: 66, grade: 'C' });
    // 94.99 − 5 = 89.99 → B (a deduction can move an account across a bound)
    const near = calc.compute(input([s(95, 94, 0, 0, 0)], { weights: { D1: 99, D2: 1, D3: 0, D4: 0, D5: 0 }, violations: 1 }));
    expect(near).toMatchObject({ weighted: 94.99, deduction: 5, total: 89.99, grade: 'B' });
  });

  it('deductions reaching the floor stop at 0', () => {
    // 81.00 − (5×5 + 6×10) = 81 − 85 = −4 → 0 → D
    const r = calc.compute(input([s(80, 85, 70, 90, 75), s(90, 80, 75, 85, 80), s(85, 90, 80, 80, 70)], { violations: 5, interviews: 6 }));
    expect(r).toMatchObject({ weighted: 81, deduction: 85, total: 0, grade: 'D' });
    // exactly to 0: 60 − (2×5 + 5×10) = 0
    const exact = calc.compute(input([s(60, 60, 60, 60, 60)], { violations: 2, interviews: 5 }));
    expect(exact).toMatchObject({ weighted: 60, deduction: 60, total: 0, grade: 'D' });
  });

  it('an account blacklisted during the year is D whatever its score', () => {
    const r = calc.compute(input([s(100, 100, 100, 100, 100), s(100, 100, 100, 100, 100), s(100, 100, 100, 100, 100)], { blacklisted: true }));
    expect(r).toMatchObject({ weighted: 100, total: 100, blacklisted: true, grade: 'D', gradeBasis: 'blacklisted' });
    expect(calc.explain(r).gradeRule).toContain('黑名单');
  });

  it('explains the computation without any single evaluator’s marks', () => {
    const r = calc.compute(input([s(80, 85, 70, 90, 75), s(90, 80, 75, 85, 80), s(85, 90, 80, 80, 70)], { violations: 1 }));
    const detail = calc.explain(r);
    expect(detail.dimensions.map((d) => d.score)).toEqual([85, 85, 75, 85, 75]);
    expect(detail.weightedFormula).toBe('20%×85.00 + 20%×85.00 + 20%×75.00 + 20%×85.00 + 20%×75.00 = 81.00');
    expect(detail.deductionFormula).toBe('1次违规×5分 + 0次约谈×10分 = 5分');
    expect(detail).toMatchObject({ weighted: 81, deduction: 5, total: 76, grade: 'B', policyVersion: expect.any(String) });
    // The explanation holds the dimension means, counts and weights only.
    expect(JSON.stringify(detail)).not.toMatch(/"scores"|evaluator/);
  });

  it('a stored result explains itself as the fresh one did (columns + a few counts + the cycle’s rules)', () => {
    const weights: Weights = { D1: 30, D2: 20, D3: 10, D4: 20, D5: 20 };
    const r = calc.compute(input([s(80, 85, 70, 90, 75), s(90, 80, 75, 85, 80), s(85, 90, 80, 80, 70), s(60, 60, 60, 60, 60)], { weights, violations: 1, interviews: 1 }));
    const stored = calc.stored(r);
    // 4 scores → trimmed, 2 used; D1 sorted 60 80 85 90 → 80 + 85 = 165
    expect(stored).toEqual({ trimmed: true, usedCount: 2, usedSums: [165, 165, 145, 165, 145] });
    expect(JSON.stringify(stored).length).toBeLessThan(80);
    const row = {
      scoreCount: 4,
      d1: r.dimensions.D1.score,
      d2: r.dimensions.D2.score,
      d3: r.dimensions.D3.score,
      d4: r.dimensions.D4.score,
      d5: r.dimensions.D5.score,
      weighted: r.weighted,
      violations: r.violations,
      interviews: r.interviews,
      deduction: r.deduction,
      blacklisted: r.blacklisted,
      total: r.total,
      grade: r.grade,
    };
    expect(calc.explain(calc.restore(row, weights, stored))).toEqual(calc.explain(r));
    // Explained with the rules the cycle kept, not today's table.
    const older = new ScoreCalculator({ ...calc.rules, gradeBounds: { A: 85, B: 70, C: 60 }, policyVersion: 'old/1' });
    expect(older.explain(older.restore(row, weights, stored))).toMatchObject({ policyVersion: 'old/1', gradeRule: 'A≥85，B≥70，C≥60，D<60' });
  });

  it('refuses what the callers must never pass', () => {
    expect(() => calc.compute(input([]))).toThrow();
    expect(() => calc.compute(input([s(101, 0, 0, 0, 0)]))).toThrow();
    expect(() => calc.compute(input([s(50.5, 0, 0, 0, 0)]))).toThrow();
    expect(() => calc.compute(input([s(50, 0, 0, 0, 0)], { weights: { D1: 50, D2: 50, D3: 1, D4: 0, D5: 0 } }))).toThrow();
    expect(ScoreCalculator.weightsProblem({ D1: 20, D2: 20, D3: 20, D4: 20 })).toMatch(/D5/);
    expect(ScoreCalculator.weightsProblem({ D1: 20, D2: 20, D3: 20, D4: 20, D5: 20, D6: 0 })).toMatch(/D6/);
    expect(ScoreCalculator.weightsProblem({ D1: 20.5, D2: 19.5, D3: 20, D4: 20, D5: 20 })).toMatch(/整数/);
    expect(ScoreCalculator.weightsProblem({ D1: 20, D2: 20, D3: 20, D4: 20, D5: 21 })).toMatch(/101/);
    expect(ScoreCalculator.weightsProblem(EQUAL)).toBeNull();
  });

  it('formats hundredths exactly', () => {
    expect(formatHundredths(8999)).toBe('89.99');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(10000)).toBe('100.00');
  });
});

// ---------- properties ----------

const mark = fc.integer({ min: 0, max: 100 });
const scoresArb = fc.array(fc.record({ D1: mark, D2: mark, D3: mark, D4: mark, D5: mark }), { minLength: 1, maxLength: 8 });
/** Five non-negative integers summing to 100 (cut points in 0..100). */
const weightsArb = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }).map((cuts) => {
  const c = [0, ...[...cuts].sort((a, b) => a - b), 100];
  return Object.fromEntries(DIMENSIONS.map((d, i) => [d, c[i + 1] - c[i]])) as Weights;
});
const inputArb = fc.record({
  scores: scoresArb,
  weights: weightsArb,
  violations: fc.integer({ min: 0, max: 30 }),
  interviews: fc.integer({ min: 0, max: 15 }),
  blacklisted: fc.boolean(),
});
const dimArb = fc.constantFrom(...DIMENSIONS);

describe('ScoreCalculator: properties', () => {
  it('grades never leave A-D; totals stay within [0, 100] with at most 2 decimals', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const r = calc.compute(i);
        expect(['A', 'B', 'C', 'D']).toContain(r.grade);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(r.weighted).toBeLessThanOrEqual(100);
        expect(Math.round(r.total * 100) / 100).toBe(r.total);
        if (i.blacklisted) expect(r.grade).toBe('D');
        else expect(r.grade).toBe(calc.gradeOf(Math.round(r.total * 100)));
      }),
    );
  });

  it('raising a score never lowers the total nor the grade', () => {
    fc.assert(
      fc.property(inputArb, dimArb, fc.nat(), fc.integer({ min: 1, max: 100 }), (i, d, who, by) => {
        const n = who % i.scores.length;
        const raised = i.scores.map((x, k) => (k === n ? { ...x, [d]: Math.min(100, x[d] + by) } : x));
        const before = calc.compute(i);
        const after = calc.compute({ ...i, scores: raised });
        expect(after.weighted).toBeGreaterThanOrEqual(before.weighted);
        expect(after.total).toBeGreaterThanOrEqual(before.total);
        expect(after.grade <= before.grade).toBe(true); // 'A' < 'B' < 'C' < 'D'
      }),
    );
  });

  it('a dimension with weight 0 never changes the total', () => {
    fc.assert(
      fc.property(inputArb, dimArb, scoresArb, (i, d, other) => {
        const w = i.weights[d];
        if (w === 0) return;
        // Move d's weight onto its neighbour so d weighs nothing, then scramble d's marks.
        const to = DIMENSIONS[(DIMENSIONS.indexOf(d) + 1) % DIMENSIONS.length];
        const weights = { ...i.weights, [d]: 0, [to]: i.weights[to] + w };
        const scrambled = i.scores.map((x, k) => ({ ...x, [d]: other[k % other.length][d] }));
        expect(calc.compute({ ...i, weights, scores: scrambled }).total).toBe(calc.compute({ ...i, weights }).total);
      }),
    );
  });

  it('weights apply: all the weight on one dimension gives that dimension’s score', () => {
    fc.assert(
      fc.property(inputArb, dimArb, (i, d) => {
        const weights = Object.fromEntries(DIMENSIONS.map((x) => [x, x === d ? 100 : 0])) as Weights;
        const r = calc.compute({ ...i, weights });
        expect(r.weighted).toBe(r.dimensions[d].score);
      }),
    );
  });

  it('deductions are monotonic: one more violation or interview never raises the total or the grade', () => {
    fc.assert(
      fc.property(inputArb, fc.boolean(), (i, moreInterviews) => {
        const base = calc.compute(i);
        const worse = calc.compute(moreInterviews ? { ...i, interviews: i.interviews + 1 } : { ...i, violations: i.violations + 1 });
        expect(worse.total).toBeLessThanOrEqual(base.total);
        expect(worse.grade >= base.grade).toBe(true);
        const step = moreInterviews ? 10 : 5;
        expect(Math.round((base.total - worse.total) * 100)).toBe(Math.min(step * 100, Math.round(base.total * 100)));
      }),
    );
  });

  it('equal dimension scores give that score whatever the weights', () => {
    fc.assert(
      fc.property(weightsArb, mark, (weights, m) => {
        expect(calc.compute(input([s(m, m, m, m, m), s(m, m, m, m, m), s(m, m, m, m, m)], { weights })).weighted).toBe(m);
      }),
    );
  });
});
