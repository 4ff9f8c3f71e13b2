import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { asDate, DirectQuery, type Row } from '../../database/direct-query.js';
import { likeContains, type ListedMatches, nameIndexGeneration, nameSearchFor, type NameSearchStrategy } from '../../database/search/name-search.strategy.js';
import { MediaAccount } from './account.entity.js';
import type { Platform } from './registry.constants.js';
import { PUBLIC_ACCOUNT_STATES, publicAccountView, type PublicAccountView } from './registry.views.js';
import { Subject } from './subject.entity.js';

export { likeContains };

/** Adds "column contains q" (escaped) for any of the columns. */
export function whereContains<T extends object>(qb: SelectQueryBuilder<T>, columns: string[], q: string, param = 'q'): SelectQueryBuilder<T> {
  const clause = columns.map((c) => `${c} LIKE :${param} ESCAPE '!'`).join(' OR ');
  return qb.andWhere(`(${clause})`, { [param]: likeContains(q) });
}

export interface PublicSearch {
  q?: string;
  platform?: Platform;
  page: number;
  pageSize: number;
}

/** How long the public search remembers a query's plan and total (changes made here end it at once). */
export const SEARCH_MEMORY_MS = 30_000;

/** What the public views need of an account and its subject, in one row. */
export const PUBLIC_COLUMNS = 'a.filingNo, a.name, a.platform, a.category, a.status, a.grade, a.filedAt, a.subjectId, s.name AS subjectName, s.kind AS subjectKind';
const STATES_SQL = PUBLIC_ACCOUNT_STATES.map((s) => `'${s}'`).join(', ');
/** The public lookup: one statement, the account and its subject by filing number. */
export const PUBLIC_LOOKUP_SQL = `SELECT ${PUBLIC_COLUMNS} FROM media_account a LEFT JOIN subject s ON s.id = a.subjectId WHERE a.filingNo = ? AND a.status IN (${STATES_SQL})`;

/** A row of PUBLIC_COLUMNS as the public view (the bare server of bench/ uses it too). */
export function publicViewOfRow(r: Row): PublicAccountView {
  const account = { ...r, filedAt: asDate(r.filedAt) } as unknown as MediaAccount;
  const subject = r.subjectKind ? ({ name: r.subjectName, kind: r.subjectKind } as Pick<Subject, 'name' | 'kind'>) : null;
  return publicAccountView(account, subject);
}

/**
 * The public lookup and search. Both are the portal's hottest reads, so they run plain SQL on the
 * driver (DirectQuery) and build the view from one row each; the search drives from the name index
 * (docs/decisions.md "Search"), which carries the listing and the order itself.
 */
@Injectable()
export class AccountSearch {
  private readonly names: NameSearchStrategy;
  private readonly direct: DirectQuery;
  /**
   * A query's plan (the probe's gram order) and total, kept for SEARCH_MEMORY_MS and only while this
   * process has not changed the name index since: a repeated search runs the page alone. Another
   * process's changes show within SEARCH_MEMORY_MS (docs/decisions.md "Search").
   */
  private readonly recent = new LRUCache<string, { generation: number; matches: ListedMatches | null; total: number }>({ max: 10_000, ttl: SEARCH_MEMORY_MS });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.names = nameSearchFor(dataSource);
    this.direct = new DirectQuery(dataSource);
  }

  async lookup(filingNo: string): Promise<PublicAccountView | null> {
    const [row] = await this.direct.rows(PUBLIC_LOOKUP_SQL, [filingNo]);
    return row ? publicViewOfRow(row) : null;
  }

  async searchPublic(s: PublicSearch): Promise<{ items: PublicAccountView[]; total: number }> {
    const q = s.q?.trim();
    if (q) {
      const key = `${q}\u0000${s.platform ?? ''}`;
      const generation = nameIndexGeneration();
      let known = this.recent.get(key);
      if (known?.generation !== generation) known = undefined;
      const indexed = known?.matches ?? (await this.names.listedMatches(this.direct, q, { platform: s.platform }));
      if (indexed) {
        if (indexed.empty) {
          if (!known) this.recent.set(key, { generation, matches: indexed, total: 0 });
          return { items: [], total: 0 };
        }
        const offset = (s.page - 1) * s.pageSize;
        const [rows, total] = await Promise.all([
          this.direct.rows(`SELECT ${PUBLIC_COLUMNS} ${indexed.from} LEFT JOIN subject s ON s.id = a.subjectId ${indexed.where} ORDER BY ${indexed.orderBy} LIMIT ? OFFSET ?`, [
            ...indexed.params,
            s.pageSize,
            offset,
          ]),
          known ? known.total : this.direct.rows(`SELECT COUNT(*) AS n ${indexed.countFrom} ${indexed.where}`, indexed.params).then((r) => Number(r[0].n)),
        ]);
        if (!known) this.recent.set(key, { generation, matches: indexed, total });
        return { items: rows.map(publicViewOfRow), total };
      }
    }
    // No query, or one character (no gram): the account table itself.
    const [accounts, total] = await this.publicQuery(s, q).getManyAndCount();
    const subjectIds = [...new Set(accounts.map((a) => a.subjectId))];
    const subjects = subjectIds.length ? await this.dataSource.manager.find(Subject, { where: { id: In(subjectIds) }, select: { id: true, name: true, kind: true } }) : [];
    const byId = new Map(subjects.map((x) => [x.id, x]));
    return { items: accounts.map((a) => publicAccountView(a, byId.get(a.subjectId))), total };
  }

  private publicQuery(s: PublicSearch, q: string | undefined): SelectQueryBuilder<MediaAccount> {
    const qb = this.dataSource
      .getRepository(MediaAccount)
      .createQueryBuilder('a')
      .where('a.status IN (:...states)', { states: [...PUBLIC_ACCOUNT_STATES] })
      .andWhere('a.filingNo IS NOT NULL');
    if (s.platform) qb.andWhere('a.platform = :platform', { platform: s.platform });
    if (q) this.names.restrict(qb, 'a', q);
    return qb.orderBy('a.filedAt', 'DESC').addOrderBy('a.filingNo', 'DESC').skip((s.page - 1) * s.pageSize).take(s.pageSize);
  }
}
