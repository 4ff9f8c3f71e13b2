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
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { formatFilingNo } from '../registry/accounts.service.js';
import type { SqlValue } from './bulk-insert.js';
import { type CommitContext, type CommitCounts, type FilingCounter, raiseGivenCounters, releaseFilingCounter } from './commit-pass.js';
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

/** Rows written out a chunk at a time, at the pace the reader takes them. */
abstract class RowSink {
  protected buffered: string[] = [];
  private discarded: Error | null = null;
  lines = 0;

  constructor(readonly name: string) {}

  protected abstract get out(): Writable;

  /** A stream of the rows for LOAD DATA to read. */
  abstract open(): Readable;

  add(values: SqlValue[]): void {
    this.buffered.push(values.map(tsvField).join('\t'));
    this.lines += 1;
  }

  async drain(): Promise<void> {
    if (this.discarded) throw this.discarded;
    if (!this.buffered.length) return;
    const text = `${this.buffered.join('\n')}\n`;
    this.buffered = [];
    // events.once rejects when the stream fails or is discarded meanwhile.
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.drain();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }

  discard(why: Error): void {
    this.discarded ??= why;
    if (!this.out.destroyed) this.out.destroy(why);
  }
}

/** Rows kept in a file beside the upload, loaded after pass 1. */
class RowFile extends RowSink {
  protected readonly out: WriteStream;

  constructor(readonly path: string) {
    super(basename(path));
    this.out = createWriteStream(path, { mode: 0o600 });
    this.out.on('error', () => undefined); // answered by drain() or close()
  }

  open(): Readable {
    return createReadStream(this.path, { highWaterMark: 1 << 20 });
  }
}

/** Rows handed straight to a LOAD DATA that runs while pass 1 makes them. */
class RowPipe extends RowSink {
  protected readonly out = new PassThrough({ highWaterMark: 4 << 20 });

  constructor(name: string) {
    super(name);
    this.out.on('error', () => undefined); // answered by drain() or close(), and by the load
  }

  open(): Readable {
    return this.out;
  }
}

/**
 * Pass 1's output: the subject, account and gram rows of every accepted row, in file order. An
 * account whose number the counter gives carries its ordinal k (1, 2, …) as its last field, 0 when
 * the file gives the number; its grams carry the same. The grams (six in seven of the rows) go
 * straight to their LOAD DATA, which the import's transaction runs while pass 1 reads the file;
 * subjects and accounts wait in files for pass 1's verdict on the counters.
 */
export class PreparedRows implements AcceptedRows {
  readonly records: RecordBuilder;
  readonly subjects: RowFile;
  readonly accounts: RowFile;
  readonly grams = new RowPipe('grams');
  /** Accounts that get their number from the counter. */
  numbered = 0;

  constructor(base: string, ctx: RecordContext) {
    this.records = new RecordBuilder(ctx);
    this.subjects = new RowFile(`${base}.subjects.tsv`);
    this.accounts = new RowFile(`${base}.accounts.tsv`);
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

  /** Stops writing: a load reading the grams fails, and the files go with the upload's folder. */
  discard(why: Error = new Error('import abandoned')): void {
    for (const f of [this.subjects, this.accounts, this.grams]) f.discard(why);
  }
}

/** The account's number: the file's, or the counter's next one for the row's ordinal. */
const FILING_NO = "filingNo = IF(@k = 0, @fno, CONCAT(?, LPAD(CAST(? + @k AS UNSIGNED), 6, '0')))";
const numbering = (counter: FilingCounter) => [formatFilingNo(counter.year, 0).slice(0, -6), counter.first];

/**
 * Starts loading the grams in the import's transaction, reading them as pass 1 makes them; settles
 * when pass 1 closes (or discards) the rows. `counter` is the current year's, locked.
 */
export function loadGrams(m: EntityManager, prepared: PreparedRows, counter: FilingCounter): Promise<void> {
  const loading = loadRows(connectionOf(m), prepared.grams, 'account_name_gram', columnsWithNumber(GRAM_COLUMNS), FILING_NO, numbering(counter));
  // A failed load stops pass 1 at its next chunk instead of letting it fill the pipe.
  loading.catch((e: unknown) => prepared.discard(e instanceof Error ? e : new Error(String(e))));
  return loading;
}

/**
 * The rest of pass 2 once pass 1 and the grams' load are done: the counters of the years the file
 * gave numbers in, then the subjects and the accounts, in the caller's transaction.
 */
export async function loadPrepared(m: EntityManager, ctx: CommitContext, ledger: ImportLedger, prepared: PreparedRows, counter: FilingCounter): Promise<CommitCounts> {
  if (prepared.accounts.lines !== ledger.accepted) throw new Error(`prepared ${prepared.accounts.lines} accounts, pass 1 accepted ${ledger.accepted}`);
  if (counter.first + prepared.numbered > LARGEST_SEQ) throw new Error(`filing numbers of ${counter.year} would pass ${LARGEST_SEQ}`);
  await raiseGivenCounters(m, ctx, ledger);
  const conn = connectionOf(m);
  await loadRows(conn, prepared.subjects, 'subject', SUBJECT_COLUMNS.join(','));
  await loadRows(conn, prepared.accounts, 'media_account', columnsWithNumber(ACCOUNT_COLUMNS), FILING_NO, numbering(counter));
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
  query(options: { sql: string; values?: unknown[]; infileStreamFactory?: () => Readable }, cb: (err: Error | null, result: unknown) => void): void;
}

function connectionOf(m: EntityManager): DriverConnection {
  const conn = (m.queryRunner as unknown as { databaseConnection?: DriverConnection } | undefined)?.databaseConnection;
  if (!conn) throw new Error('LOAD DATA needs the transaction’s own connection');
  return conn;
}

function query<T>(conn: DriverConnection, sql: string, values: unknown[] = [], rows?: () => Readable): Promise<T> {
  return new Promise((resolve, reject) => conn.query({ sql, values, infileStreamFactory: rows }, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** Loads one sink's rows into `table`; fails unless every line became a row without a warning. */
async function loadRows(conn: DriverConnection, file: RowSink, table: string, columns: string, set = '', values: unknown[] = []): Promise<void> {
  const sql =
    `LOAD DATA LOCAL INFILE '${file.name}' INTO TABLE ${table} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns})${set ? ` SET ${set}` : ''}`;
  const result = await query<LoadResult>(conn, sql, values, () => file.open());
  // Read after the load: a pipe's lines are all counted once its LOAD DATA has ended.
  if (result.affectedRows === file.lines && !result.warningStatus) return;
  const warnings = await query<{ Level: string; Code: number; Message: string }[]>(conn, 'SHOW WARNINGS LIMIT 5');
  const duplicate = warnings.find((w) => w.Code === 1062);
  if (duplicate) throw Object.assign(new Error(duplicate.Message), { code: 'ER_DUP_ENTRY', errno: 1062 });
  throw new Error(`LOAD DATA into ${table}: ${result.affectedRows} of ${file.lines} rows stored, ${result.warningStatus} warnings: ${warnings.map((w) => `${w.Code} ${w.Message}`).join('; ')}`);
}
