import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BlacklistListing } from '../blacklist/blacklist-listing.entity.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { Interview } from '../interviews/interview.entity.js';
import { EscalationMeasure } from '../measures/measure.entity.js';
import { MEASURE_KIND_LABELS, MEASURE_KINDS, type MeasureKind } from '../measures/workflow/measure.workflow.js';
import { MediaAccount } from '../registry/account.entity.js';
import { GRADE_LABELS, GRADES, PLATFORM_LABELS, PLATFORMS } from '../registry/registry.constants.js';
import { PublicReport } from '../reports/report.entity.js';
import { reportWorkflow } from '../reports/workflow/report.workflow.js';
import { StaffFiling } from '../staff/staff-filing.entity.js';
import { StaffTraining } from '../staff/staff-training.entity.js';
import { Violation } from '../violations/violation.entity.js';
import {
  CONTENT_VIOLATION_CATEGORIES,
  VIOLATION_CATEGORIES,
  VIOLATION_CATEGORY_LABELS,
  VIOLATION_SOURCE_LABELS,
  VIOLATION_SOURCES,
} from '../violations/violation-categories.js';
import { figuresDialect, type FiguresDialect, n } from './figures-dialect.js';
import { type FiguresPeriod, yearPeriod } from './figures-period.js';
import {
  CATEGORY_SHORT_LABELS,
  EFFECTIVE_MEASURE_STATES,
  INTERVIEW_IN_PROGRESS_STATES,
  MANAGED_ACCOUNT_STATES,
  OFFICE_NAME,
  OPEN_REPORTS,
  POLICE_DEPARTMENT_MARK,
  UNGRADED_LABEL,
} from './stats.constants.js';

export type GradeKey = 'A' | 'B' | 'C' | 'D' | 'ungraded';
export const GRADE_KEYS: readonly GradeKey[] = [...GRADES, 'ungraded'];
export const GRADE_KEY_LABELS: Record<GradeKey, string> = { ...GRADE_LABELS, ungraded: UNGRADED_LABEL };

export interface Counted<K extends string> {
  key: K;
  label: string;
  count: number;
}

export interface CategoryCount {
  category: string;
  label: string;
  shortLabel: string;
  count: number;
}

/** The annual figures (domain.md "Figures the office reports"); docs/decisions.md "Figures" defines each. */
export interface AnnualFigures {
  year: number;
  office: string;
  period: { firstDay: string; lastDay: string };
  /** When the figures were computed; "now"-dependent figures (open, overdue) are as of this instant. */
  asOf: string;
  accounts: {
    /** Accounts under graded management at the end of the year (or now, for the current year). */
    underManagement: number;
    /** Accounts whose filing was approved during the year. */
    filedInYear: number;
    byGrade: Counted<GradeKey>[];
    /** The grade × platform matrix: one row per platform. */
    byPlatform: { platform: string; label: string; total: number; byGrade: Record<GradeKey, number> }[];
  };
  reports: {
    received: number;
    /** Concluded during the year, whenever received. */
    concluded: number;
    byOutcome: Counted<'substantiated' | 'unsubstantiated' | 'transferred'>[];
    /** Of those concluded during the year: transferred to the police. */
    transferredToPolice: number;
    /** Received during the year and still open. */
    open: number;
    /** Received during the year and not concluded by the due date: still open past it, or concluded after it. */
    overdue: { total: number; openPastDue: number; concludedLate: number };
    receivedByCategory: CategoryCount[];
  };
  violations: { total: number; byCategory: CategoryCount[]; bySource: Counted<string>[] };
  interviews: {
    /** Interview notices issued during the year (notice date). */
    noticesIssued: number;
    /** Held during the year (each hold also issued a rectification order, 责令整改通知书). */
    held: number;
    /** Refused during the year (summoned, did not attend or refused). */
    refused: number;
    /** Held or refused during the year, by where the case stands now. */
    outcomes: { passed: number; failed: number; refused: number; inProgress: number; total: number };
  };
  measures: { total: number; byKind: Counted<MeasureKind>[] };
  blacklist: {
    listed: number;
    exits: { total: number; expired: number; earlyExit: number };
    /** In force at the end of the year (or now, for the current year). */
    inForceAtYearEnd: number;
  };
  staff: {
    filings: { submitted: number; accepted: number; returned: number };
    training: { sessions: number; staffTrained: number; hours: number };
  };
}

const categoryLabel = (c: string) => VIOLATION_CATEGORY_LABELS[c as keyof typeof VIOLATION_CATEGORY_LABELS] ?? c;

function categoryCounts(categories: readonly string[], counts: Map<string, number>): CategoryCount[] {
  return categories.map((c) => ({ category: c, label: categoryLabel(c), shortLabel: CATEGORY_SHORT_LABELS[c] ?? c, count: counts.get(c) ?? 0 }));
}

