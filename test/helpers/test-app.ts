import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.factory.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../../scripts/mysql-admin.js';

export const ADMIN = { username: 'sysadmin', password: 'Admin-Passw0rd!' };
export const PASSWORD = 'Str0ng-Passw0rd!';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  close(): Promise<void>;
  /** A bearer token for the user. */
  login(username: string, password?: string): Promise<string>;
  /** Creates a user of the role through the sysadmin and returns its id and token. */
  user(role: string, opts?: { username?: string; organization?: string; displayName?: string }): Promise<{ id: string; token: string; username: string }>;
  adminToken(): Promise<string>;
  /** Closes the app but keeps its database, so a second app can boot on it (`bootTestApp(env, { databaseUrl })`). */
  closeKeepingDatabase(): Promise<void>;
}

export interface BootOptions {
  /**
   * Boot on an existing database (the `config.database.url` of an app closed with
   * `closeKeepingDatabase`) instead of a fresh one: a restart. This app's `close()` then drops it.
   */
  databaseUrl?: string;
}

let counter = 0;

/**
 * Boots the real AppModule once per test file on a fresh database: SQLite by default, MariaDB/MySQL
 * when DB=mysql (MYSQL_URL names the server). Migrations run, so they are tested too.
 */
export async function bootTestApp(env: Record<string, string> = {}, opts: BootOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-'));
  let dbUrl: string;
  let dropDb: () => Promise<void> = async () => {};
  if (opts.databaseUrl) {
    dbUrl = opts.databaseUrl;
    const reused = dbUrl;
    dropDb = reused.startsWith('sqlite:')
      ? async () => rmSync(dirname(reused.slice('sqlite:'.length)), { recursive: true, force: true })
      : () => dropMysqlDatabase(reused);
  } else if (process.env.DB === 'mysql') {
    dbUrl = await createMysqlDatabase(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', 'e2e');
    dropDb = () => dropMysqlDatabase(dbUrl);
  } else {
    dbUrl = `sqlite:${join(dir, 'test.sqlite')}`;
  }
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: dbUrl,
    DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT: 'false',
    SCHEDULER: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, { logger: false });
  await app.getHttpAdapter().getInstance().ready();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();

  const t: TestApp = {
    app,
    http,
    config,
    async close() {
      await app.close();
      await dropDb();
      rmSync(dir, { recursive: true, force: true });
    },
    async closeKeepingDatabase() {
      await app.close();
    },
    async login(username, password = PASSWORD) {
      const res = await http.post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async adminToken() {
      if (!tokens.has(ADMIN.username)) tokens.set(ADMIN.username, await t.login(ADMIN.username, ADMIN.password));
      return tokens.get(ADMIN.username)!;
    },
    async user(role, opts = {}) {
      counter += 1;
      const username = opts.username ?? `${role}${counter}_${Math.random().toString(36).slice(2, 7)}`;
      const res = await http
        .post('/api/users')
        .set('Authorization', `Bearer ${await t.adminToken()}`)
        .send({ username, password: PASSWORD, role, displayName: opts.displayName ?? `测试${role}${counter}`, ...(opts.organization ? { organization: opts.organization } : {}) });
      if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, username, token: await t.login(username) };
    },
  };
  return t;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
