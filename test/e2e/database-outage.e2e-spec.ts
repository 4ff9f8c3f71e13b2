import { createServer, type Server, type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { createMysqlDatabase } from '../../scripts/mysql-admin.js';
import { filedAccount, type FiledAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A TCP proxy between the app and MariaDB that can be cut (every connection dropped, the port
 * closed: what the app sees when the server dies) and opened again on the same port.
 */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(this.port, '127.0.0.1', () => res());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    const closed = server ? new Promise((r) => server.close(r)) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

// A server that goes away needs a server: MariaDB/MySQL (DB=mysql). On SQLite the database file is
// locked by another process instead (a long write elsewhere, a copy tool holding it).
const onMysql = process.env.DB === 'mysql' ? describe : describe.skip;
const onSqlite = process.env.DB === 'mysql' ? describe.skip : describe;

onSqlite('when the SQLite file stays locked by another process', () => {
  let t: TestApp;
  let account: FiledAccount;

  beforeAll(async () => {
    t = await bootTestApp();
    account = await filedAccount(t, (await t.user('officer')).token);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a write 503 DATABASE_UNAVAILABLE after the busy timeout, stores nothing, and writes again once the lock is gone', async () => {
    const other = new Database(t.config.database.file!);
    const reportsBefore = Number(other.prepare('SELECT COUNT(*) AS n FROM public_report').pluck().get());
    other.exec('BEGIN EXCLUSIVE');
    try {
      const res = await t.http.post('/api/public/reports').send({ filingNo: account.filingNo, category: 'C03', description: '标题夸大的文章（锁库测试）' });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试' });
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      other.exec('COMMIT');
    }
    expect(Number(other.prepare('SELECT COUNT(*) AS n FROM public_report').pluck().get())).toBe(reportsBefore);
    other.close();
    const again = await t.http.post('/api/public/reports').send({ filingNo: account.filingNo, category: 'C03', description: '标题夸大的文章（锁库测试）' });
    expect(again.status).toBe(201);
  });
});

onMysql('when the database goes away', () => {
  let t: TestApp;
  let proxy: CuttableProxy;
  let officer: { id: string; token: string; username: string };
  let account: FiledAccount;

  const count = async (table: string) => Number((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const report = (n: string) => t.http.post('/api/public/reports').send({ filingNo: account.filingNo, category: 'C03', description: `标题夸大的文章（断库测试 ${n}）` });

  beforeAll(async () => {
    const direct = new URL(await createMysqlDatabase(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', 'outage'));
    proxy = new CuttableProxy(direct.hostname, Number(direct.port || 3306));
    await proxy.open();
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    t = await bootTestApp({}, { databaseUrl: viaProxy.toString() });
    officer = await t.user('officer');
    account = await filedAccount(t, officer.token);
  });
  afterAll(async () => {
    await proxy.open(); // the app drops its database through it
    await t.close();
    await proxy.cut();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while it is away, and recovers without a restart', async () => {
    const reportsBefore = await count('public_report');
    const auditBefore = await count('audit_entry');
    await proxy.cut();

    const health = await t.http.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'error', database: 'down' });

    const answers = [
      await t.http.get('/api/public/accounts').query({ q: '余杭' }),
      await report('down-1'),
      await t.http.post(`/api/accounts/${account.accountId}/violations`).set(bearer(officer.token)).send({ category: 'C03', source: 'inspection', facts: '标题夸大。', occurredAt: '2026-11-20' }),
      await t.http.get('/api/auth/me').set(bearer(officer.token)),
    ];
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.body).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试', details: [] });
      expect(a.headers['retry-after']).toBe('5');
    }
    // Pages answer with the error page.
    const page = await t.http.get('/registry').query({ q: '余杭' });
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('数据库暂时无法访问，请稍后重试');

    await proxy.open();
    const started = Date.now();
    let healthy = false;
    while (!healthy && Date.now() - started < 10_000) {
      healthy = (await t.http.get('/api/health')).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy).toBe(true);
    // The pool makes new connections: writes work again, in the same app.
    expect((await report('up-1')).status).toBe(201);
    expect(await count('public_report')).toBe(reportsBefore + 1);
    // Nothing of the failed writes was stored; the chain holds.
    expect(await count('audit_entry')).toBeGreaterThan(auditBefore);
    const auditor = await t.user('auditor');
    const verify = await t.http.get('/api/audit/verify').set(bearer(auditor.token));
    expect(verify.body).toMatchObject({ valid: true });
  });
});