/**
 * Computes the annual figures with grouped aggregate queries (COUNT, SUM, GROUP BY) that run on
 * SQLite and MySQL alike: no row is loaded to be counted. It reads the tables of the registry,
 * reports, violations, interviews, measures, blacklist and staff modules, read-only (a reporting
 * read model; docs/decisions.md "Figures").
 */
@Injectable()
export class AnnualFiguresCalculator {
  private readonly sql: FiguresDialect;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sql = figuresDialect(dataSource);
  }

  async compute(year: number, now: Date = new Date()): Promise<AnnualFigures> {
    const p = yearPeriod(year);
    // The state at the end of the year, or now when the year has not ended.
    const cutoff = now < p.to ? now : p.to;
    const [accounts, reports, violations, interviews, measures, blacklist, staff] = await Promise.all([
      this.accounts(year, p),
      this.reports(p, beijingDate(now)),
      this.violations(p),
      this.interviews(p),
      this.measures(p),
      this.blacklist(p, cutoff),
      this.staff(p),
    ]);
    return {
      year,
      office: OFFICE_NAME,
      period: { firstDay: p.firstDay, lastDay: p.lastDay },
      asOf: now.toISOString(),
      accounts,
      reports,
      violations,
      interviews,
      measures,
      blacklist,
      staff,
    };
  }

  /**
   * Under graded management: filed before the year ended and now filed, restricted or suspended.
   * The grade is the registry's (the latest published evaluation) when that evaluation is of the
   * year or earlier; otherwise the account counts as ungraded for the year.
   */
  private async accounts(year: number, p: FiguresPeriod): Promise<AnnualFigures['accounts']> {
    const groups: { platform: string; grade: string | null; gradeYear: number | string | null; n: unknown }[] = await this.dataSource
      .createQueryBuilder(MediaAccount, 'a')
      .select('a.platform', 'platform')
      .addSelect('a.grade', 'grade')
      .addSelect('a.gradeYear', 'gradeYear')
      .addSelect('COUNT(*)', 'n')
      .where('a.status IN (:...managed)', { managed: [...MANAGED_ACCOUNT_STATES] })
      .andWhere('a.filedAt < :to', { to: p.to })
      .groupBy('a.platform')
      .addGroupBy('a.grade')
      .addGroupBy('a.gradeYear')
      .getRawMany();
    const filed = await this.dataSource
      .createQueryBuilder(MediaAccount, 'a')
      .select('COUNT(*)', 'n')
      .where('a.filedAt >= :from AND a.filedAt < :to', { from: p.from, to: p.to })
      .getRawOne<{ n: unknown }>();

    const empty = (): Record<GradeKey, number> => ({ A: 0, B: 0, C: 0, D: 0, ungraded: 0 });
    const byPlatform = new Map<string, Record<GradeKey, number>>(PLATFORMS.map((pl) => [pl, empty()]));
    for (const g of groups) {
      const inForce = g.grade && g.gradeYear !== null && Number(g.gradeYear) <= year && (GRADES as readonly string[]).includes(g.grade);
      const key: GradeKey = inForce ? (g.grade as GradeKey) : 'ungraded';
      const row = byPlatform.get(g.platform) ?? byPlatform.set(g.platform, empty()).get(g.platform)!;
      row[key] += n(g.n);
    }
    const rows = [...byPlatform.entries()].map(([platform, byGrade]) => ({
      platform,
      label: PLATFORM_LABELS[platform as keyof typeof PLATFORM_LABELS] ?? platform,
      total: GRADE_KEYS.reduce((s, k) => s + byGrade[k], 0),
      byGrade,
    }));
    const byGrade = GRADE_KEYS.map((k) => ({ key: k, label: GRADE_KEY_LABELS[k], count: rows.reduce((s, r) => s + r.byGrade[k], 0) }));
    return {
      underManagement: rows.reduce((s, r) => s + r.total, 0),
      filedInYear: n(filed?.n),
      byGrade,
      byPlatform: rows,
    };
  }

  private async reports(p: FiguresPeriod, today: string): Promise<AnnualFigures['reports']> {
    const open = `r.status IN (:...open)`;
    const received: { category: string; status: string; n: unknown; openPastDue: unknown; concludedLate: unknown }[] = await this.dataSource
      .createQueryBuilder(PublicReport, 'r')
      .select('r.category', 'category')
      .addSelect('r.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .addSelect(`SUM(CASE WHEN ${open} AND r.dueDate < :today THEN 1 ELSE 0 END)`, 'openPastDue')
      .addSelect(`SUM(CASE WHEN r.concludedAt IS NOT NULL AND ${this.sql.beijingDate('r.concludedAt')} > r.dueDate THEN 1 ELSE 0 END)`, 'concludedLate')
      .where('r.createdAt >= :from AND r.createdAt < :to', { from: p.from, to: p.to })
      .setParameters({ open: [...OPEN_REPORTS], today })
      .groupBy('r.category')
      .addGroupBy('r.status')
      .getRawMany();
    const concluded: { status: string; n: unknown; police: unknown }[] = await this.dataSource
      .createQueryBuilder(PublicReport, 'r')
      .select('r.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .addSelect(`SUM(CASE WHEN r.status = 'transferred' AND r.department LIKE :police THEN 1 ELSE 0 END)`, 'police')
      .where('r.concludedAt >= :from AND r.concludedAt < :to', { from: p.from, to: p.to })
      .setParameter('police', `%${POLICE_DEPARTMENT_MARK}%`)
      .groupBy('r.status')
      .getRawMany();

    const byCategory = new Map<string, number>();
    let total = 0;
    let stillOpen = 0;
    let openPastDue = 0;
    let concludedLate = 0;
    for (const g of received) {
      total += n(g.n);
      byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + n(g.n));
      if (OPEN_REPORTS.includes(g.status)) stillOpen += n(g.n);
      openPastDue += n(g.openPastDue);
      concludedLate += n(g.concludedLate);
    }
    const outcomes = ['substantiated', 'unsubstantiated', 'transferred'] as const;
    const byOutcome = outcomes.map((o) => ({ key: o, label: reportWorkflow.def.labels[o], count: n(concluded.find((c) => c.status === o)?.n) }));
    return {
      received: total,
      concluded: byOutcome.reduce((s, o) => s + o.count, 0),
      byOutcome,
      transferredToPolice: concluded.reduce((s, c) => s + n(c.police), 0),
      open: stillOpen,
      overdue: { total: openPastDue + concludedLate, openPastDue, concludedLate },
      receivedByCategory: categoryCounts(CONTENT_VIOLATION_CATEGORIES, byCategory),
    };
  }

  /** Violations by the day they occurred (a Beijing date). */
  private async violations(p: FiguresPeriod): Promise<AnnualFigures['violations']> {
    const groups: { category: string; source: string; n: unknown }[] = await this.dataSource
      .createQueryBuilder(Violation, 'v')
      .select('v.category', 'category')
      .addSelect('v.source', 'source')
      .addSelect('COUNT(*)', 'n')
      .where('v.occurredAt >= :first AND v.occurredAt <= :last', { first: p.firstDay, last: p.lastDay })
      .groupBy('v.category')
      .addGroupBy('v.source')
      .getRawMany();
    const byCategory = new Map<string, number>();
    const bySource = new Map<string, number>();
    for (const g of groups) {
      byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + n(g.n));
      bySource.set(g.source, (bySource.get(g.source) ?? 0) + n(g.n));
    }
    return {
      total: groups.reduce((s, g) => s + n(g.n), 0),
      byCategory: categoryCounts(VIOLATION_CATEGORIES, byCategory),
      bySource: VIOLATION_SOURCES.map((s) => ({ key: s, label: VIOLATION_SOURCE_LABELS[s], count: bySource.get(s) ?? 0 })),
    };
  }

  /**
   * Held in the year (heldAt), or refused in the year (a refusal closes the case: concludedAt), by
   * where each case stands now. The same set the annual evaluation deducts for.
   */
  private async interviews(p: FiguresPeriod): Promise<AnnualFigures['interviews']> {
    const groups: { status: string; n: unknown }[] = await this.dataSource
      .createQueryBuilder(Interview, 'i')
      .select('i.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where("((i.heldAt >= :from AND i.heldAt < :to) OR (i.status = 'refused' AND i.concludedAt >= :from AND i.concludedAt < :to))", { from: p.from, to: p.to })
      .groupBy('i.status')
      .getRawMany();
    const notices = await this.dataSource
      .createQueryBuilder(Interview, 'i')
      .select('COUNT(*)', 'n')
      .where('i.noticeDate >= :first AND i.noticeDate <= :last', { first: p.firstDay, last: p.lastDay })
      .getRawOne<{ n: unknown }>();
    const count = (states: readonly string[]) => groups.filter((g) => states.includes(g.status)).reduce((s, g) => s + n(g.n), 0);
    const refused = count(['refused']);
    const outcomes = { passed: count(['passed']), failed: count(['failed']), refused, inProgress: count(INTERVIEW_IN_PROGRESS_STATES) };
    const total = groups.reduce((s, g) => s + n(g.n), 0);
    return {
      noticesIssued: n(notices?.n),
      held: total - refused,
      refused,
      outcomes: { ...outcomes, total },
    };
  }

  /** Measures approved in the year (decidedAt of an approved or answered measure), by kind. */
  private async measures(p: FiguresPeriod): Promise<AnnualFigures['measures']> {
    const groups: { kind: string; n: unknown }[] = await this.dataSource
      .createQueryBuilder(EscalationMeasure, 'm')
      .select('m.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .where('m.status IN (:...states)', { states: [...EFFECTIVE_MEASURE_STATES] })
      .andWhere('m.decidedAt >= :from AND m.decidedAt < :to', { from: p.from, to: p.to })
      .groupBy('m.kind')
      .getRawMany();
    const byKind = MEASURE_KINDS.map((k) => ({ key: k, label: MEASURE_KIND_LABELS[k], count: n(groups.find((g) => g.kind === k)?.n) }));
    return { total: byKind.reduce((s, k) => s + k.count, 0), byKind };
  }

  /**
   * Entries: listings that took effect in the year (listedAt). Exits: listings that ended in the
   * year, early (the approval's date) or by expiry (the end of the term; a term that ran out before
   * the daily sweep recorded it counts as expired too).
   */
  private async blacklist(p: FiguresPeriod, cutoff: Date): Promise<AnnualFigures['blacklist']> {
    const row = await this.dataSource
      .createQueryBuilder(BlacklistListing, 'l')
      .select(`SUM(CASE WHEN l.listedAt >= :from AND l.listedAt < :to THEN 1 ELSE 0 END)`, 'listed')
      .addSelect(`SUM(CASE WHEN l.status = 'ended' AND l.endReason = 'early_exit' AND l.endedAt >= :from AND l.endedAt < :to THEN 1 ELSE 0 END)`, 'earlyExit')
      .addSelect(
        `SUM(CASE WHEN (l.status = 'ended' AND l.endReason = 'expired' AND l.endedAt >= :from AND l.endedAt < :to)` +
          ` OR (l.status = 'listed' AND l.endsAt >= :from AND l.endsAt < :to AND l.endsAt <= :cutoff) THEN 1 ELSE 0 END)`,
        'expired',
      )
      .addSelect(`SUM(CASE WHEN l.listedAt < :cutoff AND COALESCE(l.endedAt, l.endsAt) > :cutoff THEN 1 ELSE 0 END)`, 'inForce')
      .where("l.status IN ('listed', 'ended')")
      .setParameters({ from: p.from, to: p.to, cutoff })
      .getRawOne<{ listed: unknown; earlyExit: unknown; expired: unknown; inForce: unknown }>();
    const expired = n(row?.expired);
    const earlyExit = n(row?.earlyExit);
    return { listed: n(row?.listed), exits: { total: expired + earlyExit, expired, earlyExit }, inForceAtYearEnd: n(row?.inForce) };
  }

  /** Roster filings submitted in the year (every version), and decided in the year; trainings held in the year. */
  private async staff(p: FiguresPeriod): Promise<AnnualFigures['staff']> {
    const filings = await this.dataSource
      .createQueryBuilder(StaffFiling, 'f')
      .select('SUM(CASE WHEN f.createdAt >= :from AND f.createdAt < :to THEN 1 ELSE 0 END)', 'submitted')
      .addSelect(`SUM(CASE WHEN f.status = 'accepted' AND f.reviewedAt >= :from AND f.reviewedAt < :to THEN 1 ELSE 0 END)`, 'accepted')
      .addSelect(`SUM(CASE WHEN f.status = 'returned' AND f.reviewedAt >= :from AND f.reviewedAt < :to THEN 1 ELSE 0 END)`, 'returned')
      .where('(f.createdAt >= :from AND f.createdAt < :to) OR (f.reviewedAt >= :from AND f.reviewedAt < :to)')
      .setParameters({ from: p.from, to: p.to })
      .getRawOne<{ submitted: unknown; accepted: unknown; returned: unknown }>();
    const training = await this.dataSource
      .createQueryBuilder(StaffTraining, 't')
      .select('COUNT(*)', 'sessions')
      .addSelect('COUNT(DISTINCT t.staffId)', 'staff')
      .addSelect('SUM(t.halfHours)', 'halfHours')
      .where('t.date >= :first AND t.date <= :last', { first: p.firstDay, last: p.lastDay })
      .getRawOne<{ sessions: unknown; staff: unknown; halfHours: unknown }>();
    return {
      filings: { submitted: n(filings?.submitted), accepted: n(filings?.accepted), returned: n(filings?.returned) },
      training: { sessions: n(training?.sessions), staffTrained: n(training?.staff), hours: n(training?.halfHours) / 2 },
    };
  }
}
