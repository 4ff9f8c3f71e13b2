import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { AccountsService } from './accounts.service.js';
import { AccountListQuery, CreateAccountDto, DeregisterAccountDto, ResubmitAccountDto, ReviewAccountDto } from './dto/account.dto.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';

/** 自媒体账号: registration, review and filing numbers, deregistration (api.md "Registry"). */
@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Roles('operator')
  create(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @Body() dto: CreateAccountDto) {
    return this.accounts.create(actor, user, dto);
  }

  @Get()
  @Roles('operator', 'officer', 'approver')
  list(@CurrentUser() user: AuthUser, @Query() q: AccountListQuery) {
    return this.accounts.list(user, q);
  }

  @Get(':id')
  @Roles('operator', 'officer', 'approver')
  get(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.accounts.get(user, id);
  }

  @Post(':id/review')
  @Idempotent()
  @HttpCode(200)
  @Roles('officer')
  review(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: ReviewAccountDto) {
    return this.accounts.review(actor, id, dto);
  }

  @Post(':id/deregister')
  @HttpCode(200)
  @Roles('operator')
  deregister(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: DeregisterAccountDto) {
    return this.accounts.deregister(actor, user, id, dto);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('operator')
  resubmit(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: ResubmitAccountDto) {
    return this.accounts.resubmit(actor, user, id, dto);
  }
}
