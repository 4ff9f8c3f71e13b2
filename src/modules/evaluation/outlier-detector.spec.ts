import { describe, expect, it } from '@jest/globals';
import type { DimensionScores } from './evaluation.constants.js';
import { OutlierAccumulator } from './outlier-detector.js';

const all = (m: number): DimensionScores => ({ D1: m, D2: m, D3: m, D4: m, D5: m });
const withD1 = (d1: number): DimensionScores => ({ ...all(80), D1: d1 });

describe('OutlierAccumulator', () => {
  it('flags the one harsh evaluator among six who scored the same account', () => {
    // D1: E1..E5 give 80, E6 gives 20 → account mean (5×80 + 20)/6 = 70
    // deviations: E1..E5 +10, E6 −50 → μ = (5×10 − 50)/6 = 0
    // σ = √((5×10² + 50²)/6) = √(3000/6) = √500 ≈ 22.36 → z(E6) = −50/22.36 ≈ −2.236 < −2: flagged;
    // z(E1..E5) = 10/22.36 ≈ 0.447. D2..D5: everyone 80, σ = 0, nobody flagged.
    const acc = new OutlierAccumulator(2);
    acc.addAccount(['E1', 'E2', 'E3', 'E4', 'E5', 'E6'].map((id) => ({ evaluatorId: id, scores: withD1(id === 'E6' ? 20 : 80) })));
    const flags = acc.findings();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ evaluatorId: 'E6', dimension: 'D1', meanDeviation: -50, accounts: 1 });
    expect(flags[0].zScore).toBeCloseTo(-Math.sqrt(5), 6);
  });

  it('follows an evaluator across accounts (six evaluators, three per account, in rotation)', () => {
    // Account k is scored by E(k), E(k+1), E(k+2) (mod 6). Everyone gives 80 on D1, E6 gives 50.
    // An account with E6: 80, 80, 50 → mean 70 → E6 −20, the two others +10 each; else all 0.
    // E6 sits on 3 accounts → δ = −20. E1: {1,2,3} 0, {5,6,1} +10, {6,1,2} +10 → 20/3 ≈ 6.667;
    // E2: {6,1,2} → 10/3; E3: 0; E4: {4,5,6} → 10/3; E5: {4,5,6}, {5,6,1} → 20/3.
    // μ = (20/3 + 10/3 + 0 + 10/3 + 20/3 − 20)/6 = 0; σ² = (2×400/9 + 2×100/9 + 400)/6 = 511.1/6 → σ ≈ 9.230
    // z(E6) = −20/9.230 ≈ −2.167: flagged; z(E1) = 6.667/9.230 ≈ 0.72: not.
    const acc = new OutlierAccumulator(2);
    const ids = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
    for (let k = 0; k < 6; k++) {
      const panel = [ids[k], ids[(k + 1) % 6], ids[(k + 2) % 6]];
      acc.addAccount(panel.map((id) => ({ evaluatorId: id, scores: withD1(id === 'E6' ? 50 : 80) })));
    }
    const dev = acc.meanDeviations();
    expect(dev.get('E6')!.deviations.D1).toBeCloseTo(-20, 9);
    expect(dev.get('E1')!.deviations.D1).toBeCloseTo(20 / 3, 9);
    expect(dev.get('E3')!.deviations.D1).toBeCloseTo(0, 9);
    expect(dev.get('E6')!.accounts).toBe(3);
    const flags = acc.findings();
    expect(flags.map((f) => [f.evaluatorId, f.dimension])).toEqual([['E6', 'D1']]);
    expect(flags[0].zScore).toBeCloseTo(-20 / Math.sqrt(511.111111111 / 6), 3);
  });

  it('never flags among three evaluators (the largest |z| of three is 2/√3 ≈ 1.15)', () => {
    const acc = new OutlierAccumulator(2);
    acc.addAccount([
      { evaluatorId: 'A', scores: all(100) },
      { evaluatorId: 'B', scores: all(100) },
      { evaluatorId: 'C', scores: all(0) },
    ]);
    expect(acc.findings()).toEqual([]);
  });

  it('flags the generous as well as the harsh, and nobody when everyone agrees', () => {
    const generous = new OutlierAccumulator(2);
    generous.addAccount(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7'].map((id) => ({ evaluatorId: id, scores: { ...all(70), D3: id === 'E7' ? 100 : 70 } })));
    expect(generous.findings()).toEqual([expect.objectContaining({ evaluatorId: 'E7', dimension: 'D3', zScore: expect.any(Number) })]);
    expect(generous.findings()[0].zScore).toBeGreaterThan(2);
    const calm = new OutlierAccumulator(2);
    calm.addAccount(['E1', 'E2', 'E3', 'E4', 'E5', 'E6'].map((id) => ({ evaluatorId: id, scores: all(75) })));
    expect(calm.findings()).toEqual([]);
  });
});
