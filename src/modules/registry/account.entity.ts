import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { ContentCategory, Grade, Platform } from './registry.constants.js';
import type { AccountState } from './workflow/account.workflow.js';

/** 自媒体账号 (domain.md "Account"). */
@Entity('media_account')
@Index(['platform', 'platformAccountId'], { unique: true })
@Index(['ownerId'])
@Index(['subjectId'])
@Index(['status', 'createdAt'])
// The annual figures (stats): accounts filed in a year, and the grade × platform matrix, read from the index alone.
@Index(['filedAt', 'status', 'platform', 'grade', 'gradeYear'])
export class MediaAccount extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  subjectId: string;

  /** Denormalised from the subject: object-level access checks need no join. */
  @Column({ type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 16 })
  platform: Platform;

  @Column({ type: 'varchar', length: 128 })
  platformAccountId: string;

  @Index()
  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 512, nullable: true })
  url: string | null;

  @Column({ type: 'varchar', length: 32 })
  category: ContentCategory;

  @Column({ type: 'int', default: 0 })
  followers: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  qualificationType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  qualificationNumber: string | null;

  @Column({ type: 'date', nullable: true })
  qualificationExpiry: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: AccountState;

  /** YH-ZMT-<year>-<6-digit seq>, given on approval. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  filingNo: string | null;

  @Column({ type: 'datetime', nullable: true })
  filedAt: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'datetime', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  /** From the last published evaluation (§04.4 graded management). */
  @Column({ type: 'varchar', length: 1, nullable: true })
  grade: Grade | null;

  @Column({ type: 'int', nullable: true })
  gradeYear: number | null;
}
