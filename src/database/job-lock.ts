import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { JobLockRow } from './job-lock.entity.js';
import { UnitOfWork } from './unit-of-work.js';

export type JobOutcome<T> = { ran: true; result: T } | { ran: false };

export interface RunOptions {
  /**
   * The scheduled instant of this run (see `scheduledTick`): the job then runs at most once for it,
   * also when another process takes the lease after the first one has finished and released it.
   */
  tick?: Date;
}

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

  async tryAcquire(name: string, ttlMs: number, tick?: Date): Promise<boolean> {
    const now = new Date();
    const notYetForTick = tick ? ' AND (lastRunAt IS NULL OR lastRunAt < :tick)' : '';
    return this.uow.run(async (m) => {
      const table = m.getRepository(JobLockRow).metadata.tableName;
      await this.uow.insertIgnore(m, table, { name, holder: '', lockedUntil: toSqlDate(new Date(0)) });
      const result = await m
        .createQueryBuilder()
        .update(JobLockRow)
        .set({ holder: this.holder, lockedUntil: new Date(now.getTime() + ttlMs) })
        .where(`name = :name AND (lockedUntil < :now OR holder = :holder)${notYetForTick}`, { name, now, holder: this.holder, ...(tick ? { tick } : {}) })
        .execute();
      return (result.affected ?? 0) === 1;
    });
  }

  /** Ends the lease; `lastRunAt` is never before the tick, so the tick counts as done. */
  async release(name: string, tick?: Date): Promise<void> {
    const now = new Date();
    const lastRunAt = tick && tick.getTime() > now.getTime() ? tick : now;
    await this.uow.run((m) =>
      m
        .createQueryBuilder()
        .update(JobLockRow)
        .set({ lockedUntil: new Date(0), lastRunAt })
        .where('name = :name AND holder = :holder', { name, holder: this.holder })
        .execute(),
    );
  }

  /**
   * Runs `work` if this process wins the lease (and, with `tick`, no process has run this tick yet);
   * otherwise reports that another process has it. Every run is logged (`event: 'job.ran'`).
   */
  async runExclusive<T>(name: string, ttlMs: number, work: () => Promise<T>, opts: RunOptions = {}): Promise<JobOutcome<T>> {
    if (!(await this.tryAcquire(name, ttlMs, opts.tick))) return { ran: false };
    const started = Date.now();
    try {
      const result = await work();
      this.logger.log({ event: 'job.ran', job: name, tick: opts.tick?.toISOString() ?? null, holder: this.holder, ms: Date.now() - started }, 'scheduled job ran');
      return { ran: true, result };
    } catch (e) {
      this.logger.error({ job: name, err: e instanceof Error ? e.message : String(e) }, 'scheduled job failed');
      throw e;
    } finally {
      await this.release(name, opts.tick);
    }
  }
}

function toSqlDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
