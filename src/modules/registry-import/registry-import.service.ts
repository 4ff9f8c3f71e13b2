import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { type Page, type PageQuery, pageOf } from '../../common/http/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { AuditService } from '../audit/audit.service.js';
import { todayInShanghai } from '../registry/registry-time.js';
import { isUniqueViolation } from '../registry/unique-violation.js';
import { sqlDateTime } from './bulk-insert.js';
import { type CommitContext, commitPass, type CommitCounts, lockFilingCounter } from './commit-pass.js';
import { ImportBatch, ImportRejection } from './import-batch.entity.js';
import { openImportFile, unreadable } from './import-file.js';
import { UnreadableSource } from './import-source.js';
import { type RejectionLine } from './import-reports.js';
import { loadGrams, loadPrepared, PreparedRows } from './load-data.js';
import { importAuditView, type ImportBatchView, importBatchView } from './import.views.js';
import type { SavedUpload } from './upload-file.js';
import { clip, validatePass } from './validation-pass.js';

const NONE: CommitCounts = { accepted: 0, subjectsCreated: 0, subjectsReused: 0, filingNumbersAssigned: 0 };
const REPORT_PAGE = 2000;

/** A failure whose message the office may read (the rest are logged and reported in general words). */
class ReadableFailure extends Error {
  constructor(readonly answer: AppException) {
    super(answer.message);
  }
}

/**
 * 批量导入 of the existing registry (docs/decisions.md "Bulk import"): pass 1 validates the saved
 * file and writes the rejected-rows report; pass 2 writes every accepted row in one transaction,
 * with the batch's completion and its one audit entry, so a batch is in the registry entirely or
 * not at all.
 */
