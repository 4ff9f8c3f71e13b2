/**
 * Multi-row INSERTs for the import: one statement per chunk of rows instead of one per row (TypeORM
 * `save()` costs a round trip and listener work per entity). Values go as parameters, never spliced
 * into the SQL. Sizes keep SQLite under its 32,766 variables and MySQL well under max_allowed_packet.
 */
import type { EntityManager } from 'typeorm';

const MAX_PARAMS = 30_000;

export type SqlValue = string | number | null;

/**
 * A datetime as both databases store it: UTC text `YYYY-MM-DD HH:MM:SS.mmm` (TypeORM's own form on
 * SQLite; MySQL/MariaDB take it as is on the app's UTC connection, without converting a Date per value).
 */
export function sqlDateTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Buffers rows of one table and writes them in as few statements as the parameter limit allows. */
export class BulkInsert {
  private rows: SqlValue[][] = [];
  private readonly perStatement: number;
  /** The statement text for a number of rows (every full chunk has the same). */
  private readonly sqlFor = new Map<number, string>();
  written = 0;

  constructor(
    private readonly table: string,
    private readonly columns: readonly string[],
    maxRows = 1000,
  ) {
    this.perStatement = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMS / columns.length)));
  }

  get pending(): number {
    return this.rows.length;
  }

  add(row: SqlValue[]): void {
    this.rows.push(row);
  }

  private statement(rows: number): string {
    let sql = this.sqlFor.get(rows);
    if (!sql) {
      const tuple = `(${this.columns.map(() => '?').join(',')})`;
      sql = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`;
      this.sqlFor.set(rows, sql);
    }
    return sql;
  }

  /** Sends every buffered row. The rows are taken at once, so the caller may add the next ones while this runs. */
  async flush(m: EntityManager): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    for (let i = 0; i < rows.length; i += this.perStatement) {
      const batch = rows.slice(i, i + this.perStatement);
      await m.query(this.statement(batch.length), batch.flat());
      this.written += batch.length;
    }
  }
}
