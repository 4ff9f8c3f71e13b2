import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { POLICY } from '../../policy/policy-table.js';
import { AssignmentListQuery, CycleListQuery, ResultListQuery } from '../evaluation/dto/evaluation.dto.js';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension, GRADE_NAMES, type Weights } from '../evaluation/evaluation.constants.js';
import { type CycleView, EvaluationCyclesService } from '../evaluation/evaluation-cycles.service.js';
import { EvaluationResultsService } from '../evaluation/evaluation-results.service.js';
import { type AssignmentView, EvaluationScoringService } from '../evaluation/evaluation-scoring.service.js';
import type { CycleState } from '../evaluation/workflow/evaluation-cycle.workflow.js';
import type { ComputationDetail } from '../evaluation/score-calculator.js';
import { GRADES, type Grade } from '../registry/registry.constants.js';
import { RegistryGateway } from './registry.gateway.js';

/**
 * What the evaluator weighs on each dimension (§04.5 names them; the other sections of the measures
 * say what each means in practice), one sentence each, shown as the hint of the scoring form's fields.
 */
export const DIMENSION_HELP: Record<Dimension, string> = {
  D1: '是否遵守法律法规和《实施办法》：有无发布、转载第二部分第2条所列违法违规信息，是否建立信息内容管理制度、做好发布和转载的审核（第二部分第4条），内容失实侵权时是否立即更正、公开赔礼道歉（第二部分第3条）。',
  D2: '是否坚持正确政治方向、舆论导向和价值取向，传播正能量；有无通过采编、转载未经权威部门证实的信息获取流量或谋取不正当利益（第三部分第2条第二项）。',
  D3: '是否参加余杭区网络文化协会、梦想驿站互联网文化服务中心等网络社会组织的活动、网络素养培训和行业自律（第四部分第1-3条）。',
  D4: '是否实行编辑责任制、安排专职编辑人员审查刊发和转载的内容，编辑人员是否参加培训，是否记录从业人员的培训经历和奖惩情况并报区网信办备案（第二部分第5-7条）。',
  D5: '是否配合区网信办的监督检查、约谈和整改，有无拒绝、阻挠（第三部分第3条），是否及时处理投诉举报、落实监管措施（第三部分第2条）。',
};

/** State tags (style.md): yellow while someone has work to do, orange awaiting approval, green done. */
export const CYCLE_TAGS: Record<CycleState, string> = { draft: 'tag--grey', open: 'tag--blue', scoring: 'tag--yellow', closed: 'tag--orange', published: 'tag--green' };
const ASSIGNMENT_TAGS = { pending: 'tag--yellow', scored: 'tag--green' } as const;

/** Results per page on the office's and the public's result tables. */
export const RESULTS_PAGE_SIZE = 50;
const ASSIGNMENTS_PAGE_SIZE = 50;

function cycleQuery(over: Partial<CycleListQuery>): CycleListQuery {
  return Object.assign(new CycleListQuery(), { page: 1, pageSize: 100, ...over });
}

export function resultQuery(over: Partial<ResultListQuery>): ResultListQuery {
  return Object.assign(new ResultListQuery(), { page: 1, pageSize: RESULTS_PAGE_SIZE, ...over });
}

/** The grade filter of a results page: one of A-D, else none (filters are lenient, page-query.ts). */
export function gradeOrUndefined(v: unknown): Grade | undefined {
  return typeof v === 'string' && (GRADES as readonly string[]).includes(v) ? (v as Grade) : undefined;
}

/** The scoring form's fields, one per dimension: label with the cycle's weight, the hint above. */
export function dimensionFields(weights: Weights) {
  const { min, max } = POLICY.evaluationScoreRange.value;
  return DIMENSIONS.map((d) => ({
    name: d,
    code: d,
    label: `${d} ${DIMENSION_LABELS[d]}（权重${weights[d]}%）`,
    shortLabel: DIMENSION_LABELS[d],
    hint: `${DIMENSION_HELP[d]}填写${min}-${max}的整数。`,
    weight: weights[d],
  }));
}

