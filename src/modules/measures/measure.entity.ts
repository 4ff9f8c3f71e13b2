import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, VersionedEntity } from '../../database/base.entity.js';
import type { AccountAction, AccountState } from '../registry/workflow/account.workflow.js';
import type { LetterKind } from './measure.constants.js';
import type { MeasureKind, MeasureState } from './workflow/measure.workflow.js';

/** 处置措施 (§03.3, §03.5): restrict, suspend, close, or lift one step; proposed, then approved by another person. */
@Entity('escalation_measure')
@Index(['accountId', 'status'])
@Index(['status', 'createdAt'])
export class EscalationMeasure extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /**
   * The account id while the proposal is open, null once decided: the unique index keeps one open
   * proposal per account even when two officers propose at the same moment.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  openAccountId: string | null;

  @Column({ type: 'varchar', length: 128 })
  accountName: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  filingNo: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind: MeasureKind;

  /** The interview the measure rests on: a failed rectification (restrict) or a passed one (lift). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  interviewId: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'proposed' })
  status: MeasureState;

  @Column({ type: 'varchar', length: 36 })
  proposedBy: string;

  @Column({ type: 'varchar', length: 64 })
  proposedByName: string;

  /** The rule the measure rests on, as it stood (domain.md "The policy table"). */
  @Column({ type: 'varchar', length: 48 })
  policyKey: string;

  @Column({ type: 'varchar', length: 128 })
  citation: string;

  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedByName: string | null;

  /** Millisecond precision: "a later passed rectification" is compared with it (§03.5). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  accountAction: AccountAction | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  accountStatusBefore: AccountState | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  accountStatusAfter: AccountState | null;

  /** A lift: the measure in force it lifts. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  liftsMeasureId: string | null;

  /** The number of the request to the upper-level office (请示), given on approval. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  decisionNo: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  replyReference: string | null;

  @Column({ type: 'date', nullable: true })
  repliedAt: string | null;

  @Column({ type: 'text', nullable: true })
  replyNote: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  replyRecordedBy: string | null;
}

/** A letter issued on approval, kept as issued (the OfficialDocument as JSON). */
@Entity('measure_letter')
@Index(['measureId', 'letter'], { unique: true })
export class MeasureLetter extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  measureId: string;

  @Column({ type: 'varchar', length: 16 })
  letter: LetterKind;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24 })
  number: string;

  @Column({ type: 'varchar', length: 128 })
  addressee: string;

  @Column({ type: 'text' })
  content: string;
}
