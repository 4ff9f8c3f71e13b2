import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { todayInShanghai } from '../registry-time.js';

/** Trims text input; leaves anything else alone so the type check reports it. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and upper-cases an identifier (a trailing lower-case x of an ID number is common). */
export const TrimUpper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/**
 * A rule that only applies when the object's `kind` (or another discriminator) has a value: outside it
 * the rule passes, so the caller sees the one error that matters (`not_applicable`, or the check).
 */
export function CheckWhen(
  name: string,
  applies: (object: Record<string, unknown>) => boolean,
  check: (value: unknown, object: Record<string, unknown>) => boolean,
  message: string,
  options?: ValidationOptions,
) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const o = (args?.object ?? {}) as Record<string, unknown>;
          return !applies(o) || check(value, o);
        },
      },
    });
}

/** A field that must be absent unless `applies` holds (e.g. a credit code on an individual). */
export function OnlyWhen(applies: (object: Record<string, unknown>) => boolean, message: string) {
  return CheckWhen('not_applicable', (o) => !applies(o), (v) => v === undefined || v === null, message);
}

/** 'YYYY-MM-DD', a real date, later than today in Beijing time. */
export function IsFutureDate(message = '有效期须晚于今天') {
  return CheckWhen(
    'not_future',
    () => true,
    (v) => typeof v !== 'string' || !isCalendarDate(v) || v > todayInShanghai(),
    message,
  );
}

export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A calendar date written YYYY-MM-DD. */
export function IsCalendarDate(message = '应为日期（如 2026-11-23）') {
  return CheckWhen('isCalendarDate', () => true, (v) => typeof v === 'string' && isCalendarDate(v), message);
}
