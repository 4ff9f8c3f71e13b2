import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { AssignmentListQuery, ScoreDto } from './dto/evaluation.dto.js';
import { EvaluationScoringService } from './evaluation-scoring.service.js';

/** The evaluator's own assignments and scores; another evaluator's assignment is 404. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/evaluation-assignments')
export class EvaluationAssignmentsController {
  constructor(private readonly scoring: EvaluationScoringService) {}

  @Get()
  @Roles('evaluator')
  list(@CurrentUser() user: AuthUser, @Query() q: AssignmentListQuery) {
    return this.scoring.list(user, q);
  }

  @Get(':id')
  @Roles('evaluator')
  get(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.scoring.get(user, id);
  }

  @Post(':id/scores')
  @Roles('evaluator')
  @ApiOperation({ summary: '评分（D1-D5 各为0-100的整数）：首次 201，重新提交替换原评分 200；仅在评分中 (否则 409)' })
  async score(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: ScoreDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, assignment } = await this.scoring.submit(actor, user, id, dto);
    reply.status(created ? 201 : 200);
    return assignment;
  }
}
