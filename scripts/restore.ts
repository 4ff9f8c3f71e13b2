/**
 * `npm run restore -- --from <backup file> --to <DATABASE_URL> [--force]`: restores a backup made by
 * `npm run backup` into a fresh database and checks it against the manifest beside the backup:
 * the file's SHA-256, every table's row count, the audit chain head, the applied migrations, and the
 * audit chain verification the app runs for `GET /api/audit/verify`.
 *
 * The target must be empty (a missing SQLite file or MySQL database is created); a database with
 * tables is refused unless `--force` (then the SQLite file is replaced, or the MySQL database
 * dropped and created again). Exit code 0 when every check passes, 1 otherwise, 3 when refused.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/config/app-config.js';
import { initializeDataSource, resolveDataSourceOptions } from '../src/database/data-source.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { AuditService } from '../src/modules/audit/audit.service.js';
import {
  type BackupManifest,
  compareFacts,
  findTool,
  flag,
  manifestPathFor,
  type MysqlTarget,
  mysqlConnect,
  mysqlFacts,
  mysqlTarget,
  readManifest,
  type RestoreCheck,
  sha256File,
  sqliteFacts,
  withClientOptions,
} from './backup-support.js';

export class RestoreRefused extends Error {}

export interface RestoreResult {
  target: string;
  manifest: BackupManifest;
  check: RestoreCheck;
  seconds: number;
}

export async function restore(from: string, to: string, opts: { force?: boolean; manifest?: string } = {}): Promise<RestoreResult> {
  const file = resolve(from);
  const manifest = readManifest(opts.manifest ?? manifestPathFor(file));
  const sha = await sha256File(file);
  if (sha !== manifest.sha256) throw new Error(`${basename(file)} does not match its manifest (SHA-256 ${sha.slice(0, 12)}… ≠ ${manifest.sha256.slice(0, 12)}…)`);
  const db = parseDatabaseUrl(to);
  if ((manifest.dialect === 'sqlite') !== (db.kind === 'sqlite')) {
    throw new RestoreRefused(`a ${manifest.dialect} backup cannot be restored into ${db.kind === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'}`);
  }
  const started = performance.now();
  if (db.kind === 'sqlite') await restoreSqlite(file, db, !!opts.force);
  else await restoreMysql(file, mysqlTarget(db.url), !!opts.force, manifest);
  const seconds = Math.round(performance.now() - started) / 1000;
  return { target: to, manifest, check: await checkRestored(db, manifest), seconds };
}

/** Compares a restored database with the manifest and runs the app's audit chain verification. */
export async function checkRestored(db: DatabaseConfig, manifest: BackupManifest): Promise<RestoreCheck> {
  const facts = db.kind === 'sqlite' ? sqliteFacts(db.file!) : await mysqlFacts(mysqlTarget(db.url));
  const cmp = compareFacts(manifest, facts);
  const chain = await verifyAuditChain(db);
  return {
    ok: cmp.differences.length === 0 && cmp.auditHeadEqual && cmp.migrationsEqual && chain.valid,
    ...cmp,
    auditHead: facts.auditHead,
    chain,
  };
}

/** The chain verification `GET /api/audit/verify` runs, on a data source of the restored database. */
export async function verifyAuditChain(db: DatabaseConfig): Promise<RestoreCheck['chain']> {
  const ds = await initializeDataSource(await resolveDataSourceOptions(db, { migrationsRun: false }));
  try {
    const result = await new AuditService(ds, new UnitOfWork(ds)).verify();
    return result.valid ? { valid: true, entries: result.entries } : { valid: false, entries: result.entries, firstBroken: { seq: result.firstBroken.seq, reason: result.firstBroken.reason } };
  } finally {
    await ds.destroy();
  }
}

function sqliteHasTables(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
  } finally {
    db.close();
  }
}

async function restoreSqlite(from: string, db: DatabaseConfig, force: boolean): Promise<void> {
  const file = db.file;
  if (!file || file === ':memory:') throw new RestoreRefused('restore needs a SQLite file, not :memory:');
  if (sqliteHasTables(file) && !force) throw new RestoreRefused(`${file} already holds a database; restore into a new file, or add --force to replace it`);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.restoring-${process.pid}`;
  try {
    await pipeline(createReadStream(from), createGunzip(), createWriteStream(tmp));
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function restoreMysql(from: string, t: MysqlTarget, force: boolean, manifest: BackupManifest): Promise<void> {
  const conn = await mysqlConnect(t, false);
  try {
    const [schemas] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = ?', [t.database]);
    const exists = Number((schemas as { n: number }[])[0].n) > 0;
    const [tables] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?', [t.database]);
    const used = Number((tables as { n: number }[])[0].n) > 0;
    if (used && !force) throw new RestoreRefused(`database ${t.database} is not empty; restore into a new database, or add --force to replace it`);
    const name = `\`${t.database.replace(/`/g, '``')}\``;
    if (used) await conn.query(`DROP DATABASE ${name}`);
    if (!exists || used) await conn.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  const tool = process.env.MYSQL_CLIENT ?? findTool(manifest.dialect === 'mariadb' ? ['mariadb', 'mysql'] : ['mysql', 'mariadb']);
  await withClientOptions(t, async (options) => {
    const child = spawn(tool, [...options, '--default-character-set=utf8mb4', '--binary-mode', t.database], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res, rej) => {
      child.on('error', rej);
      child.on('close', (code) => res(code));
    });
    const fed = pipeline(createReadStream(from), createGunzip(), child.stdin).catch((e: unknown) => e);
    const code = await exited;
    const feedError = await fed;
    if (code !== 0) throw new Error(`${basename(tool)} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`);
    if (feedError) throw feedError;
  });
}

export function report(r: RestoreResult): string {
  const c = r.check;
  const lines = [
    `${c.ok ? '恢复完成，核对一致 / restored and verified' : '恢复后核对不一致 / restored, verification FAILED'}: ${r.target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`,
    `  backup of ${r.manifest.createdAt} (${r.manifest.dialect}, app ${r.manifest.appVersion}), restored in ${r.seconds} s`,
    `  tables with equal row counts: ${c.tablesEqual}/${c.tablesCompared}`,
    ...c.differences.map((d) => `    ${d.table}: expected ${d.expected ?? 'absent'}, found ${d.actual ?? 'absent'}`),
    `  audit chain head: ${c.auditHeadEqual ? 'equal' : 'DIFFERENT'} (${c.auditHead ? `seq ${c.auditHead.seq}, ${c.auditHead.hash.slice(0, 16)}…` : 'none'})`,
    `  audit chain verification: ${c.chain.valid ? `valid, ${c.chain.entries} entries` : `BROKEN ${JSON.stringify(c.chain.firstBroken)}`}`,
    `  migrations: ${c.migrationsEqual ? 'equal' : 'DIFFERENT'} (${r.manifest.migrations.length})`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const from = flag(args, 'from');
  const to = flag(args, 'to');
  if (!from || !to) {
    process.stderr.write('usage: npm run restore -- --from <backup file> --to <DATABASE_URL> [--force] [--manifest <file>]\n');
    process.exit(2);
  }
  try {
    const r = await restore(from, to, { force: args.includes('--force'), manifest: flag(args, 'manifest') });
    process.stdout.write(report(r) + '\n');
    process.exit(r.check.ok ? 0 : 1);
  } catch (e) {
    process.stderr.write(`恢复失败 / restore failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof RestoreRefused ? 3 : 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
