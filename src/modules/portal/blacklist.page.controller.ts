import { Body, Controller, Get, HttpException, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Public, Roles } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { IdParam } from '../../common/http/id-param.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { POLICY } from '../../policy/policy-table.js';
import { BLACKLIST_RULES, type BlacklistRule, defaultBasis } from '../blacklist/blacklist.constants.js';
import { BlacklistEarlyExit } from '../blacklist/blacklist-early-exit.js';
import { type ListingDetail, BlacklistService } from '../blacklist/blacklist.service.js';
import type { ListingView } from '../blacklist/blacklist.views.js';
import { DefenceDto, ProposeExitDto, ProposeListingDto, RejectListingDto } from '../blacklist/dto/blacklist.dto.js';
import { BlacklistDesk, EXIT_TAGS, listingQuery } from './blacklist-desk.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

const empty = (): FormState => ({ values: {}, errors: [] });

const PROPOSE_LABELS = { accountId: '账号', rule: '认定情形', basis: '法律依据' };
const EXIT_LABELS = { reason: '提前移出的理由', assessment: '评估意见' };

type FormName = 'approve' | 'reject' | 'exitApprove' | 'exitReject' | 'exit' | 'defence';
type Forms = Partial<Record<FormName, FormState>>;

/** Form ids on the page: `reject-reason`, `exit-reject-reason` … */
const PREFIX: Record<FormName, string> = { approve: 'approve-', reject: 'reject-', exitApprove: 'exit-approve-', exitReject: 'exit-reject-', exit: 'exit-', defence: 'defence-' };

/** The maker-checker refusal (403) is said on the page where the approver acts; anything else is a form error or thrown on. */
function decisionErrors(e: unknown): ErrorDetail[] {
  if (e instanceof HttpException && e.getStatus() === 403) {
    const res = e.getResponse() as { code?: string; message?: string };
    return [{ field: '', code: String(res?.code ?? 'FORBIDDEN'), message: `${res?.message ?? '无权执行此操作'}（谁提议、谁不审批）` }];
  }
  return formErrorsFrom(e);
}

const statusOf = (e: unknown) => (e instanceof HttpException ? e.getStatus() : 400);

/** A posted form with nothing to fill in (one button): anything besides the CSRF token is refused, as the API does. */
function extraFields(body: unknown): ErrorDetail[] {
  return Object.keys(formValues(body)).map((f) => ({ field: f, code: 'unknown_field', message: '不允许的字段' }));
}

/**
 * The blacklist's pages (§03.5): the public list; the officer's candidates, proposals and early exit;
 * the approver's decisions; the operator's notices and defence. All over BlacklistService, as the API.
 */
@ApiExcludeController()
@Controller()
export class BlacklistPageController {
  constructor(
    private readonly page: PageContext,
    private readonly blacklist: BlacklistService,
    private readonly earlyExit: BlacklistEarlyExit,
    private readonly desk: BlacklistDesk,
  ) {}

  // ---- public --------------------------------------------------------------------------------

