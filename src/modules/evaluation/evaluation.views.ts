import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension, type DimensionScores, GRADE_NAMES, type Weights } from './evaluation.constants.js';
import type { EvaluationAssignment, EvaluationCycle, EvaluationResult, EvaluationScore, EvaluatorFlag } from './evaluation.entity.js';
import { type ComputationDetail, POLICY_SCORE_RULES, ScoreCalculator, type ScoreRules, type StoredComputation } from './score-calculator.js';
import { type CycleState, cycleWorkflow } from './workflow/evaluation-cycle.workflow.js';

export function cycleWeights(c: EvaluationCycle): Weights {
  return { D1: c.weightD1, D2: c.weightD2, D3: c.weightD3, D4: c.weightD4, D5: c.weightD5 };
}

export function scoreMarks(s: EvaluationScore): DimensionScores {
  return { D1: s.d1, D2: s.d2, D3: s.d3, D4: s.d4, D5: s.d5 };
}

export const platformLabel = (p: string) => PLATFORM_LABELS[p as Platform] ?? p;

export interface CycleCounts {
  pending: number;
  scored: number;
}

export function cycleView(c: EvaluationCycle, counts?: CycleCounts) {
  return {
    id: c.id,
    year: c.year,
    status: c.status,
    statusLabel: cycleWorkflow.def.labels[c.status],
    weights: cycleWeights(c),
    dimensions: DIMENSIONS.map((d) => ({ code: d, label: DIMENSION_LABELS[d], weight: cycleWeights(c)[d] })),
    evaluatorsPerAccount: c.evaluatorsPerAccount,
    counts: {
      accounts: c.accountCount,
      assignments: c.assignmentCount,
      ...(counts ? { scored: counts.scored, pending: counts.pending } : {}),
      results: c.resultCount,
      grades: { A: c.gradeA, B: c.gradeB, C: c.gradeC, D: c.gradeD },
      flags: c.flagCount,
    },
    actions: cycleWorkflow.actionsFrom(c.status as CycleState).filter((a) => a !== 'score'),
    policyVersion: c.policyVersion,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    openedAt: c.openedAt,
    assignedAt: c.assignedAt,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    publishedAt: c.publishedAt,
    publishedBy: c.publishedBy,
  };
}

/** What the audit trail keeps of a cycle. */
export function cycleAuditView(c: EvaluationCycle) {
  return {
    year: c.year,
    status: c.status,
    weights: cycleWeights(c),
    accountCount: c.accountCount,
    assignmentCount: c.assignmentCount,
    resultCount: c.resultCount,
    grades: { A: c.gradeA, B: c.gradeB, C: c.gradeC, D: c.gradeD },
    flagCount: c.flagCount,
    policyVersion: c.policyVersion,
  };
}

export function scoreView(s: EvaluationScore | null | undefined) {
  if (!s) return null;
  return { ...scoreMarks(s), comment: s.comment, submittedAt: s.submittedAt, revision: s.revision };
}

export interface AssignmentAccount {
  name: string;
  platform: string;
  filingNo: string | null;
}

export function assignmentView(a: EvaluationAssignment, cycle: EvaluationCycle | undefined, account: AssignmentAccount | undefined, score: EvaluationScore | null | undefined) {
  return {
    id: a.id,
    cycleId: a.cycleId,
    year: cycle?.year ?? null,
    cycleStatus: cycle?.status ?? null,
    cycleStatusLabel: cycle ? cycleWorkflow.def.labels[cycle.status] : null,
    accountId: a.accountId,
    account: account
      ? { name: account.name, platform: account.platform, platformLabel: platformLabel(account.platform), filingNo: account.filingNo }
      : null,
    evaluatorOrganization: a.evaluatorOrganization,
    status: a.status,
    statusLabel: a.status === 'scored' ? '已评分' : '待评分',
    scoredAt: a.scoredAt,
    score: scoreView(score),
  };
}

function dimensionScores(r: EvaluationResult): Record<Dimension, number> {
  return { D1: r.d1, D2: r.d2, D3: r.d3, D4: r.d4, D5: r.d5 };
}

/** Renders "how it was computed" for a cycle's results, with the rules the cycle closed under. */
export type Explainer = (r: EvaluationResult) => ComputationDetail;

export function explainerFor(c: EvaluationCycle): Explainer {
  const rules: ScoreRules = c.rules ? (JSON.parse(c.rules) as ScoreRules) : POLICY_SCORE_RULES;
  const calculator = new ScoreCalculator(rules);
  const weights = cycleWeights(c);
  return (r) => calculator.explain(calculator.restore(r, weights, JSON.parse(r.detail) as StoredComputation));
}

/** A result as the office sees it (officer, approver). */
export function resultView(r: EvaluationResult, explain: Explainer) {
  return {
    accountId: r.accountId,
    filingNo: r.filingNo,
    name: r.accountName,
    platform: r.platform,
    platformLabel: platformLabel(r.platform),
    scoreCount: r.scoreCount,
    dimensions: dimensionScores(r),
    weighted: r.weighted,
    violations: r.violations,
    interviews: r.interviews,
    deduction: r.deduction,
    blacklisted: r.blacklisted,
    total: r.total,
    grade: r.grade,
    gradeLabel: GRADE_NAMES[r.grade],
    computation: explain(r),
  };
}

/** An account's published result for its operator: the grade and how it was computed, no single evaluator's marks. */
export function accountEvaluationView(r: EvaluationResult, c: EvaluationCycle) {
  const explain = explainerFor(c);
  return {
    cycleId: c.id,
    year: c.year,
    publishedAt: c.publishedAt,
    grade: r.grade,
    gradeLabel: GRADE_NAMES[r.grade],
    total: r.total,
    weighted: r.weighted,
    deduction: r.deduction,
    violations: r.violations,
    interviews: r.interviews,
    blacklisted: r.blacklisted,
    dimensions: dimensionScores(r),
    computation: explain(r),
  };
}

export function flagView(f: EvaluatorFlag, evaluator?: { displayName: string; organization: string | null }) {
  return {
    id: f.id,
    evaluatorId: f.evaluatorId,
    evaluatorName: evaluator?.displayName ?? null,
    evaluatorOrganization: evaluator?.organization ?? null,
    dimension: f.dimension,
    dimensionLabel: DIMENSION_LABELS[f.dimension as Dimension] ?? f.dimension,
    deviation: f.deviation,
    zScore: f.zScore,
    accounts: f.accounts,
    direction: f.deviation >= 0 ? '偏高' : '偏低',
  };
}
