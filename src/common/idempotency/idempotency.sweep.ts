import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { scheduledTick, SWEEP_CRON } from '../schedule/sweep-schedule.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JobLock } from '../../database/job-lock.js';
import { IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENCY_PURGE_JOB = 'idempotency-purge';
const PURGE_LEASE_MS = 5 * 60_000;

/** Expired idempotency records are deleted on the sweep schedule, by the one process holding the lease. */
@Injectable()
export class IdempotencySweep {
  private readonly logger = new Logger('IdempotencySweep');

  constructor(
    private readonly records: IdempotencyService,
    private readonly jobLock: JobLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(SWEEP_CRON, { name: IDEMPOTENCY_PURGE_JOB })
  async tick(): Promise<void> {
    try {
      const now = new Date();
      await this.runSweep(now, scheduledTick(now, this.config.sweepIntervalSeconds));
    } catch (e) {
      // Logged by JobLock; the next tick tries again.
      this.logger.warn({ job: IDEMPOTENCY_PURGE_JOB, err: e instanceof Error ? e.message : String(e) }, 'sweep did not complete');
    }
  }

  async runSweep(now: Date = new Date(), tick?: Date): Promise<{ ran: boolean; purged: number }> {
    const outcome = await this.jobLock.runExclusive(IDEMPOTENCY_PURGE_JOB, PURGE_LEASE_MS, () => this.records.purgeExpired(now), { tick });
    return outcome.ran ? { ran: true, purged: outcome.result } : { ran: false, purged: 0 };
  }
}
