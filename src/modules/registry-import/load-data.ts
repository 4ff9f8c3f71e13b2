/**
 * The import's way on MariaDB/MySQL (docs/decisions.md "Bulk import"): pass 1 turns each accepted
 * row into its registry rows as soon as the row is judged (encrypted, keyed, its grams built) and
 * appends them to three tab-separated files beside the upload; pass 2 loads each file with ONE
 * `LOAD DATA LOCAL INFILE` statement inside the import's transaction. Nothing is parsed, validated,
 * encrypted or escaped twice, and the server reads rows instead of SQL text.
 *
 * Two things LOAD DATA does differently from INSERT, and what is done about them:
 * - With LOCAL, a row that breaks a unique index (or does not fit a column) is skipped with a
 *   warning instead of failing the statement (the server cannot stop the client's upload half-way).
 *   Every load is checked: as many rows stored as lines sent and no warning, else the transaction is
 *   rolled back (a duplicate key is answered as the unique violation an INSERT would have raised).
 * - The numbers the counter gives are only known under its lock in pass 2: pass 1 writes the
 *   ordinal of each row that needs one, and the load computes `prefix + LPAD(first + ordinal)`.
 *
 * The file a LOAD DATA reads is always the one named here (`infileStreamFactory` on this query
 * only; the pool has none, so no other statement can make the server read a local file).
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import type { EntityManager } from 'typeorm';
import { formatFilingNo } from '../registry/accounts.service.js';
import type { SqlValue } from './bulk-insert.js';
import { type CommitContext, type CommitCounts, lockFilingCounters, releaseFilingCounter } from './commit-pass.js';
import type { ImportLedger, SubjectEntry } from './import-ledger.js';
import { ACCOUNT_COLUMNS, GRAM_COLUMNS, RecordBuilder, type RecordContext, SUBJECT_COLUMNS } from './import-records.js';
import type { ImportRow } from './import-row.js';
import type { AcceptedRows } from './validation-pass.js';

const LARGEST_SEQ = 999_999;

/** LOAD DATA's default text format: tab between fields, newline after a row, backslash escapes, \N for NULL. */
const SPECIAL = /[\\\t\n\r\0]/;
const SPECIALS = /[\\\t\n\r\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };

/** One value as a field of LOAD DATA's default text format. */
export function tsvField(v: SqlValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return SPECIAL.test(v) ? v.replace(SPECIALS, (c) => ESCAPES[c]) : v;
}

/** Rows appended to a file, a chunk at a time, respecting the disk's pace. */
class RowFile {
  readonly path: string;
  private readonly out: WriteStream;
  private buffered: string[] = [];
  private failure: Error | null = null;
  lines = 0;

  constructor(path: string) {
    this.path = path;
    this.out = createWriteStream(path, { mode: 0o600 });
    this.out.on('error', (e) => (this.failure = e));
  }

  add(values: SqlValue[]): void {
    this.buffered.push(values.map(tsvField).join('\t'));
    this.lines += 1;
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.buffered.length) return;
    const text = `${this.buffered.join('\n')}\n`;
    this.buffered = [];
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
    if (this.failure) throw this.failure;
  }

  discard(): void {
    this.out.destroy();
  }
}

/**
 * Pass 1's output: the subject, account and gram rows of every accepted row, in file order. An
 * account whose number the counter gives carries its ordinal k (1, 2, …) as its last field, 0 when
 * the file gives the number; its grams carry the same.
 */
export class PreparedRows implements AcceptedRows {
  readonly records: RecordBuilder;
  readonly subjects: RowFile;
  readonly accounts: RowFile;
  readonly grams: RowFile;
  /** Accounts that get their number from the counter. */
  numbered = 0;

  constructor(base: string, ctx: RecordContext) {
    this.records = new RecordBuilder(ctx);
    this.subjects = new RowFile(`${base}.subjects.tsv`);
    this.accounts = new RowFile(`${base}.accounts.tsv`);
    this.grams = new RowFile(`${base}.grams.tsv`);
  }

  accept(row: ImportRow, key: string, subject: SubjectEntry): void {
    const r = this.records.build(row, key, subject);
    const k = r.filingNo ? 0 : ++this.numbered;
    if (r.subject) this.subjects.add(r.subject);
    this.accounts.add([...r.account, k]);
    for (const gram of r.grams) this.grams.add([r.accountId, gram, 1, r.filedAt, r.filingNo, k]);
  }