/** A DTO's message about `D3` names the dimension too: "D3（参加行业协会活动）的评分不能高于100". */
export function namedDimensionErrors(errors: ErrorDetail[]): ErrorDetail[] {
  return errors.map((e) => ((DIMENSIONS as readonly string[]).includes(e.field) ? { ...e, message: e.message.replace(e.field, `${e.field}（${DIMENSION_LABELS[e.field as Dimension]}）`) } : e));
}

/** Details of a service refusal that point at something not on the form are said at the top, unlinked. */
export function onlyFields(errors: ErrorDetail[], fields: readonly string[], max = 10): ErrorDetail[] {
  const shown = errors.slice(0, max).map((e) => (e.field && !fields.includes(e.field) ? { ...e, field: '' } : e));
  if (errors.length > max) shown.push({ field: '', code: 'more', message: `另有${errors.length - max}项问题未列出` });
  return shown;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A policy citation in the words of the measures: `§04.5` → 《实施办法》第四部分第5条 (other sources are left out). */
export function citationText(citations: Record<string, string>): string {
  const seen = new Set<string>();
  for (const c of Object.values(citations)) {
    for (const m of c.matchAll(/§0?(\d+)\.(\d+)/g)) seen.add(`第${CN_DIGITS[Number(m[1])] ?? m[1]}部分第${m[2]}条`);
  }
  return seen.size ? `《实施办法》${[...seen].join('、')}` : '';
}

/** Points with two decimals, as the results are computed (85.5 → "85.50"). */
export const points = (n: number | null | undefined) => (typeof n === 'number' ? n.toFixed(2) : '');

/** "How it was computed" with its numbers as the office's rules round them, and the rule cited in words. */
export function computationView(c: ComputationDetail) {
  return {
    ...c,
    dimensions: c.dimensions.map((d) => ({ ...d, scoreText: points(d.score) })),
    weightedText: points(c.weighted),
    totalText: points(c.total),
    gradeLabel: GRADE_NAMES[c.grade],
    citationText: citationText(c.citations),
  };
}

/** A result row of the office's tables: the dimension scores in order, the numbers with two decimals. */
export function resultRow<R extends { dimensions: Record<Dimension, number>; weighted: number; deduction: number; total: number; computation: ComputationDetail }>(r: R) {
  return {
    ...r,
    dimensionList: DIMENSIONS.map((d) => ({ code: d, text: points(r.dimensions[d]) })),
    weightedText: points(r.weighted),
    deductionText: points(r.deduction),
    totalText: points(r.total),
    computation: computationView(r.computation),
  };
}

/** A cycle as the pages show it: its state tag, progress and grade counts as a list. */
export function cycleRow(c: CycleView) {
  const total = c.counts.assignments;
  const scored = c.counts.scored ?? 0;
  return {
    ...c,
    statusTag: CYCLE_TAGS[c.status],
    progress: total > 0 ? Math.floor((scored * 100) / total) : 0,
    gradeList: GRADES.map((g) => ({ grade: g, label: GRADE_NAMES[g], count: c.counts.grades[g] })),
    hasResults: c.status === 'closed' || c.status === 'published',
  };
}

export function assignmentRow(a: AssignmentView) {
  return { ...a, statusTag: ASSIGNMENT_TAGS[a.status] };
}

/**
 * What the evaluation pages and the desks show, composed from the evaluation module's exported
 * services (EvaluationCyclesService, EvaluationScoringService, EvaluationResultsService) so that
 * the controllers stay one line per page.
 */
@Injectable()
export class EvaluationDesk {
  constructor(
    private readonly cycles: EvaluationCyclesService,
    private readonly scoring: EvaluationScoringService,
    private readonly results: EvaluationResultsService,
    private readonly gateway: RegistryGateway,
  ) {}

  /** Cycles in a state, newest year first (one a year: a hundred is a century). */
  async inState(status: CycleState): Promise<CycleView[]> {
    return (await this.cycles.list(cycleQuery({ status }))).items;
  }

  /**
   * The evaluator desk's 年度评议 section: the assignments of the scoring cycle (the newest, or the
   * one chosen when two are scoring), pending first, with what is left to do.
   */
  async evaluator(user: AuthUser, query: { cycle?: unknown; page?: number }) {
    const scoring = await this.inState('scoring');
    const current = scoring.find((c) => c.id === query.cycle) ?? scoring[0] ?? null;
    const guide = DIMENSIONS.map((d) => ({ code: d, label: DIMENSION_LABELS[d], help: DIMENSION_HELP[d] }));
    if (!current) return { annual: { cycles: [], current: null, guide } };
    const list = (over: Partial<AssignmentListQuery>) =>
      this.scoring.list(user, Object.assign(new AssignmentListQuery(), { page: 1, pageSize: ASSIGNMENTS_PAGE_SIZE, cycleId: current.id, ...over }));
    const [page, pending] = await Promise.all([list({ page: query.page ?? 1 }), list({ status: 'pending', pageSize: 1 })]);
    return {
      annual: {
        cycles: scoring.map((c) => ({ id: c.id, year: c.year, current: c.id === current.id })),
        current: cycleRow(current),
        assignments: { ...page, items: page.items.map(assignmentRow) },
        pending: pending.total,
        scored: page.total - pending.total,
        nextPending: pending.items[0]?.id ?? null,
        query: scoring.length > 1 ? { cycle: current.id } : {},
        guide,
      },
    };
  }

  /** One of the evaluator's assignments with its cycle (weights) and the next one still to score. */
  async assignment(user: AuthUser, id: string) {
    const a = await this.scoring.get(user, id);
    const cycle = await this.cycles.get(a.cycleId);
    const next = await this.scoring.list(user, Object.assign(new AssignmentListQuery(), { page: 1, pageSize: 2, cycleId: a.cycleId, status: 'pending' }));
    return { assignment: assignmentRow(a), cycle: cycleRow(cycle), nextPending: next.items.find((x) => x.id !== id)?.id ?? null };
  }

  /** The approver desk's queue: closed cycles awaiting publication (the closer may not publish). */
  async approverQueue(user: AuthUser) {
    const closed = await this.inState('closed');
    return { evaluationQueue: closed.map((c) => ({ ...cycleRow(c), ownClose: c.closedBy === user.id })) };
  }

  /** A published year's cycle, or 404 (a year not published is not there for the public). */
  async publishedCycle(yearParam: string): Promise<CycleView> {
    if (!/^\d{4}$/.test(yearParam)) throw AppException.notFound('评议结果');
    const c = (await this.inState('published')).find((x) => x.year === Number(yearParam));
    if (!c) throw AppException.notFound('评议结果');
    return c;
  }

  /**
   * A published year's grades as the public sees them (api.md: filing number, name, platform,
   * grade), a page at a time with a grade filter and a search: read through the office's paginated
   * results and cut down to the public fields here (the public API answers the whole year at once).
   */
  async publicYear(cycle: CycleView, q: { page: number; grade?: Grade; q?: string }) {
    const list = await this.results.results(cycle.id, resultQuery({ page: q.page, grade: q.grade, q: q.q }));
    return {
      ...list,
      items: list.items.map((r) => ({ filingNo: r.filingNo, name: r.name, platform: r.platform, platformLabel: r.platformLabel, grade: r.grade, gradeLabel: r.gradeLabel })),
    };
  }

  /** The operator's accounts with their published grades, newest year first, and how each was computed. */
  async operatorGrades(user: AuthUser) {
    const accounts = (await this.gateway.ownAccounts(user)).filter((a) => a.filingNo);
    const out = [];
    for (const a of accounts) {
      const grades = await this.results.forAccount(user, a.id, { page: 1, pageSize: 50 });
      out.push({ account: a, grades: grades.items.map((g) => ({ ...g, totalText: points(g.total), computation: computationView(g.computation) })), total: grades.total });
    }
    return out;
  }

  /** The results table of a closed or published cycle (officer, approver). */
  async officeResults(cycleId: string, q: { page: number; grade?: Grade; q?: string }) {
    const list = await this.results.results(cycleId, resultQuery({ page: q.page, grade: q.grade, q: q.q }));
    return { ...list, items: list.items.map(resultRow) };
  }
}

/** Grade options of the results filter. */
export const GRADE_OPTIONS = GRADES.map((g) => ({ value: g, text: `${g} ${GRADE_NAMES[g]}` }));
