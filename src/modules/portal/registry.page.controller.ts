import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Public, Roles } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import { IdParam } from '../../common/http/id-param.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { POLICY } from '../../policy/policy-table.js';
import { FILING_NO_PATTERN } from '../registry/accounts.service.js';
import { AccountListQuery, CreateAccountDto, ReviewAccountDto } from '../registry/dto/account.dto.js';
import { CreateSubjectDto } from '../registry/dto/subject.dto.js';
import { PLATFORMS, type Platform } from '../registry/registry.constants.js';
import type { PublicAccountView } from '../registry/registry.views.js';
import { ACCOUNT_STATES } from '../registry/workflow/account.workflow.js';
import { BlacklistDesk } from './blacklist-desk.js';
import { EnforcementDesks } from './enforcement-desks.js';
import { EvaluationDesk } from './evaluation-desk.js';
import { OperatorPages } from './operator-pages.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';
import { RegistryGateway } from './registry.gateway.js';

const SUBJECT_LABELS = {
  kind: '主体类型',
  name: '主体名称',
  creditCode: '统一社会信用代码',
  idNumber: '身份证号码',
  regionCode: '登记地行政区划代码',
  registeredAddress: '注册地址',
  operatingAddress: '经营（运营）地址',
  businessScope: '经营范围',
  contactName: '联系人',
  contactPhone: '联系电话',
};
const ACCOUNT_LABELS = {
  subjectId: '运营主体',
  platform: '平台',
  platformAccountId: '平台账号ID',
  name: '账号名称',
  url: '账号主页网址',
  category: '内容类别',
  followers: '粉丝数',
  qualificationType: '资质类型',
  qualificationNumber: '资质证书编号',
  qualificationExpiry: '资质有效期至',
};
const REVIEW_LABELS = { decision: '审核结论', reason: '退回理由' };
const ACCOUNT_REVIEW_OPTIONS = [
  { value: 'approve', text: '通过，予以备案并赋予备案编号' },
  { value: 'reject', text: '退回，请运营者修改后重新提交' },
];

const empty = (): FormState => ({ values: {}, errors: [] });

/** Days since a date, for "已等待3天" in queues. */
function daysSince(d: Date | string): number {
  return Math.max(0, Math.floor((Date.now() - new Date(d).getTime()) / 86_400_000));
}

/**
 * The registry's pages: the public lookup, the operator's subject and account forms and desk, the
 * officer's review of accounts, the approver's read-only list.
 */
@ApiExcludeController()
@Controller()
export class RegistryPageController {
  constructor(
    private readonly page: PageContext,
    private readonly gateway: RegistryGateway,
    private readonly operator: OperatorPages,
    private readonly enforcement: EnforcementDesks,
    private readonly blacklistDesk: BlacklistDesk,
    private readonly evaluationDesk: EvaluationDesk,
  ) {}

  // ---- public --------------------------------------------------------------------------------

