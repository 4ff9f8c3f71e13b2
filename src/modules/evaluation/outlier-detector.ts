import { POLICY } from '../../policy/policy-table.js';
import { DIMENSIONS, type Dimension, type DimensionScores } from './evaluation.constants.js';

/**
 * Evaluators whose scores sit far from the others' (§04.5, policy `outlierStdDevs`), defined so:
 *
 * 1. For every account and dimension, the account mean m(a,d) is the plain mean of ALL the scores
 *    the account received on that dimension (untrimmed, the evaluator's own included).
 * 2. An evaluator's deviation on an account is their score minus that mean; their mean deviation
 *    δ(e,d) is the average over every account they scored in the cycle (signed: + too generous,
 *    − too harsh).
 * 3. Over all evaluators who scored at least one account, μ(d) and σ(d) are the mean and the
 *    population standard deviation of the δ(e,d).
 * 4. An evaluator is flagged on d when |δ(e,d) − μ(d)| > k·σ(d), k = 2; never when σ(d) = 0.
 *
 * With population σ the largest possible |z| among n evaluators is (n−1)/√n, so flags need at
 * least 6 evaluators: with fewer, nobody can be 2σ away from a group they are part of. A district
 * pool is far larger. The accumulator takes one account at a time, so closing a cycle streams.
 */
export interface EvaluatorFlagFinding {
  evaluatorId: string;
  dimension: Dimension;
  /** δ(e,d), the evaluator's mean deviation from the account means. */
  meanDeviation: number;
  /** (δ − μ) / σ. */
  zScore: number;
  /** How many accounts the evaluator scored. */
  accounts: number;
}

export class OutlierAccumulator {
  private readonly sums = new Map<string, { dev: number[]; n: number }>();

  constructor(readonly stdDevs: number = POLICY.outlierStdDevs.value) {}

  /** One account's scores, one entry per evaluator. */
  addAccount(scores: readonly { evaluatorId: string; scores: DimensionScores }[]): void {
    if (scores.length === 0) return;
    const means = DIMENSIONS.map((d) => scores.reduce((s, x) => s + x.scores[d], 0) / scores.length);
    for (const x of scores) {
      let acc = this.sums.get(x.evaluatorId);
      if (!acc) {
        acc = { dev: DIMENSIONS.map(() => 0), n: 0 };
        this.sums.set(x.evaluatorId, acc);
      }
      DIMENSIONS.forEach((d, i) => (acc.dev[i] += x.scores[d] - means[i]));
      acc.n += 1;
    }
  }

  /** Every evaluator's mean deviation per dimension (for tests and the office's view). */
  meanDeviations(): Map<string, { deviations: Record<Dimension, number>; accounts: number }> {
    const out = new Map<string, { deviations: Record<Dimension, number>; accounts: number }>();
    for (const [id, acc] of this.sums) {
      const deviations = {} as Record<Dimension, number>;
      DIMENSIONS.forEach((d, i) => (deviations[d] = acc.dev[i] / acc.n));
      out.set(id, { deviations, accounts: acc.n });
    }
    return out;
  }

  findings(): EvaluatorFlagFinding[] {
    const per = [...this.meanDeviations()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const out: EvaluatorFlagFinding[] = [];
    if (per.length === 0) return out;
    for (const d of DIMENSIONS) {
      const values = per.map(([, v]) => v.deviations[d]);
      const mu = values.reduce((s, x) => s + x, 0) / values.length;
      const sigma = Math.sqrt(values.reduce((s, x) => s + (x - mu) ** 2, 0) / values.length);
      if (!(sigma > 1e-9)) continue;
      for (const [evaluatorId, v] of per) {
        const z = (v.deviations[d] - mu) / sigma;
        // A small tolerance: a value exactly at k·σ is not "more than" k·σ despite float noise.
        if (Math.abs(z) > this.stdDevs + 1e-9) {
          out.push({ evaluatorId, dimension: d, meanDeviation: v.deviations[d], zScore: z, accounts: v.accounts });
        }
      }
    }
    return out;
  }
}
