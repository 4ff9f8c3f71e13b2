import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Roles } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { IdParam } from '../../common/http/id-param.js';
import { type FormSpec, type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { CreateStaffMemberDto, CreateStaffRecordDto, CreateStaffTrainingDto, ReviewStaffFilingDto } from '../staff/dto/staff.dto.js';
import { type AccountPageForms, OperatorPages } from './operator-pages.js';
import { PageContext, type PageRequest } from './page-context.js';
import { accountFormOptions } from './registry.page.controller.js';
import { RegistryGateway } from './registry.gateway.js';

const STAFF_SPEC: FormSpec = {
  labels: { name: '姓名', idNumber: '身份证号码', phone: '联系电话', role: '岗位', startDate: '到岗日期' },
  choices: ['role'],
  booleans: ['fullTime'],
};
const TRAINING_SPEC: FormSpec = {
  labels: { date: '培训日期', organizer: '组织方', topic: '培训内容', hours: '学时' },
  choices: ['organizer'],
  numbers: ['hours'],
  pageOnly: ['staffId'],
};
const RECORD_SPEC: FormSpec = {
  labels: { kind: '奖惩类别', date: '日期', description: '奖惩事由' },
  choices: ['kind'],
  pageOnly: ['staffId'],
};
const FILING_REVIEW_OPTIONS = [
  { value: 'accept', text: '予以备案' },
  { value: 'return', text: '退回，请运营者修改后重新报备' },
];

/**
 * The editorial-staff pages (§02.5-7): the operator's roster forms on the account page and the
 * roster filing; the officer's review of a filing.
 */
@ApiExcludeController()
@Controller()
export class StaffPageController {
  constructor(
    private readonly page: PageContext,
    private readonly gateway: RegistryGateway,
    private readonly operator: OperatorPages,
  ) {}

  @Roles('operator')
  @Post('operator/accounts/:id/staff')
  async addMember(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(CreateStaffMemberDto, body, STAFF_SPEC);
    if (!form.ok) return this.again(req, reply, id, { staff: { values, errors: form.state.errors } }, 400);
    try {
      await this.gateway.staff.addMember(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.again(req, reply, id, { staff: { values, errors: formErrorsFrom(e) } }, statusOf(e));
    }
    return this.page.redirect(reply, `/operator/accounts/${id}?done=staff#staff`);
  }

  @Roles('operator')
  @Post('operator/accounts/:id/trainings')
  async addTraining(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(CreateStaffTrainingDto, body, TRAINING_SPEC);
    const staffError = await this.staffIdProblem(req, id, values.staffId);
    if (!form.ok || staffError) {
      const errors = [...(staffError ? [staffError] : []), ...(form.ok ? [] : form.state.errors)];
      return this.again(req, reply, id, { training: { values, errors } }, 400);
    }
    try {
      await this.gateway.staff.addTraining(actorOf(req), req.user!, String(values.staffId), form.dto);
    } catch (e) {
      return this.again(req, reply, id, { training: { values, errors: formErrorsFrom(e) } }, statusOf(e));
    }
    return this.page.redirect(reply, `/operator/accounts/${id}?done=training#staff`);
  }

  @Roles('operator')
  @Post('operator/accounts/:id/records')
  async addRecord(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(CreateStaffRecordDto, body, RECORD_SPEC);
    const staffError = await this.staffIdProblem(req, id, values.staffId);
    if (!form.ok || staffError) {
      const errors = [...(staffError ? [staffError] : []), ...(form.ok ? [] : form.state.errors)];
      return this.again(req, reply, id, { record: { values, errors } }, 400);
    }
    try {
      await this.gateway.staff.addRecord(actorOf(req), req.user!, String(values.staffId), form.dto);
    } catch (e) {
      return this.again(req, reply, id, { record: { values, errors: formErrorsFrom(e) } }, statusOf(e));
    }
    return this.page.redirect(reply, `/operator/accounts/${id}?done=record#staff`);
  }

  @Roles('operator')
  @Post('operator/accounts/:id/staff-filings')
  async submitFiling(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string) {
    try {
      await this.gateway.submitStaffFiling(actorOf(req), req.user!, id);
    } catch (e) {
      // Roster problems point at the roster as a whole (field `staff`: the roster section's id).
      const errors = formErrorsFrom(e).map((d) => (d.field === 'staff' ? d : { ...d, field: '' }));
      return this.again(req, reply, id, { filing: { values: {}, errors } }, statusOf(e));
    }
    return this.page.redirect(reply, `/operator/accounts/${id}?done=filing#filing`);
  }

  // ---- officer -------------------------------------------------------------------------------

  @Roles('officer')
  @Get('officer/staff-filings/:id')
  filing(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderFiling(req, reply, id, { values: {}, errors: [] }, 200, typeof done === 'string' ? done : null);
  }

  @Roles('officer')
  @Post('officer/staff-filings/:id/review')
  async reviewFiling(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const form = await readForm(ReviewStaffFilingDto, body, { labels: { decision: '审核结论', reason: '退回理由' }, choices: ['decision'] });
    if (!form.ok) return this.renderFiling(req, reply, id, { values, errors: form.state.errors }, 400, null);
    try {
      await this.gateway.reviewStaffFiling(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderFiling(req, reply, id, { values, errors: formErrorsFrom(e) }, statusOf(e), null);
    }
    return this.page.redirect(reply, `/officer/staff-filings/${id}?done=${form.dto.decision}`);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The staff member chosen must be on this account's roster and still in post. */
  private async staffIdProblem(req: PageRequest, accountId: string, staffId: unknown): Promise<ErrorDetail | null> {
    if (typeof staffId !== 'string' || staffId === '') return { field: 'staffId', code: 'required', message: '请选择编辑人员' };
    const roster = await this.gateway.staff.rosterForUser(req.user!, accountId);
    const member = roster.items.find((m) => m.id === staffId);
    if (!member || !member.active) return { field: 'staffId', code: 'not_found', message: '请选择本账号在岗的编辑人员' };
    return null;
  }

  private async again(req: PageRequest, reply: FastifyReply, id: string, forms: AccountPageForms, status: number) {
    const data = await this.operator.account(req.user!, id, forms);
    const failed = Object.entries(forms).find(([, f]) => f && f.errors.length > 0);
    return this.page.render(req, reply, 'operator/account', {
      ...data,
      ...accountFormOptions(),
      failed: failed ? { f: failed[1], prefix: failed[0] === 'filing' ? '' : `${failed[0]}-` } : null,
    }, status);
  }

  private async renderFiling(req: PageRequest, reply: FastifyReply, id: string, form: FormState, status: number, done: string | null) {
    const filing = await this.gateway.staffFiling(req.user!, id);
    const account = await this.gateway.account(req.user!, filing.accountId);
    return this.page.render(req, reply, 'officer/staff-filing', {
      title: `编辑人员备案审核：${filing.accountName} 第${filing.version}版`,
      filing,
      account,
      form,
      decisions: FILING_REVIEW_OPTIONS,
      canReview: filing.status === 'submitted',
      done,
    }, status);
  }
}

function statusOf(e: unknown): number {
  return e instanceof AppException ? e.getStatus() : 400;
}
