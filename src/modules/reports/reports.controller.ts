import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp, CurrentActor, Public, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { ConcludeReportDto, ReportQuery, SubmitReportDto } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';

@ApiTags('reports (public)')
@Controller('api/public/reports')
export class PublicReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** 201 {trackingCode}; the same report again within 10 minutes answers 200 with the first code. */
  @Public()
  @RateLimit('public')
  @Post()
  @Idempotent()
  async submit(@Body() dto: SubmitReportDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { trackingCode, duplicate } = await this.reports.submit(dto, clientIp(req));
    reply.status(duplicate ? 200 : 201);
    return { trackingCode };
  }

  @Public()
  @RateLimit('public')
  @Get(':trackingCode')
  track(@Param('trackingCode') code: string) {
    return this.reports.track(code);
  }
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles('officer')
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  list(@Query() q: ReportQuery) {
    return this.reports.list(q);
  }

  @Get(':id')
  get(@IdParam() id: string) {
    return this.reports.get(id);
  }

  @Post(':id/start')
  @Idempotent()
  @HttpCode(200)
  start(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.reports.start(actor, id);
  }

  @Post(':id/conclude')
  @Idempotent()
  @HttpCode(200)
  conclude(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: ConcludeReportDto) {
    return this.reports.conclude(actor, id, dto);
  }
}
