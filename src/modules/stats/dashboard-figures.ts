import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BlacklistListing } from '../blacklist/blacklist-listing.entity.js';
import { Interview } from '../interviews/interview.entity.js';
import { PublicReport } from '../reports/report.entity.js';
import { Violation } from '../violations/violation.entity.js';
import { figuresDialect, type FiguresDialect, n } from './figures-dialect.js';
import { yearPeriod } from './figures-period.js';
import { OPEN_REPORTS } from './stats.constants.js';

export interface MonthCount {
  month: number;
  reports: number;
  violations: number;
}

/** One case whose deadline comes due soon. */
export interface DueItem {
  id: string;
  /** What the case is about: the account's name (or what the reporter named). */
  name: string;
  /** Its number: the notice number, the filing number, the tracking code's category. */
  reference: string;
  deadline: string;
}

export interface DueList {
  items: DueItem[];
  /** All that fall due in the window (the list shows the first `limit`). */
  total: number;
  /** Already past the deadline and still open. */
  overdue: number;
}

export interface Deadlines {
  today: string;
  horizon: string;
  reports: DueList;
  rectifications: DueList;
  defences: DueList;
}

const LIMIT = 20;

/** The dashboard's figures beyond the annual ones: counts per month, and deadlines coming due. */
@Injectable()
export class DashboardFigures {
  private readonly sql: FiguresDialect;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sql = figuresDialect(dataSource);
  }

  /** Reports received and violations that occurred, per Beijing month of the year. */
  async monthly(year: number): Promise<MonthCount[]> {
    const p = yearPeriod(year);
    const reportMonth = this.sql.month(this.sql.beijingDate('r.createdAt'));
    const violationMonth = this.sql.month('v.occurredAt');
    const [reports, violations] = await Promise.all([
      this.dataSource
        .createQueryBuilder(PublicReport, 'r')
        .select(reportMonth, 'month')
        .addSelect('COUNT(*)', 'n')
        .where('r.createdAt >= :from AND r.createdAt < :to', { from: p.from, to: p.to })
        .groupBy(reportMonth)
        .getRawMany<{ month: unknown; n: unknown }>(),
      this.dataSource
        .createQueryBuilder(Violation, 'v')
        .select(violationMonth, 'month')
        .addSelect('COUNT(*)', 'n')
        .where('v.occurredAt >= :first AND v.occurredAt <= :last', { first: p.firstDay, last: p.lastDay })
        .groupBy(violationMonth)
        .getRawMany<{ month: unknown; n: unknown }>(),
    ]);
    const byMonth = (rows: { month: unknown; n: unknown }[]) => new Map(rows.map((r) => [n(r.month), n(r.n)]));
    const r = byMonth(reports);
    const v = byMonth(violations);
    return Array.from({ length: 12 }, (_, k) => ({ month: k + 1, reports: r.get(k + 1) ?? 0, violations: v.get(k + 1) ?? 0 }));
  }

  /**
   * Open cases whose deadline falls from today to `horizon` (Beijing dates, both included), the
   * earliest first: reports to conclude, rectification reports due, defence windows closing.
   */
  async deadlines(today: string, horizon: string): Promise<Deadlines> {
    const [reports, rectifications, defences] = await Promise.all([
      this.due(
        this.dataSource
          .createQueryBuilder(PublicReport, 'r')
          .select(['r.id AS id', 'r.accountName AS name', 'r.filingNo AS filingNo', 'r.category AS reference', 'r.dueDate AS deadline'])
          .where('r.status IN (:...open)', { open: [...OPEN_REPORTS] }),
        'r.dueDate',
        today,
        horizon,
      ),
      this.due(
        this.dataSource
          .createQueryBuilder(Interview, 'i')
          .select(['i.id AS id', 'i.accountName AS name', 'i.noticeNo AS reference', 'i.deadline AS deadline'])
          .where("i.status = 'rectifying'"),
        'i.deadline',
        today,
        horizon,
      ),
      this.due(
        this.dataSource
          .createQueryBuilder(BlacklistListing, 'l')
          .select(['l.id AS id', 'l.accountName AS name', 'l.noticeNo AS reference', 'l.defenceDeadline AS deadline'])
          .where("l.status = 'proposed'"),
        'l.defenceDeadline',
        today,
        horizon,
      ),
    ]);
    return { today, horizon, reports, rectifications, defences };
  }

  private async due(
    base: ReturnType<DataSource['createQueryBuilder']>,
    column: string,
    today: string,
    horizon: string,
  ): Promise<DueList> {
    const window = base.clone().andWhere(`${column} >= :today AND ${column} <= :horizon`, { today, horizon });
    const [rows, total, overdue] = await Promise.all([
      window.clone().orderBy(column, 'ASC').limit(LIMIT).getRawMany<Record<string, unknown>>(),
      window.clone().select('COUNT(*)', 'n').getRawOne<{ n: unknown }>(),
      base.clone().andWhere(`${column} < :today`, { today }).select('COUNT(*)', 'n').getRawOne<{ n: unknown }>(),
    ]);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        name: String(r.name ?? r.filingNo ?? '（未注明账号）'),
        reference: String(r.reference ?? ''),
        deadline: isoDate(r.deadline),
      })),
      total: n(total?.n),
      overdue: n(overdue?.n),
    };
  }
}

/** A `date` column as 'YYYY-MM-DD' (mysql2 answers a Date at midnight UTC when dateStrings is off). */
function isoDate(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}
