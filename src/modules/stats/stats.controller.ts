import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/decorators.js';
import { DOCX_TYPE } from '../../common/documents/document-reply.js';
import { AnnualFiguresQuery, CampaignQuery } from './dto/stats.dto.js';
import { XLSX_TYPE } from '../../common/documents/document-reply.js';
import { type FileDownload, StatsService } from './stats.service.js';

/** Figures are the office's working material: never cached, downloaded as attachments. */
function download(reply: FastifyReply, type: string, file: FileDownload): Buffer {
  reply.header('Cache-Control', 'no-store');
  reply.type(type);
  reply.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  return file.body;
}

@ApiTags('stats')
@ApiBearerAuth()
@Roles('officer', 'approver')
@Controller('api/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('annual')
  @ApiOperation({ summary: '年度统计：分级分类、举报、违规、约谈、措施、黑名单、编辑人员备案和培训' })
  annual(@Query() q: AnnualFiguresQuery) {
    return this.stats.annual(q.year);
  }

  @Get('annual.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: '年度统计工作簿（每表一个工作表）' })
  async annualWorkbook(@Query() q: AnnualFiguresQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return download(reply, XLSX_TYPE, await this.stats.annualWorkbook(q.year));
  }

  @Get('annual-report.docx')
  @ApiProduces(DOCX_TYPE)
  @ApiOperation({ summary: '年度行政执法总体情况报告（Word，问题和工作打算部分待办公室编辑）' })
  async annualReport(@Query() q: AnnualFiguresQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return download(reply, DOCX_TYPE, await this.stats.annualReport(q.year));
  }

  @Get('campaign')
  @ApiOperation({ summary: '专项行动情况汇总表：按违法违规类别统计责令整改、行政约谈、行政处罚、移交公安' })
  campaign(@Query() q: CampaignQuery) {
    return this.stats.campaign(q.from, q.to);
  }

  @Get('campaign.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: '专项行动情况汇总表工作簿' })
  async campaignWorkbook(@Query() q: CampaignQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return download(reply, XLSX_TYPE, await this.stats.campaignWorkbook(q.from, q.to));
  }
}
