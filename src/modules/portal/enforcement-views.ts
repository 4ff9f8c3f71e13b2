import { HttpException } from '@nestjs/common';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import type { DeadlineCalendar } from '../calendar/deadline-calendar.js';

/** A deadline in words with the colour of its urgency (style.md: "还剩3个工作日", "已逾期2个工作日"). */
export interface DeadlineTag {
  date: string;
  text: string;
  tagClass: string;
  overdue: boolean;
}

/**
 * Red once overdue, orange on the day, yellow with 3 working days or fewer left, blue otherwise.
 * Null when there is no deadline running (the case is concluded).
 */
export function deadlineTag(calendar: DeadlineCalendar, deadline: string | null | undefined, today: string, running = true): DeadlineTag | null {
  if (!deadline || !running) return null;
  const left = calendar.workingDaysBetween(today, deadline);
  const overdue = deadline < today;
  const tagClass = overdue ? 'tag--red' : deadline === today ? 'tag--orange' : left <= 3 ? 'tag--yellow' : 'tag--blue';
  return { date: deadline, text: calendar.describeDeadline(deadline, today), tagClass, overdue };
}

/** A calendar day typed into a filter (2026-11-30) when it is one, else undefined (filters are lenient). */
export function dayOrUndefined(v: unknown): string | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return undefined;
  const day = v.trim();
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : undefined;
}

/** Evidence and other links people typed: a link only when it is http(s), plain text otherwise. */
export function safeLinks(urls: readonly string[]): { url: string; link: boolean }[] {
  return urls.map((url) => ({ url, link: /^https?:\/\//i.test(url) }));
}

/** The status of a refusal from a service (for re-rendering a form with the same status). */
export function statusOf(e: unknown, fallback = 400): number {
  return e instanceof HttpException ? e.getStatus() : fallback;
}

/** Renames the fields of a service's refusal to the page's own field names. */
export function renameFields(errors: ErrorDetail[], names: Record<string, string>): ErrorDetail[] {
  return errors.map((e) => (e.field && names[e.field] ? { ...e, field: names[e.field] } : e));
}

/** Text with line breaks → the lines (for "one per line" fields shown back as lists). */
export function lines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
