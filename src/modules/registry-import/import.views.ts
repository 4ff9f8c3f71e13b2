import { type ImportBatch, IMPORT_STATUS_LABELS, type ImportStatus } from './import-batch.entity.js';

export const IMPORTS_PATH = '/api/registry/imports';

/** An import batch as the API and the page show it. rowsRead = accepted + rejected for a completed batch. */
export interface ImportBatchView {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  fileSha256: string;
  fileBytes: number;
  status: ImportStatus;
  statusLabel: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  subjectsCreated: number;
  subjectsReused: number;
  filingNumbersAssigned: number;
  failure: string | null;
  importedBy: { id: string; name: string };
  createdAt: Date;
  finishedAt: Date | null;
  /** The rejected-rows report (row, column, code, reason). */
  rejectionsCsv: string;
  rejectionsXlsx: string;
}

/** The file and what became of its rows: what the API, the page and the audit entry all show. */
function outcome(b: ImportBatch) {
  return {
    fileName: b.fileName,
    format: b.format,
    fileSha256: b.fileSha256,
    fileBytes: Number(b.fileBytes),
    status: b.status,
    rowsRead: b.rowsRead,
    accepted: b.accepted,
    rejected: b.rejected,
    subjectsCreated: b.subjectsCreated,
    subjectsReused: b.subjectsReused,
    filingNumbersAssigned: b.filingNumbersAssigned,
  };
}

export function importBatchView(b: ImportBatch): ImportBatchView {
  return {
    id: b.id,
    ...outcome(b),
    statusLabel: IMPORT_STATUS_LABELS[b.status],
    failure: b.failure,
    importedBy: { id: b.importedBy, name: b.importedByName },
    createdAt: b.createdAt,
    finishedAt: b.finishedAt,
    rejectionsCsv: `${IMPORTS_PATH}/${b.id}/rejections.csv`,
    rejectionsXlsx: `${IMPORTS_PATH}/${b.id}/rejections.xlsx`,
  };
}

/** The audit entry's record of a batch: counts, file name and hash (no row content, no personal data). */
export function importAuditView(b: ImportBatch) {
  return { ...outcome(b), ...(b.failure ? { failure: b.failure } : {}) };
}
