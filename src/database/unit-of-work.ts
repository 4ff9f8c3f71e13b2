import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOneOptions, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { AppException } from '../common/errors/app.exception.js';

/**
 * Runs a unit of work in one transaction. On SQLite, TypeORM shares one connection between all
 * callers, so two interleaved transactions would nest into each other's savepoints: writes are
 * serialised here (SQLite allows one writer anyway). On MySQL each unit gets its own connection and
 * rows are locked with SELECT ... FOR UPDATE where a decision depends on them.
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.runTransaction(work);
    const result = this.tail.then(() => this.runTransaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // InnoDB may pick this transaction as a deadlock victim; the whole unit is then safe to run again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (e) {
        if (!isDeadlock(e)) throw e;
        if (attempt >= 3) throw AppException.conflict('数据正被其他操作修改，请刷新后重试');
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.floor(Math.random() * 20)));
      }
    }
  }

  /** Inserts a row unless its key exists already: a race-free "create if missing". */
  async insertIgnore(manager: EntityManager, table: string, row: Record<string, string | number>): Promise<void> {
    const cols = Object.keys(row);
    const verb = this.isSqlite ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await manager.query(
      `${verb} INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      cols.map((c) => row[c]),
    );
  }

  /**
   * Makes sure a row exists before the caller locks it, inside the caller's transaction. On MySQL an
   * `INSERT … ON DUPLICATE KEY UPDATE` takes the row's exclusive lock at once: a plain INSERT IGNORE
   * would take a shared lock on the existing row, and concurrent transactions that then ask for its
   * write lock deadlock each other. (It used to run on a second, autocommit connection: a transaction
   * holding row locks then waited for a pool connection held by transactions waiting for those locks,
   * and 50 concurrent decisions stalled until InnoDB's lock-wait timeout, test/reliability.)
   */
  async ensureRow(manager: EntityManager, table: string, key: Record<string, string | number>, row: Record<string, string | number>): Promise<void> {
    const where = Object.keys(key).map((k) => `${k} = ?`).join(' AND ');
    const found = await manager.query(`SELECT 1 AS present FROM ${table} WHERE ${where}`, Object.values(key));
    if (found.length > 0) return;
    if (this.isSqlite) {
      await this.insertIgnore(manager, table, row);
      return;
    }
    const cols = Object.keys(row);
    const first = Object.keys(key)[0];
    await manager.query(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON DUPLICATE KEY UPDATE ${first} = ${first}`,
      cols.map((c) => row[c]),
    );
  }

  /** Loads a row for a decision: locked on MySQL so concurrent deciders queue and then see the new state. */
  findForUpdate<E extends ObjectLiteral>(
    manager: EntityManager,
    entity: EntityTarget<E>,
    options: FindOneOptions<E>,
  ): Promise<E | null> {
    return manager.findOne(entity, this.isSqlite ? options : { ...options, lock: { mode: 'pessimistic_write' } });
  }
}

function isDeadlock(e: unknown): boolean {
  const code = (e as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (e as { code?: string })?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}
