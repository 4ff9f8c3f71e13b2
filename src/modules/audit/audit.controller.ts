import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../../common/auth/decorators.js';
import { pageOf, PageQuery } from '../../common/http/pagination.js';
import { AuditService } from './audit.service.js';
import type { AuditEntry } from './audit-entry.entity.js';

class AuditListQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @IsOptional() @IsString() @MaxLength(48) entityType?: string;
  @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @Type(() => Date) @IsDate({ message: '应为日期时间' }) from?: Date;
  @IsOptional() @Type(() => Date) @IsDate({ message: '应为日期时间' }) to?: Date;
}

export function auditEntryView(e: AuditEntry) {
  return {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actor: e.actorName,
    role: e.role,
    action: e.action,
    entity: e.entityType,
    entityId: e.entityId,
    before: e.before ? JSON.parse(e.before) : null,
    after: e.after ? JSON.parse(e.after) : null,
    sourceAddress: e.sourceIp,
    hash: e.hash,
  };
}

/** The auditor reads and verifies the trail, and nothing else. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@Query() q: AuditListQuery) {
    const { items, total } = await this.audit.list(q);
    return pageOf(items.map(auditEntryView), total, q);
  }

  @Get('verify')
  async verify() {
    const r = await this.audit.verify();
    if (r.valid) return r;
    return {
      valid: false,
      entries: r.entries,
      firstBroken: { seq: r.firstBroken.seq, reason: r.firstBroken.reason, entry: r.firstBroken.entry ? auditEntryView(r.firstBroken.entry) : null },
    };
  }
}
