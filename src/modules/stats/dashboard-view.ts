import type { AnnualFigures, GradeKey } from './annual-figures.js';
import { GRADE_KEY_LABELS, GRADE_KEYS } from './annual-figures.js';
import { type BarChart, type ChartSeries, groupedBarChart, stackedBarChart } from './bar-charts.js';
import type { MonthCount } from './dashboard-figures.js';

/** A chart on the dashboard: the drawing, what it says in words, and the numbers as a table. */
export interface DashboardChart {
  id: string;
  title: string;
  /** One or two sentences that say what the chart shows (for everyone, and for screen readers first). */
  summary: string;
  chart: BarChart;
  table: { caption: string; head: string[]; rows: (string | number)[][] };
}

/** Colours with at least 3:1 contrast against white (WCAG 2.1 1.4.11); segments are also outlined white. */
export const SERIES_COLORS = {
  reports: '#1d70b8',
  violations: '#d4351c',
} as const;
export const GRADE_COLORS: Record<GradeKey, string> = {
  A: '#00703c',
  B: '#1d70b8',
  C: '#b35900',
  D: '#d4351c',
  ungraded: '#6f777b',
};

const MONTHS = Array.from({ length: 12 }, (_, k) => `${k + 1}月`);

function peak(values: number[]): { month: string; value: number } | null {
  const value = Math.max(0, ...values);
  return value > 0 ? { month: MONTHS[values.indexOf(value)], value } : null;
}

/** Reports received and violations that occurred, per month of the year (grouped bars). */
export function monthlyChart(year: number, months: MonthCount[]): DashboardChart {
  const reports = months.map((m) => m.reports);
  const violations = months.map((m) => m.violations);
  const series: ChartSeries[] = [
    { key: 'reports', label: '受理举报（件）', color: SERIES_COLORS.reports, values: reports },
    { key: 'violations', label: '查实违规（起）', color: SERIES_COLORS.violations, values: violations },
  ];
  const totalR = reports.reduce((s, x) => s + x, 0);
  const totalV = violations.reduce((s, x) => s + x, 0);
  const pr = peak(reports);
  const pv = peak(violations);
  const summary =
    totalR + totalV === 0
      ? `${year}年没有受理举报，也没有查实违规。`
      : `${year}年受理举报${totalR}件、查实违规${totalV}起。` +
        [pr ? `举报最多的是${pr.month}（${pr.value}件）` : null, pv ? `违规最多的是${pv.month}（${pv.value}起）` : null].filter(Boolean).join('，') +
        '。';
  return {
    id: 'chart-monthly',
    title: `${year}年各月受理举报和查实违规`,
    summary,
    chart: groupedBarChart(MONTHS, series, ''),
    table: {
      caption: `${year}年各月受理举报（件）和查实违规（起）`,
      head: ['月份', '受理举报（件）', '查实违规（起）'],
      rows: [...months.map((m) => [MONTHS[m.month - 1], m.reports, m.violations]), ['合计', totalR, totalV]],
    },
  };
}

/** Accounts under graded management: one stacked bar per platform, a segment per grade. */
export function gradesChart(f: AnnualFigures): DashboardChart {
  const shown = f.accounts.byPlatform.filter((p) => p.total > 0);
  const series: ChartSeries[] = GRADE_KEYS.map((k) => ({
    key: k,
    label: k === 'ungraded' ? GRADE_KEY_LABELS[k] : `${k}级`,
    color: GRADE_COLORS[k],
    values: shown.map((p) => p.byGrade[k]),
  }));
  const grades = f.accounts.byGrade;
  const top = [...shown].sort((a, b) => b.total - a.total)[0];
  const summary =
    f.accounts.underManagement === 0
      ? `${f.year}年底没有分级分类管理的账号。`
      : `分级分类管理账号${f.accounts.underManagement}个：` +
        grades.map((g) => `${g.key === 'ungraded' ? g.label : `${g.key}级（${g.label}）`}${g.count}个`).join('、') +
        `。账号最多的平台是${top.label}（${top.total}个）。`;
  return {
    id: 'chart-grades',
    title: `${f.year}年各平台账号分级分类情况`,
    summary,
    chart: stackedBarChart(
      shown.map((p) => p.label),
      series,
      '个',
    ),
    table: {
      caption: `${f.year}年各平台分级分类管理账号（个）`,
      head: ['平台', ...GRADE_KEYS.map((k) => (k === 'ungraded' ? GRADE_KEY_LABELS[k] : `${k}级`)), '合计'],
      rows: [
        ...f.accounts.byPlatform.map((p) => [p.label, ...GRADE_KEYS.map((k) => p.byGrade[k]), p.total]),
        ['合计', ...grades.map((g) => g.count), f.accounts.underManagement],
      ],
    },
  };
}

/** The figures shown as big numbers at the top of the dashboard. */
export function keyFigures(f: AnnualFigures): { label: string; value: number; unit: string; note?: string }[] {
  return [
    { label: '分级分类管理账号', value: f.accounts.underManagement, unit: '个', note: `本年新增备案${f.accounts.filedInYear}个` },
    { label: '受理举报', value: f.reports.received, unit: '件', note: `办结${f.reports.concluded}件，逾期${f.reports.overdue.total}件` },
    { label: '查实违规', value: f.violations.total, unit: '起' },
    { label: '约谈', value: f.interviews.held, unit: '次', note: `拒绝约谈${f.interviews.refused}次` },
    { label: '处置措施', value: f.measures.total, unit: '项' },
    { label: '列入黑名单', value: f.blacklist.listed, unit: '个', note: `移出${f.blacklist.exits.total}个` },
  ];
}
