import { POLICY, POLICY_VERSION } from '../../policy/policy-table.js';
import type { Grade } from '../registry/registry.constants.js';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension, type DimensionScores, type Weights } from './evaluation.constants.js';

/**
 * The annual evaluation's arithmetic (§04.4-5, domain.md "Annual evaluation"), pure: no Nest, no database.
 *
 * Rounding, decided so an operator can redo the sums from the figures shown to them:
 * - Everything is computed in hundredths of a point as integers (no binary fractions).
 * - A dimension's score is the mean of its scores (with `trimmedMeanMinScores` or more scores,
 *   without ONE highest and ONE lowest), rounded half-up to 2 decimals.
 * - The weighted total is Σ weight × dimension score / 100 from those rounded dimension scores,
 *   rounded half-up to 2 decimals.
 * - Deductions are whole points (5 per violation, 10 per interview), the total is floored at 0,
 *   and the grade is read from that 2-decimal total: 89.99 is B, 90.00 is A.
 * - An account blacklisted during the year is D whatever its total (the total is still shown).
 */
export interface ScoreRules {
  trimmedMeanMinScores: number;
  deductionPerViolation: number;
  deductionPerInterview: number;
  gradeBounds: { A: number; B: number; C: number };
  scoreMin: number;
  scoreMax: number;
  /** The policy table version the numbers come from, and their citations. */
  policyVersion: string;
  citations: { dimensions: string; trimmedMean: string; deductions: string; gradeBounds: string };
}

/**
 * The rules as the policy table sets them now. A cycle keeps a copy when it closes (its `rules`),
 * so its results are explained with the rules that produced them even after the table changes.
 */
export const POLICY_SCORE_RULES: ScoreRules = {
  trimmedMeanMinScores: POLICY.trimmedMeanMinScores.value,
  deductionPerViolation: POLICY.deductionPerViolation.value,
  deductionPerInterview: POLICY.deductionPerInterview.value,
  gradeBounds: POLICY.gradeBounds.value,
  scoreMin: POLICY.evaluationScoreRange.value.min,
  scoreMax: POLICY.evaluationScoreRange.value.max,
  policyVersion: POLICY_VERSION,
  citations: {
    dimensions: POLICY.evaluationDimensions.citation,
    trimmedMean: POLICY.trimmedMeanMinScores.citation,
    deductions: POLICY.deductionPerViolation.citation,
    gradeBounds: POLICY.gradeBounds.citation,
  },
};

/**
 * What a stored result keeps beyond its columns (a few bytes: 100,000 results stay small): how many
 * scores each dimension's mean was taken over and their sums. The explanation is rendered from
 * these, the columns, the cycle's weights and the cycle's rules (ScoreCalculator.restore + explain).
 */
export interface StoredComputation {
  trimmed: boolean;
  usedCount: number;
  /** Per dimension, D1..D5. */
  usedSums: number[];
}

/** A stored result's columns, as `restore` reads them. */
export interface ResultRecord {
  scoreCount: number;
  d1: number;
  d2: number;
  d3: number;
  d4: number;
  d5: number;
  weighted: number;
  violations: number;
  interviews: number;
  deduction: number;
  blacklisted: boolean;
  total: number;
  grade: Grade;
}

export interface AccountScoreInput {
  /** One entry per evaluator who scored the account. */
  scores: readonly DimensionScores[];
  weights: Weights;
  /** Substantiated violations that occurred in the cycle year. */
  violations: number;
  /** Interviews of the cycle year (held or refused, see AnnualConductRecord). */
  interviews: number;
  /** Listed on the blacklist at any time during the cycle year. */
  blacklisted: boolean;
}

export interface DimensionComputation {
  dimension: Dimension;
  label: string;
  weight: number;
  /** How many evaluators scored it. */
  scoreCount: number;
  /** True when the highest and the lowest score were left out. */
  trimmed: boolean;
  /** The scores the mean was taken over (their count) and their sum. */
  usedCount: number;
  usedSum: number;
  /** The dimension's score, 2 decimals. */
  score: number;
  /** weight × score / 100, unrounded (the weighted total rounds their sum). */
  contribution: number;
}

