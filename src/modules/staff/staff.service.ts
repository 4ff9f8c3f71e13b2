import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { StaffAccountAccess, canRead, isOwner } from './account-access.js';
import type { CreateStaffMemberDto, CreateStaffRecordDto, CreateStaffTrainingDto, ReviewStaffFilingDto, UpdateStaffMemberDto } from './dto/staff.dto.js';
import { type StaffFilingDetail, StaffFilingService, type StaffFilingQueueItem } from './staff-filing.service.js';
import { StaffMember } from './staff-member.entity.js';
import { StaffRecord } from './staff-record.entity.js';
import { StaffTraining } from './staff-training.entity.js';
import type { StaffRole } from './staff.constants.js';
import {
  type StaffFilingSummary,
  type StaffMemberView,
  type StaffRecordView,
  type StaffTrainingView,
  memberAuditView,
  memberView,
  recordView,
  trainingView,
} from './staff.views.js';
import { staffFilingWorkflow, staffMemberWorkflow } from './workflow/staff-filing.workflow.js';

export interface RosterView extends Page<StaffMemberView> {
  accountId: string;
  accountName: string;
  activeCount: number;
  chiefEditor: string | null;
  /** The live roster differs from the latest filing the office holds (submitted or accepted): a new filing is due. */
  changedSinceLastFiling: boolean;
  lastFiling: Pick<StaffFilingSummary, 'id' | 'version' | 'status' | 'statusLabel' | 'submittedAt'> | null;
}

export interface StaffMemberDetail extends StaffMemberView {
  trainingHours: number;
  trainings: StaffTrainingView[];
  records: StaffRecordView[];
}