  @Public()
  @RateLimit('public')
  @Get('blacklist')
  async publicList(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query);
    const list = await this.blacklist.publicList({ page: q.page, pageSize: q.pageSize });
    return this.page.render(req, reply, 'blacklist/public', {
      title: '违法违规黑名单公示',
      list,
      query: {},
      termMonths: POLICY.blacklistTermMonths.value,
    });
  }

  // ---- officer -------------------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/blacklist')
  async officer(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const user = req.user!;
    const [candidates, proposed, defended, listed, rejected, ended] = await Promise.all([
      this.blacklist.candidates(),
      this.blacklist.list(listingQuery({ status: 'proposed', pageSize: 100 })),
      this.blacklist.list(listingQuery({ status: 'defended', pageSize: 100 })),
      this.blacklist.list(listingQuery({ status: 'listed', pageSize: 100 })),
      this.blacklist.list(listingQuery({ status: 'rejected', pageSize: 10 })),
      this.blacklist.list(listingQuery({ status: 'ended', pageSize: 10 })),
    ]);
    const byCreated = (a: ListingView, b: ListingView) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime();
    const pending = [...proposed.items, ...defended.items].sort(byCreated);
    const closed = [...rejected.items, ...ended.items].sort((a, b) => byCreated(b, a));
    return this.page.render(req, reply, 'blacklist/officer', {
      title: '违法违规黑名单',
      deskNav: deskNavFor(user.role, req.url),
      candidates: candidates.map((c) => this.desk.candidateRow(c)),
      pending: pending.map((l) => this.desk.row(l)),
      listed: listed.items.map((l) => this.desk.row(l)),
      closed: closed.map((l) => this.desk.row(l)),
      policy: {
        threshold: POLICY.blacklistViolationThreshold.value,
        months: POLICY.blacklistViolationWindowMonths.value,
        defenceDays: POLICY.blacklistDefenceWorkingDays.value,
        termMonths: POLICY.blacklistTermMonths.value,
        jointListings: POLICY.jointRestrictionListings.value,
        jointYears: POLICY.jointRestrictionWindowYears.value,
      },
    });
  }

  @Roles('officer')
  @Get('officer/blacklist/propose')
  async proposeForm(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query('accountId') accountId?: unknown, @Query('rule') rule?: unknown) {
    const r = (BLACKLIST_RULES as readonly string[]).includes(String(rule)) ? (rule as BlacklistRule) : null;
    if (typeof accountId !== 'string' || !r) throw AppException.notFound('黑名单候选');
    return this.renderPropose(req, reply, { values: { accountId, rule: r, basis: defaultBasis(r) }, errors: [] }, 200);
  }

  @Roles('officer')
  @Post('officer/blacklist')
  async propose(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ProposeListingDto, body, { labels: PROPOSE_LABELS, choices: ['rule'] });
    if (!form.ok) return this.renderPropose(req, reply, { values, errors: form.state.errors }, 400);
    try {
      const l = await this.blacklist.propose(actorOf(req), req.user!, form.dto);
      return this.page.redirect(reply, `/officer/blacklist/${l.id}?done=proposed`);
    } catch (e) {
      return this.renderPropose(req, reply, { values, errors: formErrorsFrom(e) }, statusOf(e));
    }
  }

  @Roles('officer')
  @Get('officer/blacklist/:id')
  officerListing(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderListing(req, reply, id, 'blacklist/officer-listing', {}, 200, typeof done === 'string' ? done : null);
  }

  @Roles('officer')
  @Post('officer/blacklist/:id/end')
  async proposeExit(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ProposeExitDto, body, { labels: EXIT_LABELS });
    if (!form.ok) return this.renderListing(req, reply, id, 'blacklist/officer-listing', { exit: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.earlyExit.proposeExit(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderListing(req, reply, id, 'blacklist/officer-listing', { exit: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/blacklist/${id}?done=exit-proposed`);
  }

  // ---- approver ------------------------------------------------------------------------------

  @Roles('approver')
  @Get('approver/blacklist')
  async approver(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const user = req.user!;
    const data = await this.desk.approverQueue(user);
    return this.page.render(req, reply, 'blacklist/approver', { title: '黑名单审批', deskNav: deskNavFor(user.role, req.url), ...data });
  }

  @Roles('approver')
  @Get('approver/blacklist/:id')
  approverListing(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderListing(req, reply, id, 'blacklist/approver-listing', {}, 200, typeof done === 'string' ? done : null);
  }

  @Roles('approver')
  @Post('approver/blacklist/:id/approve')
  approve(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    return this.oneButton(req, reply, id, body, 'approve', () => this.blacklist.approve(actorOf(req), req.user!, id), 'listed');
  }

  @Roles('approver')
  @Post('approver/blacklist/:id/reject')
  reject(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    return this.withReason(req, reply, id, body, 'reject', (dto) => this.blacklist.reject(actorOf(req), req.user!, id, dto), 'rejected');
  }

  @Roles('approver')
  @Post('approver/blacklist/:id/exit/approve')
  approveExit(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    return this.oneButton(req, reply, id, body, 'exitApprove', () => this.earlyExit.approveExit(actorOf(req), req.user!, id), 'exit-approved');
  }

  @Roles('approver')
  @Post('approver/blacklist/:id/exit/reject')
  rejectExit(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    return this.withReason(req, reply, id, body, 'exitReject', (dto) => this.earlyExit.rejectExit(actorOf(req), req.user!, id, dto), 'exit-rejected');
  }

  // ---- operator ------------------------------------------------------------------------------

  @Roles('operator')
  @Get('operator/blacklist')
  async operator(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const user = req.user!;
    const q = listQuery(query);
    const list = await this.blacklist.notices(user, { page: q.page, pageSize: q.pageSize });
    return this.page.render(req, reply, 'blacklist/operator', {
      title: '黑名单告知',
      deskNav: deskNavFor(user.role, req.url),
      notices: { ...list, items: list.items.map((l) => this.desk.row(l)) },
      query: {},
      defenceDays: POLICY.blacklistDefenceWorkingDays.value,
    });
  }

  @Roles('operator')
  @Get('operator/blacklist/:id')
  operatorListing(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderListing(req, reply, id, 'blacklist/operator-listing', {}, 200, typeof done === 'string' ? done : null);
  }

  @Roles('operator')
  @Post('operator/blacklist/:id/defence')
  async defend(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(DefenceDto, body, { labels: { statement: '陈述、申辩意见' } });
    if (!form.ok) return this.renderListing(req, reply, id, 'blacklist/operator-listing', { defence: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.blacklist.defend(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderListing(req, reply, id, 'blacklist/operator-listing', { defence: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/operator/blacklist/${id}?done=defended`);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async oneButton(req: PageRequest, reply: FastifyReply, id: string, body: unknown, name: FormName, act: () => Promise<unknown>, done: string) {
    const extra = extraFields(body);
    if (extra.length) return this.renderListing(req, reply, id, 'blacklist/approver-listing', { [name]: { values: {}, errors: extra } }, 400, null);
    try {
      await act();
    } catch (e) {
      return this.renderListing(req, reply, id, 'blacklist/approver-listing', { [name]: { values: {}, errors: decisionErrors(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/approver/blacklist/${id}?done=${done}`);
  }

  private async withReason(
    req: PageRequest,
    reply: FastifyReply,
    id: string,
    body: unknown,
    name: FormName,
    act: (dto: RejectListingDto) => Promise<unknown>,
    done: string,
  ) {
    const values = formValues(body);
    const form = await readForm(RejectListingDto, body, { labels: { reason: '理由' } });
    if (!form.ok) return this.renderListing(req, reply, id, 'blacklist/approver-listing', { [name]: { values, errors: form.state.errors } }, 400, null);
    try {
      await act(form.dto);
    } catch (e) {
      return this.renderListing(req, reply, id, 'blacklist/approver-listing', { [name]: { values, errors: decisionErrors(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/approver/blacklist/${id}?done=${done}`);
  }

  private async renderPropose(req: PageRequest, reply: FastifyReply, form: FormState, status: number) {
    const user = req.user!;
    const accountId = typeof form.values.accountId === 'string' ? form.values.accountId : '';
    const rule = typeof form.values.rule === 'string' ? form.values.rule : '';
    const candidate = (await this.blacklist.candidates()).find((c) => c.accountId === accountId && c.rule === rule) ?? null;
    // A GET for an account that is not (or no longer) a candidate: nothing to propose.
    if (!candidate && status === 200) throw AppException.notFound('黑名单候选');
    return this.page.render(req, reply, 'blacklist/propose', {
      title: '提议列入黑名单',
      deskNav: deskNavFor(user.role, req.url),
      form,
      candidate: candidate ? this.desk.candidateRow(candidate) : null,
      rules: BLACKLIST_RULES.map((r) => ({ value: r, text: r === 'R1' ? 'R1 多次发布、转载违法违规信息' : 'R2 发布、转载违法违规信息后拒不整改' })),
      defenceDays: POLICY.blacklistDefenceWorkingDays.value,
    }, status);
  }

  private async renderListing(req: PageRequest, reply: FastifyReply, id: string, view: string, forms: Forms, status: number, done: string | null) {
    const user = req.user!;
    const listing: ListingDetail = await this.blacklist.get(user, id);
    const failedName = (Object.keys(PREFIX) as FormName[]).find((n) => forms[n]?.errors.length);
    const pending = listing.status === 'proposed' || listing.status === 'defended';
    const openExit = listing.exit?.status === 'proposed' ? listing.exit : null;
    const all = Object.fromEntries((Object.keys(PREFIX) as FormName[]).map((n) => [n, forms[n] ?? empty()]));
    return this.page.render(req, reply, view, {
      title: `黑名单：${listing.accountName}`,
      deskNav: deskNavFor(user.role, req.url),
      listing: { ...this.desk.row(listing), exits: listing.exits.map((x) => ({ ...x, tag: EXIT_TAGS[x.status] })), jointRestriction: listing.jointRestriction },
      forms: all,
      failed: failedName ? { f: forms[failedName], prefix: PREFIX[failedName] } : null,
      canDecide: pending,
      readyForDecision: listing.readyForDecision,
      ownProposal: listing.proposedBy.id === user.id,
      openExit,
      ownExit: openExit ? openExit.proposedBy.id === user.id : false,
      canProposeExit: listing.inForce && !openExit,
      canDefend: listing.defenceWindow.open,
      policy: { defenceDays: POLICY.blacklistDefenceWorkingDays.value, termMonths: POLICY.blacklistTermMonths.value },
      done,
    }, status);
  }
}
