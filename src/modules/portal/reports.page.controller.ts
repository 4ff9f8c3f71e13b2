import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Roles } from '../../common/auth/decorators.js';
import { IdParam } from '../../common/http/id-param.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { beijingDate, DeadlineCalendar } from '../calendar/deadline-calendar.js';
import { InterviewQuery } from '../interviews/dto/interview.dto.js';
import { InterviewsService } from '../interviews/interviews.service.js';
import { MeasureQuery, ProposeMeasureDto } from '../measures/dto/measure.dto.js';
import { MeasuresService } from '../measures/measures.service.js';
import { MEASURE_KINDS } from '../measures/workflow/measure.workflow.js';
import { RegistryService } from '../registry/registry.service.js';
import { ConcludeReportDto, ReportQuery } from '../reports/dto/report.dto.js';
import { ReportsService } from '../reports/reports.service.js';
import { OPEN_REPORT_STATES, REPORT_STATES, type ReportState } from '../reports/workflow/report.workflow.js';
import { RecordViolationDto } from '../violations/dto/violation.dto.js';
import { CONTENT_VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS, VIOLATION_SOURCE_LABELS } from '../violations/violation-categories.js';
import { ViolationsService } from '../violations/violations.service.js';
import { deadlineTag, renameFields, safeLinks, statusOf } from './enforcement-views.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery, text } from './page-query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONCLUDE_LABELS = { outcome: '核查结论', note: '核查说明', department: '接收部门' };
const VIOLATION_LABELS = { category: '违规类别', source: '发现途径', facts: '违规事实', occurredAt: '发生日期' };
const MEASURE_LABELS = { kind: '措施', reason: '事实与理由', interviewId: '依据的约谈' };

const OUTCOMES = [
  { value: 'substantiated', text: '查证属实：记入该账号的违规记录' },
  { value: 'unsubstantiated', text: '查无实据' },
  { value: 'transferred', text: '不属本办职责，移送其他部门处理' },
];
/** Violations recorded directly: a report's come from concluding the report. */
const DIRECT_SOURCES = (['inspection', 'upper_notice', 'platform_notice'] as const).map((value) => ({ value, text: VIOLATION_SOURCE_LABELS[value] }));
export const MEASURE_OPTIONS = [
  { value: 'restrict', text: '限制发布：通报公安、新闻出版、文化旅游部门，并报请上级网信部门限制发布' },
  { value: 'suspend', text: '暂停更新：报请上级网信部门暂停更新' },
  { value: 'close', text: '关闭账号：报请上级网信部门关闭账号' },
  { value: 'lift', text: '解除措施：整改评估合格后逐级解除' },
];

const empty = (): FormState => ({ values: {}, errors: [] });
const isOpen = (s: ReportState) => OPEN_REPORT_STATES.includes(s);

/** Who a report names, in words: the filed account, or what the reporter typed. */
function targetOf(r: { filingNo: string | null; accountName: string | null; platformLabel: string | null; platformAccountId: string | null }): string {
  const who = [r.platformLabel, r.platformAccountId].filter(Boolean).join(' ');
  return [r.accountName, r.filingNo ?? who].filter(Boolean).join(' · ');
}

/**
 * The officer's side of reports (§04.6) and violations: the queue with deadlines in words, one
 * report with its verification and conclusion, an account's violations (recording one from an
 * inspection or a notice) and a proposal of a measure from the account.
 */
@ApiExcludeController()
@Controller()
export class ReportsPageController {
  constructor(
    private readonly page: PageContext,
    private readonly reports: ReportsService,
    private readonly violations: ViolationsService,
    private readonly registry: RegistryService,
    private readonly interviews: InterviewsService,
    private readonly measures: MeasuresService,
    private readonly calendar: DeadlineCalendar,
  ) {}

