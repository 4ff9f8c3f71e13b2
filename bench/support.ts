// Helpers shared by the benchmark scripts: flags, deterministic data, bulk inserts, memory figures.
import { readFileSync } from 'node:fs';
import type mysql from 'mysql2/promise';
import { type AppConfig, loadConfig } from '../src/config/app-config.js';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../src/modules/registry/identifiers.js';

/** `--name N` as a positive whole number, or the fallback. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer`);
  return n;
}

/** A small deterministic generator, so two runs fill the same data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const ROWS_PER_INSERT = 1000;

/** Multi-row INSERTs of at most 1,000 rows each. */
export async function insert(pool: mysql.Pool, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await pool.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows.slice(i, i + ROWS_PER_INSERT)]);
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Raises the server's InnoDB buffer pool to at least `megabytes` (never lowers it) and says so: the
 * default 128 MB of Debian's MariaDB holds little of a million-account database, which no production
 * server would run with (README "Running on MySQL"). Needs the SUPER privilege; prints and goes on
 * without it.
 */
export async function ensureBufferPool(conn: mysql.Connection | mysql.Pool, megabytes: number, log: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<void> {
  const [rows] = (await conn.query('SELECT @@innodb_buffer_pool_size AS size')) as unknown as [{ size: number | string }[]];
  const current = Number(rows[0].size);
  if (current >= megabytes * 1024 * 1024) return;
  try {
    await conn.query(`SET GLOBAL innodb_buffer_pool_size = ${megabytes * 1024 * 1024}`);
    log(`MariaDB innodb_buffer_pool_size: ${Math.round(current / 1048576)} MB → ${megabytes} MB (SET GLOBAL; lasts until the server restarts)`);
  } catch (e) {
    log(`MariaDB innodb_buffer_pool_size stays ${Math.round(current / 1048576)} MB: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The app's configuration for an in-process benchmark on `url`: fixed keys, quiet, no limits or sweeps. */
export function benchConfig(url: string): AppConfig {
  return loadConfig({
    DATABASE_URL: url,
    DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    RATE_LIMIT: 'false',
    SCHEDULER: 'false',
    LOG_LEVEL: 'silent',
    // A throw-away database: a fixed first sysadmin keeps the boot quiet.
    ADMIN_USERNAME: 'bench_admin',
    ADMIN_PASSWORD: 'Bench-Passw0rd!',
  });
}

/** 91 (enterprise) + 330110 + the seq in base 31 over the code's alphabet: distinct and valid (GB 32100). */
export function creditCode(seq: number): string {
  let body = '';
  for (let v = seq, k = 0; k < 9; k++, v = Math.floor(v / 31)) body = CREDIT_CODE_ALPHABET[v % 31] + body;
  const first17 = `91330110${body}`;
  return first17 + creditCodeCheckChar(first17)!;
}

/**
 * Node's flags of `npm start` (package.json: the V8 heap settings), so that what the app does in
 * production — serve, close a cycle, import — is measured as it runs there.
 */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((t) => t.startsWith('--'));
}
