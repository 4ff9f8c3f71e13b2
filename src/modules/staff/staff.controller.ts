import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { CreateStaffMemberDto, CreateStaffRecordDto, CreateStaffTrainingDto, UpdateStaffMemberDto } from './dto/staff.dto.js';
import { StaffService } from './staff.service.js';

/** Editorial staff of an account (§02.5-7): members, trainings, reward/punishment records. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('api')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post('accounts/:id/staff')
  @Roles('operator')
  @ApiOperation({ summary: '登记编辑人员（账号所有者）；身份证号码和电话在答复中打码' })
  addMember(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: CreateStaffMemberDto) {
    return this.staff.addMember(actor, user, id, dto);
  }

  @Get('accounts/:id/staff')
  @Roles('operator', 'officer', 'approver')
  @ApiOperation({ summary: '账号的编辑人员名单（在岗在前），含 changedSinceLastFiling' })
  roster(@CurrentUser() user: AuthUser, @IdParam() id: string, @Query() q: PageQuery) {
    return this.staff.rosterForUser(user, id, q);
  }

  @Get('staff/:id')
  @Roles('operator', 'officer', 'approver')
  @ApiOperation({ summary: '编辑人员详情，含培训和奖惩记录' })
  getMember(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.staff.getMember(user, id);
  }

  @Patch('staff/:id')
  @Roles('operator')
  @ApiOperation({ summary: '调整岗位、专职、电话，或登记离岗日期（登记后不能再修改）' })
  updateMember(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: UpdateStaffMemberDto) {
    return this.staff.updateMember(actor, user, id, dto);
  }

  @Post('staff/:id/trainings')
  @Roles('operator')
  @ApiOperation({ summary: '登记培训记录（§02.6）' })
  addTraining(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: CreateStaffTrainingDto) {
    return this.staff.addTraining(actor, user, id, dto);
  }

  @Post('staff/:id/records')
  @Roles('operator')
  @ApiOperation({ summary: '登记奖惩记录（§02.7）' })
  addRecord(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: CreateStaffRecordDto) {
    return this.staff.addRecord(actor, user, id, dto);
  }
}
