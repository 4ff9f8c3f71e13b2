/**
 * The yardstick of bench/lookup.ts: a bare Fastify server with a plain driver pool (mysql2, 10
 * connections like the app's default DB_POOL_SIZE; better-sqlite3 for sqlite: URLs) that answers
 * the two public routes by running THE SAME SQL the app ran — captured from the app's TypeORM
 * data source by bench/lookup.ts and passed in a plan file — and builds the same JSON with the
 * app's own view function. No Nest, no guards, no validation pipe, no ORM: what is left is the
 * database and the HTTP server.
 *
 * `node dist/bench/bare-server.js` with DATABASE_URL, PORT and BARE_PLAN (a JSON file of
 * {lookup: Statement[], searches: {q: Statement[]}}); prints "listening" when ready.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import { publicViewOfRow } from '../src/modules/registry/account-search.js';

export interface Statement {
  sql: string;
  params: unknown[];
}
export interface BarePlan {
  /** [the account and its subject by filing number (params[0] = the number)]. */
  lookup: Statement[];
  /** For each query q, what the app ran: [the gram probe (three characters up)], the page, the count. */
  searches: Record<string, Statement[]>;
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
  const pool = mysql.createPool({ uri: url, timezone: 'Z', charset: 'utf8mb4_unicode_ci', supportBigNumbers: true, bigNumberStrings: false, connectionLimit: 10 });
  return async (sql, params) => (await pool.query(sql, params))[0] as Row[];
}

export async function startBareServer(url: string, plan: BarePlan, port: number) {
  const query = driver(url);
  const app = Fastify({ logger: false });
  const FILING_NO = /^YH-ZMT-\d{4}-\d{6}$/;

  app.get<{ Params: { filingNo: string } }>('/api/public/accounts/:filingNo', async (req, reply) => {
    const [lookup] = plan.lookup;
    const filingNo = req.params.filingNo;
    const row = FILING_NO.test(filingNo) ? (await query(lookup.sql, [filingNo, ...lookup.params.slice(1)]))[0] : undefined;
    if (!row) return reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '备案账号不存在', details: [] });
    return publicViewOfRow(row);
  });

  app.get<{ Querystring: { q?: string; page?: string; pageSize?: string } }>('/api/public/accounts', async (req, reply) => {
    // The plan is for the first page of the planned queries: the bench asks exactly those.
    const statements = plan.searches[req.query.q ?? ''];
    if (!statements) return reply.code(400).send({ statusCode: 400, code: 'VALIDATION', message: 'the bare server answers the planned queries only', details: [] });
    const countSql = statements.find((s) => /^SELECT COUNT\(\*\) AS n /i.test(s.sql))!;
    const pageSql = statements.find((s) => /LIMIT \? OFFSET \?$/.test(s.sql))!;
    const probe = statements.find((s) => s !== countSql && s !== pageSql);
    if (probe) await query(probe.sql, probe.params);
    const [rows, counted] = await Promise.all([query(pageSql.sql, pageSql.params), query(countSql.sql, countSql.params)]);
    const page = Number(req.query.page ?? 1);
    const pageSize = Number(req.query.pageSize ?? 20);
    return { items: rows.map(publicViewOfRow), total: Number(counted[0].n), page, pageSize };
  });

  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

if (process.env.BARE_PLAN && process.argv[1]?.endsWith('bare-server.js')) {
  const plan = JSON.parse(readFileSync(process.env.BARE_PLAN, 'utf8')) as BarePlan;
  await startBareServer(process.env.DATABASE_URL!, plan, Number(process.env.PORT ?? 3900));
  process.stdout.write('listening\n');
}
