import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY, POLICY_VERSION, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import { Subject } from '../registry/subject.entity.js';
import { User } from '../users/user.entity.js';
import { AssignmentInfeasible, type PlannerAccount, type PlannerEvaluator, planAssignments } from './assignment-planner.js';
import type { AssignDto, CreateCycleDto, CycleListQuery } from './dto/evaluation.dto.js';
import { EVALUATED_ACCOUNT_STATES } from './evaluation.constants.js';
import { EvaluationAssignment, EvaluationCycle } from './evaluation.entity.js';
import { cycleAuditView, type CycleCounts, cycleView } from './evaluation.views.js';
import { cycleWorkflow } from './workflow/evaluation-cycle.workflow.js';

export type CycleView = ReturnType<typeof cycleView>;
const INSERT_CHUNK = 500;

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = err?.driverError?.code ?? err?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|Duplicate entry/i.test(err?.driverError?.message ?? err?.message ?? '');
}

/** Cycles: creation with weights, opening, the assignment of evaluators (§04.5). */
@Injectable()
export class EvaluationCyclesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async find(id: string, m: EntityManager = this.dataSource.manager): Promise<EvaluationCycle> {
    const c = await m.findOne(EvaluationCycle, { where: { id } });
    if (!c) throw AppException.notFound('评议年度');
    return c;
  }

  async lockCycle(m: EntityManager, id: string): Promise<EvaluationCycle> {
    const c = await this.uow.findForUpdate(m, EvaluationCycle, { where: { id } });
    if (!c) throw AppException.notFound('评议年度');
    return c;
  }

  /** Scored and pending assignments per cycle. */
  private async counts(cycleIds: string[]): Promise<Map<string, CycleCounts>> {
    const out = new Map<string, CycleCounts>(cycleIds.map((id) => [id, { pending: 0, scored: 0 }]));
    if (cycleIds.length === 0) return out;
    const rows: { cycleId: string; status: 'pending' | 'scored'; n: string | number }[] = await this.dataSource
      .getRepository(EvaluationAssignment)
      .createQueryBuilder('a')
      .select('a.cycleId', 'cycleId')
      .addSelect('a.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('a.cycleId IN (:...ids)', { ids: cycleIds })
      .groupBy('a.cycleId')
      .addGroupBy('a.status')
      .getRawMany();
    for (const r of rows) out.get(r.cycleId)![r.status] = Number(r.n);
    return out;
  }

  async create(actor: Actor, dto: CreateCycleDto): Promise<CycleView> {
    const latest = Number(beijingDate().slice(0, 4)) + 1;
    if (dto.year > latest) throw AppException.field('year', 'too_late', `评议年度最晚为${latest}年`);
    const weights = dto.weights ?? POLICY.evaluationDefaultWeights.value;
    try {
      return await this.uow.run(async (m) => {
        if (await m.findOne(EvaluationCycle, { where: { year: dto.year }, select: { id: true } })) throw duplicateYear(dto.year);
        const c = m.create(EvaluationCycle, {
          year: dto.year,
          status: cycleWorkflow.def.initial,
          weightD1: weights.D1,
          weightD2: weights.D2,
          weightD3: weights.D3,
          weightD4: weights.D4,
          weightD5: weights.D5,
          createdBy: actor.userId ?? 'system',
          policyVersion: POLICY_VERSION,
          evaluatorsPerAccount: null,
          openedAt: null,
          assignedAt: null,
          closedAt: null,
          closedBy: null,
          publishedAt: null,
          publishedBy: null,
        });
        await m.save(c);
        await this.audit.record(m, actor, {
          action: 'evaluation.cycle.create',
          entityType: 'evaluation_cycle',
          entityId: c.id,
          after: { ...cycleAuditView(c), weightsDefaulted: !dto.weights, ...policyRef('evaluationDefaultWeights') },
        });
        return cycleView(c, { pending: 0, scored: 0 });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateYear(dto.year);
      throw e;
    }
  }

  async list(q: CycleListQuery): Promise<Page<CycleView>> {
    const [rows, total] = await this.dataSource.getRepository(EvaluationCycle).findAndCount({
      where: q.status ? { status: q.status as EvaluationCycle['status'] } : {},
      order: { year: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const counts = await this.counts(rows.map((c) => c.id));
    return pageOf(rows.map((c) => cycleView(c, counts.get(c.id))), total, q);
  }

  async get(id: string): Promise<CycleView> {
    const c = await this.find(id);
    return cycleView(c, (await this.counts([c.id])).get(c.id));
  }

  /** draft → open: the cycle is announced; its weights are fixed from here on. */
  open(actor: Actor, id: string): Promise<CycleView> {
    return this.uow.run(async (m) => {
      const c = await this.lockCycle(m, id);
      const before = cycleAuditView(c);
      c.status = cycleWorkflow.next(c.status, 'open');
      c.openedAt = new Date();
      await m.save(c);
      await this.audit.record(m, actor, { action: 'evaluation.cycle.open', entityType: 'evaluation_cycle', entityId: c.id, before, after: cycleAuditView(c) });
      return cycleView(c, { pending: 0, scored: 0 });
    });
  }

  /**
   * Assigns every evaluated account not yet assigned in the cycle (open → scoring; again while
   * scoring for accounts filed since) to `evaluatorsPerAccount` evaluators (AssignmentPlanner).
   */
  assign(actor: Actor, id: string, dto: AssignDto) {
    const perAccount = dto.evaluatorsPerAccount ?? POLICY.evaluatorsPerAccount.value;
    return this.uow.run(async (m) => {
      const c = await this.lockCycle(m, id);
      const before = cycleAuditView(c);
      const to = cycleWorkflow.next(c.status, 'assign');

      type Candidate = { id: string; filingNo: string | null; ownerId: string; subjectName: string | null };
      const evaluated: Candidate[] = await m
        .createQueryBuilder(MediaAccount, 'a')
        .leftJoin(Subject, 's', 's.id = a.subjectId')
        .select('a.id', 'id')
        .addSelect('a.filingNo', 'filingNo')
        .addSelect('a.ownerId', 'ownerId')
        .addSelect('s.name', 'subjectName')
        .where('a.status IN (:...states)', { states: EVALUATED_ACCOUNT_STATES })
        .orderBy('a.filingNo', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .getRawMany();
      // Accounts already assigned in this cycle are left as they are. Read as a set: a NOT EXISTS
      // join would compare MariaDB's uuid ids with the varchar accountId, which no index serves.
      const done: { accountId: string }[] = await m
        .createQueryBuilder(EvaluationAssignment, 'x')
        .select('x.accountId', 'accountId')
        .distinct(true)
        .where('x.cycleId = :cycleId', { cycleId: c.id })
        .getRawMany();
      const assigned = new Set(done.map((d) => d.accountId));
      const accounts = evaluated.filter((a) => !assigned.has(String(a.id)));
      if (accounts.length === 0) {
        throw AppException.conflict(c.status === 'open' ? '没有已备案的账号可供评议' : '所有已备案的账号均已分配评议人员');
      }

      const users = await m.find(User, { where: { role: 'evaluator', status: 'active' }, select: { id: true, organization: true, displayName: true } });
      const withOrg = users.filter((u) => u.organization && u.organization.trim() !== '');
      const loadRows: { evaluatorId: string; n: string | number }[] = await m
        .createQueryBuilder(EvaluationAssignment, 'x')
        .select('x.evaluatorId', 'evaluatorId')
        .addSelect('COUNT(*)', 'n')
        .where('x.cycleId = :id', { id: c.id })
        .groupBy('x.evaluatorId')
        .getRawMany();
      const loads = new Map(loadRows.map((r) => [r.evaluatorId, Number(r.n)]));
      const evaluators: PlannerEvaluator[] = withOrg.map((u) => ({ id: u.id, organization: u.organization!.trim(), load: loads.get(u.id) ?? 0 }));
      const plannerAccounts: PlannerAccount[] = accounts.map((a) => ({
        id: a.id,
        label: a.filingNo ?? a.id,
        ownerId: a.ownerId,
        relatedOrganizations: a.subjectName ? [a.subjectName] : [],
      }));

      let plan;
      try {
        plan = planAssignments(plannerAccounts, evaluators, {
          perAccount,
          minOrganizations: POLICY.evaluatorOrganizationsPerAccount.value,
          maxSpread: POLICY.evaluationLoadSpread.value,
        });
      } catch (e) {
        if (!(e instanceof AssignmentInfeasible)) throw e;
        const without = users.length - withOrg.length;
        const note = without > 0 ? `（另有${without}名评议人员未登记所属组织，未参加分配）` : '';
        throw new AppException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, `${e.message}${note}`, e.problems);
      }

      const now = new Date();
      for (let i = 0; i < plan.length; i += INSERT_CHUNK) {
        const rows = plan.slice(i, i + INSERT_CHUNK).map((p) => ({ cycleId: c.id, accountId: p.accountId, evaluatorId: p.evaluatorId, evaluatorOrganization: p.evaluatorOrganization, status: 'pending' as const, scoredAt: null }));
        await m.createQueryBuilder().insert().into(EvaluationAssignment).values(rows).updateEntity(false).execute();
      }
      c.status = to;
      c.accountCount += accounts.length;
      c.assignmentCount += plan.length;
      c.evaluatorsPerAccount = Math.max(c.evaluatorsPerAccount ?? 0, perAccount);
      c.assignedAt = now;
      await m.save(c);

      const newLoads = new Map<string, number>();
      for (const p of plan) newLoads.set(p.evaluatorId, (newLoads.get(p.evaluatorId) ?? 0) + 1);
      const byId = new Map(withOrg.map((u) => [u.id, u]));
      const evaluatorLoads = evaluators
        .map((e) => ({ evaluatorId: e.id, displayName: byId.get(e.id)!.displayName, organization: e.organization, assigned: newLoads.get(e.id) ?? 0, load: e.load + (newLoads.get(e.id) ?? 0) }))
        .sort((a, b) => a.organization.localeCompare(b.organization, 'zh') || a.displayName.localeCompare(b.displayName, 'zh'));
      await this.audit.record(m, actor, {
        action: 'evaluation.cycle.assign',
        entityType: 'evaluation_cycle',
        entityId: c.id,
        before,
        after: {
          ...cycleAuditView(c),
          assignedAccounts: accounts.length,
          assignments: plan.length,
          evaluatorsPerAccount: perAccount,
          loads: Object.fromEntries(evaluatorLoads.map((l) => [l.evaluatorId, l.load])),
          ...policyRef('evaluatorsPerAccount'),
        },
      });
      return {
        ...cycleView(c, await this.countsIn(m, c.id)),
        assigned: { accounts: accounts.length, assignments: plan.length, evaluatorsPerAccount: perAccount, evaluators: evaluatorLoads },
      };
    });
  }

  private async countsIn(m: EntityManager, cycleId: string): Promise<CycleCounts> {
    const pending = await m.count(EvaluationAssignment, { where: { cycleId, status: 'pending' } });
    const scored = await m.count(EvaluationAssignment, { where: { cycleId, status: 'scored' } });
    return { pending, scored };
  }
}

function duplicateYear(year: number): AppException {
  return AppException.duplicate(`${year}年度的评议已经建立`, 'year');
}
