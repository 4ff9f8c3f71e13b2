import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { POLICY_VERSION, policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { MediaAccount } from '../registry/account.entity.js';
import type { Grade } from '../registry/registry.constants.js';
import { AnnualConductRecord } from './annual-conduct-record.js';
import type { DimensionScores } from './evaluation.constants.js';
import { EvaluationAssignment, EvaluationCycle, EvaluationResult, EvaluationScore, EvaluatorFlag } from './evaluation.entity.js';
import { EvaluationCyclesService } from './evaluation-cycles.service.js';
import { cycleAuditView, cycleView, cycleWeights } from './evaluation.views.js';
import { OutlierAccumulator } from './outlier-detector.js';
import { formatHundredths, ScoreCalculator } from './score-calculator.js';
import { cycleWorkflow } from './workflow/evaluation-cycle.workflow.js';

/** A result row as inserted: decimals as '89.99' strings (exact in both dialects). */
interface ResultRow {
  cycleId: string;
  accountId: string;
  filingNo: string | null;
  accountName: string;
  platform: string;
  scoreCount: number;
  d1: string;
  d2: string;
  d3: string;
  d4: string;
  d5: string;
  weighted: string;
  violations: number;
  interviews: number;
  deduction: string;
  blacklisted: boolean;
  total: string;
  grade: Grade;
  detail: string;
}
const RESULT_COLUMNS = ['cycleId', 'accountId', 'filingNo', 'accountName', 'platform', 'scoreCount', 'd1', 'd2', 'd3', 'd4', 'd5', 'weighted', 'violations', 'interviews', 'deduction', 'blacklisted', 'total', 'grade', 'detail'] as const satisfies readonly (keyof ResultRow)[];

/** Accounts read per step (keyset pagination), and rows per INSERT. */
export const CLOSE_ACCOUNT_CHUNK = 1000;
export const CLOSE_INSERT_CHUNK = 500;

/**
 * Closing a cycle (scoring → closed): every account's result and the evaluator flags, in one
 * transaction so a cycle is closed entirely or not at all, and in chunks so memory stays flat
 * whatever the number of accounts: accounts are walked by id (keyset, CLOSE_ACCOUNT_CHUNK at a time);
 * per chunk one query each for the scored assignments, the accounts, the violations, the interviews
 * and the blacklist, read ahead on a second connection (withReader) while the previous chunk's
 * results go out in INSERTs of CLOSE_INSERT_CHUNK rows. Only the
 * per-evaluator sums of the outlier statistics outlive a chunk. `bench/evaluation-close.ts` measures
 * it (100,000 accounts × 3 scores on MariaDB).
 */
@Injectable()
export class CycleCloser {
  private readonly calculator = new ScoreCalculator();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cycles: EvaluationCyclesService,
    private readonly conduct: AnnualConductRecord,
  ) {}

  close(actor: Actor, id: string) {
    return this.uow.run(async (m) => {
      const c = await this.cycles.lockCycle(m, id);
      const before = cycleAuditView(c);
      const to = cycleWorkflow.next(c.status, 'close');
      const pending = await m.count(EvaluationAssignment, { where: { cycleId: c.id, status: 'pending' } });
      if (pending > 0) {
        throw new AppException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, `还有${pending}份评分未提交，不能结束评分`, [
          { field: 'assignments', code: 'scores_pending', message: `${pending}份评议任务尚未评分` },
        ]);
      }
      // Nothing should be there (a cycle closes once); a clean slate keeps the close repeatable in tests.
      await m.delete(EvaluationResult, { cycleId: c.id });
      await m.delete(EvaluatorFlag, { cycleId: c.id });

      const grades: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
      const outliers = new OutlierAccumulator();
      let results = 0;
      await this.withReader(m, async (reader) => {
        // The next chunk is read on the reader while this one's results are written.
        let next = prefetch(this.readChunk(reader, c, ''));
        for (;;) {
          const chunk = await next;
          if (chunk.ids.length === 0) break;
          next = prefetch(this.readChunk(reader, c, chunk.ids[chunk.ids.length - 1]));
          const rows = this.chunkResults(c, chunk, outliers);
          for (const r of rows) grades[r.grade as Grade] += 1;
          for (let i = 0; i < rows.length; i += CLOSE_INSERT_CHUNK) await this.insertResults(m, rows.slice(i, i + CLOSE_INSERT_CHUNK));
          results += rows.length;
        }
      });

      const findings = outliers.findings();
      for (let i = 0; i < findings.length; i += CLOSE_INSERT_CHUNK) {
        const rows = findings.slice(i, i + CLOSE_INSERT_CHUNK).map((f) => ({
          cycleId: c.id,
          evaluatorId: f.evaluatorId,
          dimension: f.dimension,
          deviation: round2(f.meanDeviation),
          zScore: round2(f.zScore),
          accounts: f.accounts,
        }));
        await m.createQueryBuilder().insert().into(EvaluatorFlag).values(rows).updateEntity(false).execute();
      }

      c.status = to;
      c.closedAt = new Date();
      c.closedBy = actor.userId;
      c.resultCount = results;
      c.gradeA = grades.A;
      c.gradeB = grades.B;
      c.gradeC = grades.C;
      c.gradeD = grades.D;
      c.flagCount = findings.length;
      c.policyVersion = POLICY_VERSION;
      c.rules = JSON.stringify(this.calculator.rules);
      await m.save(c);
      await this.audit.record(m, actor, {
        action: 'evaluation.cycle.close',
        entityType: 'evaluation_cycle',
        entityId: c.id,
        before,
        after: { ...cycleAuditView(c), ...policyRef('gradeBounds'), outlierStdDevs: policyRef('outlierStdDevs') },
      });
      return cycleView(c, { pending: 0, scored: c.assignmentCount });
    });
  }

  /**
   * One multi-row INSERT, written out: TypeORM's insert builder spends more time preparing 500 rows
   * than the database spends storing them. Plain values only (booleans as 0/1 for SQLite); ids are
   * made here, the timestamps by the column defaults.
   */
  private async insertResults(m: EntityManager, rows: ResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = m.connection.getMetadata(EvaluationResult);
    const q = (name: string) => m.connection.driver.escape(name);
    const columns = ['id', ...RESULT_COLUMNS];
    const params: unknown[] = [];
    for (const r of rows) {
      params.push(randomUUID());
      for (const c of RESULT_COLUMNS) params.push(c === 'blacklisted' ? (r.blacklisted ? 1 : 0) : r[c]);
    }
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await m.query(`INSERT INTO ${q(meta.tableName)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`, params);
  }

  /**
   * Runs `work` with a manager for the close's reads. On MySQL/MariaDB a second pooled connection
   * outside the transaction, so reading a chunk overlaps writing the one before: consistent, since
   * the close holds the cycle's exclusive lock (scores take a shared one to change) and the year's
   * conduct is read as committed. On SQLite (one connection) the transaction itself.
   */
  private async withReader<T>(m: EntityManager, work: (reader: EntityManager) => Promise<T>): Promise<T> {
    if (this.uow.isSqlite) return work(m);
    const runner = m.connection.createQueryRunner();
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  /** The next accounts of the cycle after `after` (id order) with all that their results need. */
  private async readChunk(reader: EntityManager, c: EvaluationCycle, after: string): Promise<ClosingChunk> {
    const ids = (
      await reader
        .createQueryBuilder(EvaluationAssignment, 'a')
        .select('a.accountId', 'accountId')
        .distinct(true)
        .where('a.cycleId = :cycleId', { cycleId: c.id })
        .andWhere('a.accountId > :after', { after })
        .orderBy('a.accountId', 'ASC')
        .limit(CLOSE_ACCOUNT_CHUNK)
        .getRawMany<{ accountId: string }>()
    ).map((r) => r.accountId);
    if (ids.length === 0) return { ids, scores: new Map(), accounts: new Map(), violations: new Map(), interviews: new Map(), blacklisted: new Set() };
    const marks = await reader
      .createQueryBuilder(EvaluationAssignment, 'a')
      .innerJoin(EvaluationScore, 's', 's.assignmentId = a.id')
      .select(['a.accountId AS accountId', 'a.evaluatorId AS evaluatorId', 's.d1 AS d1', 's.d2 AS d2', 's.d3 AS d3', 's.d4 AS d4', 's.d5 AS d5'])
      .where('a.cycleId = :cycleId', { cycleId: c.id })
      .andWhere('a.accountId IN (:...ids)', { ids })
      .orderBy('a.accountId', 'ASC')
      .addOrderBy('a.evaluatorId', 'ASC')
      .getRawMany<{ accountId: string; evaluatorId: string; d1: number | string; d2: number | string; d3: number | string; d4: number | string; d5: number | string }>();
    const scores = new Map<string, { evaluatorId: string; scores: DimensionScores }[]>();
    for (const r of marks) {
      let list = scores.get(r.accountId);
      if (!list) scores.set(r.accountId, (list = []));
      list.push({ evaluatorId: r.evaluatorId, scores: { D1: Number(r.d1), D2: Number(r.d2), D3: Number(r.d3), D4: Number(r.d4), D5: Number(r.d5) } });
    }
    const accounts = await reader.find(MediaAccount, { where: { id: In(ids) }, select: { id: true, filingNo: true, name: true, platform: true } });
    return {
      ids,
      scores,
      accounts: new Map(accounts.map((a) => [a.id, a])),
      violations: await this.conduct.violationsIn(ids, c.year, reader),
      interviews: await this.conduct.interviewsIn(ids, c.year, reader),
      blacklisted: await this.conduct.blacklistedIn(ids, c.year, reader),
    };
  }

  private chunkResults(c: EvaluationCycle, chunk: ClosingChunk, outliers: OutlierAccumulator): ResultRow[] {
    const { ids, scores: byAccount, accounts: accountById, violations, interviews, blacklisted } = chunk;
    const weights = cycleWeights(c);

    return ids.map((accountId) => {
      const scores = byAccount.get(accountId) ?? [];
      if (scores.length === 0) throw new Error(`account ${accountId} has assignments but no scores`);
      outliers.addAccount(scores);
      const r = this.calculator.compute({
        scores: scores.map((s) => s.scores),
        weights,
        violations: violations.get(accountId) ?? 0,
        interviews: interviews.get(accountId) ?? 0,
        blacklisted: blacklisted.has(accountId),
      });
      const account = accountById.get(accountId);
      const h = (x: number) => formatHundredths(Math.round(x * 100));
      return {
        cycleId: c.id,
        accountId,
        filingNo: account?.filingNo ?? null,
        accountName: account?.name ?? '',
        platform: account?.platform ?? 'other',
        scoreCount: scores.length,
        d1: h(r.dimensions.D1.score),
        d2: h(r.dimensions.D2.score),
        d3: h(r.dimensions.D3.score),
        d4: h(r.dimensions.D4.score),
        d5: h(r.dimensions.D5.score),
        weighted: h(r.weighted),
        violations: r.violations,
        interviews: r.interviews,
        deduction: h(r.deduction),
        blacklisted: r.blacklisted,
        total: h(r.total),
        grade: r.grade,
        detail: JSON.stringify(this.calculator.stored(r)),
      };
    });
  }
}

/** What closing needs of a chunk of accounts, read before its results are computed. */
interface ClosingChunk {
  ids: string[];
  scores: Map<string, { evaluatorId: string; scores: DimensionScores }[]>;
  accounts: Map<string, Pick<MediaAccount, 'id' | 'filingNo' | 'name' | 'platform'>>;
  violations: Map<string, number>;
  interviews: Map<string, number>;
  blacklisted: Set<string>;
}

/** A read started ahead: its failure is kept for the await, not reported as unhandled meanwhile. */
function prefetch<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
