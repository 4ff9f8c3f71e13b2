import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { SYSTEM_ACTOR } from '../../common/auth/roles.js';
import { scheduledTick, SWEEP_CRON } from '../../common/schedule/sweep-schedule.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JobLock } from '../../database/job-lock.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { BlacklistExit, BlacklistListing } from './blacklist-listing.entity.js';
import { listingAuditView } from './blacklist.views.js';
import { exitWorkflow, listingWorkflow } from './workflow/blacklist.workflow.js';

/** The lease of the expiry sweep (one process ends expired listings at a time). */
export const EXPIRY_SWEEP_JOB = 'blacklist-expiry-sweep';
const SWEEP_LEASE_MS = 5 * 60_000;

/**
 * The end of the term (§03.5, 12 months): every 10 minutes, in every app process, the one that takes
 * the lease records the listings whose term is over as ended (once per tick; SWEEP_INTERVAL_SECONDS
 * shortens the period for drills). The public list does not wait for it:
 * it shows only listings whose term is not over. The cron runs only where ScheduleModule is loaded.
 */
@Injectable()
export class BlacklistExpiry {
  private readonly logger = new Logger('BlacklistExpiry');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly jobLock: JobLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(SWEEP_CRON, { name: EXPIRY_SWEEP_JOB })
  async tick(): Promise<void> {
    try {
      const now = new Date();
      const { ran, ended } = await this.runSweep(now, scheduledTick(now, this.config.sweepIntervalSeconds));
      if (ran && ended > 0) this.logger.log({ job: EXPIRY_SWEEP_JOB, ended }, 'expired blacklist listings ended');
    } catch (e) {
      // Logged by JobLock; the next tick tries again.
      this.logger.warn({ job: EXPIRY_SWEEP_JOB, err: e instanceof Error ? e.message : String(e) }, 'sweep did not complete');
    }
  }

  /**
   * Listings whose term is over end (expired), each in its own transaction, re-checked under the
   * row lock, audited as `system`; an early-exit proposal still open lapses.
   */
  async sweepExpired(now: Date = new Date()): Promise<{ ended: number }> {
    const due = await this.dataSource.getRepository(BlacklistListing).find({
      where: { status: 'listed', endsAt: LessThanOrEqual(now) },
      select: { id: true },
      order: { endsAt: 'ASC' },
    });
    let ended = 0;
    for (const { id } of due) {
      const done = await this.uow.run(async (m) => {
        const l = await this.uow.findForUpdate(m, BlacklistListing, { where: { id } });
        if (!l || l.status !== 'listed' || !l.endsAt || l.endsAt.getTime() > now.getTime()) return false;
        const before = listingAuditView(l);
        l.status = listingWorkflow.next(l.status, 'expire');
        l.openAccountId = null;
        l.endedAt = l.endsAt;
        l.endReason = 'expired';
        await m.save(l);
        const x = await this.uow.findForUpdate(m, BlacklistExit, { where: { openListingId: l.id } });
        if (x) {
          x.status = exitWorkflow.next(x.status, 'lapse');
          x.openListingId = null;
          await m.save(x);
        }
        await this.audit.record(m, SYSTEM_ACTOR, {
          action: 'blacklist.expire',
          entityType: 'blacklist',
          entityId: l.id,
          before,
          after: { ...listingAuditView(l), sweptAt: now, lapsedExitId: x?.id ?? null, ...policyRef('blacklistTermMonths') },
        });
        return true;
      });
      if (done) ended += 1;
    }
    return { ended };
  }

  /**
   * The sweep under the job lease: with several app processes exactly one does the work at a time,
   * and, for a scheduled `tick`, once per tick.
   */
  async runSweep(now: Date = new Date(), tick?: Date): Promise<{ ran: boolean; ended: number }> {
    const outcome = await this.jobLock.runExclusive(EXPIRY_SWEEP_JOB, SWEEP_LEASE_MS, () => this.sweepExpired(now), { tick });
    return outcome.ran ? { ran: true, ended: outcome.result.ended } : { ran: false, ended: 0 };
  }
}
