import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CronExpression, SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * The schedule of every sweep (`@Cron(SWEEP_CRON, …)`): every 10 minutes on the clock (:00, :10 …),
 * so every app process ticks at the same instants and the job lease (JobLock) lets one of them work
 * per tick. SWEEP_INTERVAL_SECONDS (a divisor of 60) shortens it for drills.
 */
export const SWEEP_CRON = CronExpression.EVERY_10_MINUTES;
const DEFAULT_PERIOD_SECONDS = 600;

export function sweepCron(intervalSeconds?: number): string {
  return intervalSeconds ? `*/${intervalSeconds} * * * * *` : SWEEP_CRON;
}

/**
 * The scheduled instant of the tick that fired at `now` (cron fires at or just after it). Every
 * process computes the same instant for the same tick, so "once per tick" can be kept in the lease.
 */
export function scheduledTick(now: Date, intervalSeconds?: number): Date {
  const periodMs = (intervalSeconds ?? DEFAULT_PERIOD_SECONDS) * 1000;
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

/** Re-times the sweeps when SWEEP_INTERVAL_SECONDS is set (loaded only where the scheduler runs). */
@Injectable()
export class SweepSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.sweepIntervalSeconds;
    if (!seconds) return;
    for (const job of this.registry.getCronJobs().values()) {
      if (String(job.cronTime.source) !== SWEEP_CRON) continue;
      // The job's own CronTime class: setTime checks `instanceof`, and importing `cron` ourselves
      // could load another copy than the one @nestjs/schedule uses.
      const CronTime = job.cronTime.constructor as new (source: string) => typeof job.cronTime;
      job.setTime(new CronTime(sweepCron(seconds)));
    }
  }
}
