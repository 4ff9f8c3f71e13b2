import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/decorators.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { AuditService } from '../audit/audit.service.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel } from '../open-data/audit-labels.js';
import { AuditTrail } from '../open-data/audit-trail.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery, text } from './page-query.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, text: `${label}（${value}）` }));

/** The auditor's desk: search, verify and export the trail, nothing else. */
@ApiExcludeController()
@Roles('auditor')
@Controller('audit')
export class AuditPageController {
  constructor(
    private readonly page: PageContext,
    private readonly audit: AuditService,
    private readonly trail: AuditTrail,
  ) {}

  /** Search by actor (user name or id), object type and id, action and dates (Beijing, both included). */
  @Get()
  async list(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query, {}, 50);
    const filters = {
      actor: text(query?.actor),
      entityType: text(query?.entityType, 48),
      entityId: text(query?.entityId),
      action: text(query?.action),
      from: text(query?.from, 10),
      to: text(query?.to, 10),
    };
    const errors: ErrorDetail[] = [];
    for (const k of ['from', 'to'] as const) {
      if (filters[k] && !validDate(filters[k]!)) {
        errors.push({ field: k, code: 'isISO8601', message: `${k === 'from' ? '起始' : '截止'}日期应为日期（如 2026-01-01）` });
      }
    }
    if (!errors.length && filters.from && filters.to && filters.to < filters.from) {
      errors.push({ field: 'to', code: 'before_from', message: '截止日期不能早于起始日期' });
    }
    const search = errors.length ? { ...filters, from: undefined, to: undefined } : filters;
    const { items, total } = await this.trail.search({ page: q.page, pageSize: q.pageSize, ...search });
    const exportQuery = new URLSearchParams();
    if (!errors.length && filters.from) exportQuery.set('from', filters.from);
    if (!errors.length && filters.to) exportQuery.set('to', filters.to);
    const qs = exportQuery.toString();
    return this.page.render(
      req,
      reply,
      'audit/list',
      {
        title: '审计记录',
        entries: { items, total, page: q.page, pageSize: q.pageSize },
        query: filters,
        form: { values: filters, errors },
        actions: options(AUDIT_ACTION_LABELS),
        entityTypes: options(AUDIT_ENTITY_LABELS),
        exportCsv: `/api/audit/export.csv${qs ? `?${qs}` : ''}`,
        exportJson: `/api/audit/export.json${qs ? `?${qs}` : ''}`,
      },
      errors.length ? 400 : 200,
    );
  }

  /** Verifying reads only, so it is a GET (a button in a GET form). */
  @Get('verify')
  async verify(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    const result = await this.audit.verify();
    const broken = !result.valid && result.firstBroken.entry ? { ...this.trail.row(result.firstBroken.entry), actionLabel: auditActionLabel(result.firstBroken.entry.action) } : null;
    return this.page.render(req, reply, 'audit/verify', { title: '审计记录完整性校验', result, broken, checkedAt: new Date() });
  }
}
