import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/decorators.js';
import { EnforcementDesks } from './enforcement-desks.js';
import { PageContext, type PageRequest } from './page-context.js';

/** Desks whose work arrives in later issues: the evaluator's (assignments come with the evaluation cycle). */
@ApiExcludeController()
@Controller()
export class DeskPageController {
  constructor(
    private readonly page: PageContext,
    private readonly enforcement: EnforcementDesks,
  ) {}

  @Roles('evaluator')
  @Get('evaluator')
  async evaluator(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.page.render(req, reply, 'evaluator/desk', { title: '我的评议任务', ...(await this.enforcement.evaluator(req.user!)) });
  }
}
