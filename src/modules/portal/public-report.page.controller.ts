import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiExcludeController } from '@nestjs/swagger';
import { isURL } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { clientIp, Public } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { IdempotencyService, idempotencyScope, parseIdempotencyKey, requestFingerprint } from '../../common/idempotency/idempotency.service.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { POLICY } from '../../policy/policy-table.js';
import { statusOf } from './enforcement-views.js';
import { FILING_NO_PATTERN, SubmitReportDto } from '../reports/dto/report.dto.js';
import { ReportsService } from '../reports/reports.service.js';
import { formatTrackingCode, normalizeTrackingCode } from '../reports/tracking-code.js';
import { RegistryService } from '../registry/registry.service.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { CONTENT_VIOLATION_CATEGORIES, VIOLATION_CATEGORY_LABELS } from '../violations/violation-categories.js';
import { PageContext, type PageRequest } from './page-context.js';
import { firstUnanswered, reachable, type ReportDraft, type ReportPage, type ReportStep, REPORT_STEPS, ReportWizard, stepOfField } from './report-wizard.js';

const MAX_DESCRIPTION = POLICY.reportMaxDescription.value;
const MAX_EVIDENCE = POLICY.reportMaxEvidence.value;
const EVIDENCE_FIELDS = Array.from({ length: MAX_EVIDENCE }, (_, i) => `evidenceUrl${i + 1}`);
/** Accounts the public can name by filing number (as the reports service accepts them). */
const REPORTABLE_ACCOUNT_STATES = ['filed', 'restricted', 'suspended', 'closed'];

/** The fields each page may post besides its answers. */
const FORM_FIELDS = ['_csrf', 'state', 'from', 'returnTo', 'submissionKey'];
const PAGE_FIELDS: Record<ReportStep, readonly string[]> = {
  target: ['targetKind', 'filingNo', 'platform', 'platformAccountId', 'accountName'],
  category: ['category'],
  details: ['description', ...EVIDENCE_FIELDS, 'contact'],
};
const LABELS = { category: '举报类别', description: '情况说明', platformAccountId: '平台账号ID', platform: '平台', contact: '联系方式', accountName: '账号名称' };
const TITLES: Record<ReportPage, string> = {
  target: '您要举报哪个账号？',
  category: '举报的内容属于哪一类？',
  details: '请说明情况并提供证据',
  check: '提交前请核对您的举报',
};
const TARGET_KINDS = { filing: '知道该账号的备案编号', platform: '不知道备案编号，填写所在平台和账号' };

/** The cookie that carries the tracking code from the submission to the confirmation page (PRG). */
const DONE_COOKIE = 'yh_report_done';
const DONE_COOKIE_SECONDS = 30 * 60;

type CookieReply = FastifyReply & { setCookie(name: string, value: string, opts: Record<string, unknown>): FastifyReply };
type CookieRequest = PageRequest & {
  cookies?: Record<string, string | undefined>;
  unsignCookie(value: string): { valid: boolean; value: string | null };
};

function secureCookies(): boolean {
  return ['1', 'true', 'yes', 'on'].includes((process.env.COOKIE_SECURE ?? '').toLowerCase());
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** The fields of a page that were posted (an absent one stays absent, so "请填写…" is said). */
const pick = (values: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));

/**
 * The public's report (§04.6), one question per page, then the check page and the confirmation
 * with the tracking code; and the tracking page. The answers travel signed in a hidden field
 * (see ReportWizard); each page posts to the next one, which records the answers of the page
 * before it (or shows that page again with what is wrong).
 */