/**
 * The editorial staff of an account (§02.5-7): members, their trainings and reward/punishment
 * records; the roster view with its filing state. Filings themselves are StaffFilingService's.
 * The portal calls rosterForUser, filingsForUser and reviewQueue.
 */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly access: StaffAccountAccess,
    private readonly filings: StaffFilingService,
  ) {}

  // ---- for the portal -------------------------------------------------------------------------

  /** The roster of an account as its owner or the office sees it; active members first. */
  async rosterForUser(user: AuthUser, accountId: string, q: { page: number; pageSize: number } = { page: 1, pageSize: 100 }): Promise<RosterView> {
    const account = await this.access.readable(user, accountId);
    const m = this.dataSource.manager;
    const { members, snapshot: live } = await this.filings.liveRoster(m, accountId);
    const last = await this.filings.latestStanding(m, accountId);
    const byId = new Map(members.map((x) => [x.id, x]));
    // The snapshot's order is the roster's reading order (active, chief editor first, by start date).
    const ordered = live.members.map((s) => byId.get(s.id)!).filter(Boolean);
    const active = ordered.filter((x) => x.endDate === null);
    const start = (q.page - 1) * q.pageSize;
    return {
      ...pageOf(ordered.slice(start, start + q.pageSize).map((x) => memberView(x, this.cipher)), ordered.length, q),
      accountId,
      accountName: account.name,
      activeCount: active.length,
      chiefEditor: active.find((x) => x.role === 'chief_editor')?.name ?? null,
      changedSinceLastFiling: this.filings.changedSince(live, last),
      lastFiling: last
        ? { id: last.id, version: last.version, status: last.status, statusLabel: staffFilingWorkflow.def.labels[last.status], submittedAt: last.createdAt }
        : null,
    };
  }

  filingsForUser(user: AuthUser, accountId: string, q: { page: number; pageSize: number } = { page: 1, pageSize: 20 }): Promise<Page<StaffFilingSummary>> {
    return this.filings.listForAccount(user, accountId, q);
  }

  /** The office's queue: submitted filings, oldest first. A bare number is the page, 20 to a page. */
  reviewQueue(page: number | { page: number; pageSize: number } = 1): Promise<Page<StaffFilingQueueItem>> {
    const q = typeof page === 'number' ? { page, pageSize: 20 } : page;
    return this.filings.listForOffice({ page: q.page, pageSize: q.pageSize, status: 'submitted' });
  }

  /** POST /api/accounts/:id/staff-filings (owner): the live roster as filing version N+1. */
  submitFiling(actor: Actor, user: AuthUser, accountId: string) {
    return this.filings.submit(actor, user, accountId);
  }

  /** POST /api/staff-filings/:id/review (officer): accept, or return with reasons. */
  reviewFiling(actor: Actor, user: AuthUser, filingId: string, dto: ReviewStaffFilingDto) {
    return this.filings.review(actor, user, filingId, dto);
  }

  /** One filing version with its roster as submitted (masked); 404 for what the user may not see. */
  filingForUser(user: AuthUser, filingId: string): Promise<StaffFilingDetail> {
    return this.filings.get(user, filingId);
  }

  /** One member with trainings and records; 404 for what the user may not see. */
  memberForUser(user: AuthUser, staffId: string): Promise<StaffMemberDetail> {
    return this.getMember(user, staffId);
  }

  // ---- members ---------------------------------------------------------------------------------

  /** POST /api/accounts/:id/staff (owner). */
  addMember(actor: Actor, user: AuthUser, accountId: string, dto: CreateStaffMemberDto): Promise<StaffMemberView> {
    return this.uow.run(async (m) => {
      await this.access.ownedForUpdate(m, user, accountId);
      const idNumberIndex = this.cipher.blindIndex(dto.idNumber);
      const same = await m.findOne(StaffMember, { where: { accountId, idNumberIndex, endDate: IsNull() } });
      if (same) throw AppException.duplicate('此人已在该账号的在岗编辑人员名单中', 'idNumber');
      if (dto.role === 'chief_editor') await this.assertChiefEditorFree(m, accountId, null);
      const member = m.create(StaffMember, {
        accountId,
        ownerId: user.id,
        name: dto.name,
        idNumberEnc: this.cipher.encrypt(dto.idNumber),
        idNumberIndex,
        phoneEnc: this.cipher.encrypt(dto.phone),
        role: dto.role,
        fullTime: dto.fullTime,
        startDate: dto.startDate,
        endDate: null,
      });
      await m.save(member);
      await this.audit.record(m, actor, { action: 'staff.create', entityType: 'staffMember', entityId: member.id, after: memberAuditView(member, this.cipher) });
      return memberView(member, this.cipher);
    });
  }

  /** PATCH /api/staff/:id (owner): change role, full-time, phone, or record the end date. */
  updateMember(actor: Actor, user: AuthUser, staffId: string, dto: UpdateStaffMemberDto): Promise<StaffMemberView> {
    const given = (['endDate', 'role', 'fullTime', 'phone'] as const).filter((k) => dto[k] !== undefined);
    if (given.length === 0) throw AppException.field('body', 'isNotEmpty', '没有要修改的内容（可修改 endDate、role、fullTime、phone）');
    return this.uow.run(async (m) => {
      const member = await this.ownedMemberForUpdate(m, user, staffId);
      const state = member.endDate === null ? 'active' : 'ended';
      staffMemberWorkflow.next(state, dto.endDate !== undefined ? 'end' : 'change');
      if (dto.endDate !== undefined && dto.endDate < member.startDate) {
        throw AppException.field('endDate', 'beforeStartDate', `离岗日期不能早于到岗日期（${member.startDate}）`);
      }
      const before = memberAuditView(member, this.cipher);
      if (dto.role !== undefined && dto.role !== member.role) {
        if (dto.role === 'chief_editor' && dto.endDate === undefined) await this.assertChiefEditorFree(m, member.accountId, member.id);
        member.role = dto.role;
      }
      if (dto.fullTime !== undefined) member.fullTime = dto.fullTime;
      // The same phone again keeps its ciphertext, so the roster does not count as changed.
      if (dto.phone !== undefined && dto.phone !== this.cipher.decrypt(member.phoneEnc)) member.phoneEnc = this.cipher.encrypt(dto.phone);
      if (dto.endDate !== undefined) member.endDate = dto.endDate;
      await m.save(member);
      await this.audit.record(m, actor, {
        action: dto.endDate !== undefined ? 'staff.end' : 'staff.update',
        entityType: 'staffMember',
        entityId: member.id,
        before,
        after: memberAuditView(member, this.cipher),
      });
      return memberView(member, this.cipher);
    });
  }

  /** GET /api/staff/:id (owner, officer, approver). */
  async getMember(user: AuthUser, staffId: string): Promise<StaffMemberDetail> {
    const m = this.dataSource.manager;
    const member = await m.findOne(StaffMember, { where: { id: staffId } });
    if (!member || !canRead(user, member.ownerId)) throw AppException.notFound('编辑人员');
    const [trainings, records] = await Promise.all([
      m.find(StaffTraining, { where: { staffId }, order: { date: 'ASC', createdAt: 'ASC' } }),
      m.find(StaffRecord, { where: { staffId }, order: { date: 'ASC', createdAt: 'ASC' } }),
    ]);
    const views = trainings.map(trainingView);
    return {
      ...memberView(member, this.cipher),
      trainingHours: views.reduce((s, t) => s + t.hours, 0),
      trainings: views,
      records: records.map(recordView),
    };
  }

  // ---- trainings and records --------------------------------------------------------------------

  /** POST /api/staff/:id/trainings (owner), §02.6. */
  addTraining(actor: Actor, user: AuthUser, staffId: string, dto: CreateStaffTrainingDto): Promise<StaffTrainingView> {
    return this.uow.run(async (m) => {
      const member = await this.ownedMemberForUpdate(m, user, staffId);
      staffMemberWorkflow.next(member.endDate === null ? 'active' : 'ended', 'addTraining');
      const training = m.create(StaffTraining, {
        staffId,
        date: dto.date,
        organizer: dto.organizer,
        topic: dto.topic,
        halfHours: Math.round(dto.hours * 2),
      });
      await m.save(training);
      const view = trainingView(training);
      await this.audit.record(m, actor, {
        action: 'staff.training.create',
        entityType: 'staffTraining',
        entityId: training.id,
        after: { staffId, accountId: member.accountId, name: member.name, date: view.date, organizer: view.organizer, topic: view.topic, hours: view.hours },
      });
      return view;
    });
  }

  /** POST /api/staff/:id/records (owner), §02.7. */
  addRecord(actor: Actor, user: AuthUser, staffId: string, dto: CreateStaffRecordDto): Promise<StaffRecordView> {
    return this.uow.run(async (m) => {
      const member = await this.ownedMemberForUpdate(m, user, staffId);
      staffMemberWorkflow.next(member.endDate === null ? 'active' : 'ended', 'addRecord');
      const record = m.create(StaffRecord, { staffId, kind: dto.kind, date: dto.date, description: dto.description });
      await m.save(record);
      await this.audit.record(m, actor, {
        action: 'staff.record.create',
        entityType: 'staffRecord',
        entityId: record.id,
        after: { staffId, accountId: member.accountId, name: member.name, kind: record.kind, date: record.date, description: record.description },
      });
      return recordView(record);
    });
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /**
   * The member, for a change by its account's owner. Lock order: account, then member (as in
   * addMember and submit), so roster writers and filers of one account never deadlock.
   */
  private async ownedMemberForUpdate(m: EntityManager, user: AuthUser, staffId: string): Promise<StaffMember> {
    const peek = await m.findOne(StaffMember, { where: { id: staffId } });
    if (!peek || !isOwner(user, peek.ownerId)) throw AppException.notFound('编辑人员');
    await this.access.ownedForUpdate(m, user, peek.accountId);
    const member = await this.uow.findForUpdate(m, StaffMember, { where: { id: staffId } });
    if (!member) throw AppException.notFound('编辑人员');
    return member;
  }

  /** §02.5 总编辑负责制: one active chief editor per account; a second one is refused at entry. */
  private async assertChiefEditorFree(m: EntityManager, accountId: string, exceptId: string | null): Promise<void> {
    const chiefs = await m.find(StaffMember, { where: { accountId, role: 'chief_editor' as StaffRole, endDate: IsNull() } });
    if (chiefs.filter((c) => c.id !== exceptId).length >= POLICY.chiefEditorsPerAccount.value) {
      throw AppException.duplicate('该账号已有在岗总编辑；请先为原总编辑登记离岗或调整岗位', 'role');
    }
  }
}

