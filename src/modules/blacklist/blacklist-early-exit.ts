import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { isUniqueViolation } from '../registry/unique-violation.js';
import { BlacklistExit, BlacklistListing } from './blacklist-listing.entity.js';
import { wholeSecond } from './blacklist-term.js';
import { BlacklistService } from './blacklist.service.js';
import { exitAuditView, isInForce, listingAuditView, type ListingView } from './blacklist.views.js';
import type { ProposeExitDto, RejectListingDto } from './dto/blacklist.dto.js';
import { exitWorkflow, listingWorkflow } from './workflow/blacklist.workflow.js';

function oneExitOnly(): AppException {
  return AppException.duplicate('该黑名单已有待审批的提前移出提议', 'reason');
}

/**
 * Early exit from the blacklist (§03.5 对整改期内积极有效提升整改的自媒体账号，经区网信办评估同意的，
 * 可结束处罚): an officer proposes with the office's assessment, an approver other than the proposer
 * approves (the listing ends now and leaves the public list at once) or declines.
 */
@Injectable()
export class BlacklistEarlyExit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly blacklist: BlacklistService,
  ) {}

  /** An officer proposes ending a listing in force early, with the office's assessment. */
  proposeExit(actor: Actor, user: AuthUser, id: string, dto: ProposeExitDto): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow
      .run(async (m) => {
        const l = await this.uow.findForUpdate(m, BlacklistListing, { where: { id } });
        if (!l) throw AppException.notFound('黑名单记录');
        listingWorkflow.next(l.status, 'endEarly');
        if (!isInForce(l, now)) throw AppException.conflict('该黑名单期限已届满，将自动移出，无需提前移出');
        if (await m.findOne(BlacklistExit, { where: { openListingId: l.id }, select: { id: true } })) throw oneExitOnly();
        const ref = policyRef('blacklistEarlyExit');
        const x = m.create(BlacklistExit, {
          listingId: l.id,
          openListingId: l.id,
          accountId: l.accountId,
          status: exitWorkflow.def.initial,
          reason: dto.reason.trim(),
          assessment: dto.assessment?.trim() || null,
          proposedBy: user.id,
          proposedByName: user.displayName,
          decidedBy: null,
          decidedByName: null,
          decidedAt: null,
          rejectReason: null,
          policyKey: ref.policyKey,
          citation: ref.citation,
          policyVersion: ref.policyVersion,
        });
        await m.save(x);
        await this.audit.record(m, actor, { action: 'blacklist.exit_propose', entityType: 'blacklist', entityId: l.id, after: { ...exitAuditView(x), exitId: x.id, ...ref } });
        return this.blacklist.view(l, x, now);
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw oneExitOnly();
        throw e;
      });
  }

  /** The listing and its open early-exit proposal, for the approver (not the exit's proposer). */
  private async forExitDecision(m: EntityManager, user: AuthUser, id: string): Promise<{ l: BlacklistListing; x: BlacklistExit }> {
    const l = await this.uow.findForUpdate(m, BlacklistListing, { where: { id } });
    if (!l) throw AppException.notFound('黑名单记录');
    const x = await this.uow.findForUpdate(m, BlacklistExit, { where: { openListingId: l.id } });
    if (!x) throw AppException.conflict('该黑名单没有待审批的提前移出提议');
    if (x.proposedBy === user.id) throw AppException.forbidden('不能审批自己提出的提前移出提议');
    return { l, x };
  }

  /** Approved early exit: the listing ends now and leaves the public list at once. */
  approveExit(actor: Actor, user: AuthUser, id: string): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow.run(async (m) => {
      const { l, x } = await this.forExitDecision(m, user, id);
      const before = listingAuditView(l);
      const exitStatus = exitWorkflow.next(x.status, 'approve');
      const ended = listingWorkflow.next(l.status, 'endEarly');
      if (!isInForce(l, now)) throw AppException.conflict('该黑名单期限已届满，将自动移出');
      l.status = ended;
      x.status = exitStatus;
      x.openListingId = null;
      x.decidedBy = user.id;
      x.decidedByName = user.displayName;
      x.decidedAt = now;
      await m.save(x);
      l.openAccountId = null;
      l.endedAt = now;
      l.endReason = 'early_exit';
      await m.save(l);
      await this.audit.record(m, actor, {
        action: 'blacklist.exit_approve',
        entityType: 'blacklist',
        entityId: l.id,
        before,
        after: { ...listingAuditView(l), exitId: x.id, ...policyRef('blacklistEarlyExit'), approval: policyRef('blacklistApproval') },
      });
      return this.blacklist.view(l, x, now);
    });
  }

  rejectExit(actor: Actor, user: AuthUser, id: string, dto: RejectListingDto): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow.run(async (m) => {
      const { l, x } = await this.forExitDecision(m, user, id);
      const before = exitAuditView(x);
      x.status = exitWorkflow.next(x.status, 'reject');
      x.openListingId = null;
      x.decidedBy = user.id;
      x.decidedByName = user.displayName;
      x.decidedAt = now;
      x.rejectReason = dto.reason.trim();
      await m.save(x);
      await this.audit.record(m, actor, {
        action: 'blacklist.exit_reject',
        entityType: 'blacklist',
        entityId: l.id,
        before,
        after: { ...exitAuditView(x), exitId: x.id, rejectReason: x.rejectReason, ...policyRef('blacklistApproval') },
      });
      return this.blacklist.view(l, x, now);
    });
  }
}
