import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsSelect, In, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY_VERSION, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { MediaAccount } from '../registry/account.entity.js';
import { StaffAccountAccess } from './account-access.js';
import type { ReviewStaffFilingDto } from './dto/staff.dto.js';
import { type RenderedRoster, renderSnapshot, type RosterSnapshot, rosterComparisonKey, rosterProblems, takeSnapshot } from './roster-snapshot.js';
import { StaffFiling } from './staff-filing.entity.js';
import { StaffMember } from './staff-member.entity.js';
import { StaffRecord } from './staff-record.entity.js';
import { StaffTraining } from './staff-training.entity.js';
import { filingSummary, type StaffFilingSummary } from './staff.views.js';
import { staffFilingWorkflow, type StaffFilingState } from './workflow/staff-filing.workflow.js';

export interface StaffFilingDetail extends StaffFilingSummary {
  accountName: string;
  policyVersion: string;
  snapshot: RenderedRoster;
}

export interface StaffFilingQueueItem extends StaffFilingSummary {
  accountName: string;
  platform: string;
  filingNo: string | null;
}

/** Every column but the snapshot: lists stay light however large the rosters. */
const SUMMARY_COLUMNS: FindOptionsSelect<StaffFiling> = {
  id: true, accountId: true, version: true, status: true, submittedBy: true, reviewedBy: true, reviewedAt: true,
  reason: true, policyVersion: true, createdAt: true, updatedAt: true, rowVersion: true,
};

/** Filings that stand: the last of these is what the office holds on record (a returned one does not count). */
const STANDING: StaffFilingState[] = ['submitted', 'accepted'];

