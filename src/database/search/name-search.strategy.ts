import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccountNameGram } from './account-name-gram.entity.js';
import { nameGrams, queryGrams } from './name-grams.js';

/** `%q%` for LIKE with `!` as the escape character (one character in both SQLite and MySQL literals). */
export function likeContains(q: string): string {
  return `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * "The name contains q" for a query, and the upkeep of whatever index serves it. Dialect-specific
 * search SQL lives behind this interface (style.md); the registry only calls `restrict`.
 */
export interface NameSearchStrategy {
  /** Adds the condition "alias.name contains q" (exact: LIKE semantics of the database). */
  restrict<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, q: string): SelectQueryBuilder<T>;
  /** Re-indexes one account's name, inside the caller's transaction. */
  reindex(m: EntityManager, accountId: string, name: string): Promise<void>;
  remove(m: EntityManager, accountId: string): Promise<void>;
}

/**
 * Bigram index kept by the application (account_name_gram): the same SQL on SQLite and on
 * MySQL/MariaDB, no plugin. The candidates are the accounts holding every gram of the query (the
 * rarest-looking is not guessed: the planner drives from the gram table's primary key); the LIKE
 * on the name then keeps only true substrings. One-character queries have no gram: LIKE alone.
 */
export class BigramNameSearch implements NameSearchStrategy {
  restrict<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, q: string): SelectQueryBuilder<T> {
    const grams = queryGrams(q);
    if (grams.length) {
      const joins = grams.slice(1).map((_, i) => `INNER JOIN account_name_gram ng${i + 1} ON ng${i + 1}.accountId = ng0.accountId AND ng${i + 1}.gram = :ng${i + 1}`);
      const params = Object.fromEntries(grams.map((g, i) => [`ng${i}`, g]));
      qb.andWhere(`${alias}.id IN (SELECT ng0.accountId FROM account_name_gram ng0 ${joins.join(' ')} WHERE ng0.gram = :ng0)`, params);
    }
    return qb.andWhere(`${alias}.name LIKE :nameLike ESCAPE '!'`, { nameLike: likeContains(q) });
  }

  async reindex(m: EntityManager, accountId: string, name: string): Promise<void> {
    await this.remove(m, accountId);
    const grams = nameGrams(name);
    // Names are ≤ 128 characters: one statement, far under SQLite's 500-row limit.
    if (grams.length) await m.createQueryBuilder().insert().into(AccountNameGram).values(grams.map((gram) => ({ gram, accountId }))).updateEntity(false).callListeners(false).execute();
  }

  async remove(m: EntityManager, accountId: string): Promise<void> {
    await m.createQueryBuilder().delete().from(AccountNameGram).where('accountId = :accountId', { accountId }).callListeners(false).execute();
  }
}

const BIGRAMS = new BigramNameSearch();

/**
 * The strategy for a data source. Both dialects use the bigram table today (measured in
 * docs/decisions.md); an FTS5 (SQLite) or Mroonga/ngram (MySQL family) strategy would plug in here.
 */
export function nameSearchFor(_ds: DataSource | { options: { type: string } }): NameSearchStrategy {
  return BIGRAMS;
}
