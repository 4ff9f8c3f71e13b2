import { PassThrough, type Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { loadExcel } from '../../common/documents/lazy-libraries.js';
import { DataSource, In, MoreThan } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { MediaAccount } from '../registry/account.entity.js';
import type { Grade } from '../registry/registry.constants.js';
import { RegistryService } from '../registry/registry.service.js';
import { User } from '../users/user.entity.js';
import type { ResultListQuery } from './dto/evaluation.dto.js';
import { DIMENSION_LABELS, DIMENSIONS, GRADE_NAMES } from './evaluation.constants.js';
import { EvaluationAssignment, EvaluationCycle, EvaluationResult, EvaluationScore, EvaluatorFlag } from './evaluation.entity.js';
import { EvaluationCyclesService } from './evaluation-cycles.service.js';
import { accountEvaluationView, cycleAuditView, cycleView, cycleWeights, explainerFor, flagView, platformLabel, resultView, scoreMarks } from './evaluation.views.js';
import { cycleWorkflow } from './workflow/evaluation-cycle.workflow.js';

const PUBLISH_CHUNK = 1000;
const EXPORT_CHUNK = 1000;

/** A published year's result as the public sees it (api.md): no scores, no ids. */
export interface PublicEvaluation {
  filingNo: string;
  name: string;
  platform: string;
  grade: string;
}

/** Results, their workbook, publication, the public list, an account's grades, commendations and flags. */
@Injectable()
export class EvaluationResultsService {
  private readonly logger = new Logger('EvaluationResults');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cycles: EvaluationCyclesService,
    private readonly registry: RegistryService,
  ) {}

  /** GET /api/evaluation-cycles/:id/results (officer, approver): computed at close; empty before. */
  async results(id: string, q: ResultListQuery): Promise<Page<ReturnType<typeof resultView>>> {
    const explain = explainerFor(await this.cycles.find(id));
    const qb = this.dataSource.getRepository(EvaluationResult).createQueryBuilder('r').where('r.cycleId = :id', { id });
    if (q.grade) qb.andWhere('r.grade = :grade', { grade: q.grade });
    if (q.q?.trim()) qb.andWhere('(r.accountName LIKE :q OR r.filingNo LIKE :q)', { q: `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    qb.orderBy('r.filingNo', 'ASC').addOrderBy('r.accountId', 'ASC');
    const [rows, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return pageOf(rows.map((r) => resultView(r, explain)), total, q);
  }

  /** One account's result with each evaluator's marks (the office only; never shown to the operator). */
  async result(id: string, accountId: string) {
    const explain = explainerFor(await this.cycles.find(id));
    const r = await this.dataSource.getRepository(EvaluationResult).findOne({ where: { cycleId: id, accountId } });
    if (!r) throw AppException.notFound('评议结果');
    const assignments = await this.dataSource.getRepository(EvaluationAssignment).find({ where: { cycleId: id, accountId }, order: { evaluatorId: 'ASC' } });
    const scores = assignments.length ? await this.dataSource.getRepository(EvaluationScore).find({ where: { assignmentId: In(assignments.map((a) => a.id)) } }) : [];
    const users = assignments.length ? await this.dataSource.getRepository(User).find({ where: { id: In(assignments.map((a) => a.evaluatorId)) }, select: { id: true, displayName: true } }) : [];
    const scoreBy = new Map(scores.map((s) => [s.assignmentId, s]));
    const nameBy = new Map(users.map((u) => [u.id, u.displayName]));
    return {
      ...resultView(r, explain),
      scores: assignments.map((a) => {
        const s = scoreBy.get(a.id);
        return {
          evaluatorId: a.evaluatorId,
          evaluatorName: nameBy.get(a.evaluatorId) ?? null,
          evaluatorOrganization: a.evaluatorOrganization,
          ...(s ? scoreMarks(s) : {}),
          comment: s?.comment ?? null,
          submittedAt: s?.submittedAt ?? null,
          revision: s?.revision ?? 0,
        };
      }),
    };
  }

  /** GET /api/evaluation-cycles/:id/flags (officer): evaluators far from the others, §04.5. */
  async flags(id: string, q: { page: number; pageSize: number }) {
    await this.cycles.find(id);
    const [rows, total] = await this.dataSource.getRepository(EvaluatorFlag).findAndCount({
      where: { cycleId: id },
      order: { evaluatorId: 'ASC', dimension: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const users = rows.length ? await this.dataSource.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.evaluatorId))]) }, select: { id: true, displayName: true, organization: true } }) : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return { ...pageOf(rows.map((f) => flagView(f, byId.get(f.evaluatorId))), total, q), rule: { stdDevs: POLICY.outlierStdDevs.value, ...policyRef('outlierStdDevs') } };
  }

  /**
   * closed → published, by an approver other than the officer who closed the cycle (403). Each
   * account's grade goes into the registry, audited there; an account already graded for a later
   * year keeps that grade (the newest evaluation drives graded management, §04.4).
   */
  publish(actor: Actor, user: AuthUser, id: string) {
    return this.uow.run(async (m) => {
      const c = await this.cycles.lockCycle(m, id);
      const before = cycleAuditView(c);
      const to = cycleWorkflow.next(c.status, 'publish');
      if (c.closedBy === user.id) throw AppException.forbidden('不能批准公布自己结束计算的评议结果');
      let set = 0;
      let kept = 0;
      let after = '';
      for (;;) {
        const rows = await m.find(EvaluationResult, {
          where: { cycleId: c.id, accountId: MoreThan(after) },
          order: { accountId: 'ASC' },
          take: PUBLISH_CHUNK,
          select: { id: true, accountId: true, grade: true },
        });
        if (rows.length === 0) break;
        const accounts = await m.find(MediaAccount, { where: { id: In(rows.map((r) => r.accountId)) }, select: { id: true, gradeYear: true } });
        const gradeYear = new Map(accounts.map((a) => [a.id, a.gradeYear]));
        for (const r of rows) {
          if (!gradeYear.has(r.accountId)) continue;
          const later = gradeYear.get(r.accountId);
          if (later !== null && later !== undefined && later > c.year) {
            kept += 1;
            continue;
          }
          await this.registry.setGradeInTx(m, actor, r.accountId, r.grade, c.year);
          set += 1;
        }
        after = rows[rows.length - 1].accountId;
      }
      c.status = to;
      c.publishedAt = new Date();
      c.publishedBy = actor.userId;
      await m.save(c);
      await this.audit.record(m, actor, {
        action: 'evaluation.cycle.publish',
        entityType: 'evaluation_cycle',
        entityId: c.id,
        before,
        after: { ...cycleAuditView(c), gradesSet: set, laterGradesKept: kept, ...policyRef('evaluationPublication') },
      });
      return { ...cycleView(c), published: { gradesSet: set, laterGradesKept: kept } };
    });
  }

  /** GET /api/public/evaluations/:year: a published year's grades, by filing number; 404 otherwise. */
  async publicYear(yearParam: string): Promise<PublicEvaluation[]> {
    if (!/^\d{4}$/.test(yearParam)) throw AppException.notFound('评议结果');
    const c = await this.dataSource.getRepository(EvaluationCycle).findOne({ where: { year: Number(yearParam), status: 'published' } });
    if (!c) throw AppException.notFound('评议结果');
    const rows = await this.dataSource.getRepository(EvaluationResult).find({
      where: { cycleId: c.id },
      order: { filingNo: 'ASC', accountId: 'ASC' },
      select: { id: true, filingNo: true, accountName: true, platform: true, grade: true },
    });
    return rows.map((r) => ({ filingNo: r.filingNo ?? '', name: r.accountName, platform: r.platform, grade: r.grade }));
  }

  /** GET /api/accounts/:id/evaluations: the account's published grades and how each was computed. */
  async forAccount(user: AuthUser, accountId: string, q: { page: number; pageSize: number }) {
    await this.registry.findAccountForUser(user, accountId);
    const [rows, total] = await this.dataSource
      .getRepository(EvaluationResult)
      .createQueryBuilder('r')
      .innerJoinAndMapOne('r.cycle', EvaluationCycle, 'c', 'c.id = r.cycleId')
      .where('r.accountId = :accountId', { accountId })
      .andWhere("c.status = 'published'")
      .orderBy('c.year', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(
      rows.map((r) => accountEvaluationView(r, (r as EvaluationResult & { cycle: EvaluationCycle }).cycle)),
      total,
      q,
    );
  }

  /** GET /api/evaluation-cycles/:id/commendations: grade-A accounts of a published cycle (§04.5). */
  async commendations(id: string, q: { page: number; pageSize: number }) {
    const c = await this.cycles.find(id);
    if (c.status !== 'published') throw AppException.conflict('评议结果公布后才能提出表扬名单');
    const grade = POLICY.commendationGrade.value as Grade;
    const [rows, total] = await this.dataSource.getRepository(EvaluationResult).findAndCount({
      where: { cycleId: id, grade },
      order: { filingNo: 'ASC', accountId: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return {
      ...pageOf(
        rows.map((r) => ({ accountId: r.accountId, filingNo: r.filingNo, name: r.accountName, platform: r.platform, platformLabel: platformLabel(r.platform), total: r.total, grade: r.grade, gradeLabel: GRADE_NAMES[r.grade] })),
        total,
        q,
      ),
      year: c.year,
      rule: { grade, ...policyRef('commendationGrade') },
    };
  }

  /**
   * GET /api/evaluation-cycles/:id/results.xlsx: the results as a workbook for the office, written
   * row by row (exceljs streaming writer, results read in keyset chunks): flat memory at any size.
   */
  async workbook(id: string): Promise<{ fileName: string; stream: Readable }> {
    const c = await this.cycles.find(id);
    const out = new PassThrough();
    const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '余杭区自媒体账号备案与信用评价平台';
    wb.created = new Date();
    const write = async () => {
      const sheet = wb.addWorksheet('评议结果', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [
        { header: '备案编号', key: 'filingNo', width: 22 },
        { header: '账号名称', key: 'name', width: 28 },
        { header: '平台', key: 'platform', width: 12 },
        ...DIMENSIONS.map((d) => ({ header: `${d} ${DIMENSION_LABELS[d]}`, key: d, width: 14, style: { numFmt: '0.00' } })),
        { header: '评分人数', key: 'scoreCount', width: 10 },
        { header: '加权得分', key: 'weighted', width: 10, style: { numFmt: '0.00' } },
        { header: '违规次数', key: 'violations', width: 10 },
        { header: '约谈次数', key: 'interviews', width: 10 },
        { header: '扣分', key: 'deduction', width: 8, style: { numFmt: '0.00' } },
        { header: '年度内列入黑名单', key: 'blacklisted', width: 16 },
        { header: '总分', key: 'total', width: 8, style: { numFmt: '0.00' } },
        { header: '等级', key: 'grade', width: 8 },
        { header: '等级名称', key: 'gradeLabel', width: 10 },
      ];
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      let after = '';
      for (;;) {
        const rows = await this.dataSource.getRepository(EvaluationResult).find({
          where: { cycleId: c.id, filingNo: MoreThan(after) },
          order: { filingNo: 'ASC' },
          take: EXPORT_CHUNK,
        });
        if (rows.length === 0) break;
        for (const r of rows) {
          sheet
            .addRow({
              filingNo: r.filingNo,
              name: r.accountName,
              platform: platformLabel(r.platform),
              D1: r.d1,
              D2: r.d2,
              D3: r.d3,
              D4: r.d4,
              D5: r.d5,
              scoreCount: r.scoreCount,
              weighted: r.weighted,
              violations: r.violations,
              interviews: r.interviews,
              deduction: r.deduction,
              blacklisted: r.blacklisted ? '是' : '否',
              total: r.total,
              grade: r.grade,
              gradeLabel: GRADE_NAMES[r.grade],
            })
            .commit();
        }
        after = rows[rows.length - 1].filingNo!;
      }
      sheet.commit();

      const about = wb.addWorksheet('说明');
      about.columns = [
        { header: '项目', key: 'k', width: 24 },
        { header: '内容', key: 'v', width: 80 },
      ];
      const w = cycleWeights(c);
      const b = POLICY.gradeBounds.value;
      const lines: [string, string | number][] = [
        ['评议年度', c.year],
        ['状态', cycleWorkflow.def.labels[c.status]],
        ['参评账号数', c.resultCount],
        ...DIMENSIONS.map((d): [string, string] => [`${d} ${DIMENSION_LABELS[d]} 权重`, `${w[d]}%`]),
        ['维度得分', `各评议人员评分的平均分；${POLICY.trimmedMeanMinScores.value}个及以上评分时去掉一个最高分和一个最低分（${POLICY.trimmedMeanMinScores.citation}），保留两位小数（四舍五入）`],
        ['扣分', `年度内每次查实违规扣${POLICY.deductionPerViolation.value}分，每次约谈扣${POLICY.deductionPerInterview.value}分，最低0分（${POLICY.deductionPerViolation.citation}）`],
        ['等级', `A≥${b.A} 优秀，B≥${b.B} 良好，C≥${b.C} 合格，D<${b.C} 不合格；年度内列入黑名单的为D（${POLICY.gradeBounds.citation}）`],
        ['规则版本', c.policyVersion],
        ['导出时间', new Date().toISOString()],
      ];
      for (const [k, v] of lines) about.addRow({ k, v }).commit();
      about.commit();
      await wb.commit();
    };
    write().catch((e: unknown) => {
      this.logger.error(`results.xlsx for cycle ${c.id} failed: ${(e as Error).message}`);
      out.destroy(e as Error);
    });
    return { fileName: `evaluation-results-${c.year}.xlsx`, stream: out };
  }
}
