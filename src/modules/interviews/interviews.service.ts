import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, LessThan, MoreThanOrEqual } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import { type Actor, type Role, ROLE_LABELS, SYSTEM_ACTOR } from '../../common/auth/roles.js';
import type { OfficialDocument } from '../../common/documents/official-document.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { JobLock } from '../../database/job-lock.js';
import { SequenceService } from '../../database/sequence.service.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY, type PolicyKey, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import { Subject } from '../registry/subject.entity.js';
import { UsersService, type UserView } from '../users/users.service.js';
import type {
  AssessmentDto,
  AssignAssessorDto,
  CreateInterviewDto,
  HoldInterviewDto,
  InterviewQuery,
  RectificationReportDto,
  RefusalDto,
} from './dto/interview.dto.js';
import { type InterviewDocumentKind, interviewDocument } from './interview-documents.js';
import { DEFAULT_SUMMONED_TITLE, formatNoticeNo, formatOrderNo, INTERVIEWABLE_ACCOUNT_STATES } from './interview.constants.js';
import { Interview, InterviewEvent, type PanelOfficer, RectificationReport } from './interview.entity.js';
import {
  eventView,
  interviewAuditView,
  type InterviewEventView,
  type InterviewView,
  interviewView,
  type RectificationReportView,
  reportView,
} from './interview.views.js';
import {
  FAILED_RECTIFICATION_STATES,
  type InterviewAction,
  type InterviewState,
  interviewWorkflow,
} from './workflow/interview.workflow.js';

/** The lease name of the overdue sweep (one process sweeps at a time). */
export const SWEEP_JOB = 'interview-deadline-sweep';
const SWEEP_LEASE_MS = 5 * 60_000;

/** What escalation and the blacklist need to know of a concluded interview. */
export interface RectificationOutcome {
  interviewId: string;
  noticeNo: string;
  accountId: string;
  status: InterviewState;
  concludedAt: Date | null;
}

export interface InterviewDetail extends InterviewView {
  reports: RectificationReportView[];
  timeline: InterviewEventView[];
}

/** Two names are the same organisation when they match after spacing and bracket forms are evened out. */
export function sameOrganization(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[()]/g, (c) => (c === '(' ? '（' : '）'))
      .toLowerCase();
  return !!a && !!b && norm(a) === norm(b);
}

