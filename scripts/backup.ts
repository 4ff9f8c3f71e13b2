/**
 * `npm run backup -- [--out <file>]`: a consistent backup of the configured database (DATABASE_URL,
 * as the app reads it), gzip'd, with a manifest beside it (`<file>.manifest.json`: time, dialect,
 * every table with its row count, the audit chain head, app version, applied migrations, SHA-256).
 *
 * - SQLite: better-sqlite3's online backup API, every page in one step, so the copy is one read
 *   transaction (a snapshot) while the app keeps writing (WAL lets the writer go on).
 * - MySQL / MariaDB: `mysqldump --single-transaction` (`mariadb-dump` on MariaDB): one consistent
 *   InnoDB snapshot without locking the app out. The manifest's counts are read from the dump as it
 *   streams past, so they describe exactly the rows in the file.
 *
 * The data key (DATA_KEY / data.key) is NOT in the backup: keep it apart (README "Backup and restore").
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/config/app-config.js';
import { detectMysqlFlavor } from '../src/database/mysql-flavor.js';
import {
  appVersion,
  type BackupManifest,
  DumpReader,
  factsFromDump,
  findTool,
  flag,
  MANIFEST_FORMAT,
  type MysqlTarget,
  mysqlConnect,
  mysqlTarget,
  sha256File,
  sqliteFacts,
  withClientOptions,
  writeManifest,
} from './backup-support.js';

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: BackupManifest;
}

function defaultOut(db: DatabaseConfig): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return resolve('backups', `registry-${db.kind}-${stamp}.${db.kind === 'sqlite' ? 'sqlite' : 'sql'}.gz`);
}

/** Backs up the database of `databaseUrl` (an app DATABASE_URL) into `out` (gzip) and writes the manifest. */
export async function backup(databaseUrl: string | undefined, out?: string, env: NodeJS.ProcessEnv = process.env): Promise<BackupResult> {
  const db = parseDatabaseUrl(databaseUrl, env);
  const file = resolve(out ?? defaultOut(db));
  mkdirSync(dirname(file), { recursive: true });
  const started = performance.now();
  const partial = db.kind === 'sqlite' ? await backupSqlite(db, file) : await backupMysql(db, file);
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    createdAt: new Date().toISOString(),
    appVersion: appVersion(),
    file: basename(file),
    sha256: await sha256File(file),
    bytes: statSync(file).size,
    seconds: Math.round(performance.now() - started) / 1000,
    ...partial,
  };
  return { file, manifestFile: writeManifest(file, manifest), manifest };
}

type Taken = Pick<BackupManifest, 'dialect' | 'serverVersion' | 'tables' | 'auditHead' | 'migrations' | 'method'>;

async function backupSqlite(db: DatabaseConfig, file: string): Promise<Taken> {
  if (!db.file || db.file === ':memory:') throw new Error('an in-memory SQLite database cannot be backed up');
  if (!existsSync(db.file)) throw new Error(`the database file ${db.file} does not exist (DATABASE_URL ${db.url})`);
  const copy = `${file}.${process.pid}.tmp.sqlite`;
  const source = new Database(db.file, { fileMustExist: true });
  let serverVersion: string;
  try {
    source.pragma('busy_timeout = 10000');
    serverVersion = `SQLite ${(source.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}`;
    // Every remaining page in one step: the copy is made under one read lock, i.e. one snapshot.
    // (Page by page, a write by the app between steps would restart the backup, again and again.)
    await source.backup(copy, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  try {
    const c = new Database(copy);
    try {
      c.pragma('journal_mode = DELETE'); // one self-contained file; the app turns WAL on again
      const check = c.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup copy fails the integrity check: ${String(check)}`);
    } finally {
      c.close();
    }
    const facts = sqliteFacts(copy);
    await pipeline(createReadStream(copy), createGzip(), createWriteStream(file));
    return { dialect: 'sqlite', serverVersion, ...facts, method: 'better-sqlite3 online backup (one step), gzip' };
  } finally {
    rmSync(copy, { force: true });
  }
}

export const DUMP_OPTIONS = [
  '--single-transaction',
  '--routines',
  '--triggers',
  '--hex-blob',
  '--complete-insert',
  '--no-tablespaces',
  '--default-character-set=utf8mb4',
];

async function backupMysql(db: DatabaseConfig, file: string): Promise<Taken> {
  const t = mysqlTarget(db.url);
  const flavor = await detectMysqlFlavor(db.url);
  const serverVersion = await serverVersionOf(t);
  const tool = process.env.MYSQLDUMP ?? findTool(flavor === 'mariadb' ? ['mariadb-dump', 'mysqldump'] : ['mysqldump', 'mariadb-dump']);
  const reader = new DumpReader(['audit_head', 'migrations']);
  let tail = '';
  await withClientOptions(t, async (options) => {
    const child = spawn(tool, [...options, ...DUMP_OPTIONS, t.database], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res, rej) => {
      child.on('error', rej);
      child.on('close', (code) => res(code));
    });
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        reader.push(chunk);
        tail = (tail + chunk.toString()).slice(-256);
        done(null, chunk);
      },
      flush(done) {
        reader.end();
        done();
      },
    });
    await pipeline(child.stdout, tap, createGzip(), createWriteStream(file));
    const code = await exited;
    if (code !== 0) throw new Error(`${basename(tool)} failed (exit ${code}): ${stderr.trim()}`);
  });
  // mysqldump ends a complete dump with this comment; a cut-off dump must not pass as a backup.
  if (!/\n-- Dump completed[^\n]*\s*$/.test(tail)) throw new Error(`the dump is incomplete (it ends: ${tail.trim().slice(-80)})`);
  return { dialect: flavor, serverVersion, ...factsFromDump(reader), method: `${basename(tool)} ${DUMP_OPTIONS.join(' ')}, gzip` };
}

async function serverVersionOf(t: MysqlTarget): Promise<string> {
  const conn = await mysqlConnect(t);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return String((rows as { v: string }[])[0].v);
  } finally {
    await conn.end();
  }
}

export function summary(r: BackupResult): string {
  const m = r.manifest;
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  return [
    `备份完成 / backup written: ${r.file}`,
    `  manifest: ${r.manifestFile}`,
    `  ${m.dialect} (${m.serverVersion}), ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.bytes} bytes gzip'd, ${m.seconds} s`,
    `  audit chain head: ${m.auditHead ? `seq ${m.auditHead.seq}, ${m.auditHead.hash}` : 'no entries'}`,
    `  migrations: ${m.migrations.length} (last ${m.migrations.at(-1) ?? '-'})`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  try {
    const r = await backup(process.env.DATABASE_URL, flag(args, 'out'));
    process.stdout.write(summary(r) + '\n');
  } catch (e) {
    process.stderr.write(`备份失败 / backup failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
