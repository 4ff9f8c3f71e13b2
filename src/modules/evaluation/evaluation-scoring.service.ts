import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { MediaAccount } from '../registry/account.entity.js';
import type { AssignmentListQuery, ScoreDto } from './dto/evaluation.dto.js';
import { EvaluationAssignment, EvaluationCycle, EvaluationScore } from './evaluation.entity.js';
import { type AssignmentAccount, assignmentView, scoreMarks } from './evaluation.views.js';
import { cycleWorkflow } from './workflow/evaluation-cycle.workflow.js';

export type AssignmentView = ReturnType<typeof assignmentView>;

/** The evaluator's desk: their assignments and the scores they give (§04.5). */
@Injectable()
export class EvaluationScoringService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  private async views(rows: EvaluationAssignment[], m: EntityManager = this.dataSource.manager): Promise<AssignmentView[]> {
    if (rows.length === 0) return [];
    const cycleIds = [...new Set(rows.map((r) => r.cycleId))];
    const accountIds = [...new Set(rows.map((r) => r.accountId))];
    const [cycles, accounts, scores] = [
      await m.find(EvaluationCycle, { where: { id: In(cycleIds) } }),
      await m.find(MediaAccount, { where: { id: In(accountIds) }, select: { id: true, name: true, platform: true, filingNo: true } }),
      await m.find(EvaluationScore, { where: { assignmentId: In(rows.map((r) => r.id)) } }),
    ];
    const cycleById = new Map(cycles.map((c) => [c.id, c]));
    const accountById = new Map<string, AssignmentAccount>(accounts.map((a) => [a.id, a]));
    const scoreBy = new Map(scores.map((s) => [s.assignmentId, s]));
    return rows.map((r) => assignmentView(r, cycleById.get(r.cycleId), accountById.get(r.accountId), scoreBy.get(r.id)));
  }

  /** GET /api/evaluation-assignments: the evaluator's own, pending first, newest cycle first. */
  async list(user: AuthUser, q: AssignmentListQuery): Promise<Page<AssignmentView>> {
    const qb = this.dataSource
      .getRepository(EvaluationAssignment)
      .createQueryBuilder('a')
      .innerJoin(EvaluationCycle, 'c', 'c.id = a.cycleId')
      .where('a.evaluatorId = :me', { me: user.id });
    if (q.cycleId) qb.andWhere('a.cycleId = :cycleId', { cycleId: q.cycleId });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    qb.orderBy('c.year', 'DESC').addOrderBy('a.status', 'ASC').addOrderBy('a.createdAt', 'ASC').addOrderBy('a.id', 'ASC');
    // One cycle per assignment: plain OFFSET/LIMIT (no de-duplicating subquery needed).
    const [rows, total] = await qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize).getManyAndCount();
    return pageOf(await this.views(rows), total, q);
  }

  /** One of the evaluator's own assignments (another's: 404). */
  async get(user: AuthUser, id: string): Promise<AssignmentView> {
    const a = await this.dataSource.getRepository(EvaluationAssignment).findOne({ where: { id } });
    if (!a || a.evaluatorId !== user.id) throw AppException.notFound('评议任务');
    return (await this.views([a]))[0];
  }

  /**
   * The assigned evaluator scores while the cycle is scoring (else 409). A second submission
   * replaces the first; the audit entry keeps both.
   */
  async submit(actor: Actor, user: AuthUser, id: string, dto: ScoreDto): Promise<{ created: boolean; assignment: AssignmentView }> {
    // Which cycle, read before the transaction: inside it, the first reads are the locking ones, so
    // on InnoDB its snapshot starts after a concurrent submission of the same form has committed.
    const probe = await this.dataSource.getRepository(EvaluationAssignment).findOne({ where: { id }, select: { id: true, cycleId: true, evaluatorId: true } });
    if (!probe || probe.evaluatorId !== user.id) throw AppException.notFound('评议任务');
    return this.uow.run(async (m) => {
      // Shared lock on the cycle: many evaluators score at once, closing (an exclusive lock) waits for them.
      const cycle = await m.findOne(EvaluationCycle, { where: { id: probe.cycleId }, ...(this.uow.isSqlite ? {} : { lock: { mode: 'pessimistic_read' as const } }) });
      if (!cycle) throw AppException.notFound('评议任务');
      cycleWorkflow.next(cycle.status, 'score');
      const a = await this.uow.findForUpdate(m, EvaluationAssignment, { where: { id } });
      if (!a || a.evaluatorId !== user.id) throw AppException.notFound('评议任务');
      const now = new Date();
      const marks = { d1: dto.D1, d2: dto.D2, d3: dto.D3, d4: dto.D4, d5: dto.D5 };
      const comment = dto.comment?.trim() ? dto.comment.trim() : null;
      const existing = await this.uow.findForUpdate(m, EvaluationScore, { where: { assignmentId: a.id } });
      const audited = (s: EvaluationScore) => ({ assignmentId: a.id, accountId: a.accountId, cycleId: a.cycleId, ...scoreMarks(s), comment: s.comment, revision: s.revision });
      let score: EvaluationScore;
      if (existing) {
        const before = audited(existing);
        Object.assign(existing, marks, { comment, submittedAt: now, revision: existing.revision + 1 });
        score = await m.save(existing);
        await this.audit.record(m, actor, { action: 'evaluation.score.replace', entityType: 'evaluation_score', entityId: score.id, before, after: { ...audited(score), ...policyRef('evaluationScoreRange') } });
      } else {
        score = await m.save(m.create(EvaluationScore, { assignmentId: a.id, ...marks, comment, submittedAt: now, revision: 1 }));
        a.status = 'scored';
        a.scoredAt = now;
        await m.save(a);
        await this.audit.record(m, actor, { action: 'evaluation.score.submit', entityType: 'evaluation_score', entityId: score.id, after: { ...audited(score), ...policyRef('evaluationScoreRange') } });
      }
      return { created: !existing, assignment: (await this.views([a], m))[0] };
    });
  }
}