@Injectable()
export class InterviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly sequences: SequenceService,
    private readonly calendar: DeadlineCalendar,
    private readonly users: UsersService,
    private readonly jobLock: JobLock,
  ) {}

  private view(i: Interview): InterviewView {
    const today = beijingDate();
    return interviewView(i, (deadline) => this.calendar.describeDeadline(deadline, today));
  }

  /** Appends a step to the interview's timeline, with the rule that justified it. */
  private async addEvent(
    m: EntityManager,
    i: Interview,
    actor: Actor,
    step: { action: InterviewAction | 'schedule'; from: InterviewState | null; to: InterviewState; policy: PolicyKey; note?: string | null },
  ): Promise<void> {
    const last = await m.findOne(InterviewEvent, { where: { interviewId: i.id }, order: { seq: 'DESC' }, select: { id: true, seq: true } });
    const ref = policyRef(step.policy);
    await m.insert(
      InterviewEvent,
      m.create(InterviewEvent, {
        interviewId: i.id,
        seq: (last?.seq ?? 0) + 1,
        action: step.action,
        fromStatus: step.from,
        toStatus: step.to,
        actorId: actor.userId,
        actorName: actor.username.slice(0, 64),
        actorRole: actor.role,
        note: step.note ? step.note.slice(0, 500) : null,
        policyKey: ref.policyKey,
        citation: ref.citation,
        policyVersion: ref.policyVersion,
      }),
    );
  }

  /** Active officers for the panel; a 400 on `officerIds` naming the ones that are not. */
  private async panel(officerIds: string[]): Promise<PanelOfficer[]> {
    const found = await Promise.all(officerIds.map((id) => this.users.get(id).catch(() => null)));
    const bad = officerIds.filter((_, n) => !found[n] || found[n]!.role !== 'officer' || found[n]!.status !== 'active');
    if (bad.length) {
      throw AppException.field('officerIds', 'not_active_officer', `约谈人员须为在岗的网信办工作人员：${bad.join('、')} 不是`);
    }
    return (found as UserView[]).map((u) => ({ id: u.id, name: u.displayName }));
  }

  /** An officer schedules the interview and issues its notice (§03.1-2). */
  async create(actor: Actor, dto: CreateInterviewDto): Promise<InterviewView> {
    const now = new Date();
    const scheduledAt = new Date(dto.scheduledAt);
    if (Number.isNaN(scheduledAt.getTime())) throw AppException.field('scheduledAt', 'isISO8601', '约谈时间无效');
    if (scheduledAt.getTime() <= now.getTime()) throw AppException.field('scheduledAt', 'not_future', '约谈时间须晚于现在');
    const officers = await this.panel(dto.officerIds);
    return this.uow.run(async (m) => {
      const account = await m.findOne(MediaAccount, { where: { id: dto.accountId } });
      if (!account) throw AppException.field('accountId', 'unknown_account', '账号不存在');
      if (!(INTERVIEWABLE_ACCOUNT_STATES as readonly string[]).includes(account.status)) {
        throw AppException.field('accountId', 'account_not_interviewable', '只能约谈已备案或处于处置措施中的账号');
      }
      const subject = await m.findOne(Subject, { where: { id: account.subjectId } });
      if (!subject) throw AppException.field('accountId', 'unknown_account', '账号的主体不存在');
      const noticeDate = beijingDate(now);
      const year = Number(noticeDate.slice(0, 4));
      const seq = await this.sequences.next(m, `interview-notice:${year}`);
      const i = m.create(Interview, {
        noticeNo: formatNoticeNo(year, seq),
        accountId: account.id,
        ownerId: account.ownerId,
        subjectId: subject.id,
        subjectName: subject.name,
        accountName: account.name,
        filingNo: account.filingNo,
        platform: account.platform,
        triggers: [...dto.triggers].sort().join(','),
        facts: dto.facts.trim(),
        scheduledAt,
        location: dto.location.trim(),
        officers: JSON.stringify(officers),
        // §03.2: the principal responsible person; by default the subject's contact.
        summonedName: dto.summonedPerson?.name.trim() ?? subject.contactName,
        summonedTitle: dto.summonedPerson?.title.trim() ?? DEFAULT_SUMMONED_TITLE,
        noticeDate,
        status: interviewWorkflow.def.initial,
        createdBy: actor.userId ?? 'system',
        heldAt: null,
        heldBy: null,
        minutes: null,
        problems: null,
        requirements: null,
        deadline: null,
        orderNo: null,
        refusalNote: null,
        assessorId: null,
        assessorName: null,
        assessorOrganization: null,
        assessmentResult: null,
        assessmentComment: null,
        concludedAt: null,
      });
      await m.save(i);
      await this.addEvent(m, i, actor, { action: 'schedule', from: null, to: i.status, policy: 'interviewTriggers', note: `约谈通知书 ${i.noticeNo}` });
      await this.audit.record(m, actor, {
        action: 'interview.schedule',
        entityType: 'interview',
        entityId: i.id,
        after: { ...interviewAuditView(i), ...policyRef('interviewTriggers'), minOfficers: POLICY.interviewMinOfficers.value },
      });
      return this.view(i);
    });
  }

  /** Officers and approvers: all; operators: their accounts'; evaluators: those they assess (else 404). */
  private async visible(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Interview> {
    const i = await manager.findOne(Interview, { where: { id } });
    if (!i) throw AppException.notFound('约谈');
    if (user.role === 'officer' || user.role === 'approver') return i;
    if (user.role === 'operator' && i.ownerId === user.id) return i;
    if (user.role === 'evaluator' && i.assessorId === user.id) return i;
    if (user.role === 'operator' || user.role === 'evaluator') throw AppException.notFound('约谈');
    throw AppException.forbidden();
  }

  async list(user: AuthUser, q: InterviewQuery): Promise<Page<InterviewView>> {
    const qb = this.dataSource.getRepository(Interview).createQueryBuilder('i');
    if (user.role === 'operator') qb.andWhere('i.ownerId = :me', { me: user.id });
    else if (user.role === 'evaluator') qb.andWhere('i.assessorId = :me', { me: user.id });
    else if (user.role !== 'officer' && user.role !== 'approver') throw AppException.forbidden();
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.accountId) qb.andWhere('i.accountId = :accountId', { accountId: q.accountId });
    // from/to are Beijing calendar days, both inclusive.
    if (q.from) qb.andWhere('i.scheduledAt >= :from', { from: new Date(`${q.from}T00:00:00+08:00`) });
    if (q.to) qb.andWhere('i.scheduledAt < :to', { to: new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000) });
    // deadlineFrom/deadlineTo: the rectification deadline (a date), both inclusive; soonest first.
    if (q.deadlineFrom) qb.andWhere('i.deadline >= :deadlineFrom', { deadlineFrom: q.deadlineFrom });
    if (q.deadlineTo) qb.andWhere('i.deadline <= :deadlineTo', { deadlineTo: q.deadlineTo });
    if (q.deadlineFrom || q.deadlineTo) qb.orderBy('i.deadline', 'ASC').addOrderBy('i.noticeNo', 'ASC');
    else qb.orderBy('i.scheduledAt', 'DESC').addOrderBy('i.noticeNo', 'DESC');
    qb.skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows.map((i) => this.view(i)), total, q);
  }

  async get(user: AuthUser, id: string): Promise<InterviewDetail> {
    const i = await this.visible(user, id);
    const [reports, events] = await Promise.all([
      this.dataSource.getRepository(RectificationReport).find({ where: { interviewId: i.id }, order: { seq: 'ASC' } }),
      this.dataSource.getRepository(InterviewEvent).find({ where: { interviewId: i.id }, order: { seq: 'ASC' } }),
    ]);
    let timeline = events.map(eventView);
    // Operators see who acted by role, not staff login names.
    if (user.role === 'operator') {
      timeline = timeline.map((e) => ({ ...e, actor: { id: null, name: ROLE_LABELS[e.actor.role as Role] ?? '系统', role: e.actor.role } }));
    }
    return { ...this.view(i), reports: reports.map(reportView), timeline };
  }

  /** The notice, the minutes or the order; 404 for a document that does not exist yet. */
  async document(user: AuthUser, id: string, kind: InterviewDocumentKind): Promise<OfficialDocument> {
    const doc = interviewDocument(await this.visible(user, id), kind);
    if (!doc) throw AppException.notFound(kind === 'minutes' ? '约谈记录（约谈尚未举行）' : '责令整改通知书（约谈尚未举行）');
    return doc;
  }

  private async forUpdate(m: EntityManager, id: string): Promise<Interview> {
    const i = await this.uow.findForUpdate(m, Interview, { where: { id } });
    if (!i) throw AppException.notFound('约谈');
    return i;
  }

  /**
   * The interview is held: minutes, problems, requirements and the deadline, and the rectification
   * order. `held` and `rectifying` in one transaction (see the workflow); the row lock makes a second
   * officer holding the same interview at the same moment see `rectifying` and get 409.
   */
  async hold(actor: Actor, id: string, dto: HoldInterviewDto): Promise<InterviewView> {
    const now = new Date();
    const today = beijingDate(now);
    if (dto.deadline && dto.deadline <= today) throw AppException.field('deadline', 'not_future', '整改期限须晚于今天');
    return this.uow.run(async (m) => {
      const i = await this.forUpdate(m, id);
      const before = interviewAuditView(i);
      const held = interviewWorkflow.next(i.status, 'hold');
      const rectifying = interviewWorkflow.next(held, 'orderRectification');
      const deadline = dto.deadline ?? this.calendar.addWorkingDays(today, POLICY.rectificationWorkingDays.value);
      const year = Number(today.slice(0, 4));
      i.orderNo = formatOrderNo(year, await this.sequences.next(m, `rectification-order:${year}`));
      i.heldAt = now;
      i.heldBy = actor.userId;
      i.minutes = dto.minutes.trim();
      i.problems = JSON.stringify(dto.problems);
      i.requirements = JSON.stringify(dto.requirements);
      i.deadline = deadline;
      i.status = rectifying;
      await m.save(i);
      await this.addEvent(m, i, actor, { action: 'hold', from: 'scheduled', to: held, policy: 'interviewMinOfficers', note: '约谈已举行，制作约谈记录' });
      await this.addEvent(m, i, actor, {
        action: 'orderRectification',
        from: held,
        to: rectifying,
        policy: 'rectificationWorkingDays',
        note: `责令整改通知书 ${i.orderNo}，整改期限 ${deadline}${dto.deadline ? '' : `（默认${POLICY.rectificationWorkingDays.value}个工作日）`}`,
      });
      await this.audit.record(m, actor, {
        action: 'interview.hold',
        entityType: 'interview',
        entityId: i.id,
        before,
        after: { ...interviewAuditView(i), deadlineDefaulted: !dto.deadline, ...policyRef('rectificationWorkingDays') },
      });
      return this.view(i);
    });
  }

  /** §03.3 不得拒绝、阻挠: the operator refused or did not attend. Final; counts as failed rectification. */
  refuse(actor: Actor, id: string, dto: RefusalDto): Promise<InterviewView> {
    return this.uow.run(async (m) => {
      const i = await this.forUpdate(m, id);
      const before = interviewAuditView(i);
      const from = i.status;
      i.status = interviewWorkflow.next(i.status, 'refuse');
      i.refusalNote = dto.note.trim();
      i.concludedAt = new Date();
      await m.save(i);
      await this.addEvent(m, i, actor, { action: 'refuse', from, to: i.status, policy: 'interviewRefusal', note: i.refusalNote });
      await this.audit.record(m, actor, { action: 'interview.refuse', entityType: 'interview', entityId: i.id, before, after: { ...interviewAuditView(i), ...policyRef('interviewRefusal') } });
      return this.view(i);
    });
  }

  /** The owner's rectification report, while rectifying or assessing and not after the deadline (Beijing date). */
  submitReport(actor: Actor, user: AuthUser, id: string, dto: RectificationReportDto): Promise<RectificationReportView & { status: InterviewState }> {
    return this.uow.run(async (m) => {
      const i = await this.uow.findForUpdate(m, Interview, { where: { id } });
      if (!i || i.ownerId !== user.id) throw AppException.notFound('约谈');
      const from = i.status;
      const to = interviewWorkflow.next(i.status, 'submitReport');
      if (i.deadline! < beijingDate()) {
        throw AppException.conflict(`整改期限（${i.deadline}）已过，不能再提交整改报告`);
      }
      const seq = (await m.count(RectificationReport, { where: { interviewId: i.id } })) + 1;
      const report = m.create(RectificationReport, { interviewId: i.id, seq, report: dto.report.trim(), submittedBy: user.id });
      await m.save(report);
      i.status = to;
      await m.save(i);
      await this.addEvent(m, i, actor, { action: 'submitReport', from, to, policy: 'rectificationWorkingDays', note: `整改报告（期限 ${i.deadline}）` });
      await this.audit.record(m, actor, {
        action: 'interview.rectification',
        entityType: 'interview',
        entityId: i.id,
        before: { status: from },
        after: { status: to, reportId: report.id, deadline: i.deadline, ...policyRef('rectificationWorkingDays') },
      });
      return { ...reportView(report), status: i.status };
    });
  }

  /**
   * §03.4: the office assigns an association or third-party evaluator, not from an organisation
   * related to the account (not the account's subject, not its operator). Replaces an earlier one.
   */
  async assignAssessor(actor: Actor, id: string, dto: AssignAssessorDto): Promise<InterviewView> {
    const evaluator = await this.users.get(dto.evaluatorId).catch(() => null);
    if (!evaluator) throw AppException.field('evaluatorId', 'unknown_evaluator', '评议人员不存在');
    if (evaluator.role !== 'evaluator' || evaluator.status !== 'active') {
      throw AppException.field('evaluatorId', 'not_evaluator', '评估人员须为在岗的评议人员（行业协会或第三方专家）');
    }
    return this.uow.run(async (m) => {
      const i = await this.forUpdate(m, id);
      const before = interviewAuditView(i);
      const to = interviewWorkflow.next(i.status, 'assignAssessor');
      const subject = await m.findOne(Subject, { where: { id: i.subjectId }, select: { id: true, name: true, ownerId: true } });
      const related =
        evaluator.id === i.ownerId ||
        evaluator.id === subject?.ownerId ||
        sameOrganization(evaluator.organization, i.subjectName) ||
        sameOrganization(evaluator.organization, subject?.name);
      if (related) {
        throw AppException.field('evaluatorId', 'related_organization', '评估人员不得来自与被评估账号相关的单位');
      }
      i.status = to;
      i.assessorId = evaluator.id;
      i.assessorName = evaluator.displayName;
      i.assessorOrganization = evaluator.organization;
      await m.save(i);
      await this.addEvent(m, i, actor, {
        action: 'assignAssessor',
        from: before.status,
        to,
        policy: 'rectificationAssessment',
        note: `评估人员：${evaluator.displayName}${evaluator.organization ? `（${evaluator.organization}）` : ''}`,
      });
      await this.audit.record(m, actor, {
        action: 'interview.assign_assessor',
        entityType: 'interview',
        entityId: i.id,
        before,
        after: { ...interviewAuditView(i), ...policyRef('rectificationAssessment') },
      });
      return this.view(i);
    });
  }

  /** The assigned evaluator's pass or fail, with reasons (§03.4). Others: 404. */
  assess(actor: Actor, user: AuthUser, id: string, dto: AssessmentDto): Promise<InterviewView> {
    return this.uow.run(async (m) => {
      const i = await this.uow.findForUpdate(m, Interview, { where: { id } });
      if (!i || i.assessorId !== user.id) throw AppException.notFound('约谈');
      const before = interviewAuditView(i);
      const to = interviewWorkflow.next(i.status, dto.result === 'pass' ? 'pass' : 'fail');
      if ((await m.count(RectificationReport, { where: { interviewId: i.id } })) === 0) {
        throw AppException.conflict('尚无整改报告，无法评估');
      }
      i.status = to;
      i.assessmentResult = dto.result;
      i.assessmentComment = dto.comment.trim();
      i.concludedAt = new Date();
      await m.save(i);
      await this.addEvent(m, i, actor, { action: dto.result, from: before.status, to, policy: 'rectificationAssessment', note: i.assessmentComment });
      await this.audit.record(m, actor, {
        action: `interview.assess_${dto.result}`,
        entityType: 'interview',
        entityId: i.id,
        before,
        after: { ...interviewAuditView(i), ...policyRef('rectificationAssessment') },
      });
      return this.view(i);
    });
  }

  /**
   * The sweep's work: `rectifying` interviews whose deadline (a Beijing date) is before `now`'s
   * Beijing date, with no report, become `failed` (§03.3 逾期不予整改), audited as `system`. Each in
   * its own transaction, re-checked under the row lock, so a report that arrives meanwhile wins.
   */
  async sweepOverdueRectifications(now: Date = new Date()): Promise<{ failed: number }> {
    const today = beijingDate(now);
    const due = await this.dataSource.getRepository(Interview).find({
      where: { status: 'rectifying', deadline: LessThan(today) },
      select: { id: true },
      order: { deadline: 'ASC' },
    });
    let failed = 0;
    for (const { id } of due) {
      const done = await this.uow.run(async (m) => {
        const i = await this.uow.findForUpdate(m, Interview, { where: { id } });
        if (!i || i.status !== 'rectifying' || !i.deadline || i.deadline >= today) return false;
        if ((await m.count(RectificationReport, { where: { interviewId: id } })) > 0) return false;
        const before = interviewAuditView(i);
        i.status = interviewWorkflow.next(i.status, 'expire');
        i.concludedAt = new Date();
        await m.save(i);
        await this.addEvent(m, i, SYSTEM_ACTOR, { action: 'expire', from: 'rectifying', to: i.status, policy: 'rectificationOverdue', note: `整改期限 ${i.deadline} 已过，未提交整改报告` });
        await this.audit.record(m, SYSTEM_ACTOR, {
          action: 'interview.expire',
          entityType: 'interview',
          entityId: i.id,
          before,
          after: { ...interviewAuditView(i), sweptOn: today, ...policyRef('rectificationOverdue') },
        });
        return true;
      });
      if (done) failed += 1;
    }
    return { failed };
  }

  /**
   * The sweep under the job lease: with several app processes exactly one does the work at a time,
   * and, for a scheduled `tick`, once per tick.
   */
  async runSweep(now: Date = new Date(), tick?: Date): Promise<{ ran: boolean; failed: number }> {
    const outcome = await this.jobLock.runExclusive(SWEEP_JOB, SWEEP_LEASE_MS, () => this.sweepOverdueRectifications(now), { tick });
    return outcome.ran ? { ran: true, failed: outcome.result.failed } : { ran: false, failed: 0 };
  }

  // — for escalation measures and the blacklist —

  /** An interview of the account (null when unknown or another account's), inside the caller's transaction. */
  async outcomeOfInTx(m: EntityManager, accountId: string, interviewId: string): Promise<RectificationOutcome | null> {
    const i = await m.findOne(Interview, { where: { id: interviewId, accountId } });
    return i ? outcome(i) : null;
  }

  /** The account's most recent interview in one of `states` concluded at or after `since` (all when null). */
  async latestConcludedInTx(m: EntityManager, accountId: string, states: readonly InterviewState[], since: Date | null): Promise<RectificationOutcome | null> {
    const i = await m.findOne(Interview, {
      where: { accountId, status: In([...states]), ...(since ? { concludedAt: MoreThanOrEqual(since) } : {}) },
      order: { concludedAt: 'DESC', id: 'ASC' },
    });
    return i ? outcome(i) : null;
  }

  /** Failed rectifications of an account (failed or refused; §03.3, blacklist rule R2), newest first. */
  async failedRectifications(accountId: string, since?: Date): Promise<RectificationOutcome[]> {
    const rows = await this.dataSource.getRepository(Interview).find({
      where: { accountId, status: In([...FAILED_RECTIFICATION_STATES]), ...(since ? { concludedAt: MoreThanOrEqual(since) } : {}) },
      order: { concludedAt: 'DESC', id: 'ASC' },
    });
    return rows.map(outcome);
  }

  /** Interviews of the accounts in a period (the annual figures and the evaluation's deductions). */
  async countHeldSince(accountId: string, since: Date): Promise<number> {
    return this.dataSource.getRepository(Interview).count({ where: { accountId, heldAt: MoreThanOrEqual(since) } });
  }
}

function outcome(i: Interview): RectificationOutcome {
  return { interviewId: i.id, noticeNo: i.noticeNo, accountId: i.accountId, status: i.status, concludedAt: i.concludedAt };
}
