/**
 * `npm run bench:generate -- --accounts 1000000 --db mysql|sqlite [--database NAME] [--file PATH]`
 * `npm run bench:generate -- --reindex-only --url DATABASE_URL` (rebuilds the name index alone)
 *
 * Fills a FRESH database with a district's registry at scale: operators (the subjects' owners),
 * subjects (organisations with valid credit codes, individuals with valid, encrypted ID numbers and
 * phones — FieldCipher with the fixed bench key, so the app started with that key can read them),
 * accounts (Chinese names, platform / category / state distributions, filing numbers per year,
 * last year's grades), editorial staff, public reports, violations, interviews, one open
 * evaluation cycle and the filing counters — scaled by --accounts (per 1,000,000 accounts:
 * 200,000 reports, 50,000 violations, 10,000 interviews) — then rebuilds the name-search index
 * (account_name_gram) the way the app keeps it. Prints rows/s per table and the DATABASE_URL.
 *
 * mysql: MYSQL_URL (default mysql://root@127.0.0.1:3306); the database (default yh_bench_<n>) is
 * dropped and made again; raw multi-row INSERTs of ≤ 1,000 rows on one connection with unique and
 * foreign-key checks off (the generator makes unique values itself), committed every batch.
 * sqlite: the file (default <tmpdir>/yh-bench-<n>.sqlite) is deleted and made again; prepared
 * multi-row statements of 100 rows in one transaction per batch.
 * Both: the migrations run first, through the app's own data-source builder.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { DataSource, EntityMetadata } from 'typeorm';
import { FieldCipher } from '../src/common/crypto/field-cipher.js';
import { hashPassword } from '../src/common/crypto/password.js';
import { loadConfig } from '../src/config/app-config.js';
import { initializeDataSource, resolveDataSourceOptions } from '../src/database/data-source.js';
import { asDate } from '../src/database/direct-query.js';
import { nameGrams } from '../src/database/search/name-grams.js';
import type { GramListing } from '../src/database/search/name-search.strategy.js';
import type { AccountState } from '../src/modules/registry/workflow/account.workflow.js';
import { isPubliclyListed } from '../src/modules/registry/registry.views.js';
import { idNumberCheckChar } from '../src/modules/registry/identifiers.js';
import { creditCode, ensureBufferPool } from './support.js';
import { accountName, companyName, personName, pick, REGIONS, weighted, type Rnd } from './names.js';

/** The fixed bench key (also bench/evaluation-close.ts): DATA_KEY for an app reading this data. */
export const BENCH_DATA_KEY = Buffer.alloc(32, 9).toString('base64');
/** The password of the generated bench_admin (sysadmin) and bench_officer (officer). */
export const BENCH_PASSWORD = 'Bench-Passw0rd!';
const BATCH = 10_000;
const NOW = new Date();
const YEAR = NOW.getUTCFullYear();

export interface GenerateOptions {
  accounts: number;
  db: 'mysql' | 'sqlite';
  database?: string;
  file?: string;
  quiet?: boolean;
  /** MariaDB: raise innodb_buffer_pool_size to at least this many MB first (`--buffer-pool-mb`, default 2048). */
  bufferPoolMb?: number;
}

export interface Generated {
  url: string;
  accounts: number;
  /** A few filed accounts' filing numbers, for the lookups of bench/lookup.ts. */
  filingNos: string[];
}

