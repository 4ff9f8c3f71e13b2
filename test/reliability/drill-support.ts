/**
 * What the reliability drills (backup-drill.ts, db-outage.ts) share: the built app as a child
 * process, a private MariaDB server the drill owns (never the shared one on 3306), an HTTP client
 * that never throws, realistic data made through the API, and the `FIGURE` lines.
 * No Jest in here: the drills run as plain scripts and the e2e tests import what they need.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { makeCreditCode, makeIdNumber } from '../factories/identifiers.js';

export const ADMIN_PASSWORD = 'Drill-Admin-Passw0rd!';
export const USER_PASSWORD = 'Drill-User-Passw0rd!';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Output

/** One machine-readable result line: name, value, goal, ok|FAIL. */
export function figure(name: string, value: string | number, goal: string, ok: boolean): boolean {
  process.stdout.write(`FIGURE\t${name}\t${value}\t${goal}\t${ok ? 'ok' : 'FAIL'}\n`);
  return ok;
}

export function printTable(header: string[], rows: (string | number)[][]): void {
  const all = [header, ...rows.map((r) => r.map(String))];
  const width = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(width[i] + (c.length - [...c].length))).join('  ').trimEnd();
  process.stdout.write([line(all[0]), width.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n') + '\n');
}

export const log = (s: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
  status: number; // 0: no answer (connection refused, timed out)
  body: Record<string, unknown> & { code?: string };
  headers: Headers | null;
  error?: string;
}

/** A JSON request that never throws: a transport failure is status 0 with the error text. */
export async function send(base: string, method: string, path: string, opts: { token?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(base + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: Reply['body'];
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { raw: text.slice(0, 200) };
    }
    return { status: res.status, body, headers: res.headers };
  } catch (e) {
    return { status: 0, body: {}, headers: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Sends and insists on the status; for setting data up, where anything else is a broken drill. */
export async function must(base: string, method: string, path: string, expected: number, opts: { token?: string; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const r = await send(base, method, path, opts);
  if (r.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${r.status} ${r.error ?? JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The built app as a child process (`node dist/src/main.js`), as it runs in production

export class AppProcess {
  private constructor(
    readonly base: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  /** Starts the built app on `databaseUrl` and waits until /api/health answers 200. */
  static async start(databaseUrl: string, dataDir: string, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
    const port = await freePort();
    mkdirSync(dataDir, { recursive: true });
    const logFile = join(dataDir, `app-${port}.log`);
    const out = openSync(logFile, 'a');
    const child = spawn(process.execPath, [resolve('dist/src/main.js')], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        DATA_KEY: Buffer.alloc(32, 11).toString('base64'),
        JWT_SECRET: 'drill-secret-drill-secret-drill-secret-0123456789',
        ADMIN_USERNAME: 'admin',
        ADMIN_PASSWORD,
        RATE_LIMIT: 'false',
        SCHEDULER: 'false',
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const app = new AppProcess(`http://127.0.0.1:${port}`, child, logFile);
    child.once('exit', (code, signal) => {
      if (!app.stopping) log(`the app process (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}; see ${logFile}`);
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}); see ${logFile}`);
      const r = await send(app.base, 'GET', '/api/health', { timeoutMs: 2000 });
      if (r.status === 200) return app;
      await sleep(250);
    }
    await app.stop();
    throw new Error(`the app did not become healthy within 90 s; see ${logFile}`);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  stopping = false;

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// A private MariaDB server owned by the drill (its own data directory, port and socket)

export class PrivateMariaDb {
  private child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** `mariadb-install-db` into a temporary directory (root without password), then start. */
  static async create(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'drill-mariadb-'));
    const install = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root'], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.start();
    return db;
  }

  /** The server URL for a database on it. */
  url(database = ''): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts mariadbd on the same data directory and waits until it accepts connections. */
  async start(): Promise<void> {
    const out = openSync(join(this.dir, 'mariadbd.log'), 'a');
    this.child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--bind-address=127.0.0.1',
        '--user=root',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=128M',
        '--max-connections=200',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`mariadbd exited (${this.child.exitCode}); see ${join(this.dir, 'mariadbd.log')}`);
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 });
        await c.end();
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error('mariadbd did not accept connections within 60 s');
  }

  /** Stops the server: SIGKILL (a crash: in-flight transactions die) or SIGTERM (a clean shutdown). */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], database?: string): Promise<T[]> {
    const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', database, supportBigNumbers: true, bigNumberStrings: false });
    try {
      const [rows] = await c.query(sql, params);
      return rows as T[];
    } finally {
      await c.end();
    }
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return this.url(name);
  }

  async destroy(): Promise<void> {
    await this.stop('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Realistic data through the API

export interface Person {
  id: string;
  username: string;
  token: string;
}

export interface Office {
  admin: string;
  officer: Person;
  officer2: Person;
  auditor: Person;
  operators: Person[];
  /** Filed accounts: id, filing number, operator index. */
  accounts: { id: string; filingNo: string; operator: number }[];
}

let serial = 0;

export async function login(base: string, username: string, password: string): Promise<string> {
  const body = await must(base, 'POST', '/api/auth/login', 200, { body: { username, password } });
  return String(body.accessToken);
}

export async function makeUser(base: string, adminToken: string, role: string, organization?: string): Promise<Person> {
  serial += 1;
  const username = `${role}${serial}_${Math.random().toString(36).slice(2, 6)}`;
  const body = await must(base, 'POST', '/api/users', 201, {
    token: adminToken,
    body: { username, password: USER_PASSWORD, role, displayName: `演练${role}${serial}`, ...(organization ? { organization } : {}) },
  });
  return { id: String(body.id), username, token: await login(base, username, USER_PASSWORD) };
}

/** A POST /api/public/reports body about a filed account, unique by its text. */
export function reportBody(filingNo: string, tag: string): Record<string, unknown> {
  return {
    filingNo,
    category: 'C03',
    description: `该账号发布的文章标题夸大事实，误导读者（演练编号 ${tag}）。`,
    evidenceUrls: ['https://mp.weixin.qq.com/s/evidence'],
  };
}

/**
 * The office and its data: staff users, operators with subjects and filed accounts (each filing
 * reviewed, numbered and audited), a pending account, public reports, one concluded, a violation and
 * an interview held. Every row went through validation, numbering and the audit trail.
 */
export async function seedOffice(base: string, opts: { operators?: number; accountsPerOperator?: number; reports?: number } = {}): Promise<Office> {
  const admin = await login(base, 'admin', ADMIN_PASSWORD);
  const officer = await makeUser(base, admin, 'officer', '区委网信办网络管理科');
  const officer2 = await makeUser(base, admin, 'officer', '区委网信办网络管理科');
  const auditor = await makeUser(base, admin, 'auditor', '区委网信办安全审计岗');
  const operators: Person[] = [];
  const accounts: Office['accounts'] = [];
  for (let o = 0; o < (opts.operators ?? 3); o++) {
    const op = await makeUser(base, admin, 'operator');
    operators.push(op);
    const individual = o % 3 === 2;
    const subject = await must(base, 'POST', '/api/subjects', 201, {
      token: op.token,
      body: individual
        ? { kind: 'individual', name: `陈晓${o}`, idNumber: makeIdNumber(), regionCode: '330110', registeredAddress: '浙江省杭州市余杭区良渚街道', operatingAddress: '浙江省杭州市余杭区良渚街道', contactName: `陈晓${o}`, contactPhone: '13987654321' }
        : { kind: 'organization', name: `杭州余杭演练传媒有限公司${o}${serial}`, creditCode: makeCreditCode(), regionCode: '330110', registeredAddress: '浙江省杭州市余杭区文一西路969号', operatingAddress: '浙江省杭州市余杭区五常街道', businessScope: '文化艺术交流活动策划', contactName: '王经理', contactPhone: '13812345678' },
    });
    for (let a = 0; a < (opts.accountsPerOperator ?? 2) + 1; a++) {
      serial += 1;
      const acc = await must(base, 'POST', '/api/accounts', 201, {
        token: op.token,
        body: { subjectId: subject.id, platform: a % 2 ? 'douyin' : 'wechat', platformAccountId: `drill_${Date.now().toString(36)}_${serial}`, name: `余杭生活圈${serial}`, url: 'https://mp.weixin.qq.com/s/example', category: 'lifestyle', followers: 1000 + serial },
      });
      if (a === (opts.accountsPerOperator ?? 2)) continue; // the last one stays pending
      const filed = await must(base, 'POST', `/api/accounts/${acc.id}/review`, 200, { token: officer.token, body: { decision: 'approve' } });
      accounts.push({ id: String(acc.id), filingNo: String(filed.filingNo), operator: o });
    }
  }
  for (let r = 0; r < (opts.reports ?? 6); r++) {
    const target = accounts[r % accounts.length];
    await must(base, 'POST', '/api/public/reports', 201, { body: reportBody(target.filingNo, `seed-${r}-${Date.now()}`) });
  }
  const open = await must(base, 'GET', '/api/reports?status=received&pageSize=1', 200, { token: officer.token });
  const first = (open.items as { id: string }[] | undefined)?.[0];
  if (first) await must(base, 'POST', `/api/reports/${first.id}/conclude`, 200, { token: officer.token, body: { outcome: 'substantiated', note: '经核查属实，已责令整改。' } });
  const target = accounts[0];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await must(base, 'POST', `/api/accounts/${target.id}/violations`, 201, { token: officer.token, body: { category: 'C03', source: 'inspection', facts: '发布标题夸大、与内容不符的文章。', occurredAt: today } });
  const scheduled = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 19) + '+08:00';
  const interview = await must(base, 'POST', '/api/interviews', 201, {
    token: officer.token,
    body: { accountId: target.id, triggers: ['T3', 'T1'], facts: '该账号多次发布标题夸大的文章，经通知后仍未整改。', scheduledAt: scheduled, location: '余杭区文一西路1500号区网信办302会议室', officerIds: [officer.id, officer2.id] },
  });
  await must(base, 'POST', `/api/interviews/${interview.id}/hold`, 200, {
    token: officer.token,
    body: { minutes: '约谈人员通报了账号存在的问题，被约谈人表示接受并承诺整改。', problems: ['标题夸大'], requirements: '删除相关内容并公开更正' },
  });
  return { admin, officer, officer2, auditor, operators, accounts };
}

/** GET /api/audit/verify as the auditor. */
export async function verifyChain(base: string, auditorToken: string): Promise<{ valid: boolean; entries: number; raw: Record<string, unknown> }> {
  const r = await send(base, 'GET', '/api/audit/verify', { token: auditorToken, timeoutMs: 120_000 });
  return { valid: r.status === 200 && r.body.valid === true, entries: Number(r.body.entries ?? 0), raw: r.body };
}
