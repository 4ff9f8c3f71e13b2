import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/decorators.js';
import { EnforcementDesks } from './enforcement-desks.js';
import { EvaluationDesk } from './evaluation-desk.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

/** The evaluator's desk: rectification assessments (issue 3) and the annual evaluation's assignments (issue 4). */
@ApiExcludeController()
@Controller()
export class DeskPageController {
  constructor(
    private readonly page: PageContext,
    private readonly enforcement: EnforcementDesks,
    private readonly evaluation: EvaluationDesk,
  ) {}

  @Roles('evaluator')
  @Get('evaluator')
  async evaluator(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query);
    return this.page.render(req, reply, 'evaluator/desk', {
      title: '我的评议任务',
      ...(await this.enforcement.evaluator(req.user!)),
      ...(await this.evaluation.evaluator(req.user!, { cycle: query?.cycle, page: q.page })),
    });
  }
}
