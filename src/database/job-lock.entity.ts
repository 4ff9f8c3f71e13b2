import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A lease on a scheduled job, so that only one app process runs it at a time. */
@Entity('job_lock')
export class JobLockRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  holder: string;

  @Column({ type: 'datetime' })
  lockedUntil: Date;

  @Column({ type: 'datetime', nullable: true })
  lastRunAt: Date | null;
}