  async drain(): Promise<void> {
    await Promise.all([this.subjects.drain(), this.accounts.drain(), this.grams.drain()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.subjects.close(), this.accounts.close(), this.grams.close()]);
  }

  /** Stops writing (the files go with the upload's folder). */
  discard(): void {
    for (const f of [this.subjects, this.accounts, this.grams]) f.discard();
  }
}

/** Pass 2 on MariaDB/MySQL: the prepared files into the registry's tables, in the caller's transaction. */
export async function loadPrepared(m: EntityManager, ctx: CommitContext, ledger: ImportLedger, prepared: PreparedRows): Promise<CommitCounts> {
  if (prepared.accounts.lines !== ledger.accepted) throw new Error(`prepared ${prepared.accounts.lines} accounts, pass 1 accepted ${ledger.accepted}`);
  const counter = await lockFilingCounters(m, ctx, ledger);
  if (counter.first + prepared.numbered > LARGEST_SEQ) throw new Error(`filing numbers of ${counter.year} would pass ${LARGEST_SEQ}`);
  const prefix = formatFilingNo(counter.year, 0).slice(0, -6);
  // The account's number: the file's, or the counter's next one for the row's ordinal.
  const filingNo = 'IF(@k = 0, @fno, CONCAT(?, LPAD(CAST(? + @k AS UNSIGNED), 6, \'0\')))';
  const numbering = [prefix, counter.first];
  const conn = connectionOf(m);
  await loadFile(conn, prepared.subjects, 'subject', SUBJECT_COLUMNS.join(','));
  await loadFile(conn, prepared.accounts, 'media_account', columnsWithNumber(ACCOUNT_COLUMNS), `filingNo = ${filingNo}`, numbering);
  await loadFile(conn, prepared.grams, 'account_name_gram', columnsWithNumber(GRAM_COLUMNS), `filingNo = ${filingNo}`, numbering);
  await releaseFilingCounter(m, counter, prepared.numbered);
  return { accepted: prepared.accounts.lines, subjectsCreated: prepared.records.subjectsCreated, subjectsReused: prepared.records.subjectsReused, filingNumbersAssigned: prepared.numbered };
}

/** A column list with filingNo read into @fno and the ordinal @k after the last column. */
const columnsWithNumber = (columns: string[]) => `${columns.map((c) => (c === 'filingNo' ? '@fno' : c)).join(',')},@k`;

interface LoadResult {
  affectedRows: number;
  warningStatus: number;
}

interface DriverConnection {
  query(options: { sql: string; values?: unknown[]; infileStreamFactory?: () => NodeJS.ReadableStream }, cb: (err: Error | null, result: unknown) => void): void;
}

function connectionOf(m: EntityManager): DriverConnection {
  const conn = (m.queryRunner as unknown as { databaseConnection?: DriverConnection } | undefined)?.databaseConnection;
  if (!conn) throw new Error('LOAD DATA needs the transaction’s own connection');
  return conn;
}

function query<T>(conn: DriverConnection, sql: string, values: unknown[] = [], path?: string): Promise<T> {
  return new Promise((resolve, reject) =>
    conn.query({ sql, values, infileStreamFactory: path ? () => createReadStream(path, { highWaterMark: 1 << 20 }) : undefined }, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

/** Loads one file into `table`; fails unless every line became a row without a warning. */
async function loadFile(conn: DriverConnection, file: RowFile, table: string, columns: string, set = '', values: unknown[] = []): Promise<void> {
  if (!file.lines) return;
  const sql =
    `LOAD DATA LOCAL INFILE '${basename(file.path)}' INTO TABLE ${table} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns})${set ? ` SET ${set}` : ''}`;
  const result = await query<LoadResult>(conn, sql, values, file.path);
  if (result.affectedRows === file.lines && !result.warningStatus) return;
  const warnings = await query<{ Level: string; Code: number; Message: string }[]>(conn, 'SHOW WARNINGS LIMIT 5');
  const duplicate = warnings.find((w) => w.Code === 1062);
  if (duplicate) throw Object.assign(new Error(duplicate.Message), { code: 'ER_DUP_ENTRY', errno: 1062 });
  throw new Error(`LOAD DATA into ${table}: ${result.affectedRows} of ${file.lines} rows stored, ${result.warningStatus} warnings: ${warnings.map((w) => `${w.Code} ${w.Message}`).join('; ')}`);
}
