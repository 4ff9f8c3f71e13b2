import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { JobLockRow } from './job-lock.entity.js';
import { UnitOfWork } from './unit-of-work.js';

export type JobOutcome<T> = { ran: true; result: T } | { ran: false };

/**
 * Scheduled sweeps run in every app process, but only the process that takes the job's lease
 * does the work: the lease is a row updated with a compare-and-set, valid on SQLite and on MySQL
 * shared by several processes. A crashed holder's lease expires after `ttlMs`.
 */
@Injectable()
export class JobLock {
  /** This process, as seen in the lock table. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('JobLock');

  constructor(private readonly uow: UnitOfWork) {}

  async tryAcquire(name: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    return this.uow.run(async (m) => {
      const table = m.getRepository(JobLockRow).metadata.tableName;
      await this.uow.insertIgnore(m, table, { name, holder: '', lockedUntil: toSqlDate(new Date(0)) });
      const result = await m
        .createQueryBuilder()
        .update(JobLockRow)
        .set({ holder: this.holder, lockedUntil: new Date(now.getTime() + ttlMs) })
        .where('name = :name AND (lockedUntil < :now OR holder = :holder)', { name, now, holder: this.holder })
        .execute();
      return (result.affected ?? 0) === 1;
    });
  }

  async release(name: string): Promise<void> {
    await this.uow.run((m) =>
      m
        .createQueryBuilder()
        .update(JobLockRow)
        .set({ lockedUntil: new Date(0), lastRunAt: new Date() })
        .where('name = :name AND holder = :holder', { name, holder: this.holder })
        .execute(),
    );
  }

  /** Runs `work` if this process wins the lease; otherwise reports that another process has it. */
  async runExclusive<T>(name: string, ttlMs: number, work: () => Promise<T>): Promise<JobOutcome<T>> {
    if (!(await this.tryAcquire(name, ttlMs))) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } catch (e) {
      this.logger.error({ job: name, err: e instanceof Error ? e.message : String(e) }, 'scheduled job failed');
      throw e;
    } finally {
      await this.release(name);
    }
  }
}

function toSqlDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
