/**
 * `node dist/bench/search-engines.js --url DATABASE_URL [--q 良渚美食,非遗,科技城融媒] [--fts]`
 *
 * The numbers behind docs/decisions.md "Search": on a generated database (bench/generate.ts), the
 * public search's page + count for each query by LIKE '%q%' alone and through the bigram table,
 * and on SQLite with --fts also through an FTS5 trigram index (built here, into the file, once).
 * Medians of 15 runs, one connection, no HTTP.
 */
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { likeContains } from '../src/database/search/name-search.strategy.js';
import { queryGrams } from '../src/database/search/name-grams.js';

function argv(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const STATES = "a.status IN ('filed', 'restricted', 'suspended', 'closed') AND a.filingNo IS NOT NULL";
const ORDER = 'ORDER BY a.filedAt DESC, a.filingNo DESC LIMIT 20';

function bigramFilter(q: string): string {
  const grams = queryGrams(q);
  if (!grams.length) return '';
  const joins = grams.slice(1).map((g, i) => `JOIN account_name_gram ng${i + 1} ON ng${i + 1}.accountId = ng0.accountId AND ng${i + 1}.gram = ${g}`);
  return ` AND a.id IN (SELECT ng0.accountId FROM account_name_gram ng0 ${joins.join(' ')} WHERE ng0.gram = ${grams[0]})`;
}

async function main(): Promise<void> {
  const url = argv('url')!;
  const queries = (argv('q') ?? '良渚美食,非遗,科技城融媒,小王聊').split(',');
  let run: (sql: string, params: unknown[]) => Promise<unknown[]>;
  let close: () => Promise<void>;
  const sqlite = url.startsWith('sqlite:');
  if (sqlite) {
    const db = new Database(url.slice('sqlite:'.length));
    if (process.argv.includes('--fts') && !db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'bench_name_fts'").get()) {
      const t = performance.now();
      db.exec("CREATE VIRTUAL TABLE bench_name_fts USING fts5(name, content='', tokenize='trigram')");
      db.exec('INSERT INTO bench_name_fts(rowid, name) SELECT rowid, name FROM media_account');
      process.stdout.write(`FTS5 trigram index built in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    run = async (sql, params) => db.prepare(sql).all(...params);
    close = async () => {
      db.close();
    };
  } else {
    const conn = await mysql.createConnection({ uri: url });
    run = async (sql, params) => (await conn.query(sql, params))[0] as unknown[];
    close = () => conn.end();
  }
  const time = async (sql: string, params: unknown[]) => {
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      rows = (await run(sql, params)).length;
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { ms: ms[7], rows };
  };
  const withFts = sqlite && process.argv.includes('--fts');
  const lines = ['| q | matches | LIKE ms | bigram ms |' + (withFts ? ' FTS5 trigram ms |' : ''), '|---|---|---|---|' + (withFts ? '---|' : '')];
  for (const q of queries) {
    const like = `a.name LIKE ? ESCAPE '!'`;
    const count = async (filter: string) => {
      const c = await time(`SELECT COUNT(*) AS n FROM media_account a WHERE ${STATES}${filter} AND ${like}`, [likeContains(q)]);
      const p = await time(`SELECT a.* FROM media_account a WHERE ${STATES}${filter} AND ${like} ${ORDER}`, [likeContains(q)]);
      return { ms: c.ms + p.ms, n: Number(Object.values((await run(`SELECT COUNT(*) AS n FROM media_account a WHERE ${STATES}${filter} AND ${like}`, [likeContains(q)]))[0] as object)[0]) };
    };
    const plain = await count('');
    const bigram = await count(bigramFilter(q));
    let fts = '';
    if (sqlite && process.argv.includes('--fts')) {
      // The trigram tokenizer needs 3 characters: shorter queries have no index to use.
      const f = [...q].length >= 3 ? await count(` AND a.rowid IN (SELECT rowid FROM bench_name_fts WHERE bench_name_fts MATCH '"${q.replace(/"/g, '""')}"')`) : { ms: NaN };
      fts = ` ${Number.isNaN(f.ms) ? 'n/a (< 3 chars: LIKE)' : f.ms.toFixed(1)} |`;
    }
    if (plain.n !== bigram.n) process.exitCode = 1;
    lines.push(`| ${q} | ${plain.n}${plain.n !== bigram.n ? ` ≠ ${bigram.n}` : ''} | ${plain.ms.toFixed(1)} | ${bigram.ms.toFixed(1)} |${fts}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  await close();
}

await main();
