import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../../common/auth/decorators.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { EvaluationResultsService } from './evaluation-results.service.js';

/** An account's published grades and how each was computed (owner, officer, approver). */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/accounts')
export class AccountEvaluationsController {
  constructor(private readonly results: EvaluationResultsService) {}

  @Get(':id/evaluations')
  @Roles('operator', 'officer', 'approver')
  @ApiOperation({ summary: '账号历年公布的评议等级及计算过程（不含单个评议人员的评分）' })
  list(@CurrentUser() user: AuthUser, @IdParam() id: string, @Query() q: PageQuery) {
    return this.results.forAccount(user, id, q);
  }
}
