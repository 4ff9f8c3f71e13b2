import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, type AuthUser, Roles } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { IdParam } from '../../common/http/id-param.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { formatDateZh } from '../../common/views/view-helpers.js';
import { POLICY } from '../../policy/policy-table.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import {
  AssessmentDto,
  AssignAssessorDto,
  CreateInterviewDto,
  HoldInterviewDto,
  InterviewQuery,
  RectificationReportDto,
  RefusalDto,
} from '../interviews/dto/interview.dto.js';
import { INTERVIEW_TRIGGER_LABELS, INTERVIEW_TRIGGERS } from '../interviews/interview.constants.js';
import type { InterviewView } from '../interviews/interview.views.js';
import { InterviewsService } from '../interviews/interviews.service.js';
import { FINAL_INTERVIEW_STATES, INTERVIEW_STATES, REPORTABLE_INTERVIEW_STATES } from '../interviews/workflow/interview.workflow.js';
import { MeasureQuery, ProposeMeasureDto } from '../measures/dto/measure.dto.js';
import { MeasuresService } from '../measures/measures.service.js';
import { RegistryService } from '../registry/registry.service.js';
import { UsersService } from '../users/users.service.js';
import { dayOrUndefined, deadlineTag, renameFields, statusOf } from './enforcement-views.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery, text } from './page-query.js';
import { MEASURE_OPTIONS } from './reports.page.controller.js';

const SCHEDULE_LABELS = { triggers: '约谈情形', facts: '违法违规事实', location: '约谈地点', officerIds: '约谈人员', accountId: '被约谈账号' };
const HOLD_LABELS = { minutes: '约谈记录', problems: '指出的问题', requirements: '整改要求', deadline: '整改期限' };
const ASSESSMENT_OPTIONS = [
  { value: 'pass', text: '整改合格：问题已整改到位' },
  { value: 'fail', text: '整改不合格：整改不到位或问题仍然存在' },
];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type CaseForms = { hold?: FormState; refusal?: FormState; assessor?: FormState; measure?: FormState };
const empty = (): FormState => ({ values: {}, errors: [] });
const asList = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

const WEEKDAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'long' });
const HOUR_MINUTE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** The form's prefix whose errors the summary at the top lists (one form fails at a time). */
function failedOf(forms: CaseForms) {
  for (const [name, f] of Object.entries(forms)) if (f && f.errors.length) return { f, prefix: `${name}-` };
  return null;
}

/**
 * Interviews (约谈, §03.1-4) on every desk: the officer's calendar, scheduling form and case page
 * (timeline, deadline in words, documents, hold, refusal, assessor, a measure proposed from the
 * outcome); the operator's interviews and rectification reports; the evaluator's assessment.
 */
@ApiExcludeController()
@Controller()
export class InterviewsPageController {
  constructor(
    private readonly page: PageContext,
    private readonly interviews: InterviewsService,
    private readonly measures: MeasuresService,
    private readonly registry: RegistryService,
    private readonly users: UsersService,
    private readonly calendar: DeadlineCalendar,
  ) {}

  // ---- officer: calendar and list --------------------------------------------------------------

  @Roles('officer')
  @Get('officer/interviews')
  async calendarPage(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const user = req.user!;
    const today = beijingDate();
    const q = listQuery(query, { status: INTERVIEW_STATES });
    const filters = { status: q.status as string | undefined, from: dayOrUndefined(query?.from), to: dayOrUndefined(query?.to) };
    const [upcoming, list] = await Promise.all([
      this.interviews.list(user, Object.assign(new InterviewQuery(), { page: 1, pageSize: 100, status: 'scheduled', from: today })),
      this.interviews.list(user, Object.assign(new InterviewQuery(), { page: q.page, pageSize: q.pageSize, ...filters })),
    ]);
    // The calendar: interviews to come, day by day, earliest first.
    const days: { date: string; weekday: string; items: (InterviewView & { time: string })[] }[] = [];
    for (const i of [...upcoming.items].sort((a, b) => new Date(a.scheduledAt).getTime() - new Date(b.scheduledAt).getTime())) {
      const at = new Date(i.scheduledAt);
      const date = formatDateZh(at);
      let day = days.find((d) => d.date === date);
      if (!day) days.push((day = { date, weekday: WEEKDAY.format(at), items: [] }));
      day.items.push({ ...i, time: HOUR_MINUTE.format(at) });
    }
    return this.page.render(req, reply, 'officer/interviews', {
      title: '约谈',
      deskNav: deskNavFor(user.role, req.url),
      days,
      upcomingTotal: upcoming.total,
      interviews: { ...list, items: list.items.map((i) => ({ ...i, deadlineTag: deadlineTag(this.calendar, i.deadline, today, i.deadlineText !== null) })) },
      query: filters,
      statuses: optionsOf('interviewState'),
    });
  }