  @Public()
  @RateLimit('public')
  @Get('registry')
  async search(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query, { platform: PLATFORMS });
    const platform = q.platform as Platform | undefined;
    let results: { items: PublicAccountView[]; total: number; page: number; pageSize: number };
    const asFilingNo = q.q?.toUpperCase();
    if (asFilingNo && FILING_NO_PATTERN.test(asFilingNo)) {
      // A filing number finds its account directly.
      const one = await this.gateway.publicAccount(asFilingNo).catch(() => null);
      results = { items: one && (!platform || one.platform === platform) ? [one] : [], total: one ? 1 : 0, page: 1, pageSize: q.pageSize };
    } else {
      results = await this.gateway.publicSearch({ q: q.q, platform, page: q.page, pageSize: q.pageSize });
    }
    return this.page.render(req, reply, 'registry/search', {
      title: q.q ? `“${q.q}”的查询结果` : '账号查询',
      results,
      query: { q: q.q, platform },
      searched: Boolean(q.q || platform),
      platforms: optionsOf('platform'),
    });
  }

  @Public()
  @RateLimit('public')
  @Get('registry/:filingNo')
  async publicAccount(@Req() req: PageRequest, @Res() reply: FastifyReply, @Param('filingNo') filingNo: string) {
    const account = await this.gateway.publicAccount(String(filingNo).toUpperCase());
    return this.page.render(req, reply, 'registry/account', { title: account.name, account });
  }

  // ---- operator ------------------------------------------------------------------------------

  @Roles('operator')
  @Get('operator')
  async operatorDesk(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query('done') done?: unknown) {
    const data = await this.operator.desk(req.user!);
    const interviews = await this.enforcement.operator(req.user!, req.url);
    return this.page.render(req, reply, 'operator/desk', { title: '我的备案', ...data, ...interviews, done: done === 'subject' ? 'subject' : null });
  }

  @Roles('operator')
  @Get('operator/subjects/new')
  subjectForm(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.renderSubjectForm(req, reply, { values: { regionCode: POLICY.registrationRegion.value }, errors: [] }, 200);
  }

  @Roles('operator')
  @Post('operator/subjects')
  async createSubject(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    // Fields that do not apply to the chosen kind are ignored, as when a conditional question is hidden.
    const applicable = { ...values };
    if (values.kind === 'individual') {
      delete applicable.creditCode;
      delete applicable.businessScope;
    } else if (values.kind === 'organization') {
      delete applicable.idNumber;
    }
    const form = await readForm(CreateSubjectDto, applicable, { labels: SUBJECT_LABELS, choices: ['kind'] });
    if (!form.ok) return this.renderSubjectForm(req, reply, { values, errors: form.state.errors }, 400);
    try {
      await this.gateway.createSubject(actorOf(req), req.user!, form.dto);
    } catch (e) {
      return this.renderSubjectForm(req, reply, { values, errors: formErrorsFrom(e) }, 400);
    }
    return this.page.redirect(reply, '/operator?done=subject');
  }

  @Roles('operator')
  @Get('operator/accounts/new')
  async accountForm(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query('subjectId') subjectId?: unknown) {
    return this.renderAccountForm(req, reply, { values: typeof subjectId === 'string' ? { subjectId } : {}, errors: [] }, 200);
  }

  @Roles('operator')
  @Post('operator/accounts')
  async createAccount(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(CreateAccountDto, body, {
      labels: ACCOUNT_LABELS,
      choices: ['subjectId', 'platform', 'category'],
      numbers: ['followers'],
    });
    if (!form.ok) return this.renderAccountForm(req, reply, { values, errors: form.state.errors }, 400);
    try {
      const account = await this.gateway.createAccount(actorOf(req), req.user!, form.dto);
      return this.page.redirect(reply, `/operator/accounts/${account.id}?done=account`);
    } catch (e) {
      // Someone else's (or an unknown) subject is "not found" for this operator: said beside the field.
      if (e instanceof AppException && e.getStatus() === 404) {
        return this.renderAccountForm(req, reply, { values, errors: [{ field: 'subjectId', code: 'not_found', message: '请选择您登记的运营主体' }] }, 400);
      }
      return this.renderAccountForm(req, reply, { values, errors: formErrorsFrom(e) }, 400);
    }
  }

  @Roles('operator')
  @Get('operator/accounts/:id')
  async operatorAccount(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    const data = await this.operator.account(req.user!, id);
    const enforcement = await this.enforcement.operatorAccount(req.user!, id);
    return this.page.render(req, reply, 'operator/account', { ...data, ...enforcement, ...accountFormOptions(), done: typeof done === 'string' ? done : null });
  }

  // ---- officer -------------------------------------------------------------------------------

  @Roles('officer')
  @Get('officer')
  async officerDesk(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const [accounts, filings] = await Promise.all([
      this.gateway.reviewQueue(1, 50),
      this.gateway.staff.reviewQueue({ page: 1, pageSize: 50 }),
    ]);
    return this.page.render(req, reply, 'officer/desk', {
      title: '审核工作台',
      ...(await this.enforcement.officer(req.user!, req.url)),
      accounts: { ...accounts, items: accounts.items.map((a) => ({ ...a, waitingDays: daysSince(a.createdAt) })) },
      filings: { ...filings, items: filings.items.map((f) => ({ ...f, waitingDays: daysSince(f.submittedAt) })) },
    });
  }

  @Roles('officer', 'approver')
  @Get('officer/accounts')
  async officerAccounts(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.renderAccountList(req, reply, query, 'officer/accounts', '/officer/accounts');
  }

  @Roles('officer')
  @Get('officer/accounts/:id')
  async officerAccount(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderReview(req, reply, id, empty(), 200, typeof done === 'string' ? done : null);
  }

  @Roles('officer')
  @Post('officer/accounts/:id/review')
  async reviewAccount(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ReviewAccountDto, body, { labels: REVIEW_LABELS, choices: ['decision'] });
    if (!form.ok) return this.renderReview(req, reply, id, { values, errors: form.state.errors }, 400, null);
    try {
      await this.gateway.reviewAccount(actorOf(req), id, form.dto);
    } catch (e) {
      const errors = formErrorsFrom(e);
      return this.renderReview(req, reply, id, { values, errors }, e instanceof AppException ? e.getStatus() : 400, null);
    }
    return this.page.redirect(reply, `/officer/accounts/${id}?done=${form.dto.decision}`);
  }

  // ---- approver ------------------------------------------------------------------------------

  @Roles('approver')
  @Get('approver')
  async approverDesk(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.renderAccountList(req, reply, query, 'approver/desk', '/approver');
  }

  // ---- rendering -----------------------------------------------------------------------------

  private renderSubjectForm(req: PageRequest, reply: FastifyReply, form: FormState, status: number) {
    return this.page.render(req, reply, 'operator/subject-form', {
      title: '登记主体信息',
      form,
      kinds: optionsOf('subjectKind'),
      region: POLICY.registrationRegion.value,
    }, status);
  }

  private async renderAccountForm(req: PageRequest, reply: FastifyReply, form: FormState, status: number) {
    const subjects = await this.gateway.ownSubjects(req.user!);
    if (subjects.length === 1 && !form.values.subjectId) form.values.subjectId = subjects[0].id;
    return this.page.render(req, reply, 'operator/account-form', {
      title: '登记自媒体账号',
      form,
      subjects: subjects.map((s) => ({ value: s.id, text: `${s.name}（${s.kindLabel}）` })),
      ...accountFormOptions(),
    }, status);
  }

  private async renderReview(req: PageRequest, reply: FastifyReply, id: string, form: FormState, status: number, done: string | null) {
    const user = req.user!;
    const account = await this.gateway.account(user, id);
    // Officers see the subject's ID number and phone whole; each look is in the audit trail.
    const subject = await this.gateway.subjectOfAccount(actorOf(req), user, account.subjectId, true);
    const [roster, filings] = await Promise.all([
      this.gateway.staff.rosterForUser(user, id),
      this.gateway.staff.filingsForUser(user, id, { page: 1, pageSize: 20 }),
    ]);
    return this.page.render(req, reply, 'officer/account', {
      title: `审核：${account.name}`,
      account,
      subject,
      roster,
      filings,
      form,
      decisions: ACCOUNT_REVIEW_OPTIONS,
      canReview: account.status === 'pending',
      done,
    }, status);
  }

  private async renderAccountList(req: PageRequest, reply: FastifyReply, query: Record<string, unknown>, view: string, base: string) {
    const q = listQuery(query, { status: ACCOUNT_STATES, platform: PLATFORMS });
    const list = await this.gateway.listAccounts(req.user!, Object.assign(new AccountListQuery(), q));
    return this.page.render(req, reply, view, {
      title: view === 'approver/desk' ? '审批工作台' : '全部账号',
      accounts: list,
      query: { q: q.q, status: q.status, platform: q.platform },
      statuses: optionsOf('accountState'),
      platforms: optionsOf('platform'),
      base,
      reviewLinks: req.user!.role === 'officer',
      ...(view === 'approver/desk' ? { ...(await this.enforcement.approver(req.user!)), ...(await this.blacklistDesk.approverQueue(req.user!)), ...(await this.evaluationDesk.approverQueue(req.user!)) } : {}),
    });
  }
}

export function accountFormOptions() {
  return {
    platforms: optionsOf('platform'),
    categories: optionsOf('category'),
    qualifiedCategories: (POLICY.qualifiedCategories.value as readonly string[]).map((c) => optionsOf('category').find((o) => o.value === c)?.text ?? c).join('、'),
  };
}