  // ---- the queue -------------------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/reports')
  async queue(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query, { status: REPORT_STATES, category: CONTENT_VIOLATION_CATEGORIES });
    const overdue = query?.overdue === 'true';
    const accountId = text(query?.accountId, 36);
    const filters = {
      status: q.status as string | undefined,
      category: q.category as string | undefined,
      overdue: overdue ? 'true' : undefined,
      accountId: accountId && UUID.test(accountId) ? accountId : undefined,
    };
    const list = await this.reports.list(
      Object.assign(new ReportQuery(), { page: q.page, pageSize: q.pageSize, status: filters.status, category: filters.category, accountId: filters.accountId, overdue: overdue || undefined }),
    );
    const today = beijingDate();
    const overdueCount = (await this.reports.list(Object.assign(new ReportQuery(), { page: 1, pageSize: 1, overdue: true }))).total;
    return this.page.render(req, reply, 'officer/reports', {
      title: '举报处理',
      deskNav: deskNavFor(req.user?.role, req.url),
      reports: {
        ...list,
        items: list.items.map((r) => ({ ...r, target: targetOf(r), deadline: deadlineTag(this.calendar, r.dueDate, today, isOpen(r.status)) })),
      },
      query: filters,
      overdueCount,
      statuses: optionsOf('reportState'),
      categories: CONTENT_VIOLATION_CATEGORIES.map((c) => ({ value: c, text: `${c} ${VIOLATION_CATEGORY_LABELS[c]}` })),
    });
  }

  // ---- one report ------------------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/reports/:id')
  report(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderReport(req, reply, id, empty(), 200, typeof done === 'string' ? done : null);
  }

  @Roles('officer')
  @Post('officer/reports/:id/start')
  async start(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string) {
    try {
      await this.reports.start(actorOf(req), id);
    } catch (e) {
      return this.renderReport(req, reply, id, { values: {}, errors: formErrorsFrom(e) }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/reports/${id}?done=started`);
  }

  @Roles('officer')
  @Post('officer/reports/:id/conclude')
  async conclude(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ConcludeReportDto, body, { pageOnly: ['filingNo'], labels: CONCLUDE_LABELS, choices: ['outcome'] });
    if (!form.ok) return this.renderReport(req, reply, id, { values, errors: form.state.errors }, 400, null);
    // A report on an account the reporter could not name is linked by the account's filing number.
    const filingNo = text(values.filingNo, 32)?.toUpperCase();
    if (filingNo) {
      const account = await this.registry.findAccountByFilingNo(filingNo);
      if (!account) {
        return this.renderReport(req, reply, id, { values, errors: [{ field: 'filingNo', code: 'unknown_filing_no', message: '没有找到该备案编号的账号' }] }, 400, null);
      }
      form.dto.accountId = account.id;
    }
    try {
      await this.reports.conclude(actorOf(req), id, form.dto);
    } catch (e) {
      return this.renderReport(req, reply, id, { values, errors: renameFields(formErrorsFrom(e), { accountId: 'filingNo' }) }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/reports/${id}?done=concluded`);
  }

  // ---- an account's violations -----------------------------------------------------------------

  @Roles('officer', 'approver')
  @Get('officer/accounts/:id/violations')
  accountViolations(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query() query: Record<string, unknown>) {
    const done = typeof query?.done === 'string' ? query.done : null;
    return this.renderAccount(req, reply, id, {}, 200, done, listQuery(query).page);
  }

  @Roles('officer')
  @Post('officer/accounts/:id/violations')
  async recordViolation(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(RecordViolationDto, body, { labels: VIOLATION_LABELS, choices: ['category', 'source'], booleans: ['correctionRequired'] });
    if (!form.ok) return this.renderAccount(req, reply, id, { violation: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.violations.record(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderAccount(req, reply, id, { violation: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/accounts/${id}/violations?done=violation`);
  }

  /** A measure proposed from the account (suspend and close need no new interview, §03.3). */
  @Roles('officer')
  @Post('officer/accounts/:id/measures')
  async proposeMeasure(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ProposeMeasureDto, { ...values, accountId: id }, { labels: MEASURE_LABELS, choices: ['kind', 'interviewId'] });
    if (!form.ok) return this.renderAccount(req, reply, id, { measure: { values, errors: form.state.errors } }, 400, null);
    try {
      const measure = await this.measures.propose(actorOf(req), req.user!, form.dto);
      return this.page.redirect(reply, `/officer/measures/${measure.id}?done=proposed`);
    } catch (e) {
      return this.renderAccount(req, reply, id, { measure: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  private async renderReport(req: PageRequest, reply: FastifyReply, id: string, form: FormState, status: number, done: string | null) {
    const r = await this.reports.get(id);
    const open = isOpen(r.status);
    return this.page.render(req, reply, 'officer/report', {
      title: `举报 ${r.trackingCode}`,
      deskNav: deskNavFor(req.user?.role, req.url),
      report: { ...r, target: targetOf(r) },
      deadline: deadlineTag(this.calendar, r.dueDate, beijingDate(), open),
      evidence: safeLinks(r.evidenceUrls),
      canStart: r.status === 'received',
      canConclude: open,
      needsAccount: !r.accountId,
      outcomes: OUTCOMES,
      form,
      done,
    }, status);
  }

  private async renderAccount(req: PageRequest, reply: FastifyReply, id: string, forms: { violation?: FormState; measure?: FormState }, status: number, done: string | null, page = 1) {
    const user = req.user!;
    const account = await this.registry.accountViewForUser(user, id);
    const [violations, interviews, measures, reports] = await Promise.all([
      this.violations.listForAccount(user, id, { page, pageSize: 20 }),
      this.interviews.list(user, Object.assign(new InterviewQuery(), { page: 1, pageSize: 50, accountId: id })),
      this.measures.list(Object.assign(new MeasureQuery(), { page: 1, pageSize: 50, accountId: id })),
      user.role === 'officer' ? this.reports.list(Object.assign(new ReportQuery(), { page: 1, pageSize: 1, accountId: id })) : Promise.resolve(null),
    ]);
    const today = beijingDate();
    const failed = forms.violation ? { f: forms.violation, prefix: 'violation-' } : forms.measure ? { f: forms.measure, prefix: 'measure-' } : null;
    return this.page.render(req, reply, 'officer/violations', {
      title: `违规记录：${account.name}`,
      deskNav: deskNavFor(user.role, req.url),
      account,
      violations,
      interviews: interviews.items.map((i) => ({ ...i, deadlineTag: deadlineTag(this.calendar, i.deadline, today, i.deadlineText !== null) })),
      measures: measures.items,
      reportCount: reports?.total ?? null,
      isOfficer: user.role === 'officer',
      forms: { violation: forms.violation ?? empty(), measure: forms.measure ?? empty() },
      failed,
      categories: optionsOf('violationCategory'),
      sources: DIRECT_SOURCES,
      measureKinds: MEASURE_OPTIONS.filter((o) => (MEASURE_KINDS as readonly string[]).includes(o.value)),
      concludedInterviews: interviews.items.filter((i) => ['passed', 'failed', 'refused'].includes(i.status)).map((i) => ({ value: i.id, text: `${i.noticeNo}（${i.statusLabel}）` })),
      today,
      done,
    }, status);
  }
}
