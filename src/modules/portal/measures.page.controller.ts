import { Body, Controller, Get, HttpException, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Roles } from '../../common/auth/decorators.js';
import { IdParam } from '../../common/http/id-param.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { InterviewsService } from '../interviews/interviews.service.js';
import { MeasureQuery, MeasureReplyDto, RejectMeasureDto } from '../measures/dto/measure.dto.js';
import { MeasuresService } from '../measures/measures.service.js';
import { MEASURE_KINDS, MEASURE_STATES } from '../measures/workflow/measure.workflow.js';
import { RegistryService } from '../registry/registry.service.js';
import { ViolationsService } from '../violations/violations.service.js';
import { statusOf } from './enforcement-views.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

const empty = (): FormState => ({ values: {}, errors: [] });

/**
 * The maker-checker refusal (the proposer deciding their own proposal answers 403) is said on the
 * page, where the approver acts, rather than as the bare 403 page: anything else is thrown on.
 */
function decisionErrors(e: unknown) {
  if (e instanceof HttpException && e.getStatus() === 403) {
    const res = e.getResponse() as { code?: string; message?: string };
    return [{ field: '', code: String(res?.code ?? 'FORBIDDEN'), message: `${res?.message ?? '无权执行此操作'}（谁提议、谁不审批）` }];
  }
  return formErrorsFrom(e);
}

/**
 * Escalation measures (§03.3) and their lifting (§03.5): the officers' list, a measure with its
 * letters and the upper-level office's reply; the approvers' decision (approve, or reject with a
 * reason). The approvers' queue is on their desk (/approver).
 */
@ApiExcludeController()
@Controller()
export class MeasuresPageController {
  constructor(
    private readonly page: PageContext,
    private readonly measures: MeasuresService,
    private readonly registry: RegistryService,
    private readonly violations: ViolationsService,
    private readonly interviews: InterviewsService,
  ) {}

  @Roles('officer')
  @Get('officer/measures')
  async list(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query, { status: MEASURE_STATES, kind: MEASURE_KINDS });
    const filters = { status: q.status as string | undefined, kind: q.kind as string | undefined };
    const list = await this.measures.list(Object.assign(new MeasureQuery(), { page: q.page, pageSize: q.pageSize, ...filters }));
    return this.page.render(req, reply, 'officer/measures', {
      title: '处置措施',
      deskNav: deskNavFor(req.user?.role, req.url),
      measures: list,
      query: filters,
      statuses: optionsOf('measureState'),
      kinds: optionsOf('measureKind'),
    });
  }

  @Roles('officer')
  @Get('officer/measures/:id')
  officerMeasure(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderMeasure(req, reply, id, 'officer/measure', {}, 200, typeof done === 'string' ? done : null);
  }

  @Roles('officer')
  @Post('officer/measures/:id/reply')
  async recordReply(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(MeasureReplyDto, body, { labels: { reference: '答复文号', repliedAt: '答复日期', note: '答复内容摘要' } });
    if (!form.ok) return this.renderMeasure(req, reply, id, 'officer/measure', { reply: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.measures.reply(actorOf(req), id, form.dto);
    } catch (e) {
      return this.renderMeasure(req, reply, id, 'officer/measure', { reply: { values, errors: formErrorsFrom(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/measures/${id}?done=reply`);
  }

  // ---- approver --------------------------------------------------------------------------------

  @Roles('approver')
  @Get('approver/measures/:id')
  approverMeasure(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderMeasure(req, reply, id, 'approver/measure', {}, 200, typeof done === 'string' ? done : null);
  }

  @Roles('approver')
  @Post('approver/measures/:id/approve')
  async approve(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    // Nothing to fill in: an approval is one button; anything posted besides is refused like the API.
    const extra = Object.keys(values);
    if (extra.length) {
      return this.renderMeasure(req, reply, id, 'approver/measure', { approve: { values: {}, errors: extra.map((f) => ({ field: f, code: 'unknown_field', message: '不允许的字段' })) } }, 400, null);
    }
    try {
      await this.measures.approve(actorOf(req), req.user!, id);
    } catch (e) {
      return this.renderMeasure(req, reply, id, 'approver/measure', { approve: { values: {}, errors: decisionErrors(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/approver/measures/${id}?done=approved`);
  }

  @Roles('approver')
  @Post('approver/measures/:id/reject')
  async reject(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(RejectMeasureDto, body, { labels: { reason: '不予批准的理由' } });
    if (!form.ok) return this.renderMeasure(req, reply, id, 'approver/measure', { reject: { values, errors: form.state.errors } }, 400, null);
    try {
      await this.measures.reject(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderMeasure(req, reply, id, 'approver/measure', { reject: { values, errors: decisionErrors(e) } }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/approver/measures/${id}?done=rejected`);
  }

  // ---- rendering -------------------------------------------------------------------------------

  private async renderMeasure(
    req: PageRequest,
    reply: FastifyReply,
    id: string,
    view: 'officer/measure' | 'approver/measure',
    forms: { reply?: FormState; approve?: FormState; reject?: FormState },
    status: number,
    done: string | null,
  ) {
    const user = req.user!;
    const measure = await this.measures.get(id);
    const [account, violations, basis] = await Promise.all([
      this.registry.accountViewForUser(user, measure.accountId),
      this.violations.listForAccount(user, measure.accountId, { page: 1, pageSize: 10 }),
      measure.interviewId ? this.interviews.get(user, measure.interviewId).catch(() => null) : Promise.resolve(null),
    ]);
    const failedName = (['approve', 'reject', 'reply'] as const).find((n) => forms[n]?.errors.length);
    return this.page.render(req, reply, view, {
      title: `${measure.kindLabel}：${measure.accountName}`,
      deskNav: deskNavFor(user.role, req.url),
      measure,
      account,
      violations,
      basis,
      forms: { reply: forms.reply ?? empty(), approve: forms.approve ?? empty(), reject: forms.reject ?? empty() },
      failed: failedName ? { f: forms[failedName], prefix: `${failedName}-` } : null,
      canDecide: measure.status === 'proposed',
      ownProposal: measure.proposedBy.id === user.id,
      canReply: measure.status === 'approved',
      today: beijingDate(),
      done,
    }, status);
  }
}
