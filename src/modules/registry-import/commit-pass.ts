/**
 * Pass 2 of an import, inside ONE transaction: writes every row pass 1 accepted: new subjects, the
 * accounts (filed, with their filing numbers), and their name grams (import-records.ts). If anything
 * fails, the transaction rolls back and none of the batch is in the registry. This is the way on
 * SQLite: it reads the file again and writes with multi-row INSERTs; MariaDB/MySQL load the rows
 * pass 1 prepared instead (load-data.ts). Both take the filing counters here.
 */
import type { EntityManager } from 'typeorm';
import { SequenceCounter } from '../../database/sequence.entity.js';
import type { UnitOfWork } from '../../database/unit-of-work.js';
import { formatFilingNo } from '../registry/accounts.service.js';
import { BulkInsert } from './bulk-insert.js';
import { type ColumnMap, rowOf } from './import-columns.js';
import { type ImportLedger, subjectKey } from './import-ledger.js';
import { ACCOUNT_COLUMNS, GRAM_COLUMNS, RecordBuilder, type RecordContext, SUBJECT_COLUMNS, withFilingNo } from './import-records.js';
import { validateImportRow } from './import-row.js';
import type { SourceRow } from './import-source.js';
import { CHUNK_ROWS } from './validation-pass.js';

export interface CommitContext extends RecordContext {
  today: string;
  uow: UnitOfWork;
}

export interface CommitCounts {
  accepted: number;
  subjectsCreated: number;
  subjectsReused: number;
  filingNumbersAssigned: number;
}

/** The current year's filing counter, locked for the transaction: numbers after `first` are the import's to give. */
export interface FilingCounter {
  year: number;
  first: number;
}

export async function commitPass(m: EntityManager, ctx: CommitContext, ledger: ImportLedger, columns: ColumnMap, rows: AsyncIterable<SourceRow>): Promise<CommitCounts> {
  const blindIndex = (id: string) => ctx.cipher.blindIndex(id);
  await raiseGivenCounters(m, ctx, ledger);
  const counter = await lockFilingCounter(m, ctx);
  let nextSeq = counter.first;
  const records = new RecordBuilder(ctx);
  const subjects = new BulkInsert('subject', SUBJECT_COLUMNS);
  const accounts = new BulkInsert('media_account', ACCOUNT_COLUMNS);
  const grams = new BulkInsert('account_name_gram', GRAM_COLUMNS, 10_000);
  // One chunk's statements run while the next chunk is built (mysql2 queues them on the
  // transaction's connection in order); at most two chunks are held.
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const sent = Promise.all([subjects.flush(m), accounts.flush(m), grams.flush(m)]);
    sent.catch(() => undefined); // observed by the next flush (or the end); a failure must not go unhandled meanwhile
    await inFlight;
    inFlight = sent;
  };

  for await (const source of rows) {
    if (ledger.rejectedRows.has(source.rowNo)) continue;
    const result = validateImportRow(rowOf(columns, source.cells), ctx.today);
    // The file is the one pass 1 read (same bytes, same rules): a row it accepted is valid again.
    if (!result.ok) throw new Error(`row ${source.rowNo} changed between the passes`);
    const key = subjectKey(result.row, blindIndex);
    const r = records.build(result.row, key, ledger.subjects.get(key)!);
    const filingNo = r.filingNo ?? formatFilingNo(counter.year, ++nextSeq);
    if (r.subject) subjects.add(r.subject);
    accounts.add(withFilingNo(r.account, filingNo));
    for (const gram of r.grams) grams.add([r.accountId, gram, 1, r.filedAt, filingNo]);
    if (accounts.pending >= CHUNK_ROWS) await flush();
  }
  await flush();
  await inFlight;
  const assigned = nextSeq - counter.first;
  await releaseFilingCounter(m, counter, assigned);
  if (accounts.written !== ledger.accepted) throw new Error(`wrote ${accounts.written} accounts, pass 1 accepted ${ledger.accepted}`);
  return { accepted: accounts.written, subjectsCreated: records.subjectsCreated, subjectsReused: records.subjectsReused, filingNumbersAssigned: assigned };
}

/**
 * Numbers the old system gave in a year push that year's counter past them, so the next approval
 * never repeats one. (Approvals lock only the current year's counter; the import locks counters
 * before it writes rows, as an approval does: counter, then rows, then the audit head.)
 */
export async function raiseGivenCounters(m: EntityManager, ctx: CommitContext, ledger: ImportLedger): Promise<void> {
  for (const [y, seq] of ledger.maxGivenSeq) {
    const value = await lockCounter(m, ctx.uow, `filing:${y}`);
    if (value < seq) await m.update(SequenceCounter, { name: `filing:${y}` }, { value: seq });
  }
}

/** The current year's filing counter, locked for the rest of the transaction. */
export async function lockFilingCounter(m: EntityManager, ctx: CommitContext): Promise<FilingCounter> {
  const year = Number(ctx.today.slice(0, 4));
  return { year, first: await lockCounter(m, ctx.uow, `filing:${year}`) };
}

/** Moves the current year's counter past the `assigned` numbers the import gave. */
export async function releaseFilingCounter(m: EntityManager, counter: FilingCounter, assigned: number): Promise<void> {
  if (assigned) await m.update(SequenceCounter, { name: `filing:${counter.year}` }, { value: counter.first + assigned });
}

/** Locks a filing counter for the rest of the transaction (created first if missing) and answers its value. */
async function lockCounter(m: EntityManager, uow: UnitOfWork, name: string): Promise<number> {
  await uow.ensureRow(m, m.getRepository(SequenceCounter).metadata.tableName, { name }, { name, value: 0 });
  const row = await uow.findForUpdate(m, SequenceCounter, { where: { name } });
  return row?.value ?? 0;
}
