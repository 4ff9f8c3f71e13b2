import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { RosterSnapshot } from './roster-snapshot.js';
import type { StaffFilingState } from './workflow/staff-filing.workflow.js';

/**
 * One version of an account's roster filing (§02.7 "及时更新调整记录，并报区网信办备案"). The snapshot
 * freezes the roster, trainings and records as submitted; every version stays readable.
 */
@Entity('staff_filing')
@Index(['accountId', 'version'], { unique: true })
@Index(['status', 'createdAt'])
export class StaffFiling extends VersionedEntity {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /** 1, 2, 3... per account, gap-free (computed under the account's row lock). */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: StaffFilingState;

  /**
   * The roster as submitted; ID numbers and phones stay encrypted inside, as stored. A JSON column:
   * LONGTEXT on MariaDB and MySQL's JSON (MySQL TEXT would cap a large roster at 64 KB), TEXT on SQLite.
   */
  @Column({ type: 'json' })
  snapshot: RosterSnapshot;

  @Column({ type: 'varchar', length: 36 })
  submittedBy: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'datetime', nullable: true })
  reviewedAt: Date | null;

  /** The officer's reasons (required to return, optional to accept). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** The policy table version the roster rules were checked under (domain.md "The policy table"). */
  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;
}