  // ---- officer: scheduling ---------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/interviews/new')
  async newForm(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const accountId = text(query?.accountId, 36);
    const filingNo = text(query?.filingNo, 32)?.toUpperCase();
    if (!accountId && filingNo) {
      // Found by its filing number: the form for that account.
      const account = await this.registry.findAccountByFilingNo(filingNo);
      if (account) return this.page.redirect(reply, `/officer/interviews/new?accountId=${account.id}`);
      return this.renderPickAccount(req, reply, { values: { filingNo }, errors: [{ field: 'filingNo', code: 'unknown_filing_no', message: '没有找到该备案编号的账号' }] }, 404);
    }
    if (!accountId) return this.renderPickAccount(req, reply, empty(), 200);
    const form: FormState = { values: { accountId, officerIds: [req.user!.id], triggers: [] }, errors: [] };
    return this.renderScheduleForm(req, reply, accountId, form, 200);
  }

  @Roles('officer')
  @Post('officer/interviews')
  async schedule(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const triggers = asList(values.triggers);
    const officerIds = asList(values.officerIds);
    const kept = { ...values, triggers, officerIds };
    const accountId = typeof values.accountId === 'string' ? values.accountId : '';
    const pageErrors: ErrorDetail[] = [];
    const date = text(values.scheduledDate, 32);
    const time = text(values.scheduledTime, 32);
    let scheduledAt: string | undefined;
    if (!date) pageErrors.push({ field: 'scheduledDate', code: 'required', message: '请填写约谈日期' });
    else if (!dayOrUndefined(date)) pageErrors.push({ field: 'scheduledDate', code: 'isISO8601', message: '约谈日期应为日期，如 2026-11-30' });
    if (!time) pageErrors.push({ field: 'scheduledTime', code: 'required', message: '请填写约谈时间' });
    else if (!TIME.test(time)) pageErrors.push({ field: 'scheduledTime', code: 'matches', message: '约谈时间应为24小时制，如 09:30' });
    if (pageErrors.length === 0) scheduledAt = `${date}T${time}:00+08:00`;
    const summonedName = text(values.summonedName, 200);
    const summonedTitle = text(values.summonedTitle, 200);
    const plain: Record<string, unknown> = {
      accountId,
      triggers: triggers.length ? triggers : undefined,
      facts: values.facts,
      scheduledAt,
      location: values.location,
      officerIds: officerIds.length ? officerIds : undefined,
    };
    if (summonedName || summonedTitle) plain.summonedPerson = { name: summonedName ?? '', title: summonedTitle ?? '' };
    for (const k of Object.keys(values)) {
      if (!['accountId', 'triggers', 'facts', 'scheduledDate', 'scheduledTime', 'location', 'officerIds', 'summonedName', 'summonedTitle'].includes(k)) plain[k] = values[k];
    }
    for (const k of Object.keys(plain)) if (plain[k] === undefined) delete plain[k];
    const form = await readForm(CreateInterviewDto, plain, { labels: SCHEDULE_LABELS, choices: ['triggers', 'officerIds'] });
    const fieldNames = { scheduledAt: 'scheduledDate', 'summonedPerson.name': 'summonedName', 'summonedPerson.title': 'summonedTitle' };
    const errors = [...pageErrors, ...(form.ok ? [] : renameFields(form.state.errors.filter((e) => e.field !== 'scheduledAt' || pageErrors.length === 0), fieldNames))];
    if (!form.ok || errors.length) return this.renderScheduleForm(req, reply, accountId, { values: kept, errors }, 400);
    try {
      const interview = await this.interviews.create(actorOf(req), form.dto);
      return this.page.redirect(reply, `/officer/interviews/${interview.id}?done=scheduled`);
    } catch (e) {
      return this.renderScheduleForm(req, reply, accountId, { values: kept, errors: renameFields(formErrorsFrom(e), fieldNames) }, statusOf(e));
    }
  }

  // ---- officer: the case -----------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/interviews/:id')
  casePage(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderCase(req, reply, id, {}, 200, typeof done === 'string' ? done : null);
  }

