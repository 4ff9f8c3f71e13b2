import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/decorators.js';
import { AuditService } from '../audit/audit.service.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery, text } from './page-query.js';

/** The auditor's desk: read and verify the trail, nothing else. */
@ApiExcludeController()
@Roles('auditor')
@Controller('audit')
export class AuditPageController {
  constructor(
    private readonly page: PageContext,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query, {}, 50);
    const filters = { action: text(query?.action), entityType: text(query?.entityType, 48) };
    const { items, total } = await this.audit.list({ page: q.page, pageSize: q.pageSize, ...filters });
    return this.page.render(req, reply, 'audit/list', {
      title: '审计记录',
      entries: { items, total, page: q.page, pageSize: q.pageSize },
      query: filters,
    });
  }

  /** Verifying reads only, so it is a GET (a button in a GET form). */
  @Get('verify')
  async verify(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const result = await this.audit.verify();
    return this.page.render(req, reply, 'audit/verify', { title: '审计记录完整性校验', result, checkedAt: new Date() });
  }
}
