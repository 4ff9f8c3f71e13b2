import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Interview } from '../interviews/interview.entity.js';
import { EscalationMeasure } from '../measures/measure.entity.js';
import { PublicReport } from '../reports/report.entity.js';
import { Violation } from '../violations/violation.entity.js';
import { VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS } from '../violations/violation-categories.js';
import { POLICY } from '../../policy/policy-table.js';
import { figuresDialect, type FiguresDialect, n } from './figures-dialect.js';
import { dayPeriod, type FiguresPeriod } from './figures-period.js';
import {
  CATEGORY_SHORT_LABELS,
  EFFECTIVE_MEASURE_STATES,
  OFFICE_NAME,
  PENALTY_MEASURE_KINDS,
  POLICE_DEPARTMENT_MARK,
  UNATTRIBUTED_LABEL,
} from './stats.constants.js';

/** The outcome columns of seed 001's attachment (专项行动情况汇总表), in its order. */
export const CAMPAIGN_COLUMNS = [
  { key: 'ordered', label: '责令整改', unit: '起' },
  { key: 'interviewed', label: '行政约谈', unit: '次' },
  { key: 'penalised', label: '行政处罚', unit: '起' },
  { key: 'police', label: '移交公安', unit: '起' },
] as const;
export type CampaignColumn = (typeof CAMPAIGN_COLUMNS)[number]['key'];

export type CampaignCounts = Record<CampaignColumn, number>;

export interface CampaignRow extends CampaignCounts {
  /** C01-C11, S04-S07; null for the row of actions no violation explains. */
  category: string | null;
  label: string;
  shortLabel: string;
}

export interface CampaignSummary {
  office: string;
  from: string;
  to: string;
  columns: { key: CampaignColumn; label: string; unit: string }[];
  rows: CampaignRow[];
  /** Each case once: an interview or measure explained by two kinds of conduct is in two rows, once here. */
  total: CampaignCounts & { label: string };
}

type Grouped = { category: string | null; n: unknown }[];

/**
 * The campaign summary of seed 001 for a span of Beijing dates (docs/decisions.md "Figures" defines
 * each column): per kind of conduct, violations ordered to rectify, interviews held, penalties
 * (escalation measures) approved, and referrals to the police. Interviews and measures carry no
 * category of their own: they count under the kinds of the account's violations in the
 * `campaignAttributionMonths` before the action.
 */
