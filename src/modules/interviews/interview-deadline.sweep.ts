import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InterviewsService, SWEEP_JOB } from './interviews.service.js';

/**
 * Every 10 minutes, in every app process: the one that takes the lease fails the rectifications
 * whose deadline passed with no report. Runs only where ScheduleModule is loaded (SCHEDULER on).
 */
@Injectable()
export class InterviewDeadlineSweep {
  private readonly logger = new Logger('InterviewDeadlineSweep');

  constructor(private readonly interviews: InterviewsService) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: SWEEP_JOB })
  async tick(): Promise<void> {
    try {
      const { ran, failed } = await this.interviews.runSweep(new Date());
      if (ran && failed > 0) this.logger.log({ job: SWEEP_JOB, failed }, 'overdue rectifications failed');
    } catch (e) {
      // Logged by JobLock; the next tick tries again.
      this.logger.warn({ job: SWEEP_JOB, err: e instanceof Error ? e.message : String(e) }, 'sweep did not complete');
    }
  }
}
