import type { IsoDate } from '../calendar/deadline-calendar.js';

const BEIJING_OFFSET_MS = 8 * 3600_000;

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** `date` plus `n` calendar months (n may be negative); a day the month lacks becomes its last day (1月31日 + 1 month = 2月28/29日). */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d, daysInMonth(year, month0));
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * An instant plus `n` calendar months on the Beijing clock: listed 2026-03-31 10:00 (Beijing) ends
 * 2027-03-31 10:00; listed on 29 February ends on 28 February.
 */
export function addMonthsBeijing(at: Date, n: number): Date {
  const shifted = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const date = shifted.toISOString().slice(0, 10);
  const timeMs = shifted.getTime() - Date.parse(`${date}T00:00:00Z`);
  return new Date(Date.parse(`${addCalendarMonths(date, n)}T00:00:00Z`) + timeMs - BEIJING_OFFSET_MS);
}

/**
 * R1's window: violations that occurred on or after this day count, with `today` the last day of a
 * window of `months` months (2026-11-23 with 12 months: from 2025-11-23).
 */
export function violationWindowFrom(today: IsoDate, months: number): IsoDate {
  return addCalendarMonths(today, -months);
}

export interface JointRestriction {
  /** Listed `threshold` times or more within the last `windowYears` years. */
  active: boolean;
  /** Listings that took effect within the window. */
  listingsInWindow: number;
  /** When the restriction began: the listing that brought the count within the window to the threshold. */
  since: Date | null;
  /** When it lapses unless the account is listed again: the window's oldest counting listing plus the window. */
  until: Date | null;
}

/**
 * §03.5 联合限制: an account listed twice or more in 3 years (policy jointRestrictionListings,
 * jointRestrictionWindowYears) may not enjoy Yuhang's reward policies. The window rolls: it is the
 * `windowYears` years up to `now`, and a listing counts from the day it took effect.
 */
export function jointRestrictionOf(listedAts: readonly Date[], now: Date, threshold: number, windowYears: number): JointRestriction {
  const windowStart = addMonthsBeijing(now, -12 * windowYears);
  const inWindow = listedAts.filter((d) => d.getTime() > windowStart.getTime() && d.getTime() <= now.getTime()).sort((a, b) => a.getTime() - b.getTime());
  if (inWindow.length < threshold) return { active: false, listingsInWindow: inWindow.length, since: null, until: null };
  const newestFirst = [...inWindow].reverse();
  return {
    active: true,
    listingsInWindow: inWindow.length,
    since: inWindow[threshold - 1],
    until: addMonthsBeijing(newestFirst[threshold - 1], 12 * windowYears),
  };
}

/**
 * The instant to the whole second: the decisions' datetime columns keep seconds on MySQL, so what an
 * answer shows is what a later read shows (MariaDB truncates, MySQL rounds; both agree on this).
 */
export function wholeSecond(at: Date = new Date()): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}