@Injectable()
export class RegistryImportService {
  private readonly log = new Logger(RegistryImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Bytes an import file may have (IMPORT_FILE_LIMIT); the JSON body limit does not apply to uploads. */
  get fileLimit(): number {
    return this.config.importFileLimit;
  }

  /** Imports a saved upload and removes it. 400 for a file that cannot be an import; 409 when the registry changed under pass 2. */
  async importFile(actor: Actor, user: AuthUser, upload: SavedUpload): Promise<ImportBatchView> {
    try {
      const started = Date.now();
      const opened = await openImportFile(upload);
      const batch = await this.start(user, upload);
      const today = todayInShanghai();
      // Every row of the batch carries the import's time (created, reviewed; filed when the file gives no date).
      const ctx: CommitContext = { today, now: sqlDateTime(new Date(started)), importerId: user.id, cipher: this.cipher, uow: this.uow };
      // MariaDB/MySQL: pass 1 prepares the rows and pass 2 loads them (load-data.ts); SQLite: pass 2 reads the file again.
      const prepared = this.dataSource.options.type === 'better-sqlite3' ? undefined : new PreparedRows(upload.path, ctx);
      const validate = async () => {
        const result = await validatePass(
          { batchId: batch.id, today, cipher: this.cipher, dataSource: this.dataSource, write: (w) => this.uow.run(w) },
          opened.columns,
          opened.rows,
          prepared,
        ).catch((e: unknown) => {
          throw e instanceof UnreadableSource ? new ReadableFailure(unreadable(upload, e.cause)) : e;
        });
        batch.rowsRead = result.rowsRead;
        batch.rejected = result.ledger.rejectedRows.size;
        return result.ledger;
      };
      const complete = async (m: EntityManager, counts: CommitCounts) => {
        Object.assign(batch, counts, { status: 'completed', finishedAt: new Date() });
        this.log.log(`import ${batch.id}: ${batch.rowsRead} rows, ${counts.accepted} accepted in ${Date.now() - started} ms`);
        await m.save(batch);
        await this.audit.record(m, actor, { action: 'registry.import', entityType: 'registry_import', entityId: batch.id, after: importAuditView(batch) });
        return importBatchView(batch);
      };
      try {
        if (prepared) {
          // The transaction opens before pass 1, so that the grams' LOAD DATA runs while pass 1 makes
          // them (load-data.ts). Pass 1 cannot run twice (its report is written), so no retry either.
          let attempts = 0;
          return await this.uow.run(async (m) => {
            if (++attempts > 1) throw new ReadableFailure(AppException.conflict('数据正被其他操作修改，未导入任何数据，请重新导入'));
            const counter = await lockFilingCounter(m, ctx);
            const grams = loadGrams(m, prepared, counter);
            const ledger = await validate().catch((e: unknown) => {
              prepared.discard(e instanceof Error ? e : new Error(String(e)));
              return grams.then(() => Promise.reject(e), () => Promise.reject(e));
            });
            await prepared.close();
            await grams;
            return complete(m, ledger.accepted ? await loadPrepared(m, ctx, ledger, prepared, counter) : NONE);
          });
        }
        const ledger = await validate();
        return await this.uow.run(async (m) =>
          complete(m, ledger.accepted ? await commitPass(m, ctx, ledger, opened.columns, (await openImportFile(upload, false)).rows) : NONE),
        );
      } catch (e) {
        prepared?.discard();
        throw await this.fail(actor, batch, e);
      }
    } finally {
      upload.remove();
    }
  }

  private start(user: AuthUser, upload: SavedUpload): Promise<ImportBatch> {
    return this.uow.run(async (m) => {
      const batch = m.create(ImportBatch, {
        fileName: clip(upload.fileName, 255),
        format: upload.format,
        fileSha256: upload.sha256,
        fileBytes: upload.bytes,
        status: 'pending',
        importedBy: user.id,
        importedByName: clip(user.displayName || user.username, 64),
        failure: null,
        finishedAt: null,
      });
      return m.save(batch);
    });
  }

  /** Records why the batch failed (nothing of it is in the registry) and answers the error to give the caller. */
  private async fail(actor: Actor, batch: ImportBatch, e: unknown): Promise<unknown> {
    let answer: unknown = e;
    let failure = '导入过程中出现系统错误，未导入任何数据，请稍后重试';
    if (e instanceof ReadableFailure) {
      answer = e.answer;
      failure = `${e.answer.message}；未导入任何数据`;
    } else if (isUniqueViolation(e)) {
      failure = '导入期间登记数据发生了变化（平台账号或备案编号已被登记），未导入任何数据，请重新导入';
      answer = AppException.conflict(failure);
    } else {
      this.log.error(`import ${batch.id} failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
    Object.assign(batch, { ...NONE, status: 'failed', failure: failure.slice(0, 500), finishedAt: new Date() });
    await this.uow.run(async (m) => {
      await m.update(ImportBatch, { id: batch.id }, { status: 'failed', failure: batch.failure, finishedAt: batch.finishedAt, accepted: 0, rowsRead: batch.rowsRead, rejected: batch.rejected });
      await this.audit.record(m, actor, { action: 'registry.import.fail', entityType: 'registry_import', entityId: batch.id, after: importAuditView(batch) });
    });
    return answer;
  }

  async list(q: PageQuery): Promise<Page<ImportBatchView>> {
    const [rows, total] = await this.dataSource.getRepository(ImportBatch).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return pageOf(rows.map(importBatchView), total, q);
  }

  async get(id: string): Promise<ImportBatchView> {
    return importBatchView(await this.find(id));
  }

  async find(id: string): Promise<ImportBatch> {
    const b = await this.dataSource.getRepository(ImportBatch).findOne({ where: { id } });
    if (!b) throw AppException.notFound('导入批次');
    return b;
  }

  /** The rejected-rows report of a batch, in row order, page by page (keyset on row and position). */
  async *rejections(batchId: string): AsyncGenerator<RejectionLine[]> {
    let after = { rowNo: 0, position: 0 };
    for (;;) {
      const page = await this.dataSource
        .getRepository(ImportRejection)
        .createQueryBuilder('r')
        .select(['r.rowNo', 'r.position', 'r.columnName', 'r.code', 'r.reason'])
        .where('r.batchId = :batchId', { batchId })
        .andWhere('(r.rowNo > :row OR (r.rowNo = :row AND r.position > :pos))', { row: after.rowNo, pos: after.position })
        .orderBy('r.rowNo', 'ASC')
        .addOrderBy('r.position', 'ASC')
        .take(REPORT_PAGE)
        .getMany();
      if (page.length) yield page;
      if (page.length < REPORT_PAGE) return;
      after = page[page.length - 1];
    }
  }
}
