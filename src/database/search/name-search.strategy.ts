import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DirectQuery } from '../direct-query.js';
import { AccountNameGram } from './account-name-gram.entity.js';
import { nameGrams, normalizeForGrams, queryGrams } from './name-grams.js';

/** `%q%` for LIKE with `!` as the escape character (one character in both SQLite and MySQL literals). */
export function likeContains(q: string): string {
  return `%${q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** What the index copies of an account: whether the public sees it, and the public list's order. */
export interface GramListing {
  listed: boolean;
  filedAt: Date | null;
  filingNo: string | null;
}

/** The index rows of one account (the subscriber, the generator and the bulk import write these). */
export function gramRowsFor(accountId: string, name: string, listing: GramListing): AccountNameGram[] {
  return nameGrams(name).map((gram) => ({ gram, accountId, ...listing }));
}

/**
 * The FROM and WHERE of "listed accounts whose name contains q", driven from the name index, for the
 * caller's SELECT list (`a` is media_account, joined). `empty` when some gram has no listed account.
 */
export interface ListedMatches {
  empty: boolean;
  /** `FROM …` with media_account as `a`, for the page; `WHERE …` and its parameters. */
  from: string;
  where: string;
  params: unknown[];
  /** `FROM …` for the count: without media_account when the index alone answers. */
  countFrom: string;
  orderBy: string;
}

/**
 * "The name contains q" for a query, and the upkeep of whatever index serves it. Dialect-specific
 * search SQL lives behind this interface (style.md); the registry calls `listedMatches` and `restrict`.
 */
export interface NameSearchStrategy {
  /** Adds the condition "alias.name contains q" (exact: LIKE semantics of the database). */
  restrict<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, q: string): SelectQueryBuilder<T>;
  /** The listed accounts matching q through the index, or null when q has no gram (one character). */
  listedMatches(db: DirectQuery, q: string, filter: { platform?: string }): Promise<ListedMatches | null>;
  /** Re-indexes one account's name, inside the caller's transaction. */
  reindex(m: EntityManager, accountId: string, name: string, listing: GramListing): Promise<void>;
  /** Copies a changed listing (state, filing number, filing time) onto the account's index rows. */
  relist(m: EntityManager, accountId: string, listing: GramListing): Promise<void>;
  remove(m: EntityManager, accountId: string): Promise<void>;
}

let generation = 0;

/**
 * A number that changes whenever this process changes the name index (a write, committed or not):
 * answers cached against an older value are stale (the public search's counts, account-search.ts).
 */
export function nameIndexGeneration(): number {
  return generation;
}

/** Posting lists are counted up to this many rows to find the rarest gram of a query. */
const RAREST_PROBE = 2000;

/**
 * Bigram index kept by the application (account_name_gram): the same SQL on SQLite and on
 * MySQL/MariaDB but for the join keyword, no plugin. A query's grams are probed (capped counts, one
 * statement) and the rarest drives the join — the planners cannot tell which gram value is rare —
 * its index (gram, listed, filedAt, filingNo) giving the listed candidates already in the public
 * order; the other grams are primary-key probes; a LIKE on the name keeps only true substrings. A
 * two-character query is one gram, which IS the substring: no LIKE, no visit to media_account but
 * for the page. One-character queries have no gram (null: the caller uses `restrict`).
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

  async listedMatches(db: DirectQuery, q: string, filter: { platform?: string }): Promise<ListedMatches | null> {
    let grams = queryGrams(q);
    if (!grams.length) return null;
    // Keeps the planner's hands off the order: SQLite's CROSS JOIN and MySQL's STRAIGHT_JOIN join left to right.
    const join = db.dialect === 'sqlite' ? 'CROSS JOIN' : 'STRAIGHT_JOIN';
    if (grams.length > 1) {
      const probe = grams.map((_, k) => `SELECT ${k} AS k, COUNT(*) AS n FROM (SELECT 1 AS one FROM account_name_gram WHERE gram = ? AND listed = 1 LIMIT ${RAREST_PROBE}) p${k}`).join(' UNION ALL ');
      const counts = new Map((await db.rows(probe, grams)).map((r) => [Number(r.k), Number(r.n)]));
      if ([...counts.values()].some((n) => n === 0)) return { empty: true, from: '', where: '', params: [], countFrom: '', orderBy: '' };
      grams = grams.map((g, k) => ({ g, n: counts.get(k) ?? 0 })).sort((x, y) => x.n - y.n).map((x) => x.g);
    }
    const exact = Array.from(normalizeForGrams(q)).length === 2;
    const others = grams.slice(1).map((_, i) => `${join} account_name_gram g${i + 1} ON g${i + 1}.gram = ? AND g${i + 1}.accountId = g.accountId`);
    const gramJoins = `FROM account_name_gram g ${others.join(' ')}`;
    const withAccount = `${gramJoins} ${join} media_account a ON a.id = g.accountId`;
    const where = ['g.gram = ?', 'g.listed = 1'];
    const params: unknown[] = [...grams.slice(1), grams[0]];
    if (!exact) {
      where.push("a.name LIKE ? ESCAPE '!'");
      params.push(likeContains(q));
    }
    if (filter.platform) {
      where.push('a.platform = ?');
      params.push(filter.platform);
    }
    const indexAlone = exact && !filter.platform;
    return { empty: false, from: withAccount, where: `WHERE ${where.join(' AND ')}`, params, countFrom: indexAlone ? gramJoins : withAccount, orderBy: 'g.filedAt DESC, g.filingNo DESC' };
  }

  async reindex(m: EntityManager, accountId: string, name: string, listing: GramListing): Promise<void> {
    generation += 1;
    await this.remove(m, accountId);
    const rows = gramRowsFor(accountId, name, listing);
    // Names are ≤ 128 characters: one statement, far under SQLite's 500-row limit.
    if (rows.length) await m.createQueryBuilder().insert().into(AccountNameGram).values(rows).updateEntity(false).callListeners(false).execute();
  }

  async relist(m: EntityManager, accountId: string, listing: GramListing): Promise<void> {
    generation += 1;
    await m.createQueryBuilder().update(AccountNameGram).set(listing).where('accountId = :accountId', { accountId }).callListeners(false).execute();
  }

  async remove(m: EntityManager, accountId: string): Promise<void> {
    generation += 1;
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
