import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { OfficialDocuments } from '../../common/documents/official-documents.js';
import { IdParam } from '../../common/http/id-param.js';
import { sendDocument } from '../../common/documents/document-reply.js';
import { MeasureQuery, MeasureReplyDto, ProposeMeasureDto, RejectMeasureDto } from './dto/measure.dto.js';
import { MeasuresService } from './measures.service.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';

@ApiTags('measures')
@ApiBearerAuth()
@Controller('api/measures')
export class MeasuresController {
  constructor(
    private readonly measures: MeasuresService,
    private readonly docs: OfficialDocuments,
  ) {}

  @Post()
  @Roles('officer')
  propose(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @Body() dto: ProposeMeasureDto) {
    return this.measures.propose(actor, user, dto);
  }

  /** `?status=proposed` is the approvers' queue (oldest first). */
  @Get()
  @Roles('officer', 'approver')
  list(@Query() q: MeasureQuery) {
    return this.measures.list(q);
  }

  @Get(':id')
  @Roles('officer', 'approver')
  get(@IdParam() id: string) {
    return this.measures.get(id);
  }

  /** A letter as a printable page, or with the `.docx` suffix as Word: upper-request, police, press, culture. */
  @Get(':id/letters/:letter')
  @Roles('officer', 'approver')
  @ApiProduces('text/html', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  async letter(@IdParam() id: string, @Param('letter') letter: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const docx = letter.endsWith('.docx');
    const doc = await this.measures.letter(id, docx ? letter.slice(0, -'.docx'.length) : letter);
    return sendDocument(this.docs, reply, doc, docx ? 'docx' : 'html');
  }

  @Post(':id/approve')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.measures.approve(actor, user, id);
  }

  @Post(':id/reject')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: RejectMeasureDto) {
    return this.measures.reject(actor, user, id, dto);
  }

  @Post(':id/reply')
  @Roles('officer')
  @HttpCode(200)
  reply(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: MeasureReplyDto) {
    return this.measures.reply(actor, id, dto);
  }
}