export interface AccountScore {
  dimensions: Record<Dimension, DimensionComputation>;
  weighted: number;
  violations: number;
  interviews: number;
  deduction: number;
  blacklisted: boolean;
  total: number;
  grade: Grade;
  /** 'score': read from the total; 'blacklisted': forced to D (§04.5). */
  gradeBasis: 'score' | 'blacklisted';
}

/** Half-up division of non-negative integers: round(a / b). */
function divHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** Hundredths as a number with 2 decimals (exact for the integers used here). */
export function fromHundredths(h: number): number {
  return Number(formatHundredths(h));
}

/** Hundredths as a decimal string, '89.99' (what decimal columns and the workbook receive). */
export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export class ScoreCalculator {
  constructor(readonly rules: ScoreRules = POLICY_SCORE_RULES) {}

  /** Weights must be five non-negative integers summing to 100 (the DTO checks this for people). */
  static weightsProblem(weights: unknown): string | null {
    if (!weights || typeof weights !== 'object' || Array.isArray(weights)) return '权重应为 D1 至 D5 五个维度的对象';
    const w = weights as Record<string, unknown>;
    const keys = Object.keys(w);
    const missing = DIMENSIONS.filter((d) => !(d in w));
    const extra = keys.filter((k) => !(DIMENSIONS as readonly string[]).includes(k));
    if (missing.length || extra.length) return `权重须且只须包含 D1 至 D5 五个维度${missing.length ? `（缺少 ${missing.join('、')}）` : ''}${extra.length ? `（多余 ${extra.join('、')}）` : ''}`;
    if (DIMENSIONS.some((d) => !Number.isInteger(w[d]) || (w[d] as number) < 0 || (w[d] as number) > 100)) return '每个维度的权重应为0至100的整数';
    const sum = DIMENSIONS.reduce((s, d) => s + (w[d] as number), 0);
    if (sum !== 100) return `五个维度的权重之和应为100（现为${sum}）`;
    return null;
  }

  /** A dimension's score in hundredths, and what it was taken over. */
  dimensionHundredths(scores: readonly number[]): { hundredths: number; trimmed: boolean; usedCount: number; usedSum: number } {
    if (scores.length === 0) throw new Error('a dimension needs at least one score');
    for (const s of scores) {
      if (!Number.isInteger(s) || s < this.rules.scoreMin || s > this.rules.scoreMax) throw new Error(`score out of range: ${s}`);
    }
    const trimmed = scores.length >= this.rules.trimmedMeanMinScores;
    const sorted = [...scores].sort((a, b) => a - b);
    // §04.5: without ONE highest and ONE lowest score, even when several share that value.
    const used = trimmed ? sorted.slice(1, -1) : sorted;
    const usedSum = used.reduce((s, x) => s + x, 0);
    return { hundredths: divHalfUp(usedSum * 100, used.length), trimmed, usedCount: used.length, usedSum };
  }

  /** Grade of a total in hundredths (bounds compared on the 2-decimal total). */
  gradeOf(totalHundredths: number): Grade {
    const b = this.rules.gradeBounds;
    if (totalHundredths >= b.A * 100) return 'A';
    if (totalHundredths >= b.B * 100) return 'B';
    if (totalHundredths >= b.C * 100) return 'C';
    return 'D';
  }

  compute(input: AccountScoreInput): AccountScore {
    const problem = ScoreCalculator.weightsProblem(input.weights);
    if (problem) throw new Error(problem);
    if (!Number.isInteger(input.violations) || input.violations < 0) throw new Error('violations must be a count');
    if (!Number.isInteger(input.interviews) || input.interviews < 0) throw new Error('interviews must be a count');
    const dimensions = {} as Record<Dimension, DimensionComputation>;
    let weightedSum = 0; // Σ weight × score-in-hundredths: an integer, 100 × the weighted total in hundredths
    for (const d of DIMENSIONS) {
      const dim = this.dimensionHundredths(input.scores.map((s) => s[d]));
      const weight = input.weights[d];
      weightedSum += weight * dim.hundredths;
      dimensions[d] = {
        dimension: d,
        label: DIMENSION_LABELS[d],
        weight,
        scoreCount: input.scores.length,
        trimmed: dim.trimmed,
        usedCount: dim.usedCount,
        usedSum: dim.usedSum,
        score: fromHundredths(dim.hundredths),
        contribution: (weight * dim.hundredths) / 10000,
      };
    }
    const weighted = divHalfUp(weightedSum, 100);
    const deduction = 100 * (input.violations * this.rules.deductionPerViolation + input.interviews * this.rules.deductionPerInterview);
    const total = Math.max(0, weighted - deduction);
    return {
      dimensions,
      weighted: fromHundredths(weighted),
      violations: input.violations,
      interviews: input.interviews,
      deduction: fromHundredths(deduction),
      blacklisted: input.blacklisted,
      total: fromHundredths(total),
      grade: input.blacklisted ? 'D' : this.gradeOf(total),
      gradeBasis: input.blacklisted ? 'blacklisted' : 'score',
    };
  }

  /** What a result row stores beside its columns. */
  stored(result: AccountScore): StoredComputation {
    return { trimmed: result.dimensions.D1.trimmed, usedCount: result.dimensions.D1.usedCount, usedSums: DIMENSIONS.map((d) => result.dimensions[d].usedSum) };
  }

  /** The computation of a stored result, rebuilt from its columns, the cycle's weights and what it stored. */
  restore(row: ResultRecord, weights: Weights, stored: StoredComputation): AccountScore {
    const dimensions = {} as Record<Dimension, DimensionComputation>;
    DIMENSIONS.forEach((d, i) => {
      const score = row[d.toLowerCase() as 'd1'];
      dimensions[d] = {
        dimension: d,
        label: DIMENSION_LABELS[d],
        weight: weights[d],
        scoreCount: row.scoreCount,
        trimmed: stored.trimmed,
        usedCount: stored.usedCount,
        usedSum: stored.usedSums[i],
        score,
        contribution: (weights[d] * Math.round(score * 100)) / 10000,
      };
    });
    return {
      dimensions,
      weighted: row.weighted,
      violations: row.violations,
      interviews: row.interviews,
      deduction: row.deduction,
      blacklisted: row.blacklisted,
      total: row.total,
      grade: row.grade,
      gradeBasis: row.blacklisted ? 'blacklisted' : 'score',
    };
  }

  /**
   * "How it was computed", for the account's operator and the office: the dimension scores, weights,
   * deductions and the rule for each step, never a single evaluator's marks.
   */
  explain(result: AccountScore): ComputationDetail {
    const r = this.rules;
    return {
      policyVersion: r.policyVersion,
      dimensions: DIMENSIONS.map((d) => {
        const x = result.dimensions[d];
        return {
          dimension: d,
          label: x.label,
          weight: x.weight,
          scoreCount: x.scoreCount,
          trimmed: x.trimmed,
          score: x.score,
          method: x.trimmed ? `${x.scoreCount}个评分去掉一个最高分和一个最低分后取平均` : `${x.scoreCount}个评分取平均`,
        };
      }),
      weighted: result.weighted,
      weightedFormula: `${DIMENSIONS.map((d) => `${result.dimensions[d].weight}%×${formatHundredths(Math.round(result.dimensions[d].score * 100))}`).join(' + ')} = ${formatHundredths(Math.round(result.weighted * 100))}`,
      violations: result.violations,
      interviews: result.interviews,
      deduction: result.deduction,
      deductionFormula: `${result.violations}次违规×${r.deductionPerViolation}分 + ${result.interviews}次约谈×${r.deductionPerInterview}分 = ${result.deduction}分`,
      total: result.total,
      blacklisted: result.blacklisted,
      grade: result.grade,
      gradeBasis: result.gradeBasis,
      gradeRule: result.blacklisted
        ? '年度内被列入黑名单，评议等级为不合格（D）'
        : `A≥${r.gradeBounds.A}，B≥${r.gradeBounds.B}，C≥${r.gradeBounds.C}，D<${r.gradeBounds.C}`,
      citations: { ...r.citations },
    };
  }
}

export interface ComputationDetail {
  policyVersion: string;
  dimensions: { dimension: Dimension; label: string; weight: number; scoreCount: number; trimmed: boolean; score: number; method: string }[];
  weighted: number;
  weightedFormula: string;
  violations: number;
  interviews: number;
  deduction: number;
  deductionFormula: string;
  total: number;
  blacklisted: boolean;
  grade: Grade;
  gradeBasis: 'score' | 'blacklisted';
  gradeRule: string;
  citations: Record<string, string>;
}
