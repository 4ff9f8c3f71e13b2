import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators.js';
import { REPORT_CATEGORY_LABELS } from '../../common/views/domain-labels.js';
import { POLICY } from '../../policy/policy-table.js';
import { PageContext, type PageRequest } from './page-context.js';

/** The public's pages that need no registry data: the home page and how to report (§04.6). */
@ApiExcludeController()
@Public()
@Controller()
export class PublicPageController {
  constructor(private readonly page: PageContext) {}

  @Get()
  home(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.page.render(req, reply, 'home', {});
  }

  @Get('report/how')
  howToReport(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.page.render(req, reply, 'report/how', {
      title: '如何举报',
      categories: Object.entries(REPORT_CATEGORY_LABELS).map(([value, text]) => ({ value, text })),
      workingDays: POLICY.reportConcludeWorkingDays.value,
      maxDescription: POLICY.reportMaxDescription.value,
      maxEvidence: POLICY.reportMaxEvidence.value,
    });
  }
}
