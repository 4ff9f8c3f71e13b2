import { HttpException } from '@nestjs/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ErrorDetail } from '../errors/error-code.js';
import { validationDetails } from '../validation/validation.js';

/**
 * Page forms are checked by the same DTO classes as the API. A browser posts strings only, so the
 * spec says which fields are numbers or checkboxes, and which are the form's own (the CSRF token,
 * a confirmation field) and never reach the DTO.
 */
export interface FormSpec {
  /** Whole or decimal numbers: "12" → 12; anything else stays a string so the DTO reports it. */
  numbers?: readonly string[];
  /** Checkboxes: present ("true", "on", "1") → true, absent → false. */
  booleans?: readonly string[];
  /** Fields of the page, not of the DTO (besides `_csrf`, which is always dropped). */
  pageOnly?: readonly string[];
  /** Field → its label, for "请填写<label>" when a required field was left empty. */
  labels?: Readonly<Record<string, string>>;
  /** Fields chosen from a list (radios, selects): "请选择<label>" when empty. */
  choices?: readonly string[];
}

/** What a page re-renders with: what was typed and what is wrong. */
export interface FormState {
  values: Record<string, unknown>;
  errors: ErrorDetail[];
}

export type FormResult<T> = { ok: true; dto: T; values: Record<string, unknown> } | { ok: false; state: FormState };

const TRUE_VALUES = new Set(['true', 'on', '1', 'yes']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The posted fields as typed, without the CSRF token (for re-rendering). */
export function formValues(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== '_csrf') out[k] = v;
  return out;
}

/** Strings from the browser → the shapes the DTO expects. Empty text counts as "not given". */
export function formToPlain(body: unknown, spec: FormSpec = {}): Record<string, unknown> {
  const values = formValues(body);
  const skip = new Set(spec.pageOnly ?? []);
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(values)) {
    if (skip.has(k)) continue;
    let v = typeof raw === 'string' ? raw.trim() : raw;
    if (v === '') continue;
    if (spec.numbers?.includes(k) && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) v = Number(v);
    if (spec.booleans?.includes(k)) v = typeof v === 'string' ? TRUE_VALUES.has(v.toLowerCase()) : v;
    out[k] = v;
  }
  for (const k of spec.booleans ?? []) if (!(k in out)) out[k] = false;
  return out;
}

/** A message that already tells a person what a missing answer needs ("退回须说明理由", "请填写姓名"). */
const SAYS_WHAT_TO_DO = /^请|须/;

/**
 * An empty required field says "请填写<label>" (or "请选择" for a choice) instead of a message about
 * the format ("用户名为3-32位…", "平台不在可选范围内"); a DTO message that already says what to do stays.
 */
function friendlier(details: ErrorDetail[], plain: Record<string, unknown>, spec: FormSpec): ErrorDetail[] {
  return details.map((d) => {
    const label = spec.labels?.[d.field];
    if (label && !(d.field in plain) && d.code !== 'unknown_field' && !SAYS_WHAT_TO_DO.test(d.message)) {
      const verb = spec.choices?.includes(d.field) ? '请选择' : '请填写';
      return { ...d, code: 'required', message: `${verb}${label}` };
    }
    return d;
  });
}

/** Validates a posted form against an API DTO (whitelist, unknown fields refused, as the API does). */
export async function readForm<T extends object>(dtoClass: ClassConstructor<T>, body: unknown, spec: FormSpec = {}): Promise<FormResult<T>> {
  const values = formValues(body);
  const plain = formToPlain(body, spec);
  const dto = plainToInstance(dtoClass, plain, { enableImplicitConversion: false });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) return { ok: false, state: { values, errors: friendlier(validationDetails(errors), plain, spec) } };
  return { ok: true, dto, values };
}

/**
 * A service's refusal as form errors: its `details` point at fields (400, or 409 duplicate); any
 * other 400/409/423 becomes a message at the top of the form. Anything else is not the form's
 * business and is thrown on (404, 403 render the error page).
 */
export function formErrorsFrom(e: unknown): ErrorDetail[] {
  if (!(e instanceof HttpException)) throw e;
  const status = e.getStatus();
  if (![400, 401, 409, 422, 423].includes(status)) throw e;
  const res = e.getResponse() as { code?: string; message?: string; details?: ErrorDetail[] };
  const details = Array.isArray(res?.details) ? res.details.filter((d) => d && typeof d.field === 'string') : [];
  if (details.length > 0) return details;
  return [{ field: '', code: String(res?.code ?? 'ERROR'), message: String(res?.message ?? '提交的内容有误') }];
}

/** Field names as HTML ids: `qualification.type` → `qualification-type`. */
export function fieldId(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]/g, '-');
}
