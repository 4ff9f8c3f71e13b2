import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { ReviewStaffFilingDto, StaffFilingListQuery, SubmitStaffFilingDto } from './dto/staff.dto.js';
import { StaffFilingService } from './staff-filing.service.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';

/** Roster filings (§02.7 报区网信办备案): versions, the office's queue and review. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('api')
export class StaffFilingController {
  constructor(private readonly filings: StaffFilingService) {}

  @Post('accounts/:id/staff-filings')
  @Roles('operator')
  @ApiOperation({ summary: '报备当前编辑人员名单：新版本号 = 上一版 + 1；有待审核的版本时 409；无在岗人员或无总编辑时 400' })
  submit(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() _dto: SubmitStaffFilingDto) {
    return this.filings.submit(actor, user, id);
  }

  @Get('accounts/:id/staff-filings')
  @Roles('operator', 'officer', 'approver')
  @ApiOperation({ summary: '账号的全部备案版本（新版在前）' })
  listForAccount(@CurrentUser() user: AuthUser, @IdParam() id: string, @Query() q: PageQuery) {
    return this.filings.listForAccount(user, id, q);
  }

  @Get('staff-filings')
  @Roles('officer')
  @ApiOperation({ summary: '备案审核队列（旧的在前）；status=submitted 为待审核' })
  listForOffice(@Query() q: StaffFilingListQuery) {
    return this.filings.listForOffice(q);
  }

  @Get('staff-filings/:id')
  @Roles('operator', 'officer', 'approver')
  @ApiOperation({ summary: '一个备案版本，含提交时的名单、培训和奖惩（身份证号码和电话打码）' })
  get(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.filings.get(user, id);
  }

  @Post('staff-filings/:id/review')
  @Idempotent()
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: '审核：accept 予以备案 | return 退回（须说明理由）；非待审核状态 409' })
  review(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: ReviewStaffFilingDto) {
    return this.filings.review(actor, user, id, dto);
  }
}
