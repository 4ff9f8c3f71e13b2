import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, MoreThan } from 'typeorm';
import type { Actor } from '../../common/auth/roles.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { AuditEntry, AuditHead } from './audit-entry.entity.js';
import { type ChainBreak, chainChecker, entryHash, GENESIS_HASH } from './audit-chain.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  /** Plain objects; personal data must already be masked by the caller. */
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

const HEAD_ID = 1;

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /**
   * Appends one entry in the caller's transaction (so a failed audit write rolls the change back).
   * The head row is locked: appends are serialised and the chain cannot fork.
   */
  async record(manager: EntityManager, actor: Actor, change: AuditChange): Promise<AuditEntry> {
    const table = manager.getRepository(AuditHead).metadata.tableName;
    await this.uow.ensureRow(manager, table, { id: HEAD_ID }, { id: HEAD_ID, seq: 0, hash: GENESIS_HASH });
    const head = (await this.uow.findForUpdate(manager, AuditHead, { where: { id: HEAD_ID } }))!;
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const fields = {
      seq: head.seq + 1,
      at,
      actorId: actor.userId,
      actorName: actor.username.slice(0, 64),
      role: actor.role,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
      after: change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
      sourceIp: actor.ip,
      prevHash: head.hash,
    };
    const entry = manager.create(AuditEntry, { ...fields, hash: entryHash(fields) });
    await manager.insert(AuditEntry, entry);
    await manager.update(AuditHead, { id: HEAD_ID }, { seq: entry.seq, hash: entry.hash });
    return entry;
  }

  /** Records an event that changes no business row (a login, a failed login) in its own transaction. */
  recordAlone(actor: Actor, change: AuditChange): Promise<AuditEntry> {
    return this.uow.run((m) => this.record(m, actor, change));
  }

  async list(q: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (q.actorId) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.at <= :to', { to: q.to });
    qb.orderBy('a.seq', 'DESC').skip((q.page - 1) * q.pageSize).take(q.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Walks the whole chain in pages of 1,000: memory stays flat however long the trail. */
  async verify(): Promise<{ valid: true; entries: number } | { valid: false; entries: number; firstBroken: ChainBreak & { entry: AuditEntry | null } }> {
    const repo = this.dataSource.getRepository(AuditEntry);
    const checker = chainChecker();
    let lastSeq = 0;
    for (;;) {
      const page = await repo.find({ where: { seq: MoreThan(lastSeq) }, order: { seq: 'ASC' }, take: 1000 });
      for (const e of page) {
        const broken = checker.feed(e);
        if (broken) return this.broken(broken, checker.count);
      }
      if (page.length < 1000) break;
      lastSeq = page[page.length - 1].seq;
    }
    const head = await this.dataSource.getRepository(AuditHead).findOne({ where: { id: HEAD_ID } });
    const end = checker.finish(head);
    if (end) return this.broken(end, checker.count);
    return { valid: true, entries: checker.count };
  }

  private async broken(b: ChainBreak, entries: number) {
    const entry = await this.dataSource.getRepository(AuditEntry).findOne({ where: { seq: b.seq } });
    return { valid: false as const, entries, firstBroken: { ...b, entry } };
  }
}