  @Roles('officer')
  @Post('officer/interviews/:id/hold')
  async hold(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(HoldInterviewDto, body, { labels: HOLD_LABELS });
    if (!form.ok) return this.renderCase(req, reply, id, { hold: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.interviews.hold(actorOf(req), id, form.dto);
    } catch (e) {
      return this.renderCase(req, reply, id, { hold: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/interviews/${id}?done=held`);
  }

  @Roles('officer')
  @Post('officer/interviews/:id/refusal')
  async refusal(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(RefusalDto, body, { labels: { note: '情况说明' } });
    if (!form.ok) return this.renderCase(req, reply, id, { refusal: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.interviews.refuse(actorOf(req), id, form.dto);
    } catch (e) {
      return this.renderCase(req, reply, id, { refusal: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/interviews/${id}?done=refused`);
  }

  @Roles('officer')
  @Post('officer/interviews/:id/assessor')
  async assessor(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(AssignAssessorDto, body, { labels: { evaluatorId: '评估人员' }, choices: ['evaluatorId'] });
    if (!form.ok) return this.renderCase(req, reply, id, { assessor: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.interviews.assignAssessor(actorOf(req), id, form.dto);
    } catch (e) {
      return this.renderCase(req, reply, id, { assessor: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/interviews/${id}?done=assessor`);
  }

  /** A measure proposed on the outcome of this interview (restrict after a failure, lift after a pass). */
  @Roles('officer')
  @Post('officer/interviews/:id/measures')
  async proposeMeasure(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const interview = await this.interviews.get(req.user!, id);
    const form = await readForm(ProposeMeasureDto, { ...values, accountId: interview.accountId, interviewId: interview.id }, { labels: { kind: '措施', reason: '事实与理由' }, choices: ['kind'] });
    if (!form.ok) return this.renderCase(req, reply, id, { measure: { values, errors: form.state.errors } }, 400, null);
    try {
      const measure = await this.measures.propose(actorOf(req), req.user!, form.dto);
      return this.page.redirect(reply, `/officer/measures/${measure.id}?done=proposed`);
    } catch (e) {
      return this.renderCase(req, reply, id, { measure: { values, errors: renameFields(formErrorsFrom(e), { interviewId: 'kind', accountId: 'kind' }) } }, statusOf(e), null);
    }
  }

  // ---- operator --------------------------------------------------------------------------------

  @Roles('operator')
  @Get('operator/interviews')
  async operatorList(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const user = req.user!;
    const q = listQuery(query);
    const list = await this.interviews.list(user, Object.assign(new InterviewQuery(), { page: q.page, pageSize: q.pageSize }));
    const today = beijingDate();
    return this.page.render(req, reply, 'operator/interviews', {
      title: '约谈与整改',
      deskNav: deskNavFor(user.role, req.url),
      interviews: { ...list, items: list.items.map((i) => ({ ...i, deadlineTag: deadlineTag(this.calendar, i.deadline, today, i.deadlineText !== null) })) },
    });
  }

  @Roles('operator')
  @Get('operator/interviews/:id')
  operatorCase(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderOperatorCase(req, reply, id, empty(), 200, typeof done === 'string' ? done : null);
  }

  @Roles('operator')
  @Post('operator/interviews/:id/rectifications')
  async rectification(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(RectificationReportDto, body, { labels: { report: '整改报告' } });
    if (!form.ok) return this.renderOperatorCase(req, reply, id, { values, errors: form.state.errors }, 400, null);
    try {
      await this.interviews.submitReport(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderOperatorCase(req, reply, id, { values, errors: formErrorsFrom(e) }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/operator/interviews/${id}?done=report`);
  }

  // ---- evaluator -------------------------------------------------------------------------------

  @Roles('evaluator')
  @Get('evaluator/interviews/:id')
  assessmentPage(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderAssessment(req, reply, id, empty(), 200, typeof done === 'string' ? done : null);
  }

  @Roles('evaluator')
  @Post('evaluator/interviews/:id/assessment')
  async assess(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(AssessmentDto, body, { labels: { result: '评估结论', comment: '评估意见' }, choices: ['result'] });
    if (!form.ok) return this.renderAssessment(req, reply, id, { values, errors: form.state.errors }, 400, null);
    try {
      await this.interviews.assess(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderAssessment(req, reply, id, { values, errors: formErrorsFrom(e) }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/evaluator/interviews/${id}?done=assessed`);
  }

  // ---- rendering -------------------------------------------------------------------------------

  private async activeUsers(role: 'officer' | 'evaluator') {
    const list = await this.users.list({ page: 1, pageSize: 100, role });
    return list.items.filter((u) => u.status === 'active');
  }

  private renderPickAccount(req: PageRequest, reply: FastifyReply, form: FormState, status: number) {
    return this.page.render(req, reply, 'officer/interview-pick', { title: '安排约谈', deskNav: deskNavFor(req.user?.role, req.url), form }, status);
  }

  private async renderScheduleForm(req: PageRequest, reply: FastifyReply, accountId: string, form: FormState, status: number) {
    const user = req.user!;
    let account;
    try {
      account = await this.registry.accountViewForUser(user, accountId);
    } catch (e) {
      // An unknown account: choose one by its filing number instead.
      if (e instanceof AppException && e.getStatus() === 404) {
        return this.renderPickAccount(req, reply, { values: {}, errors: [{ field: 'filingNo', code: 'unknown_account', message: '没有找到要约谈的账号，请填写备案编号' }] }, 404);
      }
      throw e;
    }
    const officers = await this.activeUsers('officer');
    return this.page.render(req, reply, 'officer/interview-new', {
      title: `安排约谈：${account.name}`,
      deskNav: deskNavFor(user.role, req.url),
      account,
      form,
      triggerOptions: INTERVIEW_TRIGGERS.map((t) => ({ value: t, text: `（${'一二三四五六'[Number(t.slice(1)) - 1]}）${INTERVIEW_TRIGGER_LABELS[t]}` })),
      officerOptions: officers.map((o) => ({ value: o.id, text: `${o.displayName}${o.organization ? `（${o.organization}）` : ''}${o.id === user.id ? '（本人）' : ''}` })),
      selectedTriggers: asList(form.values.triggers),
      selectedOfficers: asList(form.values.officerIds),
      minOfficers: POLICY.interviewMinOfficers.value,
      tomorrow: this.calendar.addWorkingDays(beijingDate(), 1),
    }, status);
  }

  private async renderCase(req: PageRequest, reply: FastifyReply, id: string, forms: CaseForms, status: number, done: string | null) {
    const user = req.user!;
    const interview = await this.interviews.get(user, id);
    const today = beijingDate();
    const final = FINAL_INTERVIEW_STATES.includes(interview.status);
    const [evaluators, measures] = await Promise.all([
      interview.status === 'assessing' ? this.activeUsers('evaluator') : Promise.resolve([]),
      this.measures.list(Object.assign(new MeasureQuery(), { page: 1, pageSize: 20, accountId: interview.accountId })),
    ]);
    return this.page.render(req, reply, 'officer/interview', {
      title: `约谈 ${interview.noticeNo}`,
      deskNav: deskNavFor(user.role, req.url),
      interview,
      deadline: deadlineTag(this.calendar, interview.deadline, today, interview.deadlineText !== null),
      docs: documentLinks(interview),
      canHold: interview.status === 'scheduled',
      canAssign: interview.status === 'assessing',
      canPropose: final,
      evaluatorOptions: evaluators.map((e) => ({ value: e.id, text: `${e.displayName}${e.organization ? `（${e.organization}）` : ''}` })),
      measureKinds: MEASURE_OPTIONS.filter((o) => (interview.status === 'passed' ? o.value === 'lift' : o.value !== 'lift')),
      measures: measures.items,
      forms: { hold: forms.hold ?? empty(), refusal: forms.refusal ?? empty(), assessor: forms.assessor ?? { values: { evaluatorId: interview.assessor?.id }, errors: [] }, measure: forms.measure ?? empty() },
      failed: failedOf(forms),
      defaultDeadline: this.calendar.addWorkingDays(today, POLICY.rectificationWorkingDays.value),
      workingDays: POLICY.rectificationWorkingDays.value,
      done,
    }, status);
  }

  private async renderOperatorCase(req: PageRequest, reply: FastifyReply, id: string, form: FormState, status: number, done: string | null) {
    const user = req.user!;
    const interview = await this.interviews.get(user, id);
    const today = beijingDate();
    const canReport = REPORTABLE_INTERVIEW_STATES.includes(interview.status) && !!interview.deadline && interview.deadline >= today;
    return this.page.render(req, reply, 'operator/interview', {
      title: `约谈 ${interview.noticeNo}`,
      deskNav: deskNavFor(user.role, req.url),
      interview,
      deadline: deadlineTag(this.calendar, interview.deadline, today, interview.deadlineText !== null),
      docs: documentLinks(interview),
      canReport,
      form,
      done,
    }, status);
  }

  private async renderAssessment(req: PageRequest, reply: FastifyReply, id: string, form: FormState, status: number, done: string | null) {
    const user: AuthUser = req.user!;
    const interview = await this.interviews.get(user, id);
    return this.page.render(req, reply, 'evaluator/assessment', {
      title: `整改评估：${interview.accountName}`,
      interview,
      docs: documentLinks(interview),
      canAssess: interview.status === 'assessing',
      results: ASSESSMENT_OPTIONS,
      form,
      done,
    }, status);
  }
}

/** The interview's documents as printable pages and Word files (the API's reads, which take the portal's cookie). */
function documentLinks(i: InterviewView) {
  const docs = [{ name: '约谈通知书', number: i.noticeNo, html: i.documents.notice, docx: `${i.documents.notice}.docx` }];
  if (i.documents.minutes) docs.push({ name: '约谈记录', number: i.noticeNo, html: i.documents.minutes, docx: `${i.documents.minutes}.docx` });
  if (i.documents.rectificationOrder) docs.push({ name: '责令整改通知书', number: i.orderNo ?? '', html: i.documents.rectificationOrder, docx: `${i.documents.rectificationOrder}.docx` });
  return docs;
}
