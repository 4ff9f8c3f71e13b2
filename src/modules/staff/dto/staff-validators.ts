import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';
import { todayInShanghai } from '../../registry/registry-time.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a real calendar day from 1900 on (older days are typos, and MySQL DATE starts at 1000). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A valid ISO date (code `isoDate`). */
export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isoDate',
      target: object.constructor,
      propertyName,
      options: { message: '应为有效日期，格式 YYYY-MM-DD（如 2026-11-23）', ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

/** Not after today in Beijing (code `futureDate`); silent on a malformed date, which IsIsoDate reports. */
export function NotInFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'futureDate',
      target: object.constructor,
      propertyName,
      options: { message: '日期不能晚于今天', ...options },
      validator: { validate: (value: unknown) => !isIsoDate(value) || value <= todayInShanghai() },
    });
}

/** Whole or half hours (code `halfHourStep`); silent on a non-number, which IsNumber reports. */
export function InHalfHours(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'halfHourStep',
      target: object.constructor,
      propertyName,
      options: { message: '学时以半小时为单位（如 1、1.5、2）', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value * 2) },
    });
}

/** Trims text input; leaves other types for the type checks to refuse. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and upper-cases (an ID number's final x). */
export const TrimUpper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
