import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity.js';
import type { StaffRecordKind } from './staff.constants.js';

/** A reward or punishment of a staff member (§02.7 奖惩情况). Append-only. */
@Entity('staff_record')
@Index(['staffId', 'date'])
export class StaffRecord extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  staffId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StaffRecordKind;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 1000 })
  description: string;
}
