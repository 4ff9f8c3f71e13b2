/**
 * `npm run bench:lookup -- [--url DATABASE_URL | --db mysql|sqlite --accounts N] [--q 良渚美食] [--duration 10] [--warmup 3] [--connections 10]`
 * `npm run bench:smoke` (= `--smoke`: 2,000 accounts on SQLite, 2 s of load a scenario; for CI)
 *
 * The public lookup by filing number and the public search by a Chinese substring, side by side:
 * the app (built dist, `node dist/src/main.js`, LOG_LEVEL=warn, RATE_LIMIT=false) and a bare
 * Fastify + driver server (bench/bare-server.ts) running the SAME SQL on the same database — the
 * statements are captured from the app's own data source first, and both servers' answers are
 * compared before any load. Each server runs alone, driven by autocannon over loopback for a
 * bounded time after a warm-up (--warmup, 3 s; 1 s for the smoke). Prints req/s, p95/p99 (from every response's latency), the
 * ratio app/bare and the app's peak RSS (VmHWM). With --url the database is used as it is (see
 * bench/generate.ts); otherwise one is generated first. Exit code 1 on errors or differing answers.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { DataSource, Logger, QueryRunner } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import type { BarePlan, Statement } from './bare-server.js';
import { BENCH_DATA_KEY, generate } from './generate.js';

const APP_PORT = 3901;
const BARE_PORT = 3902;

function argv(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const smoke = process.argv.includes('--smoke');

const env = (url: string, port: number): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: url,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT: 'false',
  SCHEDULER: 'false',
  DATA_KEY: BENCH_DATA_KEY,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  ADMIN_USERNAME: 'bench_admin',
  ADMIN_PASSWORD: 'Bench-Passw0rd!',
});

/** Filed accounts' numbers to cycle through (the database decides, so --url works on any data). */
async function sampleFilingNos(url: string, n: number): Promise<string[]> {
  const sql = "SELECT filingNo FROM media_account WHERE status = 'filed' AND filingNo IS NOT NULL ORDER BY filingNo LIMIT ?";
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      return (db.prepare(sql.replace('ORDER BY filingNo', 'ORDER BY substr(id, 1, 8) DESC')).all(n) as { filingNo: string }[]).map((r) => r.filingNo);
    } finally {
      db.close();
    }
  }
  const conn = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await conn.query(sql.replace('ORDER BY filingNo', 'ORDER BY id DESC'), [n]);
    return (rows as { filingNo: string }[]).map((r) => r.filingNo);
  } finally {
    await conn.end();
  }
}

/**
 * Boots the app in this process, answers one lookup and one search through Fastify's inject with
 * a logger on the data source that records every statement: that is the bare server's plan.
 */
async function capturePlan(url: string, filingNo: string, q: string): Promise<{ plan: BarePlan; answers: Record<string, unknown> }> {
  const e = env(url, APP_PORT);
  const app = await createApp(loadConfig(e), { logger: false });
  try {
    const ds = app.get<DataSource>(await import('typeorm').then((m) => m.DataSource));
    let captured: Statement[] = [];
    const logger: Logger = {
      logQuery: (sql: string, params?: unknown[], _qr?: QueryRunner) => {
        captured.push({ sql, params: params ?? [] });
      },
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    (ds as unknown as { logger: Logger }).logger = logger;
    const http = app.getHttpAdapter().getInstance() as { inject(o: { method: string; url: string }): Promise<{ statusCode: number; body: string }> };
    const ask = async (path: string) => {
      captured = [];
      const res = await http.inject({ method: 'GET', url: path });
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
      return { body: JSON.parse(res.body) as unknown, statements: captured.filter((s) => /^\s*SELECT/i.test(s.sql)) };
    };
    const lookupPath = `/api/public/accounts/${filingNo}`;
    const searchPath = `/api/public/accounts?q=${encodeURIComponent(q)}`;
    const lookup = await ask(lookupPath);
    const search = await ask(searchPath);
    return { plan: { lookup: lookup.statements, search: search.statements, q }, answers: { [lookupPath]: lookup.body, [searchPath]: search.body } };
  } finally {
    await app.close();
  }
}

async function startServer(name: string, args: string[], e: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: e, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  child.stdout!.resume();
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${errors}`);
    try {
      await fetch(`http://127.0.0.1:${port}/api/public/accounts/YH-ZMT-2000-000000`);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error(`${name} did not start: ${errors}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Figures {
  rps: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function load(port: number, paths: string[], seconds: number, connections: number, warmup: number): Promise<Figures> {
  let k = 0;
  const run = (duration: number, latencies: number[] | null) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections,
          duration,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }],
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      if (latencies) instance.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
    });
  await run(warmup, null);
  const latencies: number[] = [];
  const result = await run(seconds, latencies);
  latencies.sort((a, b) => a - b);
  return { rps: result.requests.total / seconds, p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors: result.errors + result.timeouts + result.non2xx };
}