@Injectable()
export class CampaignSummaryCalculator {
  private readonly sql: FiguresDialect;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sql = figuresDialect(dataSource);
  }

  async compute(from: string, to: string): Promise<CampaignSummary> {
    const p = dayPeriod(from, to);
    const [ordered, interviews, penalties, referrals, policeReports] = await Promise.all([
      this.orderedToRectify(p),
      this.attributed(this.heldInterviews(p), 'i.heldAt'),
      this.attributed(this.approvedMeasures(p, PENALTY_MEASURE_KINDS), 'm.decidedAt'),
      // §03.3: an approved restriction notifies the police (the referral letter to 公安).
      this.attributed(this.approvedMeasures(p, ['restrict']), 'm.decidedAt'),
      this.reportsToPolice(p),
    ]);
    const rows: CampaignRow[] = VIOLATION_CATEGORIES.map((c) => ({
      category: c,
      label: VIOLATION_CATEGORY_LABELS[c],
      shortLabel: CATEGORY_SHORT_LABELS[c] ?? c,
      ordered: ordered.get(c) ?? 0,
      interviewed: interviews.byCategory.get(c) ?? 0,
      penalised: penalties.byCategory.get(c) ?? 0,
      police: (policeReports.byCategory.get(c) ?? 0) + (referrals.byCategory.get(c) ?? 0),
    }));
    rows.push({
      category: null,
      label: UNATTRIBUTED_LABEL,
      shortLabel: UNATTRIBUTED_LABEL,
      ordered: 0,
      interviewed: interviews.unattributed,
      penalised: penalties.unattributed,
      police: referrals.unattributed,
    });
    return {
      office: OFFICE_NAME,
      from,
      to,
      columns: CAMPAIGN_COLUMNS.map((c) => ({ ...c })),
      rows,
      total: {
        label: '合计',
        ordered: [...ordered.values()].reduce((s, x) => s + x, 0),
        interviewed: interviews.total,
        penalised: penalties.total,
        police: policeReports.total + referrals.total,
      },
    };
  }

  /**
   * 责令整改: violations that occurred in the span and were ordered rectified: the violation carries
   * the §02.3 order to correct and apologise, or the account was given a rectification order (an
   * interview held, 责令整改通知书) in the span on or after the day it occurred.
   */
  private async orderedToRectify(p: FiguresPeriod): Promise<Map<string, number>> {
    const rows: Grouped = await this.dataSource
      .createQueryBuilder(Violation, 'v')
      .select('v.category', 'category')
      .addSelect('COUNT(*)', 'n')
      .where('v.occurredAt >= :first AND v.occurredAt <= :last', { first: p.firstDay, last: p.lastDay })
      .andWhere(
        `(v.correctionRequired = 1 OR EXISTS (SELECT 1 FROM interview oi WHERE oi.accountId = v.accountId` +
          ` AND oi.heldAt >= :from AND oi.heldAt < :to AND ${this.sql.beijingDate('oi.heldAt')} >= v.occurredAt))`,
        { from: p.from, to: p.to },
      )
      .groupBy('v.category')
      .getRawMany();
    return new Map(rows.map((r) => [r.category!, n(r.n)]));
  }

  private heldInterviews(p: FiguresPeriod): SelectQueryBuilder<ObjectLiteral> {
    return this.dataSource.createQueryBuilder(Interview, 'i').where('i.heldAt >= :from AND i.heldAt < :to', { from: p.from, to: p.to });
  }

  private approvedMeasures(p: FiguresPeriod, kinds: readonly string[]): SelectQueryBuilder<ObjectLiteral> {
    return this.dataSource
      .createQueryBuilder(EscalationMeasure, 'm')
      .where('m.status IN (:...effective)', { effective: [...EFFECTIVE_MEASURE_STATES] })
      .andWhere('m.kind IN (:...kinds)', { kinds: [...kinds] })
      .andWhere('m.decidedAt >= :from AND m.decidedAt < :to', { from: p.from, to: p.to });
  }

  /**
   * Actions (interviews or measures) in the span: how many in all, how many under each kind of
   * conduct (distinct actions per kind), and how many no violation explains.
   */
  private async attributed(
    base: SelectQueryBuilder<ObjectLiteral>,
    dateColumn: string,
  ): Promise<{ total: number; byCategory: Map<string, number>; unattributed: number }> {
    const alias = base.alias;
    const day = this.sql.beijingDate(dateColumn);
    const join = `v.accountId = ${alias}.accountId AND v.occurredAt <= ${day} AND v.occurredAt > ${this.sql.monthsBefore(day, POLICY.campaignAttributionMonths.value)}`;
    const [all, grouped, explained] = await Promise.all([
      base.clone().select('COUNT(*)', 'n').getRawOne<{ n: unknown }>(),
      base.clone().innerJoin(Violation, 'v', join).select('v.category', 'category').addSelect(`COUNT(DISTINCT ${alias}.id)`, 'n').groupBy('v.category').getRawMany<{ category: string; n: unknown }>(),
      base.clone().innerJoin(Violation, 'v', join).select(`COUNT(DISTINCT ${alias}.id)`, 'n').getRawOne<{ n: unknown }>(),
    ]);
    const total = n(all?.n);
    return { total, byCategory: new Map(grouped.map((g) => [g.category, n(g.n)])), unattributed: total - n(explained?.n) };
  }

  /** 移交公安 from reports: concluded in the span as transferred to a department named 公安…, by the report's category. */
  private async reportsToPolice(p: FiguresPeriod): Promise<{ total: number; byCategory: Map<string, number> }> {
    const rows: Grouped = await this.dataSource
      .createQueryBuilder(PublicReport, 'r')
      .select('r.category', 'category')
      .addSelect('COUNT(*)', 'n')
      .where("r.status = 'transferred' AND r.department LIKE :police", { police: `%${POLICE_DEPARTMENT_MARK}%` })
      .andWhere('r.concludedAt >= :from AND r.concludedAt < :to', { from: p.from, to: p.to })
      .groupBy('r.category')
      .getRawMany();
    return { total: rows.reduce((s, r) => s + n(r.n), 0), byCategory: new Map(rows.map((r) => [r.category!, n(r.n)])) };
  }
}
