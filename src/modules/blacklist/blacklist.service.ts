import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { chineseDate, type OfficialDocument } from '../../common/documents/official-document.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { type Page, pageOf, type PageQuery } from '../../common/http/pagination.js';
import { SequenceService } from '../../database/sequence.service.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import { RegistryService } from '../registry/registry.service.js';
import { Subject } from '../registry/subject.entity.js';
import { isUniqueViolation } from '../registry/unique-violation.js';
import { type Candidate, BlacklistCandidates } from './blacklist-candidates.js';
import { BlacklistCredit } from './blacklist-credit.js';
import { type BlacklistDocumentKind, blacklistDocument } from './blacklist-documents.js';
import { BlacklistExit, BlacklistListing } from './blacklist-listing.entity.js';
import { addMonthsBeijing, wholeSecond } from './blacklist-term.js';
import { formatDecisionNo, formatNoticeNo, RULE_LABELS, RULE_POLICY } from './blacklist.constants.js';
import {
  type DefenceWindow,
  exitView,
  type ExitView,
  isInForce,
  type JointRestrictionView,
  listingAuditView,
  listingView,
  type ListingView,
} from './blacklist.views.js';
import type { DefenceDto, ListingQuery, ProposeListingDto, RejectListingDto } from './dto/blacklist.dto.js';
import { listingWorkflow, PENDING_LISTING_STATES } from './workflow/blacklist.workflow.js';

export interface ListingDetail extends ListingView {
  jointRestriction: JointRestrictionView;
  exits: ExitView[];
}

export interface ExitQueueItem extends ExitView {
  accountId: string;
  accountName: string;
  filingNo: string;
  listedAt: Date | null;
  endsAt: Date | null;
}

export interface AccountCredit {
  accountId: string;
  filingNo: string | null;
  name: string;
  /** A listing in force now. */
  blacklisted: boolean;
  listings: ListingView[];
  jointRestriction: boolean;
  since: Date | null;
  until: Date | null;
  listingsInWindow: number;
  policy: JointRestrictionView['policy'];
}

function oneOpenOnly(): AppException {
  return AppException.duplicate('该账号已有处理中的黑名单提议或正在列入黑名单，不能重复提议', 'accountId');
}

/** The day after a Beijing date (an approval may happen on any day once the window has passed). */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The blacklist of §03.5 under due process (domain.md "Blacklist"; 国办发〔2020〕49号): an officer
 * proposes on a rule that holds (R1, R2) with the legal basis; the operator gets the notice on its
 * desk and may state a defence within 5 working days; an approver other than the proposer lists or
 * declines once the window has passed or a defence was stated; the listing lasts 12 months, ends by
 * itself (the sweep) or early with the office's assessment, approved.
 */