function argv(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** Deterministic: two runs make the same data. */
function lcg(seed: number): Rnd {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);
/** UUID-shaped ids in insertion order (seq first): appends at the end of every primary key. */
const idOf = (table: number, seq: number) => {
  const h = Math.imul(seq ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return `${hex(seq, 8)}-${hex(table, 4)}-4${hex(h >>> 20, 3)}-8${hex(h & 0xfff, 3)}-${hex(h, 8)}${hex(seq & 0xffff, 4)}`;
};
const T = { user: 1, subject: 2, account: 3, staff: 4, report: 5, violation: 6, interview: 7, cycle: 8 } as const;

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);
const daysAfter = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

// ─────────────────────────────── sinks ───────────────────────────────

interface Sink {
  exec(sql: string): Promise<void>;
  /** The table's indexes other than the primary key, as the statements that drop and re-create them. */
  secondaryIndexes(table: string): Promise<{ name: string; drop: string; create: string }[]>;
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
}

async function mysqlSink(url: string): Promise<Sink> {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
  // Safe here: the generator alone writes this fresh database and makes every unique value distinct.
  await conn.query('SET unique_checks = 0, foreign_key_checks = 0, autocommit = 0');
  let failure: unknown = null;
  let inFlight: Promise<void> = Promise.resolve();
  const pending = async () => {
    await inFlight;
    if (failure) throw failure;
  };
  return {
    async exec(sql) {
      await pending();
      await conn.query(sql);
    },
    async secondaryIndexes(table) {
      await pending();
      const [rows] = (await conn.query(
        `SELECT INDEX_NAME AS name, MAX(NON_UNIQUE) AS nonUnique, GROUP_CONCAT(CONCAT('\`', COLUMN_NAME, '\`') ORDER BY SEQ_IN_INDEX) AS cols
           FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY'
          GROUP BY INDEX_NAME`,
        [table],
      )) as unknown as [{ name: string; nonUnique: number; cols: string }[]];
      return rows.map((r) => ({
        name: r.name,
        drop: `DROP INDEX \`${r.name}\``,
        create: `ADD ${Number(r.nonUnique) ? '' : 'UNIQUE '}INDEX \`${r.name}\` (${r.cols})`,
      }));
    },
    async insert(table, columns, rows) {
      const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`;
      for (let i = 0; i < rows.length; i += 1000) {
        // One statement in flight while the next one is built.
        await pending();
        inFlight = conn.query(sql, [rows.slice(i, i + 1000)]).then(
          () => undefined,
          (e: unknown) => {
            failure = new Error(`${table}: ${e instanceof Error ? e.message : String(e)}`);
          },
        );
      }
    },
    async commit() {
      await pending();
      await conn.query('COMMIT');
    },
    async close() {
      await pending();
      await conn.query('COMMIT');
      await conn.end();
    },
  };
}

function sqliteSink(file: string): Sink {
  const db = new Database(file);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('foreign_keys = OFF');
  const statements = new Map<string, Database.Statement>();
  const stmt = (table: string, columns: string[], n: number) => {
    const key = `${table}:${n}`;
    let s = statements.get(key);
    if (!s) {
      const one = `(${columns.map(() => '?').join(', ')})`;
      s = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(n).fill(one).join(', ')}`);
      statements.set(key, s);
    }
    return s;
  };
  const sqliteValue = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : typeof v === 'boolean' ? (v ? 1 : 0) : v);
  db.exec('BEGIN');
  return {
    async exec(sql) {
      db.exec(sql);
    },
    async secondaryIndexes(table) {
      const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table) as { name: string; sql: string }[];
      return rows.map((r) => ({ name: r.name, drop: `DROP INDEX "${r.name}"`, create: r.sql }));
    },
    async insert(table, columns, rows) {
      const STEP = 100;
      let i = 0;
      for (; i + STEP <= rows.length; i += STEP) stmt(table, columns, STEP).run(rows.slice(i, i + STEP).flat().map(sqliteValue));
      for (; i < rows.length; i++) stmt(table, columns, 1).run(rows[i].map(sqliteValue));
    },
    async commit() {
      db.exec('COMMIT');
      db.exec('BEGIN');
    },
    async close() {
      db.exec('COMMIT');
      db.pragma('journal_mode = WAL');
      db.exec('ANALYZE');
      db.close();
    },
  };
}

// ─────────────────────────── table writers ───────────────────────────

/**
 * Rows as objects keyed by column; the column list comes from the entity metadata, so a column
 * another change adds is filled from its default (or null) without touching the generator.
 */
class TableWriter {
  readonly columns: string[];
  private readonly fill: unknown[];
  private rows: unknown[][] = [];
  count = 0;
  private ms = 0;

  constructor(
    private readonly sink: Sink,
    private readonly meta: EntityMetadata,
  ) {
    this.columns = meta.columns.map((c) => c.databaseName);
    this.fill = meta.columns.map((c) => {
      if (c.isCreateDate || c.isUpdateDate) return NOW;
      if (c.isVersion) return 1;
      if (c.default !== undefined && typeof c.default !== 'function') return c.default;
      if (c.isNullable) return null;
      return undefined;
    });
  }

