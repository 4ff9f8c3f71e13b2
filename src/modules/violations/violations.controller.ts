import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { RecordViolationDto } from './dto/violation.dto.js';
import { ViolationsService } from './violations.service.js';

@ApiTags('violations')
@ApiBearerAuth()
@Controller('api/accounts/:id/violations')
export class ViolationsController {
  constructor(private readonly violations: ViolationsService) {}

  @Get()
  @Roles('operator', 'officer', 'approver')
  list(@CurrentUser() user: AuthUser, @IdParam() id: string, @Query() q: PageQuery) {
    return this.violations.listForAccount(user, id, q);
  }

  @Post()
  @Roles('officer')
  record(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: RecordViolationDto) {
    return this.violations.record(actor, user, id, dto);
  }
}
