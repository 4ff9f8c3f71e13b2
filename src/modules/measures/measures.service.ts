import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import type { OfficialDocument } from '../../common/documents/official-document.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { SequenceService } from '../../database/sequence.service.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { type RectificationOutcome, InterviewsService } from '../interviews/interviews.service.js';
import { FAILED_RECTIFICATION_STATES, interviewWorkflow } from '../interviews/workflow/interview.workflow.js';
import { MediaAccount } from '../registry/account.entity.js';
import { PLATFORM_LABELS } from '../registry/registry.constants.js';
import { RegistryService } from '../registry/registry.service.js';
import { Subject } from '../registry/subject.entity.js';
import { isUniqueViolation } from '../registry/unique-violation.js';
import { accountWorkflow } from '../registry/workflow/account.workflow.js';
import type { MeasureQuery, MeasureReplyDto, ProposeMeasureDto, RejectMeasureDto } from './dto/measure.dto.js';
import { buildLetter, type LetterContext, lettersFor } from './measure-letters.js';
import {
  ACTION_WORDS,
  accountActionFor,
  formatLetterNo,
  LETTER_ADDRESSEES,
  LETTERS,
  type LetterKind,
  MEASURE_POLICY,
  REFERRAL_NO_PREFIX,
  REQUEST_NO_PREFIX,
} from './measure.constants.js';
import { EscalationMeasure, MeasureLetter } from './measure.entity.js';
import { measureAuditView, type MeasureView, measureView } from './measure.views.js';
import { MEASURE_KIND_LABELS, type MeasureKind, measureWorkflow } from './workflow/measure.workflow.js';

/** Measures that took effect (their account state changed on approval). */
const DECIDED = ['approved', 'replied'] as const;

/** 409 naming the field whose value the current state of things does not allow. */
function conflictOn(field: string, code: string, message: string): AppException {
  return new AppException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, message, [{ field, code, message }]);
}

function onePendingOnly(): AppException {
  return AppException.duplicate('该账号已有待审批的措施，请先审批或退回', 'accountId');
}

interface Basis {
  interview: RectificationOutcome | null;
  /** A lift: the measure in force whose effect it undoes. */
  lifted: EscalationMeasure | null;
}

/**
 * Escalation measures of §03.3 and their lifting (§03.5 last sentence), proposed by an officer and
 * approved by a different approver; approval moves the account one step in the same transaction
 * as its audit entries and issues the letters.
 */
