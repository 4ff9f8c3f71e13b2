/**
 * Pass 1 of an import: streams the file once, validates every row, asks the database about each
 * chunk of valid rows in a few set queries, and writes the faults of rejected rows to the
 * rejected-rows report as it goes; hands each accepted row to `accepted` when given (MariaDB/MySQL:
 * the rows pass 2 loads). Writes nothing to the registry. Memory: one chunk of rows plus the
 * ledger's compact keys.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { FieldCipher } from '../../common/crypto/field-cipher.js';
import { BulkInsert } from './bulk-insert.js';
import type { ColumnMap } from './import-columns.js';
import { rowOf } from './import-columns.js';
import { accountKey, ImportLedger, type RegistryFacts, type SubjectEntry, subjectKey } from './import-ledger.js';
import { type ImportRow, type RowFault, validateImportRow } from './import-row.js';
import type { SourceRow } from './import-source.js';

export const CHUNK_ROWS = 1000;

export interface ValidationContext {
  batchId: string;
  today: string;
  cipher: FieldCipher;
  dataSource: DataSource;
  /** Runs a write in its own short transaction (UnitOfWork.run). */
  write: (work: (m: EntityManager) => Promise<unknown>) => Promise<unknown>;
}

/** Where pass 1 hands each accepted row, in file order, once it is judged (load-data.ts `PreparedRows`). */
export interface AcceptedRows {
  accept(row: ImportRow, key: string, subject: SubjectEntry): void;
  /** Called after each chunk: the rows handed so far may be written out. */
  drain(): Promise<void>;
}

export interface ValidationResult {
  ledger: ImportLedger;
  rowsRead: number;
}

interface Candidate {
  rowNo: number;
  row: ImportRow;
  key: string;
}

export async function validatePass(ctx: ValidationContext, columns: ColumnMap, rows: AsyncIterable<SourceRow>, accepted?: AcceptedRows): Promise<ValidationResult> {
  const ledger = new ImportLedger();
  const report = new BulkInsert('registry_import_rejection', ['batchId', 'rowNo', 'position', 'columnName', 'code', 'reason']);
  const blindIndex = (id: string) => ctx.cipher.blindIndex(id);
  const reject = (rowNo: number, faults: RowFault[]) => {
    ledger.reject(rowNo);
    faults.forEach((f, i) => report.add([ctx.batchId, rowNo, i + 1, f.column, f.code, clip(f.reason, 255)]));
  };
  const flushReport = async () => {
    if (report.pending) await ctx.write((m) => report.flush(m));
  };
  let chunk: Candidate[] = [];
  const settle = async () => {
    const facts = await registryFacts(ctx.dataSource, chunk, ledger);
    for (const c of chunk) {
      const faults = ledger.judge(c.rowNo, c.row, c.key, facts);
      if (faults.length) reject(c.rowNo, faults);
      else accepted?.accept(c.row, c.key, ledger.subjects.get(c.key)!);
    }
    chunk = [];
    await accepted?.drain();
    if (report.pending >= CHUNK_ROWS) await flushReport();
  };

  let rowsRead = 0;
  for await (const source of rows) {
    rowsRead += 1;
    const result = validateImportRow(rowOf(columns, source.cells), ctx.today);
    if (!result.ok) reject(source.rowNo, result.faults);
    else chunk.push({ rowNo: source.rowNo, row: result.row, key: subjectKey(result.row, blindIndex) });
    if (chunk.length >= CHUNK_ROWS) await settle();
  }
  if (chunk.length) await settle();
  await flushReport();
  return { ledger, rowsRead };
}

/** At most n characters (code points: a surrogate pair is never cut); reasons quote the file's cells, which may be long. */
export function clip(text: string, n: number): string {
  if (text.length <= n) return text;
  const chars = Array.from(text);
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** What the registry already holds for a chunk's subjects, platform accounts and filing numbers: four kinds of set query. */
async function registryFacts(ds: DataSource, chunk: Candidate[], ledger: ImportLedger): Promise<RegistryFacts> {
  const facts: RegistryFacts = { subjects: new Map(), accountKeys: new Set(), filingNos: new Set() };
  const unknown = chunk.filter((c) => !ledger.subjects.has(c.key));
  const codes = [...new Set(unknown.filter((c) => c.row.creditCode).map((c) => c.row.creditCode!))];
  const indexes = [...new Set(unknown.filter((c) => !c.row.creditCode).map((c) => c.key.slice(2)))];
  if (codes.length) {
    const found: { id: string; name: string; ownerId: string; creditCode: string }[] = await ds.query(
      `SELECT id, name, ownerId, creditCode FROM subject WHERE creditCode IN (${placeholders(codes.length)})`,
      codes,
    );
    for (const s of found) facts.subjects.set(`C:${s.creditCode}`, s);
  }
  if (indexes.length) {
    const found: { id: string; name: string; ownerId: string; idNumberIndex: string }[] = await ds.query(
      `SELECT id, name, ownerId, idNumberIndex FROM subject WHERE idNumberIndex IN (${placeholders(indexes.length)})`,
      indexes,
    );
    for (const s of found) facts.subjects.set(`I:${s.idNumberIndex}`, s);
  }
  // By platform, so each query walks the (platform, platformAccountId) unique index.
  const byPlatform = new Map<string, string[]>();
  for (const c of chunk) {
    const ids = byPlatform.get(c.row.platform);
    if (ids) ids.push(c.row.platformAccountId);
    else byPlatform.set(c.row.platform, [c.row.platformAccountId]);
  }
  for (const [platform, ids] of byPlatform) {
    const found: { platformAccountId: string }[] = await ds.query(
      `SELECT platformAccountId FROM media_account WHERE platform = ? AND platformAccountId IN (${placeholders(ids.length)})`,
      [platform, ...ids],
    );
    for (const a of found) facts.accountKeys.add(accountKey(platform, a.platformAccountId));
  }
  const filingNos = chunk.filter((c) => c.row.filingNo).map((c) => c.row.filingNo!);
  if (filingNos.length) {
    const found: { filingNo: string }[] = await ds.query(`SELECT filingNo FROM media_account WHERE filingNo IN (${placeholders(filingNos.length)})`, filingNos);
    for (const a of found) facts.filingNos.add(a.filingNo);
  }
  return facts;
}
