/**
 * What `npm run backup` and `npm run restore` share: the manifest written beside a backup, the
 * reader of mysqldump output that builds it, database URLs for the MySQL command-line clients, and
 * the facts a restored database is compared on (row counts, audit chain head, migrations). Light on
 * purpose: `npm run backup` loads only this, not the app's modules.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';

export const MANIFEST_FORMAT = 'yuhang-registry-backup/1';

export interface AuditHeadInfo {
  seq: number;
  hash: string;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  dialect: 'sqlite' | 'mysql' | 'mariadb';
  /** The server's version string (MySQL/MariaDB) or the SQLite library version. */
  serverVersion: string;
  appVersion: string;
  /** The backup file's name (beside the manifest) and its SHA-256. */
  file: string;
  sha256: string;
  bytes: number;
  /** Every table of the backup with its row count, by name. */
  tables: Record<string, number>;
  /** The audit chain's head as the backup holds it (null: no entry yet). */
  auditHead: AuditHeadInfo | null;
  /** Migrations applied in the backed-up database, oldest first. */
  migrations: string[];
  /** How the backup was taken (tool and options). */
  method: string;
  seconds: number;
}

export const manifestPathFor = (backupFile: string) => `${backupFile}.manifest.json`;

export function writeManifest(backupFile: string, m: BackupManifest): string {
  const path = manifestPathFor(backupFile);
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
  return path;
}

export function readManifest(path: string): BackupManifest {
  const m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (m.format !== MANIFEST_FORMAT) throw new Error(`${path} is not a backup manifest (${MANIFEST_FORMAT})`);
  return m;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The app's version from the package.json above this file (scripts/ or dist/scripts/). */
export function appVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) return String((JSON.parse(readFileSync(p, 'utf8')) as { version?: string }).version ?? 'unknown');
    dir = dirname(dir);
  }
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Command-line flags

export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

// ---------------------------------------------------------------------------------------------
// MySQL / MariaDB: connection pieces and the command-line clients

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function mysqlTarget(url: string): MysqlTarget {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('the MySQL URL names no database');
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database };
}

export function mysqlConnect(t: MysqlTarget, withDatabase = true) {
  return mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password, database: withDatabase ? t.database : undefined, connectTimeout: 5000, supportBigNumbers: true, bigNumberStrings: false });
}

/**
 * The password goes to the clients in an option file (mode 600, removed afterwards), never on the
 * command line where `ps` shows it. `--defaults-extra-file` must be the first option.
 */
export function withClientOptions<T>(t: MysqlTarget, run: (optionArgs: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-db-'));
  const file = join(dir, 'client.cnf');
  const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(file, `[client]\nhost=${t.host}\nport=${t.port}\nuser=${quote(t.user)}\npassword=${quote(t.password)}\n`, { mode: 0o600 });
  return run([`--defaults-extra-file=${file}`, '--protocol=TCP']).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** The first of the names found on PATH (MariaDB ships mariadb-dump, MySQL mysqldump). */
export function findTool(names: string[]): string {
  for (const name of names) {
    if (name.includes('/') && existsSync(name)) return name;
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new Error(`none of ${names.join(', ')} is installed`);
}

// ---------------------------------------------------------------------------------------------
// Reading mysqldump output

/**
 * Counts the rows of every table in mysqldump output as it streams past and keeps the rows of the
 * few tables the manifest quotes (audit_head, migrations). mysqldump writes `CREATE TABLE \`t\`` for every table
 * and, with `--complete-insert`, `INSERT INTO \`t\` (\`a\`, \`b\`) VALUES (…),(…);` (MySQL: one line;
 * MariaDB: one row a line). Newlines inside strings are escaped as \n, so a line never ends inside
 * a string. So the manifest describes
 * exactly the rows in the file: the same snapshot, however the database changed meanwhile.
 */
export class DumpReader {
  readonly tables: Record<string, number> = {};
  readonly captured: Record<string, Record<string, string | null>[]> = {};
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');
  /** The INSERT statement whose rows continue on the next lines. */
  private insert: { table: string; columns: string[]; keep: boolean } | null = null;

  constructor(private readonly capture: string[]) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): void {
    this.partial += this.decoder.end();
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  private line(line: string): void {
    if (this.insert) {
      // MariaDB's dump puts each row of an extended insert on its own line: `(…),` … `(…);`
      this.rows(this.insert, line, 0);
      if (line.endsWith(';')) this.insert = null;
      return;
    }
    const create = /^CREATE TABLE `((?:[^`]|``)+)`/.exec(line);
    if (create) {
      const name = create[1].replace(/``/g, '`');
      this.tables[name] ??= 0;
      return;
    }
    if (!line.startsWith('INSERT INTO `')) return;
    const head = /^INSERT INTO `((?:[^`]|``)+)`\s*(?:\(([^)]*)\))?\s*VALUES\s*/.exec(line);
    if (!head) return;
    const table = head[1].replace(/``/g, '`');
    const columns = head[2] ? head[2].split(',').map((c) => c.trim().replace(/^`|`$/g, '')) : [];
    const insert = { table, columns, keep: this.capture.includes(table) };
    this.rows(insert, line, head[0].length);
    if (!line.endsWith(';')) this.insert = insert;
  }

  private rows(insert: { table: string; columns: string[]; keep: boolean }, line: string, from: number): void {
    const rows = scanTuples(line, from, insert.keep);
    this.tables[insert.table] = (this.tables[insert.table] ?? 0) + rows.count;
    if (insert.keep) {
      const list = (this.captured[insert.table] ??= []);
      for (const values of rows.values) list.push(Object.fromEntries(insert.columns.map((c, i) => [c, values[i] ?? null])));
    }
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', Z: '\x1a', b: '\b' };

/** Counts the `(…)` tuples of a VALUES list; with `keep`, also returns their values as text (NULL → null). */
export function scanTuples(s: string, from: number, keep: boolean): { count: number; values: (string | null)[][] } {
  let count = 0;
  const values: (string | null)[][] = [];
  let depth = 0;
  let row: (string | null)[] = [];
  let token = '';
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (depth === 0) {
      if (c === '(') {
        depth = 1;
        count += 1;
        row = [];
        token = '';
        quoted = false;
      }
      continue;
    }
    if (c === "'") {
      // A quoted string: backslash escapes, '' is a quote.
      let text = '';
      for (i += 1; i < s.length; i++) {
        const d = s[i];
        if (d === '\\') {
          const e = s[++i];
          text += ESCAPES[e] ?? e;
        } else if (d === "'") {
          if (s[i + 1] === "'") {
            text += "'";
            i += 1;
          } else break;
        } else text += d;
      }
      if (keep) {
        token = text;
        quoted = true;
      }
      continue;
    }
    if (c === ',' || c === ')') {
      if (keep) row.push(!quoted && token.trim().toUpperCase() === 'NULL' ? null : quoted ? token : token.trim());
      token = '';
      quoted = false;
      if (c === ')') {
        depth = 0;
        if (keep) values.push(row);
      }
      continue;
    }
    if (keep) token += c;
  }
  return { count, values };
}