  async add(row: Record<string, unknown>): Promise<void> {
    const values = this.columns.map((c, i) => {
      const v = row[c] === undefined ? this.fill[i] : row[c];
      if (v === undefined) throw new Error(`${this.meta.tableName}.${c}: no value and no default`);
      return v;
    });
    this.rows.push(values);
    this.count++;
    if (this.rows.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const started = performance.now();
    const rows = this.rows;
    this.rows = [];
    await this.sink.insert(this.meta.tableName, this.columns, rows);
    await this.sink.commit();
    this.ms += performance.now() - started;
  }

  get writeMs(): number {
    return this.ms;
  }
}

// ─────────────────────────────── data ───────────────────────────────

const PLATFORMS = [
  ['wechat', 34],
  ['douyin', 24],
  ['weibo', 10],
  ['xiaohongshu', 10],
  ['kuaishou', 8],
  ['toutiao', 7],
  ['bilibili', 5],
  ['other', 2],
] as const;
const CATEGORIES = [
  ['lifestyle', 22],
  ['food', 12],
  ['entertainment', 12],
  ['news', 8],
  ['culture', 8],
  ['technology', 7],
  ['travel', 7],
  ['education', 6],
  ['government', 5],
  ['finance', 4],
  ['medical', 4],
  ['legal', 2],
] as const;
const ACCOUNT_STATES = [
  ['filed', 86],
  ['pending', 4],
  ['rejected', 2],
  ['restricted', 2],
  ['suspended', 1],
  ['closed', 1],
  ['deregistered', 4],
] as const;
const QUALIFIED: Record<string, string> = { finance: '金融信息服务许可', education: '办学许可证', medical: '医疗机构执业许可证', legal: '律师执业证' };
const REPORT_STATES = [
  ['unsubstantiated', 45],
  ['substantiated', 35],
  ['transferred', 3],
  ['verifying', 9],
  ['received', 8],
] as const;
const CONCLUDED_REPORT_STATES = REPORT_STATES.filter(([state]) => state !== 'received' && state !== 'verifying');
const VIOLATION_CATEGORIES = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11'];
const INTERVIEW_STATES = [
  ['passed', 55],
  ['failed', 8],
  ['refused', 4],
  ['rectifying', 15],
  ['assessing', 8],
  ['held', 4],
  ['scheduled', 6],
] as const;
const FILED = new Set(['filed', 'restricted', 'suspended', 'closed', 'deregistered']);

function idNumber(seq: number): string {
  const birth = daysAfter(new Date('1960-01-01T00:00:00Z'), Math.floor(seq / 400) % 16_000);
  const first17 = `330110${dateOnly(birth).replace(/-/g, '')}${String(seq % 400).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17)!;
}

const phone = (rnd: Rnd) => `1${pick(rnd, ['38', '39', '58', '59', '36', '87', '88', '77', '99', '86'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;

/**
 * Drops the tables' secondary indexes and returns what makes them again. Loading into bare tables
 * and building each index once, sorted, is many times faster than keeping indexes larger than the
 * buffer pool up to date row by row (random page writes).
 */
async function withoutSecondaryIndexes(sink: Sink, tables: string[], db: 'mysql' | 'sqlite'): Promise<() => Promise<number>> {
  const dropped: { table: string; indexes: { drop: string; create: string }[] }[] = [];
  for (const table of tables) {
    const indexes = await sink.secondaryIndexes(table);
    if (!indexes.length) continue;
    if (db === 'mysql') await sink.exec(`ALTER TABLE \`${table}\` ${indexes.map((i) => i.drop).join(', ')}`);
    else for (const i of indexes) await sink.exec(i.drop);
    dropped.push({ table, indexes });
  }
  return async () => {
    const started = performance.now();
    await sink.commit();
    for (const { table, indexes } of dropped) {
      if (db === 'mysql') await sink.exec(`ALTER TABLE \`${table}\` ${indexes.map((i) => i.create).join(', ')}`);
      else for (const i of indexes) await sink.exec(i.create);
    }
    await sink.commit();
    return (performance.now() - started) / 1000;
  };
}

/** The name-search index (account_name_gram) of `names[i]` ↔ `idAt(i)`, ids ascending with i: in primary-key order (accountId, gram). */
async function writeNameIndex(writer: TableWriter, names: string[], idAt: (i: number) => string, listingAt: (i: number) => GramListing): Promise<void> {
  for (let i = 0; i < names.length; i++) {
    const listing = listingAt(i);
    const accountId = idAt(i);
    for (const gram of nameGrams(names[i]).sort((a, b) => a - b)) await writer.add({ accountId, gram, ...listing });
  }
  await writer.flush();
}

/** `--reindex-only`: rebuilds account_name_gram of an existing database from media_account. */
export async function reindexOnly(url: string): Promise<void> {
  const db = url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
  const started = performance.now();
  const config = loadConfig({ DATABASE_URL: url, DATA_KEY: BENCH_DATA_KEY, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' });
  const ds = await initializeDataSource(await resolveDataSourceOptions(config.database));
  const meta = ds.entityMetadatas.find((m) => m.tableName === 'account_name_gram')!;
  const rows = (await ds.query('SELECT id, name, status, filingNo, filedAt FROM media_account ORDER BY id')) as { id: string; name: string; status: AccountState; filingNo: string | null; filedAt: unknown }[];
  await ds.destroy();
  const sink = db === 'mysql' ? await mysqlSink(url) : sqliteSink(url.slice('sqlite:'.length));
  await sink.exec('DELETE FROM account_name_gram');
  const writer = new TableWriter(sink, meta);
  const rebuild = await withoutSecondaryIndexes(sink, [meta.tableName], db);
  await writeNameIndex(
    writer,
    rows.map((r) => r.name),
    (i) => rows[i].id,
    (i) => ({ listed: isPubliclyListed(rows[i]), filingNo: rows[i].filingNo, filedAt: asDate(rows[i].filedAt) }),
  );
  await rebuild();
  await sink.close();
  process.stdout.write(`name index: ${writer.count} grams for ${rows.length} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

export async function generate(opts: GenerateOptions): Promise<Generated> {
  const log = (s: string) => {
    if (!opts.quiet) process.stdout.write(`${s}\n`);
  };
  const n = opts.accounts;
  let url: string;
  if (opts.db === 'mysql') {
    const base = new URL(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
    const name = opts.database ?? `yh_bench_${n}`;
    const admin = await mysql.createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (opts.bufferPoolMb) await ensureBufferPool(admin, opts.bufferPoolMb, log);
    await admin.end();
    base.pathname = `/${name}`;
    url = base.toString();
  } else {
    const file = opts.file ?? join(tmpdir(), `yh-bench-${n}.sqlite`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    url = `sqlite:${file}`;
  }
  const config = loadConfig({ DATABASE_URL: url, DATA_KEY: BENCH_DATA_KEY, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' });
  const migrated = performance.now();
  const ds: DataSource = await initializeDataSource(await resolveDataSourceOptions(config.database, { migrationsRun: true }));
  const meta = (table: string) => ds.entityMetadatas.find((m) => m.tableName === table)!;
  const metas = Object.fromEntries(
    ['app_user', 'subject', 'media_account', 'staff_member', 'public_report', 'violation', 'interview', 'evaluation_cycle', 'sequence_counter', 'account_name_gram'].map((t) => [t, meta(t)]),
  );
  for (const [t, m] of Object.entries(metas)) if (!m) throw new Error(`no entity for table ${t}`);
  await ds.destroy();
  log(`${opts.db}: ${url.replace(/\/\/[^@]*@/, '//')} — migrations ${((performance.now() - migrated) / 1000).toFixed(1)} s`);

  const sink = opts.db === 'mysql' ? await mysqlSink(url) : sqliteSink(url.slice('sqlite:'.length));
  const cipher = new FieldCipher(Buffer.from(BENCH_DATA_KEY, 'base64'));
  const w = Object.fromEntries(Object.entries(metas).map(([t, m]) => [t, new TableWriter(sink, m)])) as Record<string, TableWriter>;
  const rnd = lcg(20261123);
  const started = performance.now();
  const rebuildIndexes = await withoutSecondaryIndexes(sink, Object.keys(metas), opts.db);

  const officerId = idOf(T.user, 0);
  // The bench's own sign-ins (BENCH_PASSWORD): a sysadmin and an officer; everyone else cannot sign in.
  const benchHash = await hashPassword(BENCH_PASSWORD);
  await w.app_user.add({ id: officerId, username: 'bench_officer', passwordHash: benchHash, role: 'officer', displayName: '测试工作人员', organization: '区网信办', status: 'active' });
  await w.app_user.add({ id: idOf(T.user, 16_000_000), username: 'bench_admin', passwordHash: benchHash, role: 'sysadmin', displayName: '测试管理员', organization: '区网信办', status: 'active' });

  // Accounts with their subjects (1–3 accounts a subject) and the subjects' owners.
  const names: string[] = new Array(n);
  const filingNos: string[] = [];
  const filingCounters = new Map<number, number>();
  const accountFacts: { filingNo: string | null; platform: string; owner: string; subject: string; subjectName: string; filedAt: Date | null; listed: boolean }[] = [];
  let subjectSeq = 0;
  let individuals = 0;
  let accSeq = 0;
  const facts = (i: number) => accountFacts[i];
  while (accSeq < n) {
    const s = ++subjectSeq;
    const subjectId = idOf(T.subject, s);
    const ownerId = idOf(T.user, s);
    const individual = rnd() < 0.4;
    const subjectName = individual ? personName(rnd) : companyName(rnd);
    const contact = personName(rnd);
    await w.app_user.add({ id: ownerId, username: `bench_op_${s}`, passwordHash: 'x', role: 'operator', displayName: individual ? subjectName : contact, organization: individual ? null : subjectName, status: 'active' });
    const region = pick(rnd, REGIONS);
    await w.subject.add({
      id: subjectId,
      ownerId,
      kind: individual ? 'individual' : 'organization',
      name: subjectName,
      creditCode: individual ? null : creditCode(s),
      idNumberEnc: individual ? cipher.encrypt(idNumber(++individuals)) : null,
      idNumberIndex: individual ? cipher.blindIndex(idNumber(individuals)) : null,
      regionCode: '330110',
      registeredAddress: `杭州市余杭区${region}街道${1 + Math.floor(rnd() * 300)}号`,
      operatingAddress: `杭州市余杭区${region}街道${1 + Math.floor(rnd() * 300)}号`,
      businessScope: individual ? null : '网络技术服务；广告设计、制作、代理；文化艺术交流活动组织',
      contactName: individual ? subjectName : contact,
      contactPhoneEnc: cipher.encrypt(phone(rnd)),
    });
    const count = weighted(rnd, [
      [1, 60],
      [2, 28],
      [3, 12],
    ] as const);
    for (let k = 0; k < count && accSeq < n; k++) {
      const seq = ++accSeq;
      const status = weighted(rnd, ACCOUNT_STATES);
      const category = weighted(rnd, CATEGORIES);
      const platform = weighted(rnd, PLATFORMS);
      const name = accountName(rnd, seq);
      names[seq - 1] = name;
      let filingNo: string | null = null;
      let filedAt: Date | null = null;
      if (FILED.has(status)) {
        const year = YEAR - Math.floor(rnd() * rnd() * 8);
        filedAt = new Date(Date.UTC(year, 0, 1) + Math.floor(rnd() * (year === YEAR ? NOW.getTime() - Date.UTC(year, 0, 1) : 365 * 86_400_000)));
        const next = (filingCounters.get(year) ?? 0) + 1;
        filingCounters.set(year, next);
        filingNo = `YH-ZMT-${year}-${String(next).padStart(6, '0')}`;
        if (filingNos.length < 1000 && status === 'filed' && rnd() < 0.01) filingNos.push(filingNo);
      }
      const graded = filedAt && filedAt.getUTCFullYear() < YEAR - 1 && status !== 'deregistered';
      await w.media_account.add({
        id: idOf(T.account, seq),
        createdAt: filedAt ? daysAfter(filedAt, -3) : NOW,
        subjectId,
        ownerId,
        platform,
        platformAccountId: `${platform}_${seq.toString(36)}`,
        name,
        url: null,
        category,
        followers: Math.floor(10 ** (2 + rnd() * 4)),
        qualificationType: QUALIFIED[category] ?? null,
        qualificationNumber: QUALIFIED[category] ? `ZJ${String(seq).padStart(10, '0')}` : null,
        qualificationExpiry: QUALIFIED[category] ? `${YEAR + 2}-12-31` : null,
        status,
        filingNo,
        filedAt,
        reviewedBy: filedAt || status === 'rejected' ? officerId : null,
        reviewedAt: filedAt ?? (status === 'rejected' ? NOW : null),
        rejectReason: status === 'rejected' ? '账号名称不符合规范' : null,
        grade: graded ? weighted(rnd, [['A', 20], ['B', 50], ['C', 25], ['D', 5]] as const) : null,
        gradeYear: graded ? YEAR - 1 : null,
      });
      accountFacts.push({ filingNo, platform, owner: ownerId, subject: subjectId, subjectName, filedAt, listed: isPubliclyListed({ status, filingNo }) });
      // Editorial staff: about one in two accounts names someone.
      if (filedAt && rnd() < 0.55) {
        const staffSeq = w.staff_member.count + 1;
        const idNo = idNumber(5_000_000 + staffSeq);
        await w.staff_member.add({
          id: idOf(T.staff, staffSeq),
          accountId: idOf(T.account, seq),
          ownerId,
          name: personName(rnd),
          idNumberEnc: cipher.encrypt(idNo),
          idNumberIndex: cipher.blindIndex(idNo),
          phoneEnc: cipher.encrypt(phone(rnd)),
          role: weighted(rnd, [['chief_editor', 50], ['editor', 35], ['reviewer', 15]] as const),
          fullTime: rnd() < 0.7,
          startDate: dateOnly(filedAt),
          endDate: null,
        });
      }
    }
  }
  for (const t of ['app_user', 'subject', 'media_account', 'staff_member']) await w[t].flush();
  const filedIdx = accountFacts.flatMap((f, i) => (f.filingNo ? [i] : []));

  // Public reports, violations, interviews: about a year of the office's work, on filed accounts.
  const reports = Math.round(n * 0.2);
  for (let r = 1; r <= reports; r++) {
    const i = pick(rnd, filedIdx);
    const f = facts(i);
    const received = new Date(NOW.getTime() - Math.floor(rnd() * 365 * 86_400_000));
    let status: (typeof REPORT_STATES)[number][0] = weighted(rnd, REPORT_STATES);
    // The office concludes reports within their 15 working days: one still open after a month is
    // the exception (3 %), the backlog of the overdue queue; the rest were concluded.
    if ((status === 'received' || status === 'verifying') && NOW.getTime() - received.getTime() > 30 * 86_400_000 && rnd() >= 0.03) {
      status = weighted(rnd, CONCLUDED_REPORT_STATES);
    }
    await w.public_report.add({
      id: idOf(T.report, r),
      createdAt: received,
      trackingCode: `JB${createHash('sha1').update(`r${r}`).digest('hex').slice(0, 8).toUpperCase().replace(/[ILOU]/g, 'A')}${String(r).padStart(8, '0')}`,
      accountId: idOf(T.account, i + 1),
      filingNo: f.filingNo,
      platform: f.platform,
      platformAccountId: `${f.platform}_${(i + 1).toString(36)}`,
      accountName: names[i],
      category: pick(rnd, VIOLATION_CATEGORIES),
      description: `该账号发布的内容涉嫌${pick(rnd, ['虚假信息', '低俗内容', '侵权转载', '不实广告', '恶意营销'])}，请核查。`,
      evidenceUrls: '[]',
      contactEnc: rnd() < 0.5 ? cipher.encrypt(phone(rnd)) : null,
      fingerprint: createHash('sha256').update(`report-${r}`).digest('hex'),
      dedupeBucket: Math.floor(received.getTime() / 600_000),
      status,
      dueDate: dateOnly(daysAfter(received, 15)),
      handlerId: status === 'received' ? null : officerId,
      note: null,
      department: status === 'transferred' ? '余杭区公安分局' : null,
      concludedAt: ['received', 'verifying'].includes(status) ? null : daysAfter(received, Math.floor(rnd() * 20)),
      violationId: null,
    });
  }
  await w.public_report.flush();

  const violations = Math.round(n * 0.05);
  for (let v = 1; v <= violations; v++) {
    const i = pick(rnd, filedIdx);
    await w.violation.add({
      id: idOf(T.violation, v),
      accountId: idOf(T.account, i + 1),
      category: pick(rnd, VIOLATION_CATEGORIES),
      source: weighted(rnd, [['report', 40], ['inspection', 35], ['upper_notice', 10], ['platform_notice', 15]] as const),
      facts: '经核查，该账号发布的内容违反相关规定。',
      occurredAt: dateOnly(new Date(NOW.getTime() - Math.floor(rnd() * 365 * 86_400_000))),
      recordedBy: officerId,
      correctionRequired: rnd() < 0.2,
      citation: '§02.2',
      policyVersion: 'bench',
    });
  }
  await w.violation.flush();

  const interviews = Math.round(n * 0.01);
  const noticeCounters = new Map<number, number>();
  for (let k = 1; k <= interviews; k++) {
    const i = pick(rnd, filedIdx);
    const f = facts(i);
    const status = weighted(rnd, INTERVIEW_STATES);
    const scheduledAt = new Date(NOW.getTime() - Math.floor(rnd() * 2 * 365 * 86_400_000));
    const year = scheduledAt.getUTCFullYear();
    const seq = (noticeCounters.get(year) ?? 0) + 1;
    noticeCounters.set(year, seq);
    const held = status !== 'scheduled' && status !== 'refused';
    await w.interview.add({
      id: idOf(T.interview, k),
      noticeNo: `YH-WXYT-${year}-${String(seq).padStart(5, '0')}`,
      accountId: idOf(T.account, i + 1),
      ownerId: f.owner,
      subjectId: f.subject,
      subjectName: f.subjectName,
      accountName: names[i],
      filingNo: f.filingNo,
      platform: f.platform,
      triggers: 'T3',
      facts: '一年内多次发布违规内容。',
      scheduledAt,
      location: '余杭区网信办会议室',
      officers: '[]',
      summonedName: personName(rnd),
      summonedTitle: '主要负责人',
      noticeDate: dateOnly(daysAfter(scheduledAt, -5)),
      status,
      createdBy: officerId,
      heldAt: held ? scheduledAt : null,
      heldBy: held ? officerId : null,
      deadline: held ? dateOnly(daysAfter(scheduledAt, 30)) : null,
      concludedAt: ['passed', 'failed', 'refused'].includes(status) ? daysAfter(scheduledAt, 35) : null,
    });
  }
  await w.interview.flush();

  const evaluated = accountFacts.filter((f) => f.filingNo).length;
  await w.evaluation_cycle.add({
    id: idOf(T.cycle, 1),
    year: YEAR,
    status: 'open',
    weightD1: 30,
    weightD2: 20,
    weightD3: 10,
    weightD4: 20,
    weightD5: 20,
    accountCount: evaluated,
    createdBy: officerId,
    openedAt: NOW,
    policyVersion: 'bench',
  });
  for (const [year, value] of filingCounters) await w.sequence_counter.add({ name: `filing:${year}`, value });
  for (const [year, value] of noticeCounters) await w.sequence_counter.add({ name: `interview-notice:${year}`, value });
  for (const t of ['evaluation_cycle', 'sequence_counter']) await w[t].flush();

  const gramStarted = performance.now();
  await writeNameIndex(
    w.account_name_gram,
    names,
    (i) => idOf(T.account, i + 1),
    (i) => ({ listed: accountFacts[i].listed, filingNo: accountFacts[i].filingNo, filedAt: accountFacts[i].filedAt }),
  );
  const gramSeconds = (performance.now() - gramStarted) / 1000;
  const indexSeconds = await rebuildIndexes();
  await sink.close();

  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(w).reduce((s, x) => s + x.count, 0);
  for (const [t, x] of Object.entries(w)) log(`  ${t.padEnd(18)} ${String(x.count).padStart(10)} rows  ${x.writeMs > 0 ? Math.round(x.count / (x.writeMs / 1000)) : '-'} rows/s written`);
  log(`name index: ${w.account_name_gram.count} grams in ${gramSeconds.toFixed(1)} s`);
  log(`secondary indexes of every table built in ${indexSeconds.toFixed(1)} s`);
  log(`total ${rows} rows in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds)} rows/s`);
  log(`DATABASE_URL=${url}`);
  return { url, accounts: n, filingNos };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  if (process.argv.includes('--reindex-only')) {
    await reindexOnly(argv('url') ?? '');
    process.exit(0);
  }
  const db = argv('db') ?? 'mysql';
  if (db !== 'mysql' && db !== 'sqlite') throw new Error('--db is mysql or sqlite');
  const accounts = Number(argv('accounts') ?? 1_000_000);
  if (!Number.isInteger(accounts) || accounts <= 0 || accounts >= 2 ** 24) throw new Error('--accounts needs a positive integer below 16,777,216');
  await generate({ accounts, db, database: argv('database'), file: argv('file'), bufferPoolMb: Number(argv('buffer-pool-mb') ?? 2048) || undefined });
}
