import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentActor, CurrentUser, Public, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { OfficialDocuments } from '../../common/documents/official-documents.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { DOCX_TYPE, sendDocument } from '../../common/documents/document-reply.js';
import type { BlacklistDocumentKind } from './blacklist-documents.js';
import { BlacklistEarlyExit } from './blacklist-early-exit.js';
import { BlacklistExpiry } from './blacklist-expiry.js';
import { BlacklistService } from './blacklist.service.js';
import { DefenceDto, ExitQuery, ListingQuery, ProposeExitDto, ProposeListingDto, RejectListingDto } from './dto/blacklist.dto.js';
import { Idempotent } from '../../common/idempotency/idempotent.decorator.js';

/** Who may read an entry and its documents; the service narrows operators to their own accounts' (else 404). */
const READERS = ['officer', 'approver', 'operator'] as const;

@ApiTags('blacklist')
@ApiBearerAuth()
@Controller('api/blacklist')
export class BlacklistController {
  constructor(
    private readonly blacklist: BlacklistService,
    private readonly earlyExit: BlacklistEarlyExit,
    private readonly expiry: BlacklistExpiry,
    private readonly docs: OfficialDocuments,
  ) {}

  /** Accounts for which R1 or R2 holds now, with the facts (accounts with an open proposal or listing excluded). */
  @Get('candidates')
  @Roles('officer')
  candidates() {
    return this.blacklist.candidates();
  }

  /** The operator's notices: its accounts' proposals and listings, newest first. */
  @Get('notices')
  @Roles('operator')
  notices(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    return this.blacklist.notices(user, q);
  }

  /** Early-exit proposals; `?status=proposed` is the approvers' queue (oldest first). */
  @Get('exits')
  @Roles('officer', 'approver')
  exits(@Query() q: ExitQuery) {
    return this.blacklist.exits(q);
  }

  /** Accounts under joint restriction (listed twice or more in 3 years, §03.5), for partner departments. */
  @Get('joint-restrictions.csv')
  @Roles('officer')
  @ApiProduces('text/csv')
  async jointRestrictions(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('Cache-Control', 'no-store');
    reply.type('text/csv; charset=utf-8');
    reply.header('Content-Disposition', 'attachment; filename="joint-restrictions.csv"');
    return this.blacklist.jointRestrictionsCsv();
  }

  /** Runs the expiry sweep now (it also runs every 10 minutes): `{ran, ended}`; ran=false when another process holds the lease. */
  @Post('sweep')
  @Roles('officer')
  @HttpCode(200)
  sweep() {
    return this.expiry.runSweep();
  }

  /** `?ready=true`: proposals an approver may decide now (oldest first). */
  @Get()
  @Roles('officer', 'approver')
  list(@Query() q: ListingQuery) {
    return this.blacklist.list(q);
  }

  @Post()
  @Roles('officer')
  propose(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @Body() dto: ProposeListingDto) {
    return this.blacklist.propose(actor, user, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  get(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.blacklist.get(user, id);
  }

  /** 拟列入黑名单告知书 as a printable page. */
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

  /** 列入黑名单决定书 (404 until listed). */
  @Get(':id/decision')
  @Roles(...READERS)
  @ApiProduces('text/html')
  decision(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'decision', 'html', reply);
  }

  @Get(':id/decision.docx')
  @Roles(...READERS)
  @ApiProduces(DOCX_TYPE)
  decisionDocx(@CurrentUser() user: AuthUser, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document(user, id, 'decision', 'docx', reply);
  }

  @Post(':id/defence')
  @Roles('operator')
  @HttpCode(200)
  defend(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: DefenceDto) {
    return this.blacklist.defend(actor, user, id, dto);
  }

  @Post(':id/approve')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  approve(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.blacklist.approve(actor, user, id);
  }

  @Post(':id/reject')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  reject(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: RejectListingDto) {
    return this.blacklist.reject(actor, user, id, dto);
  }

  /** An officer proposes ending the listing early (§03.5); an approver decides with /end/approve or /end/reject. */
  @Post(':id/end')
  @Roles('officer')
  proposeExit(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: ProposeExitDto) {
    return this.earlyExit.proposeExit(actor, user, id, dto);
  }

  @Post(':id/end/approve')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  approveExit(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.earlyExit.approveExit(actor, user, id);
  }

  @Post(':id/end/reject')
  @Idempotent()
  @Roles('approver')
  @HttpCode(200)
  rejectExit(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: RejectListingDto) {
    return this.earlyExit.rejectExit(actor, user, id, dto);
  }

  private async document(user: AuthUser, id: string, kind: BlacklistDocumentKind, format: 'html' | 'docx', reply: FastifyReply) {
    return sendDocument(this.docs, reply, await this.blacklist.document(user, id, kind), format);
  }
}

/** The public blacklist: listings in force, with their basis and dates (§03.5; domain.md "Blacklist"). */
@ApiTags('public')
@Controller('api/public/blacklist')
export class PublicBlacklistController {
  constructor(private readonly blacklist: BlacklistService) {}

  @Get()
  @Public()
  @RateLimit('public')
  list(@Query() q: PageQuery) {
    return this.blacklist.publicList(q);
  }
}

/** An account's credit for officers: listings, whether one is in force, the joint restriction (§03.5). */
@ApiTags('blacklist')
@ApiBearerAuth()
@Controller('api/accounts')
export class AccountCreditController {
  constructor(private readonly blacklist: BlacklistService) {}

  @Get(':id/credit')
  @Roles('officer')
  credit(@CurrentUser() user: AuthUser, @IdParam() id: string) {
    return this.blacklist.accountCredit(user, id);
  }
}
