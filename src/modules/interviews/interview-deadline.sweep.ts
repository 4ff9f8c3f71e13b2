import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { scheduledTick, SWEEP_CRON } from '../../common/schedule/sweep-schedule.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { InterviewsService, SWEEP_JOB } from './interviews.service.js';

/**
 * Every 10 minutes (SWEEP_INTERVAL_SECONDS for drills), in every app process: the one that takes the
 * lease fails the rectifications whose deadline passed with no report, once per tick. Runs only where ScheduleModule is loaded (SCHEDULER on).
 */
@Injectable()
export class InterviewDeadlineSweep {
  private readonly logger = new Logger('InterviewDeadlineSweep');

  constructor(
    private readonly interviews: InterviewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(SWEEP_CRON, { name: SWEEP_JOB })
  async tick(): Promise<void> {
    try {
      const now = new Date();
      const { ran, failed } = await this.interviews.runSweep(now, scheduledTick(now, this.config.sweepIntervalSeconds));
      if (ran && failed > 0) this.logger.log({ job: SWEEP_JOB, failed }, 'overdue rectifications failed');
    } catch (e) {
      // Logged by JobLock; the next tick tries again.
      this.logger.warn({ job: SWEEP_JOB, err: e instanceof Error ? e.message : String(e) }, 'sweep did not complete');
    }
  }
}
