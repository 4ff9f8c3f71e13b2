import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, VersionedEntity } from '../../database/base.entity.js';
import type { InterviewState } from './workflow/interview.workflow.js';

/** One officer of the panel, as named on the notice. */
export interface PanelOfficer {
  id: string;
  name: string;
}

/** 约谈 (§03.1-4, domain.md "Interviews"): notice, hold, rectification and its assessment. */
@Entity('interview')
@Index(['status', 'deadline'])
@Index(['accountId', 'status'])
@Index(['ownerId'])
@Index(['assessorId', 'status'])
@Index(['scheduledAt'])
// The figures (stats): interviews held in a year or a campaign's range.
@Index(['heldAt'])
export class Interview extends VersionedEntity {
  /** YH-WXYT-<year>-<4-digit seq>, gap-free per year. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24 })
  noticeNo: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /** The account's operator (denormalised for access checks). */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 36 })
  subjectId: string;

  /** As they stood when the notice was issued: the documents show what was sent. */
  @Column({ type: 'varchar', length: 128 })
  subjectName: string;

  @Column({ type: 'varchar', length: 128 })
  accountName: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  filingNo: string | null;

  @Column({ type: 'varchar', length: 16 })
  platform: string;

  /** Trigger codes of §03.2, comma-separated in order (`T1,T3`). */
  @Column({ type: 'varchar', length: 32 })
  triggers: string;

  @Column({ type: 'text' })
  facts: string;

  @Column({ type: 'datetime' })
  scheduledAt: Date;

  @Column({ type: 'varchar', length: 255 })
  location: string;

  /** JSON array of PanelOfficer: at least two distinct officers (policy interviewMinOfficers). */
  @Column({ type: 'text' })
  officers: string;

  @Column({ type: 'varchar', length: 64 })
  summonedName: string;

  @Column({ type: 'varchar', length: 64 })
  summonedTitle: string;

  /** The notice's date (Beijing). */
  @Column({ type: 'date' })
  noticeDate: string;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status: InterviewState;

  @Column({ type: 'varchar', length: 36 })
  createdBy: string;

  // — the hold —
  @Column({ type: 'datetime', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  heldBy: string | null;

  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  /** JSON array of strings: the problems pointed out. */
  @Column({ type: 'text', nullable: true })
  problems: string | null;

  /** JSON array of strings: the rectification requirements. */
  @Column({ type: 'text', nullable: true })
  requirements: string | null;

  /** Rectify by this Beijing date (default 15 working days after the hold, policy rectificationWorkingDays). */
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  /** 责令整改通知书 number, given at the hold. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  orderNo: string | null;

  // — refusal —
  @Column({ type: 'text', nullable: true })
  refusalNote: string | null;

  // — assessment (§03.4) —
  @Column({ type: 'varchar', length: 36, nullable: true })
  assessorId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  assessorName: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  assessorOrganization: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  assessmentResult: 'pass' | 'fail' | null;

  @Column({ type: 'text', nullable: true })
  assessmentComment: string | null;

  /**
   * When the case closed (passed, failed, refused). Millisecond precision: escalation compares it
   * with the approval of measures ("a later passed rectification", §03.5).
   */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  concludedAt: Date | null;
}

/** The interview's timeline: every step with who took it and the rule that justified it. */
@Entity('interview_event')
@Index(['interviewId', 'seq'], { unique: true })
export class InterviewEvent extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  interviewId: string;

  /** 1, 2, 3 … within the interview (its row is locked while an event is added). */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: InterviewState | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus: InterviewState;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  actorName: string;

  @Column({ type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 48 })
  policyKey: string;

  @Column({ type: 'varchar', length: 128 })
  citation: string;

  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;
}

/** 整改报告: submitted by the operator before the deadline (§03.3); one or more per interview. */
@Entity('rectification_report')
@Index(['interviewId', 'seq'], { unique: true })
export class RectificationReport extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  interviewId: string;

  /** 1, 2, 3 … within the interview: the order they came in (the interview's row is locked meanwhile). */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  report: string;

  @Column({ type: 'varchar', length: 36 })
  submittedBy: string;
}
