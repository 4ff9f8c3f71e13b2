import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { MediaAccount } from './account.entity.js';
import type { Platform } from './registry.constants.js';
import { PUBLIC_ACCOUNT_STATES } from './registry.views.js';
import { likeContains, nameSearchFor, type NameSearchStrategy } from '../../database/search/name-search.strategy.js';

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

/**
 * The public lookup's query, kept in one method so the callers never see how "the name contains q"
 * is answered: by the dialect's NameSearchStrategy (src/database/search; docs/decisions.md "Search").
 */
@Injectable()
export class AccountSearch {
  private readonly names: NameSearchStrategy;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.names = nameSearchFor(dataSource);
  }

  async searchPublic(s: PublicSearch): Promise<{ items: MediaAccount[]; total: number }> {
    const [items, total] = await this.publicQuery(s).getManyAndCount();
    return { items, total };
  }

  /** The query searchPublic runs (bench/lookup.ts gives its SQL to the bare server). */
  publicQuery(s: PublicSearch): SelectQueryBuilder<MediaAccount> {
    const qb = this.dataSource
      .getRepository(MediaAccount)
      .createQueryBuilder('a')
      .where('a.status IN (:...states)', { states: [...PUBLIC_ACCOUNT_STATES] })
      .andWhere('a.filingNo IS NOT NULL');
    if (s.platform) qb.andWhere('a.platform = :platform', { platform: s.platform });
    const q = s.q?.trim();
    if (q) this.names.restrict(qb, 'a', q);
    return qb.orderBy('a.filedAt', 'DESC').addOrderBy('a.filingNo', 'DESC').skip((s.page - 1) * s.pageSize).take(s.pageSize);
  }
}
