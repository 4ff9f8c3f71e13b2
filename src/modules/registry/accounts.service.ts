import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { SequenceService } from '../../database/sequence.service.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { MediaAccount } from './account.entity.js';
import { AccountSearch, type PublicSearch, whereContains } from './account-search.js';
import {
  type AccountListQuery,
  type CreateAccountDto,
  type DeregisterAccountDto,
  needsQualification,
  type ResubmitAccountDto,
  type ReviewAccountDto,
} from './dto/account.dto.js';
import { yearInShanghai, todayInShanghai } from './registry-time.js';
import type { Grade } from './registry.constants.js';
import {
  accountAuditView,
  type AccountView,
  accountView,
  type PublicAccountView,
} from './registry.views.js';
import { Subject } from './subject.entity.js';
import { isOffice } from './subjects.service.js';
import { isUniqueViolation } from './unique-violation.js';
import { type AccountAction, accountWorkflow } from './workflow/account.workflow.js';

/** Roles that may look at accounts at all; the rest are refused (403). */
const ACCOUNT_READERS = ['operator', 'officer', 'approver'] as const;

/** `YH-ZMT-2026-000123` (domain.md "Account"). */
export function formatFilingNo(year: number, seq: number): string {
  return `${POLICY.filingNumberPrefix.value}-${year}-${String(seq).padStart(6, '0')}`;
}

