import { Column, Entity, Index, type ValueTransformer } from 'typeorm';
import { BaseEntity, VersionedEntity } from '../../database/base.entity.js';
import type { Grade } from '../registry/registry.constants.js';
import type { CycleState } from './workflow/evaluation-cycle.workflow.js';

/**
 * Scores and totals are `decimal(5,2)` (style.md): exact in MariaDB. MySQL drivers answer decimals
 * as strings and SQLite as floats, so both are read back as numbers with 2 decimals; values are
 * written as '89.99' strings, made from integer hundredths by the ScoreCalculator.
 */
export const decimalNumber: ValueTransformer = {
  to: (v: number | string | null | undefined) => (v === null || v === undefined ? v : typeof v === 'string' ? v : v.toFixed(2)),
  from: (v: string | number | null) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100),
};

const score = { type: 'decimal', precision: 5, scale: 2, transformer: decimalNumber } as const;

/** 年度评议: one cycle a year (§04.4-5, domain.md "Annual evaluation"). */
@Entity('evaluation_cycle')
export class EvaluationCycle extends VersionedEntity {
  @Index({ unique: true })
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CycleState;

  /** Weights of D1..D5 in percent: integers summing to 100, fixed once the cycle opens. */
  @Column({ type: 'int' })
  weightD1: number;

  @Column({ type: 'int' })
  weightD2: number;

  @Column({ type: 'int' })
  weightD3: number;

  @Column({ type: 'int' })
  weightD4: number;

  @Column({ type: 'int' })
  weightD5: number;

  /** Accounts and assignments made by `assign` (all runs). */
  @Column({ type: 'int', default: 0 })
  accountCount: number;

  @Column({ type: 'int', default: 0 })
  assignmentCount: number;

  @Column({ type: 'int', nullable: true })
  evaluatorsPerAccount: number | null;

  /** Filled by `close`. */
  @Column({ type: 'int', default: 0 })
  resultCount: number;

  @Column({ type: 'int', default: 0 })
  gradeA: number;

  @Column({ type: 'int', default: 0 })
  gradeB: number;

  @Column({ type: 'int', default: 0 })
  gradeC: number;

  @Column({ type: 'int', default: 0 })
  gradeD: number;

  @Column({ type: 'int', default: 0 })
  flagCount: number;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ type: 'datetime', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  closedBy: string | null;

  @Column({ type: 'datetime', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  publishedBy: string | null;

  /**
   * JSON ScoreRules: the rules the results were computed with (deductions, grade bounds, trimming,
   * citations), copied from the policy table at close; results are explained with these.
   */
  @Column({ type: 'text', nullable: true })
  rules: string | null;

  /** The policy table version the cycle runs under (set at creation, again at close). */
  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;
}

/** One evaluator's task: one account in one cycle. */
@Entity('evaluation_assignment')
@Index(['cycleId', 'accountId', 'evaluatorId'], { unique: true })
@Index(['evaluatorId', 'cycleId'])
@Index(['cycleId', 'status'])
export class EvaluationAssignment extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 36 })
  evaluatorId: string;

  /** As it stood when assigned: the organisation rule is checked on this. */
  @Column({ type: 'varchar', length: 128 })
  evaluatorOrganization: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: 'pending' | 'scored';

  @Column({ type: 'datetime', nullable: true })
  scoredAt: Date | null;
}

/**
 * The evaluator's marks for an assignment: an integer 0-100 per dimension (the form asks for whole
 * points; means and totals carry the decimals). A re-submission replaces the row, audited.
 */
@Entity('evaluation_score')
export class EvaluationScore extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 36 })
  assignmentId: string;

  @Column({ type: 'int' })
  d1: number;

  @Column({ type: 'int' })
  d2: number;

  @Column({ type: 'int' })
  d3: number;

  @Column({ type: 'int' })
  d4: number;

  @Column({ type: 'int' })
  d5: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'datetime' })
  submittedAt: Date;

  /** 1 for the first submission, +1 for each replacement. */
  @Column({ type: 'int', default: 1 })
  revision: number;
}

/** An account's result in a cycle, as computed at close (the account as it stood then). */
@Entity('evaluation_result')
@Index(['cycleId', 'accountId'], { unique: true })
@Index(['cycleId', 'filingNo'])
@Index(['cycleId', 'grade'])
@Index(['accountId'])
export class EvaluationResult extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  filingNo: string | null;

  @Column({ type: 'varchar', length: 128 })
  accountName: string;

  @Column({ type: 'varchar', length: 16 })
  platform: string;

  /** Evaluators who scored it. */
  @Column({ type: 'int' })
  scoreCount: number;

  @Column(score)
  d1: number;

  @Column(score)
  d2: number;

  @Column(score)
  d3: number;

  @Column(score)
  d4: number;

  @Column(score)
  d5: number;

  @Column(score)
  weighted: number;

  @Column({ type: 'int' })
  violations: number;

  @Column({ type: 'int' })
  interviews: number;

  @Column(score)
  deduction: number;

  @Column({ type: 'boolean', default: false })
  blacklisted: boolean;

  @Column(score)
  total: number;

  @Column({ type: 'varchar', length: 1 })
  grade: Grade;

  /**
   * JSON StoredComputation: what the explanation of the grade needs beyond the columns (the counts
   * and sums the means were taken over); never a single evaluator's marks.
   */
  @Column({ type: 'text' })
  detail: string;
}

/** An evaluator whose marks sit far from the others' on a dimension (§04.5, OutlierAccumulator). */
@Entity('evaluator_flag')
@Index(['cycleId', 'evaluatorId'])
export class EvaluatorFlag extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  cycleId: string;

  @Column({ type: 'varchar', length: 36 })
  evaluatorId: string;

  @Column({ type: 'varchar', length: 2 })
  dimension: string;

  /** The evaluator's mean deviation from the account means (+ generous, − harsh). */
  @Column({ type: 'decimal', precision: 6, scale: 2, transformer: decimalNumber })
  deviation: number;

  @Column({ type: 'decimal', precision: 6, scale: 2, transformer: decimalNumber })
  zScore: number;

  @Column({ type: 'int' })
  accounts: number;
}