@Injectable()
export class BlacklistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly sequences: SequenceService,
    private readonly calendar: DeadlineCalendar,
    private readonly candidateRules: BlacklistCandidates,
    private readonly credit: BlacklistCredit,
    private readonly registry: RegistryService,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

  private window(l: BlacklistListing, now: Date): DefenceWindow {
    const today = beijingDate(now);
    const pending = (PENDING_LISTING_STATES as readonly string[]).includes(l.status);
    return {
      deadline: l.defenceDeadline,
      open: l.status === 'proposed' && today <= l.defenceDeadline,
      words: pending ? this.calendar.describeDeadline(l.defenceDeadline, today) : '',
    };
  }

  view(l: BlacklistListing, exit: BlacklistExit | null = null, now: Date = new Date()): ListingView {
    return listingView(l, this.window(l, now), exit, now);
  }

  /** The open early-exit proposal of each listing, else its latest one. */
  private async exitsOf(listingIds: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, BlacklistExit>> {
    const rows = listingIds.length ? await m.find(BlacklistExit, { where: { listingId: In(listingIds) }, order: { createdAt: 'ASC' } }) : [];
    const map = new Map<string, BlacklistExit>();
    for (const x of rows) if (map.get(x.listingId)?.status !== 'proposed') map.set(x.listingId, x);
    return map;
  }

  private async views(rows: BlacklistListing[]): Promise<ListingView[]> {
    const exits = await this.exitsOf(rows.map((l) => l.id));
    const now = new Date();
    return rows.map((l) => this.view(l, exits.get(l.id) ?? null, now));
  }

  /** Officers and approvers: every entry; the operator: its accounts' (others 404); other roles 403. */
  private async visible(user: AuthUser, id: string): Promise<BlacklistListing> {
    const l = await this.dataSource.getRepository(BlacklistListing).findOne({ where: { id } });
    if (!l) throw AppException.notFound('黑名单记录');
    if (user.role === 'officer' || user.role === 'approver') return l;
    if (user.role === 'operator') {
      if (l.ownerId === user.id) return l;
      throw AppException.notFound('黑名单记录');
    }
    throw AppException.forbidden();
  }

  candidates(now: Date = new Date()): Promise<Candidate[]> {
    return this.candidateRules.all(now);
  }

  async list(q: ListingQuery): Promise<Page<ListingView>> {
    const qb = this.dataSource.getRepository(BlacklistListing).createQueryBuilder('l');
    if (q.status) qb.andWhere('l.status = :status', { status: q.status });
    if (q.accountId) qb.andWhere('l.accountId = :accountId', { accountId: q.accountId });
    const ready = q.ready === 'true';
    if (ready) {
      // Ready for the approver: a defence was stated, or the window is over.
      qb.andWhere("(l.status = 'defended' OR (l.status = 'proposed' AND l.defenceDeadline < :today))", { today: beijingDate() });
    } else if (q.ready === 'false') {
      qb.andWhere("l.status = 'proposed' AND l.defenceDeadline >= :today", { today: beijingDate() });
    }
    // A queue (pending proposals) reads oldest first; everything else newest first.
    const queue = ready || q.ready === 'false' || q.status === 'proposed' || q.status === 'defended';
    qb.orderBy('l.createdAt', queue ? 'ASC' : 'DESC').addOrderBy('l.noticeNo', queue ? 'ASC' : 'DESC');
    qb.skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(await this.views(rows), total, q);
  }

  /** The operator's notices (its accounts' entries, newest first): the desk of due process. */
  async notices(user: AuthUser, q: PageQuery): Promise<Page<ListingView>> {
    const [rows, total] = await this.dataSource.getRepository(BlacklistListing).findAndCount({
      where: { ownerId: user.id },
      order: { createdAt: 'DESC', noticeNo: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return pageOf(await this.views(rows), total, q);
  }

  async get(user: AuthUser, id: string): Promise<ListingDetail> {
    const l = await this.visible(user, id);
    const exits = await this.dataSource.getRepository(BlacklistExit).find({ where: { listingId: l.id }, order: { createdAt: 'ASC' } });
    const current = exits.find((x) => x.status === 'proposed') ?? exits[exits.length - 1] ?? null;
    return { ...this.view(l, current), jointRestriction: await this.credit.jointRestriction(l.accountId), exits: exits.map(exitView) };
  }

  /** The notice, or the decision once listed (404 before). */
  async document(user: AuthUser, id: string, kind: BlacklistDocumentKind): Promise<OfficialDocument> {
    const doc = blacklistDocument(await this.visible(user, id), kind);
    if (!doc) throw AppException.notFound('列入黑名单决定书（尚未批准列入）');
    return doc;
  }

  /** Early-exit proposals (`status=proposed`: the approvers' queue, oldest first). */
  async exits(q: PageQuery & { status?: string }): Promise<Page<ExitQueueItem>> {
    const [rows, total] = await this.dataSource.getRepository(BlacklistExit).findAndCount({
      where: q.status ? { status: q.status as BlacklistExit['status'] } : {},
      order: { createdAt: q.status === 'proposed' ? 'ASC' : 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const listings = rows.length ? await this.dataSource.getRepository(BlacklistListing).find({ where: { id: In(rows.map((x) => x.listingId)) } }) : [];
    const byId = new Map(listings.map((l) => [l.id, l]));
    return pageOf(
      rows.map((x) => {
        const l = byId.get(x.listingId);
        return { ...exitView(x), accountId: x.accountId, accountName: l?.accountName ?? '', filingNo: l?.filingNo ?? '', listedAt: l?.listedAt ?? null, endsAt: l?.endsAt ?? null };
      }),
      total,
      q,
    );
  }

  /** The account's credit for officers: listings, whether one is in force, the joint restriction. */
  async accountCredit(user: AuthUser, accountId: string, now: Date = new Date()): Promise<AccountCredit> {
    const account = await this.registry.findAccountForUser(user, accountId);
    const rows = await this.dataSource.getRepository(BlacklistListing).find({ where: { accountId }, order: { createdAt: 'DESC' } });
    const listings = await this.views(rows);
    const joint = await this.credit.jointRestriction(account.id, now);
    return {
      accountId: account.id,
      filingNo: account.filingNo,
      name: account.name,
      blacklisted: rows.some((l) => isInForce(l, now)),
      listings,
      jointRestriction: joint.active,
      since: joint.since,
      until: joint.until,
      listingsInWindow: joint.listingsInWindow,
      policy: joint.policy,
    };
  }

  publicList(q: PageQuery) {
    return this.credit.publicList(q);
  }

  jointRestrictionsCsv(): Promise<string> {
    return this.credit.jointRestrictionsCsv();
  }

  /** Accounts with a listing in force at any time of `year` (the annual evaluation grades them D, §04.5). */
  listedDuring(accountIds: readonly string[], year: number, m?: EntityManager): Promise<Set<string>> {
    return this.credit.listedDuring(accountIds, year, m);
  }

  // ---- due process ---------------------------------------------------------------------------

  /**
   * An officer proposes listing on a rule that holds now; the notice (告知书) is numbered and
   * reaches the operator's desk at once, and the defence window (5 working days) starts.
   */
  propose(actor: Actor, user: AuthUser, dto: ProposeListingDto): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow
      .run(async (m) => {
        // The account row is the lock under which one open entry per account is decided.
        const account = await this.uow.findForUpdate(m, MediaAccount, { where: { id: dto.accountId } });
        if (!account) throw AppException.field('accountId', 'unknown_account', '账号不存在');
        if (!account.filingNo) throw AppException.field('accountId', 'not_filed', '只能对已备案的账号提议列入黑名单');
        if (await m.findOne(BlacklistListing, { where: { openAccountId: account.id }, select: { id: true } })) throw oneOpenOnly();
        const facts = await this.candidateRules.factsFor(account.id, dto.rule, now, m);
        if (!facts) {
          const why =
            dto.rule === 'R1'
              ? `近${POLICY.blacklistViolationWindowMonths.value}个月内尚无${POLICY.blacklistViolationThreshold.value}次及以上未经处理的查实违规`
              : '尚无未经处理的整改不合格（评估不合格、逾期未整改或拒绝约谈）记录';
          const message = `该账号不符合“${RULE_LABELS[dto.rule]}”（${dto.rule}）：${why}（§03.5）`;
          throw new AppException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, message, [{ field: 'rule', code: 'rule_not_met', message }]);
        }
        const subject = await m.findOne(Subject, { where: { id: account.subjectId }, select: { id: true, name: true, kind: true } });
        const noticeDate = beijingDate(now);
        const year = Number(noticeDate.slice(0, 4));
        const ref = policyRef(RULE_POLICY[dto.rule]);
        const l = m.create(BlacklistListing, {
          accountId: account.id,
          openAccountId: account.id,
          ownerId: account.ownerId,
          subjectId: account.subjectId,
          accountName: account.name,
          filingNo: account.filingNo,
          platform: account.platform,
          subjectName: subject?.name ?? '',
          subjectKind: subject?.kind ?? 'organization',
          rule: dto.rule,
          facts: JSON.stringify(facts),
          basis: dto.basis.trim(),
          policyKey: ref.policyKey,
          citation: ref.citation,
          policyVersion: ref.policyVersion,
          status: listingWorkflow.def.initial,
          proposedBy: user.id,
          proposedByName: user.displayName,
          noticeNo: formatNoticeNo(year, await this.sequences.next(m, `blacklist-notice:${year}`)),
          noticeDate,
          notifiedAt: now,
          defenceDeadline: this.calendar.addWorkingDays(noticeDate, POLICY.blacklistDefenceWorkingDays.value),
          defenceStatement: null,
          defendedAt: null,
          defendedBy: null,
          decidedBy: null,
          decidedByName: null,
          decidedAt: null,
          rejectReason: null,
          decisionNo: null,
          listedAt: null,
          endsAt: null,
          endedAt: null,
          endReason: null,
        });
        await m.save(l);
        await this.audit.record(m, actor, {
          action: 'blacklist.propose',
          entityType: 'blacklist',
          entityId: l.id,
          after: { ...listingAuditView(l), ...ref, defence: policyRef('blacklistDefenceWorkingDays') },
        });
        return this.view(l, null, now);
      })
      .catch((e: unknown) => {
        // Two proposals raced past the check: the unique open-entry index decided.
        if (isUniqueViolation(e)) throw oneOpenOnly();
        throw e;
      });
  }

  /** The operator's statement (陈述申辩), once, within the window (the deadline day included). */
  defend(actor: Actor, user: AuthUser, id: string, dto: DefenceDto): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow.run(async (m) => {
      const l = await this.uow.findForUpdate(m, BlacklistListing, { where: { id } });
      if (!l || l.ownerId !== user.id) throw AppException.notFound('黑名单记录');
      const before = listingAuditView(l);
      const to = listingWorkflow.next(l.status, 'defend');
      if (beijingDate(now) > l.defenceDeadline) {
        throw AppException.conflict(`陈述申辩期限（${chineseDate(l.defenceDeadline)}）已过，不能再提交陈述申辩`);
      }
      l.status = to;
      l.defenceStatement = dto.statement.trim();
      l.defendedAt = now;
      l.defendedBy = user.id;
      await m.save(l);
      await this.audit.record(m, actor, {
        action: 'blacklist.defend',
        entityType: 'blacklist',
        entityId: l.id,
        before,
        after: { ...listingAuditView(l), statementLength: l.defenceStatement.length, ...policyRef('blacklistDefenceWorkingDays') },
      });
      return this.view(l, null, now);
    });
  }

  /** A pending entry for an approver's decision: 404, or 403 for the proposer (maker-checker). */
  private async forDecision(m: EntityManager, user: AuthUser, id: string): Promise<BlacklistListing> {
    const l = await this.uow.findForUpdate(m, BlacklistListing, { where: { id } });
    if (!l) throw AppException.notFound('黑名单记录');
    if (l.proposedBy === user.id) throw AppException.forbidden('不能审批自己提出的黑名单提议');
    return l;
  }

  /**
   * The approver lists the account: only once the defence window has passed or a defence was
   * stated. The decision (决定书) is numbered; the term runs 12 months from now.
   */
  approve(actor: Actor, user: AuthUser, id: string): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow.run(async (m) => {
      const l = await this.forDecision(m, user, id);
      const before = listingAuditView(l);
      const to = listingWorkflow.next(l.status, 'approve');
      const today = beijingDate(now);
      if (l.status === 'proposed' && today <= l.defenceDeadline) {
        throw AppException.conflict(
          `陈述申辩期至${chineseDate(l.defenceDeadline)}届满，届满后（${chineseDate(dayAfter(l.defenceDeadline))}起）或当事人提交陈述申辩后方可审批`,
        );
      }
      const year = Number(today.slice(0, 4));
      l.decisionNo = formatDecisionNo(year, await this.sequences.next(m, `blacklist-decision:${year}`));
      l.status = to;
      l.decidedBy = user.id;
      l.decidedByName = user.displayName;
      l.decidedAt = now;
      l.listedAt = now;
      l.endsAt = addMonthsBeijing(now, POLICY.blacklistTermMonths.value);
      await m.save(l);
      await this.audit.record(m, actor, {
        action: 'blacklist.approve',
        entityType: 'blacklist',
        entityId: l.id,
        before,
        after: { ...listingAuditView(l), ...policyRef('blacklistTermMonths'), approval: policyRef('blacklistApproval') },
      });
      return this.view(l, null, now);
    });
  }

  /** The approver declines to list (at any time before a decision: it favours the operator). */
  reject(actor: Actor, user: AuthUser, id: string, dto: RejectListingDto): Promise<ListingView> {
    const now = wholeSecond();
    return this.uow.run(async (m) => {
      const l = await this.forDecision(m, user, id);
      const before = listingAuditView(l);
      l.status = listingWorkflow.next(l.status, 'reject');
      l.openAccountId = null;
      l.decidedBy = user.id;
      l.decidedByName = user.displayName;
      l.decidedAt = now;
      l.rejectReason = dto.reason.trim();
      await m.save(l);
      await this.audit.record(m, actor, {
        action: 'blacklist.reject',
        entityType: 'blacklist',
        entityId: l.id,
        before,
        after: { ...listingAuditView(l), rejectReason: l.rejectReason, ...policyRef('blacklistApproval') },
      });
      return this.view(l, null, now);
    });
  }
}
