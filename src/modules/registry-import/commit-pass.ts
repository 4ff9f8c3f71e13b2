/**
 * Pass 2 of an import, inside ONE transaction: reads the file again and writes every row pass 1
 * accepted: new subjects, the accounts (filed, with their filing numbers), and their name grams for
 * the public search (bulk INSERTs bypass the TypeORM subscriber that keeps account_name_gram, so
 * the grams are written here with the same gram function and listing columns). If anything fails, the transaction
 * rolls back and none of the batch is in the registry.
 */
import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../../common/crypto/field-cipher.js';
import { SequenceCounter } from '../../database/sequence.entity.js';
import type { UnitOfWork } from '../../database/unit-of-work.js';
import { nameGrams } from '../../database/search/name-grams.js';
import { POLICY } from '../../policy/policy-table.js';
import { formatFilingNo } from '../registry/accounts.service.js';
import { BulkInsert, sqlDateTime } from './bulk-insert.js';
import { type ColumnMap, rowOf } from './import-columns.js';
import { type ImportLedger, subjectKey } from './import-ledger.js';
import { validateImportRow } from './import-row.js';
import type { SourceRow } from './import-source.js';
import { orderedUuid } from './ordered-uuid.js';
import { CHUNK_ROWS } from './validation-pass.js';

const SUBJECT_COLUMNS = [
  'id', 'createdAt', 'updatedAt', 'rowVersion', 'ownerId', 'kind', 'name', 'creditCode', 'idNumberEnc', 'idNumberIndex',
  'regionCode', 'registeredAddress', 'operatingAddress', 'businessScope', 'contactName', 'contactPhoneEnc',
];
const ACCOUNT_COLUMNS = [
  'id', 'createdAt', 'updatedAt', 'rowVersion', 'subjectId', 'ownerId', 'platform', 'platformAccountId', 'name', 'url', 'category',
  'followers', 'qualificationType', 'qualificationNumber', 'qualificationExpiry', 'status', 'filingNo', 'filedAt', 'reviewedBy',
  'reviewedAt', 'rejectReason', 'grade', 'gradeYear',
];

export interface CommitContext {
  today: string;
  now: Date;
  importerId: string;
  cipher: FieldCipher;
  uow: UnitOfWork;
}

export interface CommitCounts {
  accepted: number;
  subjectsCreated: number;
  subjectsReused: number;
  filingNumbersAssigned: number;
}

/** Beijing midnight of a date, as the instant stored in filedAt. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export async function commitPass(m: EntityManager, ctx: CommitContext, ledger: ImportLedger, columns: ColumnMap, rows: AsyncIterable<SourceRow>): Promise<CommitCounts> {
  const at = sqlDateTime;
  const now = at(ctx.now);
  const year = Number(ctx.today.slice(0, 4));
  const blindIndex = (id: string) => ctx.cipher.blindIndex(id);

  // Filing counters first (the same lock order as an approval: counter, then rows, then the audit head).
  // Numbers the old system gave in a year push that year's counter past them, so the next approval never repeats one.
  for (const [y, seq] of ledger.maxGivenSeq) {
    const value = await lockCounter(m, ctx.uow, `filing:${y}`);
    if (value < seq) await m.update(SequenceCounter, { name: `filing:${y}` }, { value: seq });
  }
  let nextSeq = await lockCounter(m, ctx.uow, `filing:${year}`);
  const firstSeq = nextSeq;

  const subjects = new BulkInsert('subject', SUBJECT_COLUMNS);
  const accounts = new BulkInsert('media_account', ACCOUNT_COLUMNS);
  // The name index carries the account's public listing beside each gram (name-search.strategy.ts
  // `gramRowsFor`): imported accounts are filed and numbered, so listed. Rows go in key order
  // (accountId, gram): the ids ascend, and each account's grams are sorted.
  const grams = new BulkInsert('account_name_gram', ['accountId', 'gram', 'listed', 'filedAt', 'filingNo'], 10_000);
  const newSubjectIds = new Map<string, string>();
  const reused = new Set<string>();
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
    const row = result.row;
    const key = subjectKey(row, blindIndex);
    const entry = ledger.subjects.get(key)!;
    let subjectId = entry.existingId ?? newSubjectIds.get(key);
    let ownerId = entry.ownerId ?? ctx.importerId;
    if (entry.existingId) reused.add(entry.existingId);
    else if (!subjectId) {
      subjectId = orderedUuid();
      ownerId = ctx.importerId;
      newSubjectIds.set(key, subjectId);
      subjects.add([
        subjectId, now, now, 1, ownerId, row.kind, row.subjectName, row.creditCode,
        row.idNumber ? ctx.cipher.encrypt(row.idNumber) : null, row.idNumber ? key.slice(2) : null,
        POLICY.registrationRegion.value, row.registeredAddress, row.operatingAddress, null, row.contactName, ctx.cipher.encrypt(row.contactPhone),
      ]);
    }
    const accountId = orderedUuid();
    const filingNo = row.filingNo ?? formatFilingNo(year, ++nextSeq);
    const filedAt = row.filedOn ? at(beijingMidnight(row.filedOn)) : now;
    accounts.add([
      accountId, now, now, 1, subjectId!, ownerId, row.platform, row.platformAccountId, row.accountName, null, row.category,
      0, null, null, null, 'filed', filingNo, filedAt, ctx.importerId,
      now, null, row.grade, row.gradeYear,
    ]);
    for (const gram of nameGrams(row.accountName).sort((a, b) => a - b)) grams.add([accountId, gram, 1, filedAt, filingNo]);
    if (accounts.pending >= CHUNK_ROWS) await flush();
  }
  await flush();
  await inFlight;
  if (nextSeq !== firstSeq) await m.update(SequenceCounter, { name: `filing:${year}` }, { value: nextSeq });
  if (accounts.written !== ledger.accepted) throw new Error(`wrote ${accounts.written} accounts, pass 1 accepted ${ledger.accepted}`);
  return { accepted: accounts.written, subjectsCreated: newSubjectIds.size, subjectsReused: reused.size, filingNumbersAssigned: nextSeq - firstSeq };
}

/** Locks a filing counter for the rest of the transaction (created first if missing) and answers its value. */
async function lockCounter(m: EntityManager, uow: UnitOfWork, name: string): Promise<number> {
  await uow.ensureRow(m, m.getRepository(SequenceCounter).metadata.tableName, { name }, { name, value: 0 });
  const row = await uow.findForUpdate(m, SequenceCounter, { where: { name } });
  return row?.value ?? 0;
}
