import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { MYSQL_MIGRATIONS } from '../../migrations/mysql/index.js';
import { SQLITE_MIGRATIONS } from '../../migrations/sqlite/index.js';
import { ENTITIES } from './entities.js';
import { detectMysqlFlavor } from './mysql-flavor.js';

/**
 * One builder for both dialects. Migrations are listed explicitly (no globs), so the compiled app,
 * the test runner and the scripts load the same ones. The schema is owned by migrations:
 * `synchronize` stays off everywhere.
 */
export function dataSourceOptions(
  db: DatabaseConfig,
  opts: { migrationsRun?: boolean; logging?: boolean; flavor?: 'mysql' | 'mariadb' } = {},
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: opts.migrationsRun ?? false,
    logging: opts.logging ?? false,
  } as const;
  if (db.kind === 'sqlite') {
    if (db.file && db.file !== ':memory:') mkdirSync(dirname(db.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file ?? ':memory:',
      migrations: SQLITE_MIGRATIONS,
      enableWAL: db.file !== ':memory:',
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: opts.flavor ?? 'mysql',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
    connectTimeout: 5000,
    migrations: MYSQL_MIGRATIONS,
    extra: { connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10), waitForConnections: true, queueLimit: 1000, enableKeepAlive: true },
  };
}

/** The options with the MySQL flavour asked of the server (see mysql-flavor.ts). */
export async function resolveDataSourceOptions(
  db: DatabaseConfig,
  opts: { migrationsRun?: boolean; logging?: boolean } = {},
): Promise<DataSourceOptions> {
  const flavor = db.kind === 'mysql' ? await detectMysqlFlavor(db.url) : undefined;
  return dataSourceOptions(db, { ...opts, flavor });
}
