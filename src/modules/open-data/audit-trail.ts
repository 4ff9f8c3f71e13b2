import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../../common/auth/roles.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { auditActionLabel, auditEntityLabel } from './audit-labels.js';
import { beijingIso, type ExportFormat, type ExportRow, keysetPages } from './export-stream.js';

export interface AuditSearch {
  /** A user name or a user id. */
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** Beijing dates, both included. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  role: string;
  action: string;
  actionLabel: string;
  entityType: string;
  entityLabel: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  sourceIp: string | null;
}

/** Beijing dates → the instants [from, until) they cover. */
export function dayRange(from?: string, to?: string): { from: Date | null; until: Date | null } {
  return {
    from: from ? new Date(`${from}T00:00:00+08:00`) : null,
    until: to ? new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000) : null,
  };
}

function parsed(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/**
 * The auditor's search over the trail (by actor name or id, object, action, dates) and the export of
 * a range, streamed in keyset pages by sequence number. An export is itself audited (audit.export).
 */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private filtered(q: Omit<AuditSearch, 'page' | 'pageSize'>): SelectQueryBuilder<AuditEntry> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (q.actor) qb.andWhere('(a.actorName = :actor OR a.actorId = :actor)', { actor: q.actor });
    if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    const { from, until } = dayRange(q.from, q.to);
    if (from) qb.andWhere('a.at >= :from', { from });
    if (until) qb.andWhere('a.at < :until', { until });
    return qb;
  }

  async search(q: AuditSearch): Promise<{ items: AuditRow[]; total: number }> {
    const [rows, total] = await this.filtered(q)
      .orderBy('a.seq', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((e) => this.row(e)), total };
  }

  row(e: AuditEntry): AuditRow {
    return {
      seq: e.seq,
      at: e.at,
      actorId: e.actorId,
      actorName: e.actorName,
      role: e.role,
      action: e.action,
      actionLabel: auditActionLabel(e.action),
      entityType: e.entityType,
      entityLabel: auditEntityLabel(e.entityType),
      entityId: e.entityId,
      before: parsed(e.before),
      after: parsed(e.after),
      sourceIp: e.sourceIp,
    };
  }

  /**
   * Starts an export: records it in the trail first (so an export cannot go unnoticed), then answers
   * the entries of the range up to and including that record, in sequence order.
   */
  async export(actor: Actor, format: ExportFormat, range: { from?: string; to?: string }): Promise<{ lastSeq: number; pages: AsyncGenerator<ExportRow[]> }> {
    const entry = await this.audit.recordAlone(actor, {
      action: 'audit.export',
      entityType: 'audit',
      entityId: null,
      after: { format, from: range.from ?? null, to: range.to ?? null },
    });
    return { lastSeq: entry.seq, pages: this.pages(range, entry.seq) };
  }

  private async *pages(range: { from?: string; to?: string }, lastSeq: number): AsyncGenerator<ExportRow[]> {
    const pages = keysetPages(
      (after, limit) => {
        const qb = this.filtered(range).andWhere('a.seq <= :lastSeq', { lastSeq });
        if (after !== null) qb.andWhere('a.seq > :after', { after: Number(after) });
        return qb.orderBy('a.seq', 'ASC').limit(limit).getMany();
      },
      (e) => String(e.seq),
    );
    for await (const page of pages) {
      yield page.map((e) => ({
        seq: e.seq,
        at: beijingIso(e.at),
        actorId: e.actorId,
        actor: e.actorName,
        role: e.role,
        action: e.action,
        actionLabel: auditActionLabel(e.action),
        entityType: e.entityType,
        entityId: e.entityId,
        // The JSON text as stored and hashed: the export can be checked against the chain outside.
        before: e.before,
        after: e.after,
        sourceAddress: e.sourceIp,
        prevHash: e.prevHash,
        hash: e.hash,
      }));
    }
  }
}