@ApiExcludeController()
@Public()
@Controller()
export class PublicReportPageController {
  constructor(
    private readonly page: PageContext,
    private readonly wizard: ReportWizard,
    private readonly reports: ReportsService,
    private readonly registry: RegistryService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @RateLimit('public')
  @Get('report')
  start(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.page.render(req, reply, 'report/start', {
      title: '举报自媒体违法违规信息',
      workingDays: POLICY.reportConcludeWorkingDays.value,
      maxDescription: MAX_DESCRIPTION,
      maxEvidence: MAX_EVIDENCE,
    });
  }

  @RateLimit('public')
  @Get('report/target')
  firstQuestion(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.renderPage(req, reply, 'target', {}, { values: {}, errors: [] }, 200);
  }

  /** The later pages exist only within a report being filled in: a bookmark starts again. */
  @RateLimit('public')
  @Get(['report/category', 'report/details', 'report/check'])
  startAgain(@Res() reply: FastifyReply) {
    return this.page.redirect(reply, '/report');
  }

  @RateLimit('public')
  @Post('report/target')
  target(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    return this.advance(req, reply, body, 'target');
  }

  @RateLimit('public')
  @Post('report/category')
  category(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    return this.advance(req, reply, body, 'category');
  }

  @RateLimit('public')
  @Post('report/details')
  details(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    return this.advance(req, reply, body, 'details');
  }

  @RateLimit('public')
  @Post('report/check')
  check(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    return this.advance(req, reply, body, 'check');
  }

  @RateLimit('public')
  @Post('report/submit')
  async submit(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const state = this.wizard.verify(body?.state);
    if (!state.ok) return this.renderBadState(req, reply, state.reason);
    const draft = state.draft;
    const missing = firstUnanswered(draft);
    if (missing) return this.renderPage(req, reply, missing, draft, this.prefill(missing, draft), 200);
    const form = await readForm(SubmitReportDto, submission(draft));
    if (!form.ok) return this.backToStep(req, reply, draft, form.state.errors, 400);
    let result: { trackingCode: string; duplicate: boolean };
    try {
      result = await this.submitOnce(form.dto, clientIp(req), body);
    } catch (e) {
      return this.backToStep(req, reply, draft, formErrorsFrom(e), statusOf(e));
    }
    (reply as CookieReply).setCookie(DONE_COOKIE, `${result.trackingCode}:${result.duplicate ? 'dup' : 'new'}`, {
      path: '/report/done',
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies(),
      signed: true,
      maxAge: DONE_COOKIE_SECONDS,
    });
    return this.page.redirect(reply, '/report/done');
  }

  /** The confirmation: the tracking code in large type and what happens next. */
  @RateLimit('public')
  @Get('report/done')
  done(@Req() req: CookieRequest, @Res() reply: FastifyReply) {
    const raw = req.cookies?.[DONE_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    const [code, kind] = unsigned?.valid && unsigned.value ? unsigned.value.split(':') : [];
    const normalized = code ? normalizeTrackingCode(code) : null;
    if (!normalized) return this.page.redirect(reply, '/report/track');
    reply.header('Cache-Control', 'no-store');
    return this.page.render(req, reply, 'report/done', {
      title: '举报已提交',
      trackingCode: formatTrackingCode(normalized),
      duplicate: kind === 'dup',
      workingDays: POLICY.reportConcludeWorkingDays.value,
      windowMinutes: POLICY.reportDuplicateWindowMinutes.value,
    });
  }

  // ---- tracking --------------------------------------------------------------------------------

  @RateLimit('public')
  @Get('report/track')
  trackForm(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query('code') code?: unknown) {
    if (code === undefined) return this.renderTrackForm(req, reply, { values: {}, errors: [] }, 200);
    const typed = typeof code === 'string' ? code.slice(0, 64) : '';
    const normalized = normalizeTrackingCode(typed);
    if (!normalized) {
      const message = typed.trim() === '' ? '请填写查询码' : '查询码格式不正确：以 JB 开头，共18位字母和数字';
      return this.renderTrackForm(req, reply, { values: { code: typed }, errors: [{ field: 'code', code: 'invalid', message }] }, 400);
    }
    return this.page.redirect(reply, `/report/track/${normalized}`);
  }

  @RateLimit('public')
  @Get('report/track/:code')
  async track(@Req() req: PageRequest, @Res() reply: FastifyReply, @Param('code') code: string) {
    let report: Awaited<ReturnType<ReportsService['track']>>;
    try {
      report = await this.reports.track(String(code).slice(0, 64));
    } catch (e) {
      if (!(e instanceof AppException) || e.getStatus() !== 404) throw e;
      return this.renderTrackForm(req, reply, { values: { code: String(code).slice(0, 64) }, errors: [{ field: 'code', code: 'not_found', message: '没有找到该查询码对应的举报，请核对后重新输入' }] }, 404);
    }
    reply.header('Cache-Control', 'no-store');
    return this.page.render(req, reply, 'report/status', { title: '举报处理状态', report, open: report.status === 'received' || report.status === 'verifying' });
  }

  // ---- the form's steps ----------------------------------------------------------------------

  /** Records the answers of the page posted from (if any), then shows `to` (or the first page still unanswered). */
  private async advance(req: PageRequest, reply: FastifyReply, body: Record<string, unknown>, to: ReportPage) {
    const state = this.wizard.verify(body?.state);
    if (!state.ok) return this.renderBadState(req, reply, state.reason);
    let draft = state.draft;
    const returnTo = body.returnTo === 'check' ? 'check' : undefined;
    const from = REPORT_STEPS.find((s) => s === body.from);
    if (from) {
      const answered = await this.answer(from, draft, body);
      if (!answered.ok) return this.renderPage(req, reply, from, draft, answered.state, 400, returnTo);
      draft = answered.draft;
    }
    const page = reachable(draft, to);
    // Going back to change an answer from the check page returns there afterwards.
    return this.renderPage(req, reply, page, draft, this.prefill(page, draft), 200, page === 'check' ? undefined : returnTo);
  }

  /** Checks one page's answers (the API's rules, the same messages) and adds them to the draft. */
  private async answer(step: ReportStep, draft: ReportDraft, body: Record<string, unknown>): Promise<{ ok: true; draft: ReportDraft } | { ok: false; state: FormState }> {
    const values = formValues(body);
    delete values.state;
    delete values.from;
    delete values.returnTo;
    const errors: ErrorDetail[] = Object.keys(values)
      .filter((k) => !FORM_FIELDS.includes(k) && !PAGE_FIELDS[step].includes(k))
      .map((k) => ({ field: k, code: 'unknown_field', message: '不允许的字段' }));
    const answers: ReportDraft = {};

    if (step === 'target') {
      const kind = values.targetKind;
      if (kind === 'filing') {
        const filingNo = text(values.filingNo).toUpperCase();
        answers.targetKind = 'filing';
        answers.filingNo = filingNo;
        if (!filingNo) errors.push({ field: 'filingNo', code: 'required', message: '请填写备案编号' });
        else if (!FILING_NO_PATTERN.test(filingNo)) errors.push({ field: 'filingNo', code: 'matches', message: '备案编号格式应为 YH-ZMT-年份-6位序号，如 YH-ZMT-2026-000123' });
        else {
          const account = await this.registry.findAccountByFilingNo(filingNo);
          if (!account || !REPORTABLE_ACCOUNT_STATES.includes(account.status)) {
            errors.push({ field: 'filingNo', code: 'unknown_filing_no', message: '没有找到该备案编号的账号，请核对，或改为填写平台和账号' });
          }
        }
      } else if (kind === 'platform') {
        answers.targetKind = 'platform';
        answers.platform = text(values.platform);
        answers.platformAccountId = text(values.platformAccountId);
        answers.accountName = text(values.accountName) || undefined;
        const form = await readForm(SubmitReportDto, pick(values, ['platform', 'platformAccountId', 'accountName']), { labels: LABELS, choices: ['platform'] });
        if (!form.ok) errors.push(...form.state.errors.filter((e) => ['platform', 'platformAccountId', 'accountName'].includes(e.field)));
        if (!answers.platform && !errors.some((e) => e.field === 'platform')) errors.push({ field: 'platform', code: 'required', message: '请选择平台' });
        if (!answers.platformAccountId && !errors.some((e) => e.field === 'platformAccountId')) {
          errors.push({ field: 'platformAccountId', code: 'required', message: '请填写平台账号ID' });
        }
      } else {
        errors.push({ field: 'targetKind', code: 'required', message: '请选择您是否知道该账号的备案编号' });
      }
    }

    if (step === 'category') {
      answers.category = text(values.category);
      const form = await readForm(SubmitReportDto, pick(values, ['category']), { labels: LABELS, choices: ['category'] });
      if (!form.ok) errors.push(...form.state.errors.filter((e) => e.field === 'category'));
    }

    if (step === 'details') {
      answers.description = typeof values.description === 'string' ? values.description.trim() : '';
      answers.contact = text(values.contact) || undefined;
      const form = await readForm(SubmitReportDto, pick(values, ['description', 'contact']), { labels: LABELS });
      if (!form.ok) {
        for (const e of form.state.errors.filter((x) => x.field === 'description' || x.field === 'contact')) {
          // Say how long it is: without JavaScript there is no counter while typing.
          if (e.field === 'description' && e.code === 'maxLength') {
            errors.push({ ...e, message: `情况说明不能超过${MAX_DESCRIPTION}字（现为${answers.description.length}字）` });
          } else if (e.field === 'contact' && e.code === 'maxLength') {
            errors.push({ ...e, message: '联系方式不能超过128字' });
          } else errors.push(e);
        }
      }
      const urls: string[] = [];
      for (const f of EVIDENCE_FIELDS) {
        const url = text(values[f]);
        if (!url) continue;
        if (url.length > 1000 || !isURL(url, { protocols: ['http', 'https'], require_protocol: true })) {
          errors.push({ field: f, code: 'isUrl', message: '证据链接应为以 http:// 或 https:// 开头的网址' });
        }
        urls.push(url);
      }
      answers.evidenceUrls = urls;
    }

    if (errors.length > 0) return { ok: false, state: { values, errors } };
    const done = [...new Set([...(draft.done ?? []), step])];
    const base: ReportDraft = { ...draft };
    if (step === 'target') {
      // A new answer to "which account" replaces the old one whole.
      for (const k of ['targetKind', 'filingNo', 'platform', 'platformAccountId', 'accountName'] as const) delete base[k];
    }
    return { ok: true, draft: { ...base, ...answers, done } };
  }

  /**
   * The check page carries a random submission key: a double-click (or a resent form) submits the
   * report once and both answers show the same tracking code as new. Without a usable key, as before.
   */
  private async submitOnce(dto: SubmitReportDto, ip: string | null, body: Record<string, unknown>) {
    const submit = () => this.reports.submit(dto, ip);
    let key: string;
    try {
      key = parseIdempotencyKey(typeof body.submissionKey === 'string' ? body.submissionKey : '');
    } catch {
      return submit();
    }
    const scope = idempotencyScope(`ip:${ip ?? ''}`, 'POST', '/report/submit');
    const fingerprint = requestFingerprint('POST', '/report/submit', { state: body.state });
    return (await this.idempotency.runOnce(scope, key, fingerprint, submit, { statusCode: 201 })).value;
  }

  /** What a page shows in its fields when it is reached (the answers given before). */
  private prefill(page: ReportPage, draft: ReportDraft): FormState {
    const values: Record<string, unknown> = {};
    if (page === 'target') Object.assign(values, { targetKind: draft.targetKind, filingNo: draft.filingNo, platform: draft.platform, platformAccountId: draft.platformAccountId, accountName: draft.accountName });
    if (page === 'category') values.category = draft.category;
    if (page === 'details') {
      values.description = draft.description;
      values.contact = draft.contact;
      (draft.evidenceUrls ?? []).forEach((u, i) => (values[`evidenceUrl${i + 1}`] = u));
    }
    return { values, errors: [] };
  }

  /** A refusal at submission sends the person to the page of the field at fault. */
  private backToStep(req: PageRequest, reply: FastifyReply, draft: ReportDraft, errors: ErrorDetail[], status: number) {
    const field = errors.find((e) => e.field)?.field ?? '';
    if (!field) return this.renderPage(req, reply, 'check', draft, { values: {}, errors }, status);
    const step = stepOfField(field);
    const form = this.prefill(step, draft);
    const mapped = errors.map((e) => (e.field === 'evidenceUrls' ? { ...e, field: 'evidenceUrl1' } : e));
    return this.renderPage(req, reply, step, draft, { values: form.values, errors: mapped }, status, 'check');
  }

  private async renderPage(req: PageRequest, reply: FastifyReply, page: ReportPage, draft: ReportDraft, form: FormState, status: number, returnTo?: 'check') {
    const order: ReportPage[] = [...REPORT_STEPS, 'check'];
    const index = order.indexOf(page);
    const next = returnTo ?? order[index + 1];
    const back = returnTo ?? (index > 0 ? order[index - 1] : null);
    const data: Record<string, unknown> = {
      title: TITLES[page],
      form,
      state: this.wizard.sign(draft),
      step: page,
      stepNumber: index + 1,
      stepCount: REPORT_STEPS.length,
      action: `/report/${next}`,
      back: back ? `/report/${back}` : null,
      returnTo: returnTo ?? null,
    };
    if (page === 'target') Object.assign(data, { targetKinds: TARGET_KINDS, platforms: optionsOf('platform') });
    if (page === 'category') data.categories = CONTENT_VIOLATION_CATEGORIES.map((c) => ({ value: c, text: VIOLATION_CATEGORY_LABELS[c] }));
    if (page === 'details') {
      data.maxDescription = MAX_DESCRIPTION;
      data.evidenceFields = EVIDENCE_FIELDS.map((name, i) => ({ name, label: `证据链接${i + 1}` }));
    }
    if (page === 'check') Object.assign(data, { answers: await this.answersOf(draft), submissionKey: randomUUID() });
    return this.page.render(req, reply, `report/${page === 'check' ? 'check' : `step-${page}`}`, data, status);
  }

  /** The check page's rows, in words. */
  private async answersOf(d: ReportDraft) {
    let target: string;
    if (d.targetKind === 'filing' && d.filingNo) {
      const account = await this.registry.findAccountByFilingNo(d.filingNo);
      target = account ? `${d.filingNo}（${account.name}）` : d.filingNo;
    } else {
      const platform = d.platform ? (PLATFORM_LABELS[d.platform as Platform] ?? d.platform) : '';
      target = [platform, d.platformAccountId, d.accountName].filter(Boolean).join(' · ');
    }
    return {
      target,
      category: d.category ? VIOLATION_CATEGORY_LABELS[d.category as keyof typeof VIOLATION_CATEGORY_LABELS] ?? d.category : '',
      description: d.description ?? '',
      descriptionLength: (d.description ?? '').length,
      evidenceUrls: d.evidenceUrls ?? [],
      contact: d.contact ?? '',
    };
  }

  private renderBadState(req: PageRequest, reply: FastifyReply, reason: 'missing' | 'tampered' | 'expired') {
    return this.page.render(req, reply, 'report/restart', { title: reason === 'expired' ? '填写时间过长' : '表单内容无法核验', reason }, 400);
  }

  private renderTrackForm(req: PageRequest, reply: FastifyReply, form: FormState, status: number) {
    return this.page.render(req, reply, 'report/track', { title: '查询举报处理状态', form }, status);
  }
}

/** The report as the API takes it, from the answers. */
function submission(d: ReportDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { category: d.category, description: d.description };
  if (d.targetKind === 'filing') out.filingNo = d.filingNo;
  else {
    out.platform = d.platform;
    out.platformAccountId = d.platformAccountId;
    if (d.accountName) out.accountName = d.accountName;
  }
  if (d.evidenceUrls?.length) out.evidenceUrls = d.evidenceUrls;
  if (d.contact) out.contact = d.contact;
  return out;
}
