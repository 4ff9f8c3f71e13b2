import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../common/auth/decorators.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { CreditPublicity } from './credit-publicity.js';
import { ACCOUNTS_DATASET, BLACKLIST_DATASET, CREDIT_PUBLICITY_DATASET, type DatasetDefinition } from './datasets.js';
import { checkRange, DateRangeQuery } from './dto/date-range.dto.js';
import { type ExportFormat, type ExportRow, sendExport } from './export-stream.js';
import { OpenDatasets } from './open-datasets.js';

const meta = (d: DatasetDefinition, extra: Record<string, unknown> = {}) => ({ dataset: d.name, title: d.title, generatedAt: new Date().toISOString(), ...extra });

/**
 * Open data (public, no login): the registry of filed accounts and the blacklist in force; and the
 * credit publicity export for partner platforms (officers and approvers). CSV and JSON, streamed.
 */
@ApiTags('open-data')
@Controller('api/open-data')
export class OpenDataController {
  constructor(
    private readonly datasets: OpenDatasets,
    private readonly credit: CreditPublicity,
  ) {}

  private open(reply: FastifyReply, d: DatasetDefinition, format: ExportFormat, pages: AsyncIterable<ExportRow[]>) {
    return sendExport(reply, { format, filename: `${d.name}-${beijingDate()}`, fields: d.fields, pages, meta: meta(d), cache: 'public' });
  }

  @Get('accounts.csv')
  @Public()
  @RateLimit('public')
  @ApiProduces('text/csv')
  accountsCsv(@Res() reply: FastifyReply) {
    return this.open(reply, ACCOUNTS_DATASET, 'csv', this.datasets.accounts());
  }

  @Get('accounts.json')
  @Public()
  @RateLimit('public')
  accountsJson(@Res() reply: FastifyReply) {
    return this.open(reply, ACCOUNTS_DATASET, 'json', this.datasets.accounts());
  }

  @Get('blacklist.csv')
  @Public()
  @RateLimit('public')
  @ApiProduces('text/csv')
  blacklistCsv(@Res() reply: FastifyReply) {
    return this.open(reply, BLACKLIST_DATASET, 'csv', this.datasets.blacklist());
  }

  @Get('blacklist.json')
  @Public()
  @RateLimit('public')
  blacklistJson(@Res() reply: FastifyReply) {
    return this.open(reply, BLACKLIST_DATASET, 'json', this.datasets.blacklist());
  }

  private publicity(reply: FastifyReply, format: ExportFormat, q: DateRangeQuery) {
    checkRange(q);
    const d = CREDIT_PUBLICITY_DATASET;
    const name = `${d.name}${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`;
    return sendExport(reply, { format, filename: name, fields: d.fields, pages: this.credit.rows(q), meta: meta(d, { from: q.from ?? null, to: q.to ?? null }), cache: 'no-store' });
  }

  /** 行政处罚信息公示 format: approved measures and blacklist decisions, `?from=&to=` on the decision date. */
  @Get('credit-publicity.csv')
  @ApiBearerAuth()
  @Roles('officer', 'approver')
  @ApiProduces('text/csv')
  creditCsv(@Res() reply: FastifyReply, @Query() q: DateRangeQuery) {
    return this.publicity(reply, 'csv', q);
  }

  @Get('credit-publicity.json')
  @ApiBearerAuth()
  @Roles('officer', 'approver')
  creditJson(@Res() reply: FastifyReply, @Query() q: DateRangeQuery) {
    return this.publicity(reply, 'json', q);
  }
}