// ---------------------------------------------------------------------------------------------
// What a database holds: tables, counts, audit head, migrations

export interface DatabaseFacts {
  tables: Record<string, number>;
  auditHead: AuditHeadInfo | null;
  migrations: string[];
}

export function sqliteFacts(file: string): DatabaseFacts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const n of names) tables[n] = Number((db.prepare(`SELECT COUNT(*) AS c FROM "${n.replace(/"/g, '""')}"`).get() as { c: number }).c);
    const head = names.includes('audit_head') ? (db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as AuditHeadInfo | undefined) : undefined;
    const migrations = names.includes('migrations') ? (db.prepare('SELECT name FROM migrations ORDER BY timestamp, id').all() as { name: string }[]).map((r) => r.name) : [];
    return { tables, auditHead: head ? { seq: Number(head.seq), hash: head.hash } : null, migrations };
  } finally {
    db.close();
  }
}

export async function mysqlFacts(t: MysqlTarget): Promise<DatabaseFacts> {
  const conn = await mysqlConnect(t);
  try {
    const [rows] = await conn.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name", [t.database]);
    const names = (rows as { name: string }[]).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const n of names) {
      const [c] = await conn.query(`SELECT COUNT(*) AS c FROM \`${n.replace(/`/g, '``')}\``);
      tables[n] = Number((c as { c: number }[])[0].c);
    }
    let auditHead: AuditHeadInfo | null = null;
    if (names.includes('audit_head')) {
      const [h] = await conn.query('SELECT seq, hash FROM audit_head WHERE id = 1');
      const row = (h as { seq: number; hash: string }[])[0];
      if (row) auditHead = { seq: Number(row.seq), hash: row.hash };
    }
    let migrations: string[] = [];
    if (names.includes('migrations')) {
      const [m] = await conn.query('SELECT name FROM migrations ORDER BY timestamp, id');
      migrations = (m as { name: string }[]).map((r) => r.name);
    }
    return { tables, auditHead, migrations };
  } finally {
    await conn.end();
  }
}

/** Facts of the manifest's kind from the rows mysqldump wrote. */
export function factsFromDump(r: DumpReader): DatabaseFacts {
  const head = (r.captured.audit_head ?? []).find((h) => Number(h.id) === 1);
  const migrations = [...(r.captured.migrations ?? [])]
    .sort((a, b) => Number(a.timestamp) - Number(b.timestamp) || Number(a.id) - Number(b.id))
    .map((m) => String(m.name));
  return { tables: { ...r.tables }, auditHead: head ? { seq: Number(head.seq), hash: String(head.hash) } : null, migrations };
}

// ---------------------------------------------------------------------------------------------
// Checking a restored database against its manifest

export interface RestoreCheck {
  ok: boolean;
  tablesCompared: number;
  tablesEqual: number;
  differences: { table: string; expected: number | null; actual: number | null }[];
  auditHeadEqual: boolean;
  auditHead: AuditHeadInfo | null;
  chain: { valid: boolean; entries: number; firstBroken?: unknown };
  migrationsEqual: boolean;
}

export function compareFacts(manifest: Pick<BackupManifest, 'tables' | 'auditHead' | 'migrations'>, actual: DatabaseFacts) {
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(actual.tables)])].sort();
  const differences = names
    .filter((n) => manifest.tables[n] !== actual.tables[n])
    .map((n) => ({ table: n, expected: manifest.tables[n] ?? null, actual: actual.tables[n] ?? null }));
  const auditHeadEqual =
    (manifest.auditHead === null && actual.auditHead === null) ||
    (manifest.auditHead !== null && actual.auditHead !== null && manifest.auditHead.seq === actual.auditHead.seq && manifest.auditHead.hash === actual.auditHead.hash);
  const migrationsEqual = JSON.stringify(manifest.migrations) === JSON.stringify(actual.migrations);
  return { tablesCompared: names.length, tablesEqual: names.length - differences.length, differences, auditHeadEqual, migrationsEqual };
}
