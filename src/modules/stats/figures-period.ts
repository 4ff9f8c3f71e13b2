import { beijingDate } from '../calendar/deadline-calendar.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { CAMPAIGN_MAX_DAYS } from './stats.constants.js';

/**
 * A span of Beijing calendar days, both ends included, and the same span as UTC instants for
 * datetime columns (stored in UTC on both dialects): [firstDay 00:00 +08:00, the day after lastDay
 * 00:00 +08:00). A report filed at 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing: it belongs
 * to 2027. `date` columns (already Beijing dates) compare with firstDay/lastDay.
 */
export interface FiguresPeriod {
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function dayPeriod(firstDay: string, lastDay: string): FiguresPeriod {
  return {
    firstDay,
    lastDay,
    from: new Date(`${firstDay}T00:00:00+08:00`),
    to: new Date(`${nextDay(lastDay)}T00:00:00+08:00`),
  };
}

/** The Beijing calendar year. */
export function yearPeriod(year: number): FiguresPeriod {
  return dayPeriod(`${year}-01-01`, `${year}-12-31`);
}

export function currentBeijingYear(now: Date = new Date()): number {
  return Number(beijingDate(now).slice(0, 4));
}

/** Days from `first` to `last`, both included (2026-01-01..2026-01-01 is 1). */
export function daysInclusive(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The latest year the figures may be asked for: next year (plans are drawn up in advance). */
export function lastFiguresYear(now: Date = new Date()): number {
  return currentBeijingYear(now) + 1;
}

/** What is wrong with a campaign range of valid dates, as an error detail on `to`, or null. */
export function campaignRangeProblem(from: string, to: string): ErrorDetail | null {
  if (to < from) return { field: 'to', code: 'before_from', message: '结束日期不能早于开始日期' };
  if (daysInclusive(from, to) > CAMPAIGN_MAX_DAYS) {
    return { field: 'to', code: 'range_too_long', message: `统计期间不能超过${CAMPAIGN_MAX_DAYS}天` };
  }
  return null;
}
