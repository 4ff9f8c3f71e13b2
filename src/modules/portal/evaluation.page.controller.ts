import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Public, Roles } from '../../common/auth/decorators.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { IdParam } from '../../common/http/id-param.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { POLICY } from '../../policy/policy-table.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { CycleCloser } from '../evaluation/cycle-closer.js';
import { AssignDto, CreateCycleDto, CycleListQuery, ScoreDto } from '../evaluation/dto/evaluation.dto.js';
import { DIMENSION_LABELS, DIMENSIONS, GRADE_NAMES } from '../evaluation/evaluation.constants.js';
import { EvaluationCyclesService } from '../evaluation/evaluation-cycles.service.js';
import { EvaluationResultsService } from '../evaluation/evaluation-results.service.js';
import { EvaluationScoringService } from '../evaluation/evaluation-scoring.service.js';
import { GRADES } from '../registry/registry.constants.js';
import { statusOf } from './enforcement-views.js';
import {
  cycleRow,
  dimensionFields,
  EvaluationDesk,
  GRADE_OPTIONS,
  gradeOrUndefined,
  namedDimensionErrors,
  onlyFields,
  RESULTS_PAGE_SIZE,
  resultRow,
} from './evaluation-desk.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

const empty = (): FormState => ({ values: {}, errors: [] });
const WEIGHT_FIELDS = DIMENSIONS.map((d) => `weight${d}`);
const SCORE_LABELS = Object.fromEntries(DIMENSIONS.map((d) => [d, `${d}（${DIMENSION_LABELS[d]}）的评分`]));

/** A posted form with nothing to fill in (one button): anything besides the CSRF token is refused, as the API does. */
function extraFields(body: unknown, allowed: readonly string[] = []): ErrorDetail[] {
  return Object.keys(formValues(body))
    .filter((f) => !allowed.includes(f))
    .map((f) => ({ field: '', code: 'unknown_field', message: `不允许的字段：${f}` }));
}

/** The maker-checker refusal (the closer publishing answers 403) is said on the page where the approver acts. */
function publishErrors(e: unknown): ErrorDetail[] {
  if (e instanceof HttpException && e.getStatus() === 403) {
    const res = e.getResponse() as { code?: string; message?: string };
    return [{ field: '', code: String(res?.code ?? 'FORBIDDEN'), message: `${res?.message ?? '无权执行此操作'}（谁计算、谁不审批）` }];
  }
  return formErrorsFrom(e);
}