@Injectable()
export class MeasuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly sequences: SequenceService,
    private readonly registry: RegistryService,
    private readonly interviews: InterviewsService,
  ) {}

  /**
   * What a measure rests on, checked at proposal and again at approval:
   * - restrict: a failed rectification (failed or refused interview) concluded since the account's
   *   last lifting, if any (§03.3 逾期不予整改或整改不到位);
   * - suspend, close: no passed rectification since the measure in force (then lifting is due, not more);
   * - lift: a passed rectification concluded since the measure in force was approved (§03.5).
   */
  private async basis(m: EntityManager, account: MediaAccount, kind: MeasureKind, interviewId: string | null | undefined): Promise<Basis> {
    const decided = await m.find(EscalationMeasure, { where: { accountId: account.id, status: In([...DECIDED]) }, order: { decidedAt: 'DESC' } });
    const lastLift = decided.find((x) => x.kind === 'lift') ?? null;
    const lastEscalation = decided.find((x) => x.kind !== 'lift') ?? null;
    const given = interviewId ? await this.interviews.outcomeOfInTx(m, account.id, interviewId) : null;
    if (interviewId && !given) throw AppException.field('interviewId', 'unknown_interview', '该账号没有这次约谈');

    if (kind === 'restrict') {
      const since = lastLift?.decidedAt ?? null;
      if (given) {
        if (!FAILED_RECTIFICATION_STATES.includes(given.status)) {
          throw conflictOn('interviewId', 'not_failed_rectification', `所选约谈（${interviewWorkflow.def.labels[given.status]}）不是整改不合格，不能据此限制发布（§03.3）`);
        }
        if (since && given.concludedAt && given.concludedAt < since) {
          throw conflictOn('interviewId', 'before_lift', '所选约谈早于上次解除措施，不能再作为依据');
        }
        return { interview: given, lifted: null };
      }
      const latest = await this.interviews.latestConcludedInTx(m, account.id, FAILED_RECTIFICATION_STATES, since);
      if (!latest) {
        throw conflictOn('kind', 'no_failed_rectification', '限制发布须以整改不合格（评估不合格、逾期未整改或拒绝约谈）为前提（§03.3）');
      }
      return { interview: latest, lifted: null };
    }

    const since = lastEscalation?.decidedAt ?? null;
    if (kind === 'lift') {
      const lifted = decided.find((x) => x.kind !== 'lift' && x.accountStatusAfter === account.status) ?? null;
      if (given) {
        if (given.status !== 'passed') {
          throw conflictOn('interviewId', 'not_passed_rectification', `所选约谈（${interviewWorkflow.def.labels[given.status]}）不是整改合格，不能据此解除（§03.5）`);
        }
        if (since && given.concludedAt && given.concludedAt < since) {
          throw conflictOn('interviewId', 'before_measure', '所选约谈的整改评估早于措施生效，不能据此解除（§03.5）');
        }
        return { interview: given, lifted };
      }
      const latest = await this.interviews.latestConcludedInTx(m, account.id, ['passed'], since);
      if (!latest) throw conflictOn('kind', 'no_passed_rectification', '解除措施须在措施生效后有整改评估合格的约谈（§03.5）');
      return { interview: latest, lifted };
    }

    // suspend, close: the account keeps failing to rectify; a pass since the measure calls for lifting instead.
    if (lastEscalation) {
      const passed = await this.interviews.latestConcludedInTx(m, account.id, ['passed'], since);
      if (passed) throw conflictOn('kind', 'rectified_since_measure', '措施生效后该账号整改已评估合格，应提议解除措施而非升级（§03.5）');
    }
    return { interview: given, lifted: null };
  }

  /** The account action for the measure from where the account is, or 409 (one step at a time). */
  private stepFor(kind: MeasureKind, account: MediaAccount) {
    const action = accountActionFor(kind, account.status);
    if (!action) throw AppException.illegalTransition(accountWorkflow.def.labels[account.status], MEASURE_KIND_LABELS[kind]);
    return action;
  }

  propose(actor: Actor, user: AuthUser, dto: ProposeMeasureDto): Promise<MeasureView> {
    return this.uow
      .run(async (m) => {
        // The account row is the lock under which one proposal per account is decided.
        const account = await this.uow.findForUpdate(m, MediaAccount, { where: { id: dto.accountId } });
        if (!account) throw AppException.field('accountId', 'unknown_account', '账号不存在');
        if (await m.findOne(EscalationMeasure, { where: { openAccountId: account.id }, select: { id: true } })) throw onePendingOnly();
        this.stepFor(dto.kind, account);
        const basis = await this.basis(m, account, dto.kind, dto.interviewId);
        const ref = policyRef(MEASURE_POLICY[dto.kind]);
        const x = m.create(EscalationMeasure, {
          accountId: account.id,
          openAccountId: account.id,
          accountName: account.name,
          filingNo: account.filingNo,
          kind: dto.kind,
          interviewId: basis.interview?.interviewId ?? null,
          reason: dto.reason.trim(),
          status: measureWorkflow.def.initial,
          proposedBy: user.id,
          proposedByName: user.displayName,
          policyKey: ref.policyKey,
          citation: ref.citation,
          policyVersion: ref.policyVersion,
          decidedBy: null,
          decidedByName: null,
          decidedAt: null,
          rejectReason: null,
          accountAction: null,
          accountStatusBefore: null,
          accountStatusAfter: null,
          liftsMeasureId: basis.lifted?.id ?? null,
          decisionNo: null,
          replyReference: null,
          repliedAt: null,
          replyNote: null,
          replyRecordedBy: null,
        });
        await m.save(x);
        await this.audit.record(m, actor, { action: 'measure.propose', entityType: 'measure', entityId: x.id, after: { ...measureAuditView(x), ...ref } });
        return measureView(x);
      })
      .catch((e: unknown) => {
        // Two proposals raced past the check: the unique open-proposal index decided.
        if (isUniqueViolation(e)) throw onePendingOnly();
        throw e;
      });
  }

  private async lettersOf(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, MeasureLetter[]>> {
    const rows = ids.length ? await manager.find(MeasureLetter, { where: { measureId: In(ids) } }) : [];
    const map = new Map<string, MeasureLetter[]>();
    for (const r of rows) map.set(r.measureId, [...(map.get(r.measureId) ?? []), r]);
    return map;
  }

  async list(q: MeasureQuery): Promise<Page<MeasureView>> {
    const where: Record<string, unknown> = {};
    if (q.status) where.status = q.status;
    if (q.kind) where.kind = q.kind;
    if (q.accountId) where.accountId = q.accountId;
    // The approvers' queue (status=proposed): the oldest proposal first.
    const dir = q.status === 'proposed' ? 'ASC' : 'DESC';
    const [rows, total] = await this.dataSource.getRepository(EscalationMeasure).findAndCount({
      where,
      order: { createdAt: dir, id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const letters = await this.lettersOf(rows.map((x) => x.id));
    return pageOf(rows.map((x) => measureView(x, letters.get(x.id))), total, q);
  }

  async get(id: string): Promise<MeasureView> {
    const x = await this.dataSource.getRepository(EscalationMeasure).findOne({ where: { id } });
    if (!x) throw AppException.notFound('措施');
    return measureView(x, (await this.lettersOf([x.id])).get(x.id));
  }

  /** A letter as issued; 404 when the measure issued no such letter (not approved, or not a restriction). */
  async letter(id: string, letter: string): Promise<OfficialDocument> {
    if (!(LETTERS as readonly string[]).includes(letter)) throw AppException.notFound('文书');
    const row = await this.dataSource.getRepository(MeasureLetter).findOne({ where: { measureId: id, letter: letter as LetterKind } });
    if (!row) {
      if (!(await this.dataSource.getRepository(EscalationMeasure).exists({ where: { id } }))) throw AppException.notFound('措施');
      throw AppException.notFound('文书');
    }
    return JSON.parse(row.content) as OfficialDocument;
  }

  private async forDecision(m: EntityManager, user: AuthUser, id: string): Promise<EscalationMeasure> {
    const x = await this.uow.findForUpdate(m, EscalationMeasure, { where: { id } });
    if (!x) throw AppException.notFound('措施');
    // Maker-checker: nobody decides their own proposal.
    if (x.proposedBy === user.id) throw AppException.forbidden('不能审批自己提出的措施');
    return x;
  }

  /**
   * The approver's decision: the account moves one step (account workflow, audited) in this
   * transaction, the request to the upper-level office is issued and, for a restriction, the
   * referral letters to the police, press and publication, and culture and tourism departments.
   */
  approve(actor: Actor, user: AuthUser, id: string): Promise<MeasureView> {
    return this.uow.run(async (m) => {
      const x = await this.forDecision(m, user, id);
      const before = measureAuditView(x);
      const status = measureWorkflow.next(x.status, 'approve');
      const account = await this.uow.findForUpdate(m, MediaAccount, { where: { id: x.accountId } });
      if (!account) throw AppException.notFound('账号');
      const action = this.stepFor(x.kind, account);
      const basis = await this.basis(m, account, x.kind, x.interviewId);
      const ref = policyRef(MEASURE_POLICY[x.kind]);
      const statusBefore = account.status;
      const updated = await this.registry.transitionAccountInTx(m, actor, account.id, action, { measureId: x.id, ...ref });

      const now = new Date();
      const date = beijingDate(now);
      const year = Number(date.slice(0, 4));
      const numbers: Partial<Record<LetterKind, string>> = {};
      for (const letter of lettersFor(x.kind)) {
        numbers[letter] =
          letter === 'upper-request'
            ? formatLetterNo(REQUEST_NO_PREFIX, year, await this.sequences.next(m, `measure-request:${year}`))
            : formatLetterNo(REFERRAL_NO_PREFIX, year, await this.sequences.next(m, `measure-referral:${year}`));
      }
      const subject = await m.findOne(Subject, { where: { id: account.subjectId }, select: { id: true, name: true } });
      const context: LetterContext = {
        kind: x.kind,
        accountAction: action,
        accountName: account.name,
        filingNo: account.filingNo,
        platformLabel: PLATFORM_LABELS[account.platform] ?? account.platform,
        platformAccountId: account.platformAccountId,
        subjectName: subject?.name ?? '',
        reason: x.reason,
        basis: basis.interview ? { noticeNo: basis.interview.noticeNo, outcomeLabel: interviewWorkflow.def.labels[basis.interview.status] } : null,
        lifted: basis.lifted ? { decisionNo: basis.lifted.decisionNo, actionWords: ACTION_WORDS[basis.lifted.accountAction ?? basis.lifted.kind] } : null,
        date,
        proposerName: x.proposedByName,
        numbers,
      };
      const letters = lettersFor(x.kind).map((letter) =>
        m.create(MeasureLetter, {
          measureId: x.id,
          letter,
          number: numbers[letter]!,
          addressee: LETTER_ADDRESSEES[letter],
          content: JSON.stringify(buildLetter(context, letter)),
        }),
      );
      await m.save(letters);

      x.status = status;
      x.openAccountId = null;
      x.decidedBy = user.id;
      x.decidedByName = user.displayName;
      x.decidedAt = now;
      x.accountAction = action;
      x.accountStatusBefore = statusBefore;
      x.accountStatusAfter = updated.status;
      x.decisionNo = numbers['upper-request']!;
      x.interviewId = basis.interview?.interviewId ?? x.interviewId;
      x.liftsMeasureId = basis.lifted?.id ?? null;
      await m.save(x);
      await this.audit.record(m, actor, {
        action: 'measure.approve',
        entityType: 'measure',
        entityId: x.id,
        before,
        after: { ...measureAuditView(x), letters: numbers, ...ref, approval: policyRef('measureApproval') },
      });
      return measureView(x, letters);
    });
  }

  reject(actor: Actor, user: AuthUser, id: string, dto: RejectMeasureDto): Promise<MeasureView> {
    return this.uow.run(async (m) => {
      const x = await this.forDecision(m, user, id);
      const before = measureAuditView(x);
      x.status = measureWorkflow.next(x.status, 'reject');
      x.openAccountId = null;
      x.decidedBy = user.id;
      x.decidedByName = user.displayName;
      x.decidedAt = new Date();
      x.rejectReason = dto.reason.trim();
      await m.save(x);
      await this.audit.record(m, actor, {
        action: 'measure.reject',
        entityType: 'measure',
        entityId: x.id,
        before,
        after: { ...measureAuditView(x), rejectReason: x.rejectReason, ...policyRef('measureApproval') },
      });
      return measureView(x);
    });
  }

  /** The upper-level office's reply to the request, recorded by an officer (reference and date). */
  reply(actor: Actor, id: string, dto: MeasureReplyDto): Promise<MeasureView> {
    return this.uow.run(async (m) => {
      const x = await this.uow.findForUpdate(m, EscalationMeasure, { where: { id } });
      if (!x) throw AppException.notFound('措施');
      const before = measureAuditView(x);
      const status = measureWorkflow.next(x.status, 'recordReply');
      if (dto.repliedAt > beijingDate()) throw AppException.field('repliedAt', 'future_date', '答复日期不能晚于今天');
      if (x.decidedAt && dto.repliedAt < beijingDate(x.decidedAt)) {
        throw AppException.field('repliedAt', 'before_request', '答复日期不能早于请示日期');
      }
      x.status = status;
      x.replyReference = dto.reference.trim();
      x.repliedAt = dto.repliedAt;
      x.replyNote = dto.note?.trim() || null;
      x.replyRecordedBy = actor.userId;
      await m.save(x);
      await this.audit.record(m, actor, { action: 'measure.reply', entityType: 'measure', entityId: x.id, before, after: { ...measureAuditView(x), ...policyRef(MEASURE_POLICY[x.kind]) } });
      return measureView(x, (await this.lettersOf([x.id], m)).get(x.id));
    });
  }
}
