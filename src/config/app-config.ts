import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type DatabaseKind = 'sqlite' | 'mysql';

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** sqlite: absolute file path (or ':memory:'); mysql: the connection URL. */
  url: string;
  file?: string;
}

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  /** 32-byte key for AES-256-GCM encryption of personal data. */
  dataKey: Buffer;
  /** Secret that signs access tokens and CSRF tokens. */
  jwtSecret: string;
  /** Access tokens live this long (api.md: 30 minutes). */
  tokenTtlSeconds: number;
  admin?: { username: string; password?: string };
  /** Run pending migrations at start-up (default true). */
  migrationsRun: boolean;
  /** Turn rate limits off (the test suites hammer the API on purpose). */
  rateLimit: { enabled: boolean; ttlMs: number; publicLimit: number; authLimit: number };
  /**
   * Redis shared by the app processes (REDIS_URL): rate-limit counters live there when set, in each
   * process's memory when not. `keyPrefix` starts every key (several deployments or test runs on one
   * Redis keep apart).
   */
  redis?: { url: string; keyPrefix: string };
  logLevel: string;
  /** Body size limit in bytes (413 beyond). */
  bodyLimit: number;
  /** Largest registry import file in bytes (multipart uploads; the JSON body limit does not apply to them). */
  importFileLimit: number;
  /** Trust X-Forwarded-For from a load balancer. */
  trustProxy: boolean;
  /** Run scheduled sweeps in this process. */
  schedulerEnabled: boolean;
  /**
   * Seconds between sweep ticks (SWEEP_INTERVAL_SECONDS); absent: every 10 minutes. Shorter only for
   * drills; a divisor of 60 so that every process ticks at the same wall-clock instants.
   */
  sweepIntervalSeconds?: number;
  /** Hours an `Idempotency-Key` and its stored answer are kept (IDEMPOTENCY_TTL_HOURS, default 24). */
  idempotencyTtlHours: number;
}

export class ConfigError extends Error {}

/** The data directory for the embedded default: keys and the SQLite file live here. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? './data');
}

export function parseDatabaseUrl(raw: string | undefined, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = raw && raw.trim() !== '' ? raw.trim() : `sqlite:${dataDir(env)}/registry.sqlite`;
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    const file = path === ':memory:' ? ':memory:' : resolve(path);
    return { kind: 'sqlite', url, file };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    return { kind: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or mysql:// (got "${url.split(':')[0]}:")`);
}

/**
 * Reads a secret from the environment or, on the embedded default only, from a file under ./data
 * that is made at first start. On MySQL the secret must be configured: app processes behind a load
 * balancer have to share it.
 */
function secretFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fileName: string,
  db: DatabaseConfig,
  make: () => string,
): string {
  const fromEnv = env[name];
  if (fromEnv && fromEnv.trim() !== '') return fromEnv.trim();
  if (db.kind !== 'sqlite') {
    throw new ConfigError(`${name} must be set when DATABASE_URL is not the embedded SQLite database`);
  }
  const file = resolve(dataDir(env), fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const value = make();
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

function int(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number (got "${v}")`);
  return n;
}

function sweepInterval(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = int('SWEEP_INTERVAL_SECONDS', v, 0);
  if (n === 0 || 60 % n !== 0) throw new ConfigError(`SWEEP_INTERVAL_SECONDS must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30; got "${v}")`);
  return n;
}

function redisFrom(env: NodeJS.ProcessEnv): AppConfig['redis'] {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  return { url, keyPrefix: env.REDIS_KEY_PREFIX?.trim() || 'yuhang-registry:' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const database = parseDatabaseUrl(env.DATABASE_URL, env);
  const keyText = secretFrom(env, 'DATA_KEY', 'data.key', database, () => randomBytes(32).toString('base64'));
  const dataKey = Buffer.from(keyText, 'base64');
  if (dataKey.length !== 32) throw new ConfigError('DATA_KEY must be 32 bytes, base64-encoded');
  const jwtSecret = secretFrom(env, 'JWT_SECRET', 'jwt.secret', database, () => randomBytes(48).toString('base64url'));
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  return {
    port: int('PORT', env.PORT, 3000),
    database,
    dataKey,
    jwtSecret,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', env.TOKEN_TTL_SECONDS, 30 * 60),
    admin: env.ADMIN_USERNAME || env.ADMIN_PASSWORD
      ? { username: env.ADMIN_USERNAME || 'admin', password: env.ADMIN_PASSWORD || undefined }
      : { username: 'admin' },
    migrationsRun: bool(env.MIGRATIONS_RUN, true),
    rateLimit: {
      enabled: bool(env.RATE_LIMIT, true),
      ttlMs: int('RATE_LIMIT_WINDOW_MS', env.RATE_LIMIT_WINDOW_MS, 60_000),
      publicLimit: int('RATE_LIMIT_PUBLIC', env.RATE_LIMIT_PUBLIC, 60),
      authLimit: int('RATE_LIMIT_AUTH', env.RATE_LIMIT_AUTH, 20),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: int('BODY_LIMIT', env.BODY_LIMIT, 256 * 1024),
    importFileLimit: int('IMPORT_FILE_LIMIT', env.IMPORT_FILE_LIMIT, 200 * 1024 * 1024),
    trustProxy: bool(env.TRUST_PROXY, false),
    redis: redisFrom(env),
    schedulerEnabled: bool(env.SCHEDULER, true),
    sweepIntervalSeconds: sweepInterval(env.SWEEP_INTERVAL_SECONDS),
    idempotencyTtlHours: int('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS, 24) || 24,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
