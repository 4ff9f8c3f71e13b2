import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, MoreThanOrEqual } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { AppException } from '../../common/errors/app.exception.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { policyRef } from '../../policy/policy-table.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { MediaAccount } from '../registry/account.entity.js';
import type { RecordViolationDto } from './dto/violation.dto.js';
import {
  CORRECTION_CATEGORIES,
  VIOLATION_CATEGORY_LABELS,
  VIOLATION_SOURCE_LABELS,
} from './violation-categories.js';
import { Violation } from './violation.entity.js';

export function violationView(v: Violation) {
  return {
    id: v.id,
    accountId: v.accountId,
    category: v.category,
    categoryLabel: VIOLATION_CATEGORY_LABELS[v.category],
    source: v.source,
    sourceLabel: VIOLATION_SOURCE_LABELS[v.source],
    facts: v.facts,
    occurredAt: v.occurredAt,
    reportId: v.reportId,
    correctionRequired: v.correctionRequired,
    citation: v.citation,
    policyVersion: v.policyVersion,
    createdAt: v.createdAt,
  };
}

/** Violations: recorded from reports, inspections, upper-level and platform notices; one history per account. */
@Injectable()
export class ViolationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** The account if the user may see it: operators their own, officers and approvers all (404 otherwise). */
  async visibleAccount(user: AuthUser, accountId: string): Promise<MediaAccount> {
    const account = await this.dataSource.getRepository(MediaAccount).findOne({ where: { id: accountId } });
    if (!account) throw AppException.notFound('账号');
    if (user.role === 'operator' && account.ownerId !== user.id) throw AppException.notFound('账号');
    if (!['operator', 'officer', 'approver'].includes(user.role)) throw AppException.forbidden();
    return account;
  }

  /** Records a violation inside the caller's transaction (a substantiated report, or a direct record). */
  async recordInTx(
    m: EntityManager,
    actor: Actor,
    accountId: string,
    input: RecordViolationDto,
    reportId: string | null = null,
  ): Promise<Violation> {
    if (input.occurredAt > beijingDate()) throw AppException.field('occurredAt', 'future_date', '发生日期不能晚于今天');
    const ref = policyRef('blacklistViolationThreshold');
    const violation = m.create(Violation, {
      accountId,
      category: input.category,
      source: input.source,
      facts: input.facts.trim(),
      occurredAt: input.occurredAt,
      reportId,
      recordedBy: actor.userId ?? 'system',
      correctionRequired: input.correctionRequired ?? CORRECTION_CATEGORIES.includes(input.category),
      citation: input.category.startsWith('C') ? '§02.2' : `§02.${input.category.slice(2)}`,
      policyVersion: ref.policyVersion,
    });
    await m.save(violation);
    await this.audit.record(m, actor, {
      action: 'violation.record',
      entityType: 'violation',
      entityId: violation.id,
      after: { accountId, category: violation.category, source: violation.source, occurredAt: violation.occurredAt, reportId },
    });
    return violation;
  }

  async record(actor: Actor, user: AuthUser, accountId: string, input: RecordViolationDto) {
    await this.visibleAccount(user, accountId);
    if (input.source === 'report') {
      throw AppException.field('source', 'use_report', '来自举报的违规请在举报核查中认定');
    }
    return violationView(await this.uow.run((m) => this.recordInTx(m, actor, accountId, input)));
  }

  async listForAccount(user: AuthUser, accountId: string, q: { page: number; pageSize: number }) {
    await this.visibleAccount(user, accountId);
    const [rows, total] = await this.dataSource.getRepository(Violation).findAndCount({
      where: { accountId },
      order: { occurredAt: 'DESC', createdAt: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: rows.map(violationView), total, page: q.page, pageSize: q.pageSize };
  }

  /** Substantiated violations of an account on or after a date (blacklist rule R1, evaluation deductions). */
  countSince(accountId: string, sinceDate: string): Promise<number> {
    return this.dataSource.getRepository(Violation).count({ where: { accountId, occurredAt: MoreThanOrEqual(sinceDate) } });
  }
}