/** Roster filings (§02.7): versions, the office's review, the frozen snapshots. */
@Injectable()
export class StaffFilingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly access: StaffAccountAccess,
  ) {}

  /** The live roster of an account: its member rows and the same in the snapshot's shape (ciphertexts as stored). */
  async liveRoster(m: EntityManager, accountId: string, at = new Date()): Promise<{ members: StaffMember[]; snapshot: RosterSnapshot }> {
    const members = await m.find(StaffMember, { where: { accountId } });
    const ids = members.map((x) => x.id);
    const [trainings, records] = ids.length
      ? await Promise.all([m.find(StaffTraining, { where: { staffId: In(ids) } }), m.find(StaffRecord, { where: { staffId: In(ids) } })])
      : [[], []];
    return { members, snapshot: takeSnapshot(members, trainings, records, at) };
  }

  /** The latest filing the office holds (submitted or accepted), or null. */
  latestStanding(m: EntityManager, accountId: string): Promise<StaffFiling | null> {
    return m.findOne(StaffFiling, { where: { accountId, status: In(STANDING) }, order: { version: 'DESC' } });
  }

  /** Whether the live roster differs from the latest standing filing (true when there is none yet and staff exist). */
  changedSince(live: RosterSnapshot, filed: StaffFiling | null): boolean {
    if (!filed) return live.members.length > 0;
    const decrypt = (s: string) => this.cipher.decrypt(s);
    return rosterComparisonKey(live, decrypt) !== rosterComparisonKey(filed.snapshot, decrypt);
  }

  /**
   * POST /api/accounts/:id/staff-filings. Under the account's row lock: no other filing of the account
   * may be awaiting review, the roster must satisfy §02.5, and the version is the previous max + 1.
   */
  async submit(actor: Actor, user: AuthUser, accountId: string): Promise<{ id: string; version: number; status: StaffFilingState }> {
    try {
      return await this.uow.run(async (m) => {
        await this.access.ownedForUpdate(m, user, accountId);
        const pending = await m.findOne(StaffFiling, { where: { accountId, status: 'submitted' }, select: SUMMARY_COLUMNS });
        if (pending) throw AppException.conflict(`第${pending.version}版编辑人员备案正在审核中，审核完成前不能再次报备`);
        const { snapshot } = await this.liveRoster(m, accountId);
        const problems = rosterProblems(snapshot.members);
        if (problems.length) throw AppException.validation(problems, problems[0].message);
        const raw = await m
          .createQueryBuilder(StaffFiling, 'f')
          .select('MAX(f.version)', 'max')
          .where('f.accountId = :accountId', { accountId })
          .getRawOne<{ max: number | string | null }>();
        const version = Number(raw?.max ?? 0) + 1;
        const filing = m.create(StaffFiling, {
          accountId,
          version,
          status: staffFilingWorkflow.def.initial,
          snapshot,
          submittedBy: user.id,
          reviewedBy: null,
          reviewedAt: null,
          reason: null,
          policyVersion: POLICY_VERSION,
        });
        await m.save(filing);
        await this.audit.record(m, actor, {
          action: 'staffFiling.submit',
          entityType: 'staffFiling',
          entityId: filing.id,
          after: this.auditView(filing),
        });
        return { id: filing.id, version: filing.version, status: filing.status };
      });
    } catch (e) {
      // The unique (accountId, version) index is the backstop behind the row lock.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        throw AppException.conflict('该账号的编辑人员备案刚刚已提交，请刷新后查看');
      }
      throw e;
    }
  }

  /** POST /api/staff-filings/:id/review: accept (备案) or return with reasons; the row lock makes a second review see the first. */
  review(actor: Actor, user: AuthUser, filingId: string, dto: ReviewStaffFilingDto): Promise<StaffFilingSummary> {
    return this.uow.run(async (m) => {
      const filing = await this.uow.findForUpdate(m, StaffFiling, { where: { id: filingId }, select: SUMMARY_COLUMNS });
      if (!filing) throw AppException.notFound('备案');
      const before = this.auditView(filing);
      const to = staffFilingWorkflow.next(filing.status, dto.decision);
      const changes = { status: to, reviewedBy: user.id, reviewedAt: new Date(), reason: dto.reason?.trim() || null };
      // An UPDATE of the decided columns: the snapshot is never rewritten (rowVersion advances by itself).
      await m.update(StaffFiling, { id: filing.id }, changes);
      Object.assign(filing, changes);
      await this.audit.record(m, actor, {
        action: dto.decision === 'accept' ? 'staffFiling.accept' : 'staffFiling.return',
        entityType: 'staffFiling',
        entityId: filing.id,
        before,
        after: { ...this.auditView(filing), ...policyRef('staffFilingRequired') },
      });
      const reread = await m.findOne(StaffFiling, { where: { id: filing.id }, select: SUMMARY_COLUMNS });
      return filingSummary(reread ?? filing);
    });
  }

  /** GET /api/accounts/:id/staff-filings: every version, newest first. */
  async listForAccount(user: AuthUser, accountId: string, q: { page: number; pageSize: number }): Promise<Page<StaffFilingSummary>> {
    await this.access.readable(user, accountId);
    const repo = this.dataSource.getRepository(StaffFiling);
    // find + count, not findAndCount: with a `select`, TypeORM 1.1 counts DISTINCT over all selected columns
    // concatenated, so a row with any NULL among them (reviewedBy of a submitted filing) is not counted.
    const [rows, total] = await Promise.all([
      repo.find({ where: { accountId }, select: SUMMARY_COLUMNS, order: { version: 'DESC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      repo.count({ where: { accountId } }),
    ]);
    return pageOf(rows.map(filingSummary), total, q);
  }

  /** GET /api/staff-filings/:id: one version with its roster as submitted, masked. */
  async get(user: AuthUser, filingId: string): Promise<StaffFilingDetail> {
    const filing = await this.dataSource.getRepository(StaffFiling).findOne({ where: { id: filingId } });
    if (!filing) throw AppException.notFound('备案');
    // An id the caller may not see answers 404, like an unknown one.
    const account = await this.access.readable(user, filing.accountId).catch(() => {
      throw AppException.notFound('备案');
    });
    return {
      ...filingSummary(filing),
      accountName: account.name,
      policyVersion: filing.policyVersion,
      snapshot: renderSnapshot(filing.snapshot, (s) => this.cipher.decrypt(s)),
    };
  }

  /** GET /api/staff-filings (officer): oldest first, the review queue when `status=submitted`. */
  async listForOffice(q: { page: number; pageSize: number; status?: StaffFilingState }): Promise<Page<StaffFilingQueueItem>> {
    const repo = this.dataSource.getRepository(StaffFiling);
    const where = q.status ? { status: q.status } : {};
    const [rows, total] = await Promise.all([
      repo.find({ where, select: SUMMARY_COLUMNS, order: { createdAt: 'ASC', version: 'ASC', id: 'ASC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      repo.count({ where }),
    ]);
    const accountIds = [...new Set(rows.map((r) => r.accountId))];
    const accounts = accountIds.length ? await this.dataSource.getRepository(MediaAccount).find({ where: { id: In(accountIds) } }) : [];
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return pageOf(
      rows.map((r) => {
        const a = byId.get(r.accountId);
        return { ...filingSummary(r), accountName: a?.name ?? '', platform: a?.platform ?? '', filingNo: a?.filingNo ?? null };
      }),
      total,
      q,
    );
  }

  private auditView(f: Pick<StaffFiling, 'accountId' | 'version' | 'status' | 'reason' | 'policyVersion'> & { snapshot?: RosterSnapshot }) {
    const members = f.snapshot?.members;
    return {
      accountId: f.accountId,
      version: f.version,
      status: f.status,
      reason: f.reason,
      policyVersion: f.policyVersion,
      // Names and roles only: the snapshot's personal data never enters the trail.
      ...(members ? { members: members.map((x) => ({ name: x.name, role: x.role, active: x.endDate === null })) } : {}),
    };
  }
}
