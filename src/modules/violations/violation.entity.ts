import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity.js';
import type { ViolationCategory, ViolationSource } from './violation-categories.js';

/** A recorded, substantiated breach on an account (domain.md "Violations"). */
@Entity('violation')
@Index(['accountId', 'occurredAt'])
@Index(['occurredAt'])
export class Violation extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 8 })
  category: ViolationCategory;

  @Column({ type: 'varchar', length: 24 })
  source: ViolationSource;

  @Column({ type: 'text' })
  facts: string;

  /** The day the breach happened (Beijing date). */
  @Column({ type: 'date' })
  occurredAt: string;

  /** The report that led to it, when it came from one. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  reportId: string | null;

  @Column({ type: 'varchar', length: 36 })
  recordedBy: string;

  /** §02.3: the operator must correct and apologise publicly. */
  @Column({ type: 'boolean', default: false })
  correctionRequired: boolean;

  @Column({ type: 'varchar', length: 64 })
  citation: string;

  @Column({ type: 'varchar', length: 32 })
  policyVersion: string;
}
