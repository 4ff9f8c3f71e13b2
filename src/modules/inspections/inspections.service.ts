import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, pageOf } from '../../common/http/pagination.js';
import { SequenceService } from '../../database/sequence.service.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import { User } from '../users/user.entity.js';
import { ViolationsService } from '../violations/violations.service.js';
import type { CreateDrawDto, InspectionQuery, InspectionResultDto } from './dto/inspection.dto.js';
import { byCodePoint, type DrawWeights, GRADE_CLASSES, officerPoolHash, populationHash, runDraw } from './inspection-draw.js';
import { Inspection, InspectionDraw, InspectionDrawCandidate } from './inspection.entity.js';
import {
  type DrawSummaryView,
  type DrawView,
  drawSummaryView,
  drawView,
  inspectionAuditView,
  type InspectionView,
  inspectionView,
  type PublicDrawView,
  publicDrawView,
} from './inspection.views.js';
import { inspectionWorkflow } from './workflow/inspection.workflow.js';

const CHUNK = 500;

/** 抽查编号 `YH-WXCC-2026-0001`, gap-free per year. */
export function formatDrawNo(year: number, seq: number): string {
  return `${POLICY.inspectionDrawPrefix.value}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The weights of a draw: the policy's defaults, with the grades the caller gave replaced. */
export function weightsOf(given: Partial<Record<keyof DrawWeights, number | undefined>> | undefined): DrawWeights {
  const out = { ...POLICY.inspectionDefaultWeights.value } as DrawWeights;
  for (const g of GRADE_CLASSES) if (given?.[g] !== undefined) out[g] = given[g]!;
  return out;
}

/**
 * 双随机一公开 (seed 000 三(一)2): the office draws at least half of the filed accounts, weighted
 * toward grades C and D (§04.4 graded management), and two officers for each, from a published
 * seed; the officers record what they found, which may be a violation.
 */
@Injectable()
export class InspectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly sequences: SequenceService,
    private readonly violations: ViolationsService,
  ) {}

  async draw(actor: Actor, user: AuthUser, dto: CreateDrawDto): Promise<DrawView> {
    const share = dto.share ?? POLICY.inspectionMinShare.value;
    const shareBasisPoints = Math.round(share * 10000);
    const weights = weightsOf(dto.weighting);
    const seedGenerated = dto.seed === undefined;
    const seed = dto.seed ?? randomBytes(16).toString('hex');
    const id = await this.uow.run(async (m) => {
      const states = [...POLICY.inspectionAccountStates.value];
      const accounts = (
        await m.find(MediaAccount, {
          where: { status: In(states), filingNo: Not(IsNull()) },
          select: { id: true, filingNo: true, grade: true, name: true },
        })
      ).sort((a, b) => byCodePoint(a.filingNo!, b.filingNo!));
      const officers = (await m.find(User, { where: { role: 'officer', status: 'active' }, select: { id: true } })).map((u) => u.id).sort(byCodePoint);
      if (accounts.length === 0) throw AppException.conflict('当前没有可抽查的已备案账号');
      if (officers.length < POLICY.inspectionOfficersPerInspection.value) {
        throw AppException.conflict(`在岗执法检查人员不足${POLICY.inspectionOfficersPerInspection.value}名，无法抽取`);
      }

      const result = runDraw({ seed, accounts: accounts.map((a) => ({ id: a.id, grade: a.grade })), officers, shareBasisPoints, weights });
      const year = Number(beijingDate().slice(0, 4));
      const ref = policyRef('inspectionMinShare');
      const draw = m.create(InspectionDraw, {
        drawNo: formatDrawNo(year, await this.sequences.next(m, `inspection-draw:${year}`)),
        algorithm: result.algorithm,
        seed,
        seedGenerated,
        shareBasisPoints,
        weights: JSON.stringify(weights),
        populationSize: result.populationSize,
        sampleSize: result.sampleSize,
        populationHash: populationHash(accounts.map((a) => ({ id: a.filingNo!, grade: a.grade }))),
        officerIds: JSON.stringify(officers),
        officerPoolSize: officers.length,
        officerPoolHash: officerPoolHash(officers),
        drawnBy: user.id,
        drawnByName: user.displayName.slice(0, 64),
        ...ref,
      });
      await m.save(draw);

      const candidates = accounts.map((a, position) =>
        m.create(InspectionDrawCandidate, { drawId: draw.id, position, accountId: a.id, filingNo: a.filingNo!, grade: a.grade }),
      );
      for (let i = 0; i < candidates.length; i += CHUNK) await m.insert(InspectionDrawCandidate, candidates.slice(i, i + CHUNK));

      const inspections = result.picks.map((p) => {
        const a = accounts[p.position];
        return m.create(Inspection, {
          drawId: draw.id,
          drawNo: draw.drawNo,
          drawOrder: p.order,
          accountId: a.id,
          filingNo: a.filingNo!,
          accountName: a.name,
          grade: a.grade,
          officer1Id: p.officerIds[0],
          officer2Id: p.officerIds[1],
          status: inspectionWorkflow.def.initial,
          findings: null,
          violationId: null,
          doneBy: null,
          doneAt: null,
        });
      });
      for (let i = 0; i < inspections.length; i += CHUNK) await m.insert(Inspection, inspections.slice(i, i + CHUNK));

      await this.audit.record(m, actor, {
        action: 'inspection.draw',
        entityType: 'inspection_draw',
        entityId: draw.id,
        after: {
          drawNo: draw.drawNo,
          algorithm: draw.algorithm,
          seed,
          seedGenerated,
          shareBasisPoints,
          weights,
          populationSize: draw.populationSize,
          populationHash: draw.populationHash,
          officerPoolSize: draw.officerPoolSize,
          officerPoolHash: draw.officerPoolHash,
          sampleSize: draw.sampleSize,
          ...ref,
        },
      });
      return draw.id;
    });
    return this.getDraw(id);
  }

  async listDraws(q: { page: number; pageSize: number }): Promise<Page<DrawSummaryView & { done: number }>> {
    const [rows, total] = await this.dataSource.getRepository(InspectionDraw).findAndCount({
      order: { createdAt: 'DESC', drawNo: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const done = await this.doneCounts(rows.map((r) => r.id));
    return pageOf(rows.map((r) => ({ ...drawSummaryView(r), done: done.get(r.id) ?? 0 })), total, q);
  }

  async getDraw(id: string): Promise<DrawView> {
    const { draw, candidates, inspections } = await this.loadDraw(id);
    const names = await this.officerNames([draw.drawnBy, ...inspections.flatMap((i) => [i.officer1Id, i.officer2Id])]);
    return drawView(draw, candidates, inspections, names);
  }

  async publicDraw(id: string): Promise<PublicDrawView> {
    const { draw, candidates, inspections } = await this.loadDraw(id);
    return publicDrawView(draw, candidates, inspections);
  }

  async publicDraws(q: { page: number; pageSize: number }) {
    const [rows, total] = await this.dataSource.getRepository(InspectionDraw).findAndCount({
      order: { createdAt: 'DESC', drawNo: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const done = await this.doneCounts(rows.map((r) => r.id));
    return pageOf(
      rows.map((d) => ({ id: d.id, drawNo: d.drawNo, drawnAt: d.createdAt, seed: d.seed, share: d.shareBasisPoints / 10000, populationSize: d.populationSize, sampleSize: d.sampleSize, done: done.get(d.id) ?? 0 })),
      total,
      q,
    );
  }

  async listInspections(user: AuthUser, q: InspectionQuery): Promise<Page<InspectionView>> {
    const qb = this.dataSource.getRepository(Inspection).createQueryBuilder('i');
    if (q.mine === 'true') qb.andWhere('(i.officer1Id = :me OR i.officer2Id = :me)', { me: user.id });
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.drawId) qb.andWhere('i.drawId = :drawId', { drawId: q.drawId });
    // Planned first (the work to do), then the latest draws first, in draw order.
    qb.orderBy('i.status', 'DESC').addOrderBy('i.createdAt', 'DESC').addOrderBy('i.drawNo', 'DESC').addOrderBy('i.drawOrder', 'ASC');
    qb.skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const names = await this.officerNames(rows.flatMap((i) => [i.officer1Id, i.officer2Id]));
    return pageOf(
      rows.map((i) => inspectionView(i, names)),
      total,
      q,
    );
  }

  async getInspection(id: string): Promise<InspectionView> {
    const i = await this.dataSource.getRepository(Inspection).findOne({ where: { id } });
    if (!i) throw AppException.notFound('检查');
    return inspectionView(i, await this.officerNames([i.officer1Id, i.officer2Id]));
  }

  /** One of the inspection's two officers records what they found, and the violation if there is one. */
  async recordResult(actor: Actor, user: AuthUser, id: string, dto: InspectionResultDto): Promise<InspectionView> {
    await this.uow.run(async (m) => {
      const i = await this.uow.findForUpdate(m, Inspection, { where: { id } });
      if (!i) throw AppException.notFound('检查');
      if (user.id !== i.officer1Id && user.id !== i.officer2Id) throw AppException.forbidden('只有本次抽中的两名检查人员可以登记检查结果');
      const to = inspectionWorkflow.next(i.status, 'recordResult');
      const before = inspectionAuditView(i);
      let violationId: string | null = null;
      if (dto.violation) {
        if (dto.violation.occurredAt > beijingDate()) throw AppException.field('violation.occurredAt', 'future_date', '发生日期不能晚于今天');
        const v = await this.violations.recordInTx(m, actor, i.accountId, {
          category: dto.violation.category,
          source: 'inspection',
          facts: dto.violation.facts,
          occurredAt: dto.violation.occurredAt,
        });
        violationId = v.id;
      }
      i.status = to;
      i.findings = dto.findings.trim();
      i.violationId = violationId;
      i.doneBy = user.id;
      i.doneAt = new Date();
      await m.save(i);
      await this.audit.record(m, actor, { action: 'inspection.result', entityType: 'inspection', entityId: i.id, before, after: { ...inspectionAuditView(i), findings: i.findings } });
    });
    return this.getInspection(id);
  }

  private async loadDraw(id: string, m: EntityManager = this.dataSource.manager) {
    const draw = await m.findOne(InspectionDraw, { where: { id } });
    if (!draw) throw AppException.notFound('抽查批次');
    const [candidates, inspections] = await Promise.all([
      m.find(InspectionDrawCandidate, { where: { drawId: id }, order: { position: 'ASC' } }),
      m.find(Inspection, { where: { drawId: id }, order: { drawOrder: 'ASC' } }),
    ]);
    return { draw, candidates, inspections };
  }

  private async doneCounts(drawIds: string[]): Promise<Map<string, number>> {
    if (drawIds.length === 0) return new Map();
    const rows: { drawId: string; n: string | number }[] = await this.dataSource
      .getRepository(Inspection)
      .createQueryBuilder('i')
      .select('i.drawId', 'drawId')
      .addSelect('COUNT(*)', 'n')
      .where('i.drawId IN (:...ids)', { ids: drawIds })
      .andWhere('i.status = :done', { done: 'done' })
      .groupBy('i.drawId')
      .getRawMany();
    return new Map(rows.map((r) => [r.drawId, Number(r.n)]));
  }

  private async officerNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