export const FILING_NO_PATTERN = /^YH-ZMT-\d{4}-\d{6}$/;

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly sequences: SequenceService,
    private readonly search: AccountSearch,
  ) {}

  private async subjectsOf(rows: MediaAccount[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Pick<Subject, 'id' | 'name' | 'kind'>>> {
    const ids = [...new Set(rows.map((a) => a.subjectId))];
    const subjects = ids.length ? await manager.find(Subject, { where: { id: In(ids) }, select: { id: true, name: true, kind: true } }) : [];
    return new Map(subjects.map((s) => [s.id, s]));
  }

  /** Views with their subjects' names, loaded in one query. */
  async views(rows: MediaAccount[], manager?: EntityManager): Promise<AccountView[]> {
    const subjects = await this.subjectsOf(rows, manager);
    return rows.map((a) => accountView(a, subjects.get(a.subjectId)));
  }

  async viewOne(a: MediaAccount, manager?: EntityManager): Promise<AccountView> {
    return (await this.views([a], manager))[0];
  }

  create(actor: Actor, user: AuthUser, dto: CreateAccountDto): Promise<AccountView> {
    return this.uow
      .run(async (m) => {
        const subject = await m.findOne(Subject, { where: { id: dto.subjectId } });
        if (!subject || subject.ownerId !== user.id) throw AppException.notFound('主体');
        await this.assertPlatformIdFree(m, dto.platform, dto.platformAccountId);
        const a = m.create(MediaAccount, {
          subjectId: subject.id,
          ownerId: subject.ownerId,
          platform: dto.platform,
          platformAccountId: dto.platformAccountId,
          name: dto.name,
          url: dto.url || null,
          category: dto.category,
          followers: dto.followers ?? 0,
          qualificationType: dto.qualificationType ?? null,
          qualificationNumber: dto.qualificationNumber ?? null,
          qualificationExpiry: dto.qualificationExpiry ?? null,
          status: accountWorkflow.def.initial,
          filingNo: null,
          filedAt: null,
          reviewedBy: null,
          reviewedAt: null,
          rejectReason: null,
          grade: null,
          gradeYear: null,
        });
        await m.save(a);
        await this.audit.record(m, actor, {
          action: 'account.create',
          entityType: 'account',
          entityId: a.id,
          after: { ...accountAuditView(a), ...(needsQualification(a.category) ? policyRef('qualifiedCategories') : {}) },
        });
        return accountView(a, subject);
      })
      .catch(duplicatePlatformIdOnRace);
  }

  /** Operators: their own accounts; officers and approvers: all; filtered by status, platform, text. */
  async list(user: AuthUser, q: AccountListQuery): Promise<Page<AccountView>> {
    assertReader(user);
    const qb = this.dataSource.getRepository(MediaAccount).createQueryBuilder('a');
    if (!isOffice(user)) qb.where('a.ownerId = :ownerId', { ownerId: user.id });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.platform) qb.andWhere('a.platform = :platform', { platform: q.platform });
    if (q.subjectId) qb.andWhere('a.subjectId = :subjectId', { subjectId: q.subjectId });
    const text = q.q?.trim();
    if (text) whereContains(qb, ['a.name', 'a.platformAccountId', 'a.filingNo'], text);
    qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'ASC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(await this.views(rows), total, q);
  }

  /** Every account of an operator, newest first. */
  async listOwn(userId: string): Promise<AccountView[]> {
    const rows = await this.dataSource.getRepository(MediaAccount).find({ where: { ownerId: userId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return this.views(rows);
  }

  /** Pending accounts, oldest first: the officers' review queue. */
  async reviewQueue(page: number, pageSize: number): Promise<Page<AccountView>> {
    const [rows, total] = await this.dataSource.getRepository(MediaAccount).findAndCount({
      where: { status: 'pending' },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return pageOf(await this.views(rows), total, { page, pageSize });
  }

  /** The account if the user may see it: 404 when it does not exist for them, 403 for roles that see no accounts. */
  async findVisible(user: AuthUser, id: string): Promise<MediaAccount> {
    assertReader(user);
    const a = await this.dataSource.getRepository(MediaAccount).findOne({ where: { id } });
    if (!a || (!isOffice(user) && a.ownerId !== user.id)) throw AppException.notFound('账号');
    return a;
  }

  async get(user: AuthUser, id: string): Promise<AccountView> {
    return this.viewOne(await this.findVisible(user, id));
  }

  /** The public lookup (no login): filed accounts and those under a measure, individuals' names masked. */
  async publicList(q: PublicSearch): Promise<Page<PublicAccountView>> {
    const { items, total } = await this.search.searchPublic(q);
    return pageOf(items, total, q);
  }

  async publicOne(filingNo: string): Promise<PublicAccountView> {
    const view = FILING_NO_PATTERN.test(filingNo) ? await this.search.lookup(filingNo) : null;
    if (!view) throw AppException.notFound('备案账号');
    return view;
  }

  async findByFilingNo(filingNo: string): Promise<MediaAccount | null> {
    if (!FILING_NO_PATTERN.test(filingNo)) return null;
    return this.dataSource.getRepository(MediaAccount).findOne({ where: { filingNo } });
  }

  /**
   * An officer's decision on a pending filing. Approval takes the next filing number of the year
   * (Beijing time) in the same transaction, so concurrent approvals never share or skip a number;
   * the row lock makes a second decision on the same account see the first one's result (409).
   */
  async review(actor: Actor, id: string, dto: ReviewAccountDto): Promise<AccountView> {
    const now = new Date();
    const year = yearInShanghai(now);
    const counter = `filing:${year}`;
    return this.uow.run(async (m) => {
      const a = await this.uow.findForUpdate(m, MediaAccount, { where: { id } });
      if (!a) throw AppException.notFound('账号');
      const before = accountAuditView(a);
      const to = accountWorkflow.next(a.status, dto.decision);
      a.status = to;
      a.reviewedBy = actor.userId;
      a.reviewedAt = now;
      if (dto.decision === 'approve') {
        a.filingNo = formatFilingNo(year, await this.sequences.next(m, counter));
        a.filedAt = now;
        a.rejectReason = null;
      } else {
        a.rejectReason = dto.reason!;
      }
      await m.save(a);
      await this.audit.record(m, actor, {
        action: `account.${dto.decision}`,
        entityType: 'account',
        entityId: a.id,
        before,
        after: { ...accountAuditView(a), ...(dto.decision === 'approve' ? policyRef('filingNumberPrefix') : {}) },
      });
      return this.viewOne(a, m);
    });
  }

  /** The operator withdraws its own account (not while a measure is in force). */
  deregister(actor: Actor, user: AuthUser, id: string, dto: DeregisterAccountDto): Promise<AccountView> {
    return this.uow.run(async (m) => {
      const a = await this.findOwnForUpdate(m, user, id);
      const before = accountAuditView(a);
      a.status = accountWorkflow.next(a.status, 'deregister');
      await m.save(a);
      await this.audit.record(m, actor, {
        action: 'account.deregister',
        entityType: 'account',
        entityId: a.id,
        before,
        after: { ...accountAuditView(a), reason: dto.reason || null },
      });
      return this.viewOne(a, m);
    });
  }

  /** A rejected registration, corrected and sent again: back to pending, the old reason cleared. */
  resubmit(actor: Actor, user: AuthUser, id: string, dto: ResubmitAccountDto): Promise<AccountView> {
    return this.uow
      .run(async (m) => {
        const a = await this.findOwnForUpdate(m, user, id);
        const before = accountAuditView(a);
        a.status = accountWorkflow.next(a.status, 'resubmit');
        const platform = dto.platform ?? a.platform;
        const platformAccountId = dto.platformAccountId ?? a.platformAccountId;
        if (platform !== a.platform || platformAccountId !== a.platformAccountId) {
          await this.assertPlatformIdFree(m, platform, platformAccountId, a.id);
        }
        Object.assign(a, {
          platform,
          platformAccountId,
          name: dto.name ?? a.name,
          url: dto.url === undefined ? a.url : dto.url || null,
          category: dto.category ?? a.category,
          followers: dto.followers ?? a.followers,
          qualificationType: dto.qualificationType ?? a.qualificationType,
          qualificationNumber: dto.qualificationNumber ?? a.qualificationNumber,
          qualificationExpiry: dto.qualificationExpiry ?? a.qualificationExpiry,
          rejectReason: null,
        });
        assertQualification(a);
        await m.save(a);
        await this.audit.record(m, actor, { action: 'account.resubmit', entityType: 'account', entityId: a.id, before, after: accountAuditView(a) });
        return this.viewOne(a, m);
      })
      .catch(duplicatePlatformIdOnRace);
  }

  /**
   * For other modules, inside their transaction: moves the account by a workflow action (the §03.3
   * measures and their lifting), audited with before/after. 409 when the state does not allow it.
   */
  async transitionInTx(m: EntityManager, actor: Actor, accountId: string, action: AccountAction, note?: Record<string, unknown>): Promise<MediaAccount> {
    const a = await this.uow.findForUpdate(m, MediaAccount, { where: { id: accountId } });
    if (!a) throw AppException.notFound('账号');
    const before = accountAuditView(a);
    a.status = accountWorkflow.next(a.status, action);
    await m.save(a);
    await this.audit.record(m, actor, { action: `account.${action}`, entityType: 'account', entityId: a.id, before, after: { ...accountAuditView(a), ...note } });
    return a;
  }

  /** For the evaluation module, inside its transaction: the grade of the last published evaluation (§04.4). */
  async setGradeInTx(m: EntityManager, actor: Actor, accountId: string, grade: Grade, year: number): Promise<MediaAccount> {
    const a = await this.uow.findForUpdate(m, MediaAccount, { where: { id: accountId } });
    if (!a) throw AppException.notFound('账号');
    const before = accountAuditView(a);
    a.grade = grade;
    a.gradeYear = year;
    await m.save(a);
    await this.audit.record(m, actor, { action: 'account.grade', entityType: 'account', entityId: a.id, before, after: accountAuditView(a) });
    return a;
  }

  private async findOwnForUpdate(m: EntityManager, user: AuthUser, id: string): Promise<MediaAccount> {
    const a = await this.uow.findForUpdate(m, MediaAccount, { where: { id } });
    if (!a || a.ownerId !== user.id) throw AppException.notFound('账号');
    return a;
  }

  private async assertPlatformIdFree(m: EntityManager, platform: string, platformAccountId: string, exceptId?: string): Promise<void> {
    const other = await m.findOne(MediaAccount, { where: { platform: platform as MediaAccount['platform'], platformAccountId }, select: { id: true } });
    if (other && other.id !== exceptId) throw duplicatePlatformId();
  }
}

function assertReader(user: AuthUser): void {
  if (!(ACCOUNT_READERS as readonly string[]).includes(user.role)) throw AppException.forbidden();
}

/** The qualification rule on an account as it will be saved (policy `qualifiedCategories`). */
function assertQualification(a: MediaAccount): void {
  const details: ErrorDetail[] = [];
  const given = [a.qualificationType, a.qualificationNumber, a.qualificationExpiry].some((v) => v);
  if (needsQualification(a.category) || given) {
    if (!a.qualificationType) details.push({ field: 'qualificationType', code: 'isDefined', message: '该内容类别须填写资质类型' });
    if (!a.qualificationNumber) details.push({ field: 'qualificationNumber', code: 'isDefined', message: '该内容类别须填写资质证书编号' });
    if (!a.qualificationExpiry) details.push({ field: 'qualificationExpiry', code: 'isDefined', message: '该内容类别须填写资质有效期' });
    else if (a.qualificationExpiry <= todayInShanghai()) details.push({ field: 'qualificationExpiry', code: 'not_future', message: '资质已过期：有效期须晚于今天' });
  }
  if (details.length) throw AppException.validation(details);
}

function duplicatePlatformId(): AppException {
  return AppException.duplicate('该平台账号已登记，同一平台的账号ID只能登记一次', 'platformAccountId');
}

function duplicatePlatformIdOnRace(e: unknown): never {
  // Two registrations raced past the check: the unique index (platform, platformAccountId) decided.
  if (isUniqueViolation(e)) throw duplicatePlatformId();
  throw e;
}
