import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AuditTrail } from './audit-trail.js';
import { AUDIT_EXPORT_DATASET } from './datasets.js';
import { checkRange, DateRangeQuery } from './dto/date-range.dto.js';
import { type ExportFormat, sendExport } from './export-stream.js';

/** The auditor exports a range of the trail (streamed); the export is itself recorded as audit.export. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller('api/audit')
export class AuditExportController {
  constructor(private readonly trail: AuditTrail) {}

  private async export(reply: FastifyReply, actor: Actor, format: ExportFormat, q: DateRangeQuery) {
    checkRange(q);
    const { lastSeq, pages } = await this.trail.export(actor, format, q);
    const d = AUDIT_EXPORT_DATASET;
    const name = `audit${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`;
    return sendExport(reply, {
      format,
      filename: name,
      fields: d.fields,
      pages,
      meta: { dataset: d.name, title: d.title, generatedAt: new Date().toISOString(), from: q.from ?? null, to: q.to ?? null, lastSeq },
      cache: 'no-store',
    });
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  exportCsv(@Res() reply: FastifyReply, @CurrentActor() actor: Actor, @Query() q: DateRangeQuery) {
    return this.export(reply, actor, 'csv', q);
  }

  @Get('export.json')
  exportJson(@Res() reply: FastifyReply, @CurrentActor() actor: Actor, @Query() q: DateRangeQuery) {
    return this.export(reply, actor, 'json', q);
  }
}
