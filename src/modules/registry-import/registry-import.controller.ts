import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { CSV_CONTENT_TYPE } from '../../common/csv.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { XLSX_TYPE } from '../../common/documents/document-reply.js';
import { rejectionsCsv, rejectionsXlsx, templateCsv, templateXlsx } from './import-reports.js';
import { RegistryImportService } from './registry-import.service.js';
import { receiveUpload } from './upload-request.js';

/** The office's working files: never cached, downloaded as attachments (ASCII names; the page shows the Chinese ones). */
function attachment(reply: FastifyReply, type: string, fileName: string): FastifyReply {
  reply.header('Cache-Control', 'no-store');
  reply.type(type);
  reply.header('Content-Disposition', `attachment; filename="${fileName}"`);
  return reply;
}

/** 批量导入: the existing registry from .csv (UTF-8) or .xlsx, for the office's officers. */
@ApiTags('registry-import')
@ApiBearerAuth()
@Roles('officer')
@Controller('api/registry/imports')
export class RegistryImportController {
  constructor(private readonly imports: RegistryImportService) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '.csv（UTF-8，可带BOM）或 .xlsx，表头见导入模板' } } } })
  @ApiOperation({ summary: '上传备案数据文件并导入：逐行校验，合格的行在一个事务中全部导入，不合格的行列入未导入报告' })
  async upload(@Req() req: FastifyRequest, @CurrentActor() actor: Actor, @CurrentUser() user: AuthUser) {
    return this.imports.importFile(actor, user, await receiveUpload(req, this.imports.fileLimit));
  }

  @Get()
  @ApiOperation({ summary: '导入批次（最新的在前）' })
  list(@Query() q: PageQuery) {
    return this.imports.list(q);
  }

  @Get('template.csv')
  @ApiProduces(CSV_CONTENT_TYPE)
  @ApiOperation({ summary: '导入模板（CSV，UTF-8，表头为中文列名）' })
  template(@Res({ passthrough: true }) reply: FastifyReply) {
    attachment(reply, CSV_CONTENT_TYPE, 'registry-import-template.csv');
    return templateCsv();
  }

  @Get('template.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: '导入模板（Excel，含填写说明）' })
  async templateWorkbook(@Res({ passthrough: true }) reply: FastifyReply) {
    attachment(reply, XLSX_TYPE, 'registry-import-template.xlsx');
    return templateXlsx();
  }

  @Get(':id')
  @ApiOperation({ summary: '一个导入批次：状态和行数（读取 = 导入 + 未导入）' })
  one(@IdParam() id: string) {
    return this.imports.get(id);
  }

  @Get(':id/rejections.csv')
  @ApiProduces(CSV_CONTENT_TYPE)
  @ApiOperation({ summary: '未导入的行：行号、列、错误代码、原因（CSV）' })
  async rejectionsCsv(@IdParam() id: string, @Res() reply: FastifyReply) {
    await this.imports.find(id);
    return attachment(reply, CSV_CONTENT_TYPE, `registry-import-${id}-rejections.csv`).send(rejectionsCsv(this.imports.rejections(id)));
  }

  @Get(':id/rejections.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: '未导入的行（Excel）' })
  async rejectionsXlsx(@IdParam() id: string, @Res() reply: FastifyReply) {
    await this.imports.find(id);
    return attachment(reply, XLSX_TYPE, `registry-import-${id}-rejections.xlsx`).send(rejectionsXlsx(this.imports.rejections(id)));
  }
}
