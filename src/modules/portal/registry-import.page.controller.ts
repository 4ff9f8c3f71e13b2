import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Roles } from '../../common/auth/decorators.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { formErrorsFrom } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { IMPORT_COLUMNS } from '../registry-import/import-columns.js';
import { IMPORTS_PATH } from '../registry-import/import.views.js';
import { RegistryImportService } from '../registry-import/registry-import.service.js';
import { receiveUpload } from '../registry-import/upload-request.js';
import { statusOf } from './enforcement-views.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

const PAGE = '/officer/imports';

/**
 * 批量导入备案数据 for officers: the upload form (multipart; its CSRF token rides in the form's
 * action URL because the check runs before the body is read), the past imports with their counts,
 * and the links to the template and to each batch's rejected-rows report.
 */
@ApiExcludeController()
@Roles('officer')
@Controller()
export class RegistryImportPageController {
  constructor(
    private readonly page: PageContext,
    private readonly imports: RegistryImportService,
  ) {}

  @Get('officer/imports')
  desk(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.render(req, reply, query, [], 200);
  }

  @Post('officer/imports')
  async upload(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    try {
      const batch = await this.imports.importFile(actorOf(req), req.user!, await receiveUpload(req, this.imports.fileLimit));
      return this.page.redirect(reply, `${PAGE}?done=${batch.id}`);
    } catch (e) {
      return this.render(req, reply, {}, formErrorsFrom(e), statusOf(e, 500));
    }
  }

  private async render(req: PageRequest, reply: FastifyReply, query: Record<string, unknown>, errors: ErrorDetail[], status: number) {
    const q = listQuery(query);
    const batches = await this.imports.list(q);
    const doneId = typeof query.done === 'string' ? query.done : null;
    const done = doneId ? (batches.items.find((b) => b.id === doneId) ?? null) : null;
    const limitMb = Math.round(this.imports.fileLimit / 1024 / 1024);
    return this.page.render(
      req,
      reply,
      'officer/imports',
      {
        title: '批量导入备案数据',
        deskNav: deskNavFor(req.user?.role, req.url),
        form: { values: {}, errors },
        batches,
        done,
        query: {},
        limitMb,
        columns: IMPORT_COLUMNS,
        templateCsv: `${IMPORTS_PATH}/template.csv`,
        templateXlsx: `${IMPORTS_PATH}/template.xlsx`,
      },
      status,
    );
  }
}
