import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { CycleCloser } from './cycle-closer.js';
import { AssignDto, CreateCycleDto, CycleListQuery, ResultListQuery } from './dto/evaluation.dto.js';
import { EvaluationCyclesService } from './evaluation-cycles.service.js';
import { EvaluationResultsService } from './evaluation-results.service.js';
import { XLSX_TYPE } from '../../common/documents/document-reply.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';

/** The annual evaluation cycles (api.md "Annual evaluation"): the office runs them, the approver publishes. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/evaluation-cycles')
export class EvaluationCyclesController {
  constructor(
    private readonly cycles: EvaluationCyclesService,
    private readonly closer: CycleCloser,
    private readonly results: EvaluationResultsService,
  ) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: '建立年度评议（草稿），可设五个维度的权重（整数，合计100）' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCycleDto) {
    return this.cycles.create(actor, dto);
  }

  @Get()
  @Roles('officer', 'approver')
  list(@Query() q: CycleListQuery) {
    return this.cycles.list(q);
  }

  @Get(':id')
  @Roles('officer', 'approver')
  get(@IdParam() id: string) {
    return this.cycles.get(id);
  }

  @Post(':id/open')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: '启动评议：草稿 → 已启动' })
  open(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.cycles.open(actor, id);
  }

  @Post(':id/assignments')
  @Roles('officer')
  @ApiOperation({ summary: '为每个已备案账号分配评议人员（≥3名，≥2个组织，回避相关单位，任务均衡）：→ 评分中；409 评议人员不足' })
  assign(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AssignDto) {
    return this.cycles.assign(actor, id, dto);
  }

  @Post(':id/close')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: '结束评分并计算每个账号的结果和评分异常的评议人员；仍有未评分任务时 409' })
  close(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.closer.close(actor, id);
  }

  @Post(':id/publish')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  @ApiOperation({ summary: '批准公布（不得是结束计算的本人）：写入账号等级并按年度公开' })
  publish(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.results.publish(actor, user, id);
  }

  @Get(':id/results')
  @Roles('officer', 'approver')
  resultList(@IdParam() id: string, @Query() q: ResultListQuery) {
    return this.results.results(id, q);
  }

  @Get(':id/results.xlsx')
  @Roles('officer', 'approver')
  @ApiProduces(XLSX_TYPE)
  async resultWorkbook(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { fileName, stream } = await this.results.workbook(id);
    reply.header('Cache-Control', 'no-store');
    reply.type(XLSX_TYPE);
    reply.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return stream;
  }

  @Get(':id/results/:accountId')
  @Roles('officer', 'approver')
  @ApiOperation({ summary: '一个账号的结果及各评议人员的评分（仅限网信办）' })
  result(@IdParam() id: string, @IdParam('accountId') accountId: string) {
    return this.results.result(id, accountId);
  }

  @Get(':id/flags')
  @Roles('officer')
  @ApiOperation({ summary: '评分偏离他人两个标准差以上的评议人员（按维度）' })
  flags(@IdParam() id: string, @Query() q: PageQuery) {
    return this.results.flags(id, q);
  }

  @Get(':id/commendations')
  @Roles('officer', 'approver')
  @ApiOperation({ summary: '已公布年度中评为优秀（A）的账号，供表扬（§04.5）' })
  commendations(@IdParam() id: string, @Query() q: PageQuery) {
    return this.results.commendations(id, q);
  }
}
