import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, parseDatabaseUrl } from './app-config.js';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs with nothing configured: SQLite under DATA_DIR, secrets made once and kept', () => {
    const a = loadConfig({ DATA_DIR: dir });
    expect(a.database).toEqual({ kind: 'sqlite', url: `sqlite:${dir}/registry.sqlite`, file: join(dir, 'registry.sqlite') });
    expect(a.dataKey).toHaveLength(32);
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'data.key')).mode & 0o777).toBe(0o600);
    const b = loadConfig({ DATA_DIR: dir });
    expect(b.dataKey.equals(a.dataKey)).toBe(true);
    expect(b.jwtSecret).toBe(a.jwtSecret);
    expect(readFileSync(join(dir, 'jwt.secret'), 'utf8').trim()).toBe(a.jwtSecret);
  });

  it('has the defaults of api.md and the policy', () => {
    const c = loadConfig({ DATA_DIR: dir });
    expect(c).toMatchObject({
      port: 3000,
      tokenTtlSeconds: 1800,
      migrationsRun: true,
      rateLimit: { enabled: true, ttlMs: 60_000, publicLimit: 60, authLimit: 20 },
      bodyLimit: 256 * 1024,
      trustProxy: false,
      schedulerEnabled: true,
      logLevel: 'info',
      admin: { username: 'admin' },
    });
    expect(c.redis).toBeUndefined();
    expect(c.sweepIntervalSeconds).toBeUndefined();
  });

  it('reads every setting from the environment', () => {
    const c = loadConfig({
      DATA_DIR: dir,
      PORT: '8080',
      TOKEN_TTL_SECONDS: '60',
      RATE_LIMIT: 'off',
      RATE_LIMIT_WINDOW_MS: '1000',
      RATE_LIMIT_PUBLIC: '5',
      RATE_LIMIT_AUTH: '3',
      BODY_LIMIT: '1024',
      TRUST_PROXY: 'true',
      SCHEDULER: '0',
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: 'root_admin',
      ADMIN_PASSWORD: 'Str0ng-Passw0rd!',
      REDIS_URL: 'redis://10.0.0.5:6380/2',
      REDIS_KEY_PREFIX: 'drill-7:',
      SWEEP_INTERVAL_SECONDS: '5',
    });
    expect(c).toMatchObject({
      port: 8080,
      redis: { url: 'redis://10.0.0.5:6380/2', keyPrefix: 'drill-7:' },
      sweepIntervalSeconds: 5,
      tokenTtlSeconds: 60,
      rateLimit: { enabled: false, ttlMs: 1000, publicLimit: 5, authLimit: 3 },
      bodyLimit: 1024,
      trustProxy: true,
      schedulerEnabled: false,
      logLevel: 'warn',
      admin: { username: 'root_admin', password: 'Str0ng-Passw0rd!' },
    });
  });

  it('refuses a Redis URL of another scheme and a sweep interval that does not divide a minute', () => {
    expect(loadConfig({ DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'yuhang-registry:' });
    expect(() => loadConfig({ DATA_DIR: dir, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ DATA_DIR: dir, SWEEP_INTERVAL_SECONDS: '7' })).toThrow(/SWEEP_INTERVAL_SECONDS/);
    expect(() => loadConfig({ DATA_DIR: dir, SWEEP_INTERVAL_SECONDS: '0' })).toThrow(/SWEEP_INTERVAL_SECONDS/);
  });

  it('needs DATA_KEY and JWT_SECRET on MySQL (processes behind a load balancer share them)', () => {
    expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/db' })).toThrow(/DATA_KEY must be set/);
    expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/db', DATA_KEY: Buffer.alloc(32).toString('base64') })).toThrow(
      /JWT_SECRET must be set/,
    );
    const c = loadConfig({
      DATABASE_URL: 'mariadb://u:p@127.0.0.1:3306/db',
      DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
      JWT_SECRET: 'x'.repeat(32),
    });
    expect(c.database).toEqual({ kind: 'mysql', url: 'mysql://u:p@127.0.0.1:3306/db' });
  });

  it.each([
    [{ DATA_KEY: Buffer.alloc(16).toString('base64') }, /DATA_KEY must be 32 bytes/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ BODY_LIMIT: '-1' }, /BODY_LIMIT must be a whole number/],
    [{ DATABASE_URL: 'postgres://x' }, /DATABASE_URL must start with sqlite: or mysql:\/\//],
  ])('refuses a bad setting %j', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dir, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, ...env })).toThrow(message);
  });
});

describe('parseDatabaseUrl', () => {
  it('resolves SQLite paths and keeps :memory:', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', url: 'sqlite::memory:', file: ':memory:' });
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite').file).toBe('/tmp/x.sqlite');
    expect(parseDatabaseUrl('sqlite:rel/x.sqlite').file).toBe(join(process.cwd(), 'rel/x.sqlite'));
  });
});
