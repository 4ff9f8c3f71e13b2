/**
 * What pass 1 of an import remembers between rows, in compact keys only (never the rows): the
 * subjects the accepted rows use, the platform accounts and filing numbers they take, the rows
 * rejected. Decides the duplicate rules for a chunk of valid rows once the database has been asked
 * about them (`RegistryFacts`), in file order: the first row of a key wins, later ones are rejected.
 */
import type { ImportRow, RowFault } from './import-row.js';
import { comparableName } from './import-row.js';
import { headerOf } from './import-columns.js';

/** A subject the import uses: an existing one of the registry, or a new one first seen on `firstRow`. */
export interface SubjectEntry {
  comparable: string;
  existingId: string | null;
  ownerId: string | null;
  firstRow: number;
}

/** What the database already holds for a chunk's keys. */
export interface RegistryFacts {
  subjects: Map<string, { id: string; name: string; ownerId: string }>;
  accountKeys: Set<string>;
  filingNos: Set<string>;
}

/**
 * A platform account as the unique index sees it. MariaDB/MySQL compare with a case-insensitive
 * collation (utf8mb4_unicode_ci), so "Abc" and "abc" are one account there: the key is folded the
 * same way on both dialects, and the file is judged as the production database would judge it.
 */
export function accountKey(platform: string, platformAccountId: string): string {
  return `${platform}\u0000${platformAccountId.normalize('NFKC').toLowerCase()}`;
}

/** The subject of a row: its credit code, or the keyed digest of its ID number (never the number itself). */
export function subjectKey(row: ImportRow, blindIndex: (id: string) => string): string {
  return row.creditCode ? `C:${row.creditCode}` : `I:${blindIndex(row.idNumber!)}`;
}

export class ImportLedger {
  readonly subjects = new Map<string, SubjectEntry>();
  private readonly accounts = new Map<string, number>();
  private readonly filingNos = new Map<string, number>();
  readonly rejectedRows = new Set<number>();
  /** The highest sequence number given in the file per year (filing counters are raised past them). */
  readonly maxGivenSeq = new Map<number, number>();
  accepted = 0;

  /** The duplicate rules for a valid row; accepts it (remembering its keys) when there is no fault. */
  judge(rowNo: number, row: ImportRow, key: string, db: RegistryFacts): RowFault[] {
    const faults: RowFault[] = [];
    const idColumn = row.creditCode ? 'creditCode' : 'idNumber';
    const idWord = row.creditCode ? '统一社会信用代码' : '身份证号码';
    const name = comparableName(row.subjectName);
    const known = this.subjects.get(key);
    const stored = db.subjects.get(key);
    if (known && known.comparable !== name) {
      faults.push(
        known.existingId
          ? conflict(idColumn, 'subject_name_conflict', `该${idWord}已登记的主体名称与本行不一致，请核对主体名称`)
          : conflict(idColumn, 'subject_name_conflict_in_file', `与第${known.firstRow}行${idWord}相同但主体名称不一致`),
      );
    } else if (!known && stored && comparableName(stored.name) !== name) {
      faults.push(conflict(idColumn, 'subject_name_conflict', `该${idWord}已登记为主体“${stored.name}”，与本行主体名称不一致`));
    }
    const acc = accountKey(row.platform, row.platformAccountId);
    if (db.accountKeys.has(acc)) {
      faults.push(conflict('platformAccountId', 'duplicate_account', '该平台账号已登记（同一平台的账号ID只能登记一次）'));
    } else if (this.accounts.has(acc)) {
      faults.push(conflict('platformAccountId', 'duplicate_account_in_file', `与第${this.accounts.get(acc)}行重复（同一平台的账号ID只能登记一次）`));
    }
    if (row.filingNo) {
      if (db.filingNos.has(row.filingNo)) faults.push(conflict('filingNo', 'duplicate_filing_no', '该备案编号已被登记的其他账号使用'));
      else if (this.filingNos.has(row.filingNo)) faults.push(conflict('filingNo', 'duplicate_filing_no_in_file', `与第${this.filingNos.get(row.filingNo)}行的备案编号重复`));
    }
    if (faults.length) {
      this.rejectedRows.add(rowNo);
      return faults;
    }
    this.accepted += 1;
    if (!known) this.subjects.set(key, { comparable: name, existingId: stored?.id ?? null, ownerId: stored?.ownerId ?? null, firstRow: rowNo });
    this.accounts.set(acc, rowNo);
    if (row.filingNo) {
      this.filingNos.set(row.filingNo, rowNo);
      const year = Number(row.filingNo.slice(7, 11));
      const seq = Number(row.filingNo.slice(12));
      if (seq > (this.maxGivenSeq.get(year) ?? 0)) this.maxGivenSeq.set(year, seq);
    }
    return [];
  }

  reject(rowNo: number): void {
    this.rejectedRows.add(rowNo);
  }
}

function conflict(column: 'creditCode' | 'idNumber' | 'platformAccountId' | 'filingNo', code: string, reason: string): RowFault {
  return { column: headerOf(column), code, reason };
}
