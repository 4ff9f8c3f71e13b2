import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { ContentViolationCategory } from '../violations/violation-categories.js';
import type { ReportState } from './workflow/report.workflow.js';

/** 举报: filed by anyone (§04.6), followed by tracking code, verified by an officer. */
@Entity('public_report')
// The officers' queue (overdue = open past its due date), sorted by due date and arrival from the index alone.
@Index(['status', 'dueDate', 'createdAt'])
@Index(['accountId'])
@Index(['category', 'createdAt'])
@Index(['createdAt'])
// The annual figures (stats): reports received in a year by category and state, overdue ones, read from the index alone.
@Index(['createdAt', 'category', 'status', 'dueDate', 'concludedAt'])
// The annual figures and the campaign summary (stats): reports concluded in a range, by outcome, transferred to the police.
@Index(['concludedAt', 'status', 'category', 'department'])
@Index(['fingerprint', 'dedupeBucket'], { unique: true })
export class PublicReport extends VersionedEntity {
  /** Unguessable (80 random bits); the reporter's only handle on the report. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24 })
  trackingCode: string;

  /** The registered account, when the report could be matched to one. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  filingNo: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  platform: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  platformAccountId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  accountName: string | null;

  @Column({ type: 'varchar', length: 4 })
  category: ContentViolationCategory;

  @Column({ type: 'text' })
  description: string;

  /** JSON array of up to 5 URLs. */
  @Column({ type: 'text' })
  evidenceUrls: string;

  /** The reporter's contact, encrypted; seen by officers only. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  contactEnc: string | null;

  /** Keyed digest of the submission (source address, target, category, text) for the 10-minute duplicate rule. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** The 10-minute window the submission fell in (with fingerprint: unique, so a race makes one row). */
  @Column({ type: 'int' })
  dedupeBucket: number;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status: ReportState;

  /** Conclude by this Beijing date: 15 working days after receipt (policy reportConcludeWorkingDays). */
  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  handlerId: string | null;

  /** The officer's note: never shown to the reporter. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Transferred: the department it went to. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  department: string | null;

  @Column({ type: 'datetime', nullable: true })
  concludedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  violationId: string | null;
}
