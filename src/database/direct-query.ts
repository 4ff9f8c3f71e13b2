import type { DataSource } from 'typeorm';

export type Row = Record<string, unknown>;

interface CallbackPool {
  query(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown) => void): void;
}
interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

/**
 * Plain SELECTs straight on the driver under the data source (mysql2's pool or better-sqlite3's
 * connection, statements prepared once), for the few hot public reads where the ORM's per-query
 * cost (a query runner, hydration) is most of the request's time (docs/decisions.md "Hot reads").
 * `?` placeholders on both dialects. Statements go to the data source's logger like TypeORM's own,
 * so the benchmark can capture them. Reads only: writes belong in UnitOfWork.
 */
export class DirectQuery {
  private readonly run: (sql: string, params: unknown[]) => Promise<Row[]>;
  readonly dialect: 'mysql' | 'sqlite';

  constructor(private readonly ds: DataSource) {
    const driver = ds.driver as unknown as { pool?: CallbackPool; databaseConnection?: SqliteDatabase };
    if (ds.options.type === 'better-sqlite3') {
      this.dialect = 'sqlite';
      const statements = new Map<string, { all(...params: unknown[]): unknown[] }>();
      this.run = async (sql, params) => {
        let s = statements.get(sql);
        if (!s) {
          s = driver.databaseConnection!.prepare(sql);
          if (statements.size < 500) statements.set(sql, s);
        }
        return s.all(...params) as Row[];
      };
    } else {
      this.dialect = 'mysql';
      this.run = (sql, params) =>
        new Promise((resolve, reject) => driver.pool!.query(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as Row[]))));
    }
  }

  async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    this.ds.logger.logQuery(sql, params);
    return this.run(sql, params);
  }
}

/** A datetime column as a Date on both dialects (better-sqlite3 gives TypeORM's 'YYYY-MM-DD HH:MM:SS.SSS' UTC text). */
export function asDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  return new Date(`${String(v).replace(' ', 'T')}Z`);
}
