import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { EvaluationResultsService } from './evaluation-results.service.js';

/** Published evaluation results by year (§04.5): grades only, never scores. */
@ApiTags('public')
@Controller('api/public/evaluations')
export class PublicEvaluationsController {
  constructor(private readonly results: EvaluationResultsService) {}

  @Get(':year')
  @Public()
  @RateLimit('public')
  @ApiOperation({ summary: '某年度公布的评议等级：[{filingNo, name, platform, grade}]，按备案编号排序；未公布 404' })
  year(@Param('year') year: string) {
    return this.results.publicYear(year);
  }
}
