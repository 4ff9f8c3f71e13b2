import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../database/base.entity.js';

export const IMPORT_STATUSES = ['pending', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = { pending: '导入中', completed: '已完成', failed: '失败（未导入任何数据）' };

/**
 * One upload of the existing registry (批量导入): the file's name and SHA-256, who imported it, and
 * how its rows ended: rowsRead = accepted + rejected, always. `pending` while it runs; `completed`
 * when the accepted rows are in the registry (one transaction); `failed` when that transaction did
 * not commit, so none of them are.
 */
@Entity('registry_import')
@Index(['createdAt'])
export class ImportBatch extends BaseEntity {
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 8 })
  format: 'csv' | 'xlsx';

  @Column({ type: 'varchar', length: 64 })
  fileSha256: string;

  @Column({ type: 'bigint' })
  fileBytes: number;

  @Column({ type: 'varchar', length: 16 })
  status: ImportStatus;

  @Column({ type: 'int', default: 0 })
  rowsRead: number;

  @Column({ type: 'int', default: 0 })
  accepted: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  @Column({ type: 'int', default: 0 })
  subjectsCreated: number;

  @Column({ type: 'int', default: 0 })
  subjectsReused: number;

  /** Accounts that came without a filing number and were given the next one of the import's year. */
  @Column({ type: 'int', default: 0 })
  filingNumbersAssigned: number;

  /** Why a failed import failed (Chinese, no SQL). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  failure: string | null;

  @Column({ type: 'varchar', length: 36 })
  importedBy: string;

  @Column({ type: 'varchar', length: 64 })
  importedByName: string;

  @Column({ type: 'datetime', nullable: true })
  finishedAt: Date | null;
}

/**
 * One fault of a rejected row (a row may have several): the rejected-rows report. A pure detail
 * table of the batch, keyed by (batch, row, position); no uuid of its own.
 */
@Entity('registry_import_rejection')
export class ImportRejection {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  batchId: string;

  /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
  @PrimaryColumn({ type: 'int' })
  rowNo: number;

  @PrimaryColumn({ type: 'int' })
  position: number;

  /** The Chinese header of the column at fault ('' for the row as a whole). */
  @Column({ type: 'varchar', length: 32 })
  columnName: string;

  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  reason: string;
}
