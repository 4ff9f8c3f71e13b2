import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { OfficialDocuments } from '../../common/documents/official-documents.js';
import { IdParam } from '../../common/http/id-param.js';
import { DOCX_TYPE, sendDocument } from '../../common/documents/document-reply.js';
import {
  AssessmentDto,
  AssignAssessorDto,
  CreateInterviewDto,
  HoldInterviewDto,
  InterviewQuery,
  RectificationReportDto,
  RefusalDto,
} from './dto/interview.dto.js';
import type { InterviewDocumentKind } from './interview-documents.js';
import { InterviewsService } from './interviews.service.js';

/** Who may read an interview and its documents; the service narrows operators and evaluators to their own (404). */
const READERS = ['officer', 'approver', 'operator', 'evaluator'] as const;

@ApiTags('interviews')
@ApiBearerAuth()
@Controller('api/interviews')
export class InterviewsController {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly docs: OfficialDocuments,
  ) {}

  @Post()
  @Roles('officer')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInterviewDto) {
    return this.interviews.create(actor, dto);
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentUser() user: AuthUser, @Query() q: InterviewQuery) {
    return this.interviews.list(user, q);
  }

  /** Runs the overdue sweep now (it also runs every 10 minutes): `{failed, ran}`; ran=false when another process holds the lease. */
  @Post('sweep')
  @Roles('officer')
  @HttpCode(200)
  sweep() {
    return this.interviews.runSweep();
  }

  @Get(':id')
  @Roles(...READERS)
  get(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.interviews.get(user, id);
  }

  @Get(':id/notice')
  @Roles(...READERS)
  @ApiProduces('text/html')
  notice(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'notice', 'html', reply);
  }

  @Get(':id/notice.docx')
  @Roles(...READERS)
  @ApiProduces(DOCX_TYPE)
  noticeDocx(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'notice', 'docx', reply);
  }

  @Get(':id/minutes')
  @Roles(...READERS)
  @ApiProduces('text/html')
  minutes(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'minutes', 'html', reply);
  }

  @Get(':id/minutes.docx')
  @Roles(...READERS)
  @ApiProduces(DOCX_TYPE)
  minutesDocx(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'minutes', 'docx', reply);
  }

  @Get(':id/rectification-order')
  @Roles(...READERS)
  @ApiProduces('text/html')
  order(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'rectification-order', 'html', reply);
  }

  @Get(':id/rectification-order.docx')
  @Roles(...READERS)
  @ApiProduces(DOCX_TYPE)
  orderDocx(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'rectification-order', 'docx', reply);
  }

  @Post(':id/hold')
  @Roles('officer')
  @HttpCode(200)
  hold(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: HoldInterviewDto) {
    return this.interviews.hold(actor, id, dto);
  }

  @Post(':id/refusal')
  @Roles('officer')
  @HttpCode(200)
  refuse(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RefusalDto) {
    return this.interviews.refuse(actor, id, dto);
  }

  @Post(':id/rectifications')
  @Roles('operator')
  submitReport(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: RectificationReportDto) {
    return this.interviews.submitReport(actor, user, id, dto);
  }

  @Post(':id/assessor')
  @Roles('officer')
  @HttpCode(200)
  assignAssessor(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AssignAssessorDto) {
    return this.interviews.assignAssessor(actor, id, dto);
  }

  @Post(':id/assessment')
  @Roles('evaluator')
  @HttpCode(200)
  assess(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: AssessmentDto) {
    return this.interviews.assess(actor, user, id, dto);
  }

  private async document(user: AuthUser, id: string, kind: InterviewDocumentKind, format: 'html' | 'docx', reply: FastifyReply) {
    return sendDocument(this.docs, reply, await this.interviews.document(user, id, kind), format);
  }
}
