import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity.js';
import type { TrainingOrganizer } from './staff.constants.js';

/** A training a staff member took part in (§02.6). Append-only. */
@Entity('staff_training')
@Index(['staffId', 'date'])
// The annual figures (stats): trainings of a year, their staff and hours, read from the index alone.
@Index(['date', 'staffId', 'halfHours'])
export class StaffTraining extends BaseEntity {
  @Column({ type: 'varchar', length: 36 })
  staffId: string;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 16 })
  organizer: TrainingOrganizer;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  /**
   * Hours in half-hour units (3 = 1.5 h): an integer is exact on both dialects, where a decimal comes
   * back as a string from MySQL and as a float from SQLite. The API speaks `hours`.
   */
  @Column({ type: 'int' })
  halfHours: number;
}
