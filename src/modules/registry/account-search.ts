import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { MediaAccount } from './account.entity.js';
import type { Platform } from './registry.constants.js';
import { PUBLIC_ACCOUNT_STATES } from './registry.views.js';

/** `%q%` for LIKE with `!` as the escape character (one character in both SQLite and MySQL literals). */
export function likeContains(q: string): string {
  return `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

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
 * The public lookup's query, kept in one method so a full-text strategy (a later issue) can replace
 * it without touching the callers. Today: LIKE on the account name, Chinese included.
 */
@Injectable()
export class AccountSearch {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async searchPublic(s: PublicSearch): Promise<{ items: MediaAccount[]; total: number }> {
    const qb = this.dataSource
      .getRepository(MediaAccount)
      .createQueryBuilder('a')
      .where('a.status IN (:...states)', { states: [...PUBLIC_ACCOUNT_STATES] })
      .andWhere('a.filingNo IS NOT NULL');
    if (s.platform) qb.andWhere('a.platform = :platform', { platform: s.platform });
    const q = s.q?.trim();
    if (q) whereContains(qb, ['a.name'], q);
    qb.orderBy('a.filedAt', 'DESC').addOrderBy('a.filingNo', 'DESC').skip((s.page - 1) * s.pageSize).take(s.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }
}