async function main(): Promise<void> {
  const q = argv('q') ?? (smoke ? '美食' : '良渚美食');
  const seconds = Number(argv('duration') ?? (smoke ? 2 : 10));
  const connections = Number(argv('connections') ?? 10);
  const warmup = Number(argv('warmup') ?? (smoke ? 1 : 3));
  let url = argv('url');
  if (!url) {
    const db = (argv('db') ?? (smoke ? 'sqlite' : 'mysql')) as 'mysql' | 'sqlite';
    const accounts = Number(argv('accounts') ?? (smoke ? 2000 : 100_000));
    process.stdout.write(`generating ${accounts} accounts on ${db}…\n`);
    url = (await generate({ accounts, db, quiet: true, database: `yh_bench_lookup_${accounts}`, file: join(tmpdir(), `yh-bench-lookup-${accounts}.sqlite`) })).url;
  }
  const filingNos = await sampleFilingNos(url, 1000);
  if (!filingNos.length) throw new Error('no filed accounts in the database');
  const { plan, answers } = await capturePlan(url, filingNos[0], q);
  const planFile = join(tmpdir(), `yh-bench-plan-${process.pid}.json`);
  writeFileSync(planFile, JSON.stringify(plan));

  const lookupPaths = filingNos.map((f) => `/api/public/accounts/${f}`);
  const searchPaths = [`/api/public/accounts?q=${encodeURIComponent(q)}`];
  const total = (answers[searchPaths[0]] as { total: number }).total;
  process.stdout.write(`database ${url.replace(/\/\/[^@]*@/, '//')}; search q=${q} matches ${total}; ${seconds} s × ${connections} connections a run\n`);

  const results: Record<string, Record<string, Figures>> = { app: {}, bare: {} };
  let appPeak = NaN;
  let failed = false;
  for (const server of ['app', 'bare'] as const) {
    const port = server === 'app' ? APP_PORT : BARE_PORT;
    const child =
      server === 'app'
        ? await startServer('app', ['dist/src/main.js'], env(url, port), port)
        : await startServer('bare server', ['dist/bench/bare-server.js'], { ...env(url, port), BARE_PLAN: planFile }, port);
    try {
      // Same answers from both servers, before any load.
      for (const [path, expected] of Object.entries(answers)) {
        const got = await (await fetch(`http://127.0.0.1:${port}${path}`)).json();
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          process.stderr.write(`${server}: ${path} answers differently:\n${JSON.stringify(got).slice(0, 400)}\n${JSON.stringify(expected).slice(0, 400)}\n`);
          failed = true;
        }
      }
      results[server].lookup = await load(port, lookupPaths, seconds, connections, warmup);
      results[server].search = await load(port, searchPaths, seconds, connections, warmup);
      if (server === 'app') appPeak = peakRssMb(child.pid!);
    } finally {
      await stopServer(child);
    }
  }

  const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const lines = ['| work | server | req/s | p95 ms | p99 ms | errors |', '|---|---|---|---|---|---|'];
  for (const work of ['lookup', 'search']) {
    for (const server of ['app', 'bare']) {
      const f = results[server][work];
      lines.push(`| ${work} | ${server} | ${fmt(f.rps)} | ${fmt(f.p95, 1)} | ${fmt(f.p99, 1)} | ${f.errors} |`);
      if (f.errors) failed = true;
    }
    lines.push(`| ${work} | app/bare | ${fmt(results.app[work].rps / results.bare[work].rps, 2)} | | | |`);
  }
  lines.push('', `app peak RSS ${fmt(appPeak, 1)} MB`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failed) process.exitCode = 1;
}

await main();
