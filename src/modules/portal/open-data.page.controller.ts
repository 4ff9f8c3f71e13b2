import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators.js';
import { OPEN_DATASETS } from '../open-data/datasets.js';
import { PageContext, type PageRequest } from './page-context.js';

/** /open-data: the datasets, their downloads and their field dictionaries. */
@ApiExcludeController()
@Public()
@Controller()
export class OpenDataPageController {
  constructor(private readonly page: PageContext) {}

  @Get('open-data')
  index(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.page.render(req, reply, 'open-data/index', {
      title: '开放数据',
      datasets: OPEN_DATASETS.map((d) => ({ ...d, anchor: `dataset-${d.name}`, csvHref: `${d.path}.csv`, jsonHref: `${d.path}.json` })),
    });
  }
}
