import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * The public report form asks one question per page (style.md): who → what kind → what happened →
 * check your answers. The answers so far travel with the form, not in a server session: a hidden
 * field holding them, signed with an HMAC (key derived from the app's secret), so a browser can
 * carry them but not change them. Chosen over a cookie because a 2,000-character description and
 * five links do not fit in one (4 KB), and because hidden fields keep two reports in two tabs apart.
 */
export const REPORT_STEPS = ['target', 'category', 'details'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];
/** The pages of the form: the three questions and the check page. */
export type ReportPage = ReportStep | 'check';

export interface ReportDraft {
  targetKind?: 'filing' | 'platform';
  filingNo?: string;
  platform?: string;
  platformAccountId?: string;
  accountName?: string;
  category?: string;
  description?: string;
  evidenceUrls?: string[];
  contact?: string;
  /** The questions answered (each checked when it was answered). */
  done?: ReportStep[];
}

/** The fields of each question, in the order they are asked. */
export const STEP_FIELDS: Record<ReportStep, readonly string[]> = {
  target: ['targetKind', 'filingNo', 'platform', 'platformAccountId', 'accountName'],
  category: ['category'],
  details: ['description', 'evidenceUrls', 'contact'],
};

/** A form left open longer than this starts again (the signature still holds; the answers are stale). */
export const WIZARD_LIFETIME_MS = 2 * 3600_000;
/** Far above what the form can produce (2,000 characters and five links of 1,000): refuse junk early. */
const MAX_TOKEN_LENGTH = 64 * 1024;

const TEXT_FIELDS = ['filingNo', 'platform', 'platformAccountId', 'accountName', 'category', 'description', 'contact'] as const;

export type VerifiedDraft = { ok: true; draft: ReportDraft } | { ok: false; reason: 'missing' | 'tampered' | 'expired' };

/** Only the known fields, with the expected types: a signed token is ours, but never trust a shape blindly. */
function clean(raw: unknown): ReportDraft | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const d: ReportDraft = {};
  if (r.targetKind === 'filing' || r.targetKind === 'platform') d.targetKind = r.targetKind;
  for (const k of TEXT_FIELDS) if (typeof r[k] === 'string') d[k] = r[k];
  if (Array.isArray(r.evidenceUrls)) d.evidenceUrls = r.evidenceUrls.filter((u): u is string => typeof u === 'string');
  if (Array.isArray(r.done)) d.done = REPORT_STEPS.filter((s) => (r.done as unknown[]).includes(s));
  return d;
}

@Injectable()
export class ReportWizard {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A key of its own, derived from the app's secret: a wizard token is never a valid session token.
    this.key = createHmac('sha256', config.jwtSecret).update('yh:report-wizard:v1').digest();
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  /** `<payload>.<mac>`, both base64url: safe in an HTML attribute as it is. */
  sign(draft: ReportDraft, now = Date.now()): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, exp: now + WIZARD_LIFETIME_MS, d: draft }), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  verify(token: unknown, now = Date.now()): VerifiedDraft {
    if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'tampered' };
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'tampered' };
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
    let body: { v?: unknown; exp?: unknown; d?: unknown };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
    } catch {
      return { ok: false, reason: 'tampered' };
    }
    if (body.v !== 1 || typeof body.exp !== 'number') return { ok: false, reason: 'tampered' };
    if (body.exp < now) return { ok: false, reason: 'expired' };
    const draft = clean(body.d);
    return draft ? { ok: true, draft } : { ok: false, reason: 'tampered' };
  }
}

/** The first question not answered yet, or null when the report is ready to check. */
export function firstUnanswered(draft: ReportDraft): ReportStep | null {
  return REPORT_STEPS.find((s) => !draft.done?.includes(s)) ?? null;
}

/** Where a page may be shown: a later page only once the questions before it are answered. */
export function reachable(draft: ReportDraft, page: ReportPage): ReportPage {
  const missing = firstUnanswered(draft);
  if (!missing) return page;
  const order: ReportPage[] = [...REPORT_STEPS, 'check'];
  return order.indexOf(missing) < order.indexOf(page) ? missing : page;
}

/** The question that asks for a field (to send a refusal from the service back to its page). */
export function stepOfField(field: string): ReportStep {
  const name = field.replace(/\..*$/, '').replace(/^evidenceUrl\d$/, 'evidenceUrls');
  return REPORT_STEPS.find((s) => STEP_FIELDS[s].includes(name)) ?? 'target';
}