/** A whole number typed into a form ("20" → 20); anything else is passed on as typed for the DTO to refuse. */
function asNumber(v: unknown): unknown {
  const s = typeof v === 'string' ? v.trim() : v;
  return typeof s === 'string' && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

type CycleForm = 'open' | 'assign' | 'close';
type CycleForms = Partial<Record<CycleForm, FormState>>;
const CYCLE_PREFIX: Record<CycleForm, string> = { open: 'open-', assign: 'assign-', close: 'close-' };

/**
 * The annual evaluation's pages (§04.4-5, issue 4 "Portal"): the evaluator's scoring form, the
 * officer's cycle management, the approver's publication, the operator's grades, and the published
 * results by year for everyone. All over the evaluation module's services, as the API.
 */
@ApiExcludeController()
@Controller()
export class EvaluationPageController {
  constructor(
    private readonly page: PageContext,
    private readonly desk: EvaluationDesk,
    private readonly cycles: EvaluationCyclesService,
    private readonly scoring: EvaluationScoringService,
    private readonly closer: CycleCloser,
    private readonly results: EvaluationResultsService,
  ) {}

  // ---- public --------------------------------------------------------------------------------

  @Public()
  @RateLimit('public')
  @Get('evaluations')
  async publicYears(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const years = await this.desk.inState('published');
    return this.page.render(req, reply, 'evaluation/public-years', { title: '年度信用评价结果', years: years.map(cycleRow), bounds: POLICY.gradeBounds.value });
  }

  @Public()
  @RateLimit('public')
  @Get('evaluations/:year')
  async publicYear(@Req() req: PageRequest, @Res() reply: FastifyReply, @Param('year') year: string, @Query() query: Record<string, unknown>) {
    const cycle = await this.desk.publishedCycle(String(year));
    const q = listQuery(query, { grade: GRADES }, RESULTS_PAGE_SIZE);
    const grade = gradeOrUndefined(q.grade);
    const list = await this.desk.publicYear(cycle, { page: q.page, grade, q: q.q });
    return this.page.render(req, reply, 'evaluation/public-year', {
      title: `${cycle.year}年度自媒体账号信用评价结果`,
      cycle: cycleRow(cycle),
      list,
      query: { q: q.q, grade },
      filtered: Boolean(q.q || grade),
      grades: GRADE_OPTIONS,
      bounds: POLICY.gradeBounds.value,
    });
  }

  // ---- evaluator -----------------------------------------------------------------------------

  @Roles('evaluator')
  @Get('evaluator/assignments/:id')
  async assignment(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderAssignment(req, reply, id, null, 200, done === 'scored' || done === 'rescored' ? done : null);
  }

  @Roles('evaluator')
  @Post('evaluator/assignments/:id')
  async score(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ScoreDto, body, { numbers: DIMENSIONS, labels: SCORE_LABELS });
    if (!form.ok) return this.renderAssignment(req, reply, id, { values, errors: namedDimensionErrors(form.state.errors) }, 400, null);
    try {
      const { created } = await this.scoring.submit(actorOf(req), req.user!, id, form.dto);
      return this.page.redirect(reply, `/evaluator/assignments/${id}?done=${created ? 'scored' : 'rescored'}`);
    } catch (e) {
      return this.renderAssignment(req, reply, id, { values, errors: formErrorsFrom(e) }, statusOf(e), null);
    }
  }

  // ---- officer -------------------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/evaluation')
  async officerCycles(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.renderCycles(req, reply, null, 200);
  }

  @Roles('officer')
  @Post('officer/evaluation')
  async createCycle(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    // The five weights are one answer (the DTO's `weights`); all five left empty means the default.
    const { year, ...rest } = values;
    const typed = Object.fromEntries(DIMENSIONS.map((d) => [d, typeof values[`weight${d}`] === 'string' ? (values[`weight${d}`] as string).trim() : values[`weight${d}`]]));
    const others = Object.fromEntries(Object.entries(rest).filter(([k]) => !WEIGHT_FIELDS.includes(k)));
    const given = DIMENSIONS.some((d) => typed[d] !== undefined && typed[d] !== '');
    const weights = given ? Object.fromEntries(DIMENSIONS.filter((d) => typed[d] !== undefined && typed[d] !== '').map((d) => [d, asNumber(typed[d])])) : undefined;
    const form = await readForm(CreateCycleDto, { ...others, year, ...(weights ? { weights } : {}) }, { numbers: ['year'], labels: { year: '评议年度' } });
    if (!form.ok) return this.renderCycles(req, reply, { values, errors: form.state.errors }, 400);
    try {
      const c = await this.cycles.create(actorOf(req), form.dto);
      return this.page.redirect(reply, `/officer/evaluation/${c.id}?done=created`);
    } catch (e) {
      return this.renderCycles(req, reply, { values, errors: formErrorsFrom(e) }, statusOf(e));
    }
  }

  @Roles('officer')
  @Get('officer/evaluation/:id')
  officerCycle(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query() query: Record<string, unknown>) {
    return this.renderCycle(req, reply, id, query, {}, 200);
  }

  @Roles('officer')
  @Post('officer/evaluation/:id/open')
  open(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    return this.cycleAction(req, reply, id, body, 'open', () => this.cycles.open(actorOf(req), id), 'opened');
  }

  @Roles('officer')
  @Post('officer/evaluation/:id/assign')
  async assign(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(AssignDto, body, { numbers: ['evaluatorsPerAccount'], labels: { evaluatorsPerAccount: '每个账号的评议人员数' } });
    if (!form.ok) return this.renderCycle(req, reply, id, {}, { assign: { values, errors: form.state.errors } }, 400);
    try {
      await this.cycles.assign(actorOf(req), id, form.dto);
    } catch (e) {
      return this.renderCycle(req, reply, id, {}, { assign: { values, errors: onlyFields(formErrorsFrom(e), ['evaluatorsPerAccount']) } }, statusOf(e));
    }
    return this.page.redirect(reply, `/officer/evaluation/${id}?done=assigned`);
  }

  @Roles('officer')
  @Post('officer/evaluation/:id/close')
  close(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    return this.cycleAction(req, reply, id, body, 'close', () => this.closer.close(actorOf(req), id), 'closed');
  }

  @Roles('officer')
  @Get('officer/evaluation/:id/results/:accountId')
  async officerResult(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @IdParam('accountId') accountId: string) {
    const cycle = cycleRow(await this.cycles.get(id));
    const result = resultRow(await this.results.result(id, accountId));
    return this.page.render(req, reply, 'evaluation/officer-result', {
      title: `${cycle.year}年度评议结果：${result.name}`,
      deskNav: deskNavFor(req.user!.role, req.url),
      cycle,
      result,
      dimensions: DIMENSIONS.map((d) => ({ code: d, label: DIMENSION_LABELS[d] })),
    });
  }

  // ---- approver ------------------------------------------------------------------------------

  @Roles('approver')
  @Get('approver/evaluation')
  async approverCycles(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const user = req.user!;
    const [queue, published] = await Promise.all([this.desk.approverQueue(user), this.desk.inState('published')]);
    return this.page.render(req, reply, 'evaluation/approver-cycles', {
      title: '评议结果公布',
      deskNav: deskNavFor(user.role, req.url),
      ...queue,
      published: published.map(cycleRow),
    });
  }

  @Roles('approver')
  @Get('approver/evaluation/:id')
  approverCycle(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query() query: Record<string, unknown>) {
    return this.renderApproverCycle(req, reply, id, query, empty(), 200);
  }

  @Roles('approver')
  @Post('approver/evaluation/:id/publish')
  async publish(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const extra = extraFields(body);
    if (extra.length) return this.renderApproverCycle(req, reply, id, {}, { values: {}, errors: extra }, 400);
    try {
      await this.results.publish(actorOf(req), req.user!, id);
    } catch (e) {
      return this.renderApproverCycle(req, reply, id, {}, { values: {}, errors: publishErrors(e) }, statusOf(e));
    }
    return this.page.redirect(reply, `/approver/evaluation/${id}?done=published`);
  }

  // ---- operator ------------------------------------------------------------------------------

  @Roles('operator')
  @Get('operator/evaluations')
  async operatorGrades(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const user = req.user!;
    const accounts = await this.desk.operatorGrades(user);
    return this.page.render(req, reply, 'evaluation/operator', {
      title: '信用评价',
      deskNav: deskNavFor(user.role, req.url),
      accounts,
      anyGrade: accounts.some((a) => a.total > 0),
      rules: this.rulesText(),
    });
  }

  // ---- rendering -----------------------------------------------------------------------------

  private rulesText() {
    const b = POLICY.gradeBounds.value;
    return {
      trimmedMin: POLICY.trimmedMeanMinScores.value,
      perViolation: POLICY.deductionPerViolation.value,
      perInterview: POLICY.deductionPerInterview.value,
      bounds: b,
      perAccount: POLICY.evaluatorsPerAccount.value,
      organizations: POLICY.evaluatorOrganizationsPerAccount.value,
      outlierStdDevs: POLICY.outlierStdDevs.value,
      gradeNames: GRADE_NAMES,
    };
  }

  private async renderAssignment(req: PageRequest, reply: FastifyReply, id: string, failed: FormState | null, status: number, done: string | null) {
    const user = req.user!;
    const { assignment, cycle, nextPending } = await this.desk.assignment(user, id);
    const previous = assignment.score;
    // First visit: the form shows the marks already given (a re-submission replaces them).
    const form: FormState = failed ?? { values: previous ? { ...Object.fromEntries(DIMENSIONS.map((d) => [d, String(previous[d])])), comment: previous.comment ?? '' } : {}, errors: [] };
    return this.page.render(req, reply, 'evaluation/evaluator-assignment', {
      title: `评分：${assignment.account?.name ?? ''}`,
      assignment,
      cycle,
      previous: previous ? { ...previous, marks: DIMENSIONS.map((d) => ({ code: d, label: DIMENSION_LABELS[d], score: previous[d] })) } : null,
      fields: dimensionFields(cycle.weights),
      canScore: cycle.status === 'scoring',
      nextPending,
      form,
      done,
      rules: this.rulesText(),
    }, status);
  }

  private async renderCycles(req: PageRequest, reply: FastifyReply, failed: FormState | null, status: number) {
    const user = req.user!;
    const list = await this.cycles.list(Object.assign(new CycleListQuery(), { page: 1, pageSize: 100 }));
    const thisYear = Number(beijingDate().slice(0, 4));
    const taken = new Set(list.items.map((c) => c.year));
    const suggested = taken.has(thisYear) ? thisYear + 1 : thisYear;
    const defaults = POLICY.evaluationDefaultWeights.value;
    const form = failed ?? { values: { year: String(suggested), ...Object.fromEntries(DIMENSIONS.map((d) => [`weight${d}`, String(defaults[d])])) }, errors: [] };
    // A weight that is not a whole number 0-100 is marked beside its own box; the sum is said on the group.
    const badWeights = new Set(DIMENSIONS.filter((d) => {
      const v = form.values[`weight${d}`];
      return failed && typeof v === 'string' && !/^\s*(100|[1-9]?\d)\s*$/.test(v);
    }));
    return this.page.render(req, reply, 'evaluation/officer-cycles', {
      title: '年度信用评价',
      deskNav: deskNavFor(user.role, req.url),
      cycles: list.items.map(cycleRow),
      form,
      weightFields: DIMENSIONS.map((d) => ({ name: `weight${d}`, code: d, label: `${d} ${DIMENSION_LABELS[d]}`, invalid: badWeights.has(d) })),
      weightsError: form.errors.find((e) => e.field === 'weights')?.message ?? null,
      defaultWeight: defaults.D1,
      rules: this.rulesText(),
    }, status);
  }

  private async cycleAction(req: PageRequest, reply: FastifyReply, id: string, body: unknown, name: CycleForm, act: () => Promise<unknown>, done: string) {
    const extra = extraFields(body);
    if (extra.length) return this.renderCycle(req, reply, id, {}, { [name]: { values: {}, errors: extra } }, 400);
    try {
      await act();
    } catch (e) {
      return this.renderCycle(req, reply, id, {}, { [name]: { values: {}, errors: onlyFields(formErrorsFrom(e), []) } }, statusOf(e));
    }
    return this.page.redirect(reply, `/officer/evaluation/${id}?done=${done}`);
  }

  private async renderCycle(req: PageRequest, reply: FastifyReply, id: string, query: Record<string, unknown>, forms: CycleForms, status: number) {
    const user = req.user!;
    const cycle = cycleRow(await this.cycles.get(id));
    const q = listQuery(query, { grade: GRADES }, RESULTS_PAGE_SIZE);
    const grade = gradeOrUndefined(q.grade);
    const [results, flags] = cycle.hasResults
      ? await Promise.all([this.desk.officeResults(id, { page: q.page, grade, q: q.q }), this.results.flags(id, { page: 1, pageSize: 100 })])
      : [null, null];
    const failedName = (Object.keys(CYCLE_PREFIX) as CycleForm[]).find((n) => forms[n]?.errors.length);
    const done = typeof query.done === 'string' ? query.done : null;
    return this.page.render(req, reply, 'evaluation/officer-cycle', {
      title: `${cycle.year}年度信用评价`,
      deskNav: deskNavFor(user.role, req.url),
      cycle,
      forms: Object.fromEntries((Object.keys(CYCLE_PREFIX) as CycleForm[]).map((n) => [n, forms[n] ?? (n === 'assign' ? { values: { evaluatorsPerAccount: String(POLICY.evaluatorsPerAccount.value) }, errors: [] } : empty())])),
      failed: failedName ? { f: forms[failedName], prefix: CYCLE_PREFIX[failedName] } : null,
      can: { open: cycle.status === 'draft', assign: cycle.status === 'open' || cycle.status === 'scoring', close: cycle.status === 'scoring' },
      results,
      flags,
      query: { q: q.q, grade },
      grades: GRADE_OPTIONS,
      done,
      rules: this.rulesText(),
    }, status);
  }

  private async renderApproverCycle(req: PageRequest, reply: FastifyReply, id: string, query: Record<string, unknown>, form: FormState, status: number) {
    const user = req.user!;
    const cycle = cycleRow(await this.cycles.get(id));
    const q = listQuery(query, { grade: GRADES }, RESULTS_PAGE_SIZE);
    const grade = gradeOrUndefined(q.grade);
    const results = cycle.hasResults ? await this.desk.officeResults(id, { page: q.page, grade, q: q.q }) : null;
    return this.page.render(req, reply, 'evaluation/approver-cycle', {
      title: `${cycle.year}年度评议结果公布`,
      deskNav: deskNavFor(user.role, req.url),
      cycle,
      results,
      query: { q: q.q, grade },
      grades: GRADE_OPTIONS,
      form,
      canPublish: cycle.status === 'closed',
      ownClose: cycle.closedBy === user.id,
      done: query.done === 'published' ? 'published' : null,
      rules: this.rulesText(),
    }, status);
  }
}
