/**
 * The yardstick of bench/lookup.ts: a bare Fastify server with a plain driver pool (mysql2, 10
 * connections like the app's default DB_POOL_SIZE; better-sqlite3 for sqlite: URLs) that answers
 * the two public routes by running THE SAME SQL the app ran — captured from the app's TypeORM
 * data source by bench/lookup.ts and passed in a plan file — and builds the same JSON with the
 * app's own view function. No Nest, no guards, no validation pipe, no ORM: what is left is the
 * database and the HTTP server.
 *
 * `node dist/bench/bare-server.js` with DATABASE_URL, PORT and BARE_PLAN (a JSON file of
 * {lookup: Statement[], search: Statement[]}); prints "listening" when ready.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import type { MediaAccount } from '../src/modules/registry/account.entity.js';
import type { Subject } from '../src/modules/registry/subject.entity.js';
import { publicAccountView, PUBLIC_ACCOUNT_STATES } from '../src/modules/registry/registry.views.js';

export interface Statement {
  sql: string;
  params: unknown[];
}
export interface BarePlan {
  /** [the account by filing number (params[0] = the number), its subject (params = [subjectId])]. */
  lookup: Statement[];
  /** [the page of accounts, the count, the page's subjects (params = their ids)], for `q`. */
  search: Statement[];
  q: string;
}

type Row = Record<string, unknown>;
type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

function driver(url: string): Query {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    db.pragma('busy_timeout = 5000');
    const cache = new Map<string, Database.Statement>();
    return async (sql, params) => {
      let s = cache.get(sql);
      if (!s) cache.set(sql, (s = db.prepare(sql)));
      return s.all(...params) as Row[];
    };
  }
  const pool = mysql.createPool({ uri: url, timezone: 'Z', charset: 'utf8mb4_unicode_ci', supportBigNumbers: true, bigNumberStrings: true, connectionLimit: 10 });
  return async (sql, params) => (await pool.query(sql, params))[0] as Row[];
}

/** TypeORM's `alias_column` result names back to entity fields; SQLite's datetime strings to Dates. */
function entity<T>(row: Row): T {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    const field = k.slice(k.indexOf('_') + 1);
    out[field] = typeof v === 'string' && (field === 'filedAt' || field === 'createdAt' || field === 'updatedAt' || field === 'reviewedAt') ? new Date(`${v.replace(' ', 'T')}Z`) : v;
  }
  return out as T;
}

/** The subjects query with as many placeholders as ids (the captured one had its page's count). */
function subjectsSql(captured: string, n: number): string {
  return captured.replace(/IN \((\?(, )?)+\)/, `IN (${Array(n).fill('?').join(', ')})`);
}

export async function startBareServer(url: string, plan: BarePlan, port: number) {
  const query = driver(url);
  const app = Fastify({ logger: false });
  const FILING_NO = /^YH-ZMT-\d{4}-\d{6}$/;
  const publicStates = PUBLIC_ACCOUNT_STATES as readonly string[];

  app.get<{ Params: { filingNo: string } }>('/api/public/accounts/:filingNo', async (req, reply) => {
    const [accountSql, subjectSql] = plan.lookup;
    const filingNo = req.params.filingNo;
    const row = FILING_NO.test(filingNo) ? (await query(accountSql.sql, [filingNo, ...accountSql.params.slice(1)]))[0] : undefined;
    const a = row && entity<MediaAccount>(row);
    if (!a || !publicStates.includes(a.status)) return reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '备案账号不存在', details: [] });
    const s = (await query(subjectsSql(subjectSql.sql, 1), [a.subjectId]))[0];
    return publicAccountView(a, s ? entity<Subject>(s) : null);
  });

  app.get<{ Querystring: { q?: string; page?: string; pageSize?: string } }>('/api/public/accounts', async (req, reply) => {
    // The plan is for one query and page: the bench asks exactly that one.
    if ((req.query.q ?? '') !== plan.q) return reply.code(400).send({ statusCode: 400, code: 'VALIDATION', message: 'the bare server answers the planned query only', details: [] });
    // TypeORM skips the count when the first page is not full: the plan then has no count either.
    const itemsSql = plan.search[0];
    const countSql = plan.search.find((s) => /COUNT\(/i.test(s.sql));
    const subjectSql = plan.search.find((s) => /FROM [`"]subject[`"]/.test(s.sql));
    const [rows, counted] = await Promise.all([query(itemsSql.sql, itemsSql.params), countSql ? query(countSql.sql, countSql.params) : null]);
    const items = rows.map((r) => entity<MediaAccount>(r));
    const ids = [...new Set(items.map((a) => a.subjectId))];
    const subjects = new Map<string, Subject>();
    if (ids.length && subjectSql) for (const r of await query(subjectsSql(subjectSql.sql, ids.length), ids)) subjects.set(String(r.Subject_id ?? r.id), entity<Subject>(r));
    const page = Number(req.query.page ?? 1);
    const pageSize = Number(req.query.pageSize ?? 20);
    return { items: items.map((a) => publicAccountView(a, subjects.get(a.subjectId))), total: counted ? Number(Object.values(counted[0])[0]) : items.length, page, pageSize };
  });

  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

if (process.env.BARE_PLAN && process.argv[1]?.endsWith('bare-server.js')) {
  const plan = JSON.parse(readFileSync(process.env.BARE_PLAN, 'utf8')) as BarePlan;
  await startBareServer(process.env.DATABASE_URL!, plan, Number(process.env.PORT ?? 3900));
  process.stdout.write('listening\n');
}
