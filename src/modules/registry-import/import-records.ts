/**
 * The registry rows an accepted import row becomes: its subject (new, or one the registry or an
 * earlier row already has), the filed account, and the account's name grams for the public search
 * (bulk writes bypass the TypeORM subscriber that keeps account_name_gram, so the grams are built
 * here with the same gram function and listing columns). Both ways of writing them use these:
 * multi-row INSERTs (commit-pass.ts) and, on MariaDB/MySQL, LOAD DATA of files pass 1 prepared
 * (load-data.ts).
 */
import type { FieldCipher } from '../../common/crypto/field-cipher.js';
import { nameGrams } from '../../database/search/name-grams.js';
import { POLICY } from '../../policy/policy-table.js';
import { type SqlValue, sqlDateTime } from './bulk-insert.js';
import type { SubjectEntry } from './import-ledger.js';
import type { ImportRow } from './import-row.js';
import { orderedUuid } from './ordered-uuid.js';

export const SUBJECT_COLUMNS = [
  'id', 'createdAt', 'updatedAt', 'rowVersion', 'ownerId', 'kind', 'name', 'creditCode', 'idNumberEnc', 'idNumberIndex',
  'regionCode', 'registeredAddress', 'operatingAddress', 'businessScope', 'contactName', 'contactPhoneEnc',
];
export const ACCOUNT_COLUMNS = [
  'id', 'createdAt', 'updatedAt', 'rowVersion', 'subjectId', 'ownerId', 'platform', 'platformAccountId', 'name', 'url', 'category',
  'followers', 'qualificationType', 'qualificationNumber', 'qualificationExpiry', 'status', 'filingNo', 'filedAt', 'reviewedBy',
  'reviewedAt', 'rejectReason', 'grade', 'gradeYear',
];
// The name index carries the account's public listing beside each gram (name-search.strategy.ts
// `gramRowsFor`): imported accounts are filed and numbered, so listed.
export const GRAM_COLUMNS = ['accountId', 'gram', 'listed', 'filedAt', 'filingNo'];

export interface RecordContext {
  /** The import's time (SQL datetime text): created, reviewed, and filed when the file gives no date. */
  now: string;
  importerId: string;
  cipher: FieldCipher;
}

/** One accepted row as registry rows. `filingNo` is the file's number, or null for one the counter gives in pass 2. */
export interface RowRecords {
  subject: SqlValue[] | null;
  accountId: string;
  filingNo: string | null;
  filedAt: string;
  /** The account's row; its filingNo is the file's number (null: to be given). */
  account: SqlValue[];
  grams: number[];
}

/** Beijing midnight of a date, as the instant stored in filedAt. */
const beijingMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
const FILING_NO_AT = ACCOUNT_COLUMNS.indexOf('filingNo');

/**
 * Turns accepted rows into registry rows, in file order, and counts the subjects: the first row of a
 * new subject's key creates it (time-ordered id, owned by the importing officer), later rows and rows
 * of an existing subject reuse it (its owner keeps it).
 */
export class RecordBuilder {
  private readonly newSubjectIds = new Map<string, string>();
  private readonly reused = new Set<string>();

  constructor(private readonly ctx: RecordContext) {}

  get subjectsCreated(): number {
    return this.newSubjectIds.size;
  }

  get subjectsReused(): number {
    return this.reused.size;
  }

  /** The rows for an accepted row with subject key `key` (import-ledger.ts `subjectKey`) and the ledger's entry for it. */
  build(row: ImportRow, key: string, entry: SubjectEntry): RowRecords {
    const { ctx } = this;
    let subjectId = entry.existingId ?? this.newSubjectIds.get(key);
    let ownerId = entry.ownerId ?? ctx.importerId;
    let subject: SqlValue[] | null = null;
    if (entry.existingId) this.reused.add(entry.existingId);
    else if (!subjectId) {
      subjectId = orderedUuid();
      ownerId = ctx.importerId;
      this.newSubjectIds.set(key, subjectId);
      subject = [
        subjectId, ctx.now, ctx.now, 1, ownerId, row.kind, row.subjectName, row.creditCode,
        row.idNumber ? ctx.cipher.encrypt(row.idNumber) : null, row.idNumber ? key.slice(2) : null,
        POLICY.registrationRegion.value, row.registeredAddress, row.operatingAddress, null, row.contactName, ctx.cipher.encrypt(row.contactPhone),
      ];
    }
    const accountId = orderedUuid();
    const filedAt = row.filedOn ? sqlDateTime(beijingMidnight(row.filedOn)) : ctx.now;
    const account: SqlValue[] = [
      accountId, ctx.now, ctx.now, 1, subjectId!, ownerId, row.platform, row.platformAccountId, row.accountName, null, row.category,
      0, null, null, null, 'filed', row.filingNo, filedAt, ctx.importerId,
      ctx.now, null, row.grade, row.gradeYear,
    ];
    // Each account's grams sorted: the rows go in key order (accountId, gram), as the ids ascend.
    return { subject, accountId, filingNo: row.filingNo, filedAt, account, grams: nameGrams(row.accountName).sort((a, b) => a - b) };
  }
}

/** The account row with the filing number it ends up with. */
export function withFilingNo(account: SqlValue[], filingNo: string): SqlValue[] {
  account[FILING_NO_AT] = filingNo;
  return account;
}
