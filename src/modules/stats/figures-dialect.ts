import type { DataSource } from 'typeorm';

/**
 * The few SQL expressions the figures need that SQLite and MySQL/MariaDB spell differently
 * (style.md: dialect-specific SQL behind a strategy). Datetime columns hold UTC on both (TypeORM
 * writes UTC strings on SQLite; the MySQL pool runs with timezone 'Z'); China has no daylight saving
 * time, so Beijing time is UTC + 8 hours all year.
 */
export interface FiguresDialect {
  /** The Beijing calendar date of a UTC datetime column, comparable with `date` columns. */
  beijingDate(column: string): string;
  /** The month (1-12) of a date expression. */
  month(dateExpr: string): string;
  /** The date `months` calendar months before a date expression. */
  monthsBefore(dateExpr: string, months: number): string;
}

const SQLITE: FiguresDialect = {
  beijingDate: (c) => `date(${c}, '+8 hours')`,
  month: (d) => `CAST(strftime('%m', ${d}) AS INTEGER)`,
  monthsBefore: (d, n) => `date(${d}, '-${whole(n)} months')`,
};

const MYSQL: FiguresDialect = {
  beijingDate: (c) => `DATE(DATE_ADD(${c}, INTERVAL 8 HOUR))`,
  month: (d) => `MONTH(${d})`,
  monthsBefore: (d, n) => `DATE_SUB(${d}, INTERVAL ${whole(n)} MONTH)`,
};

/** Numbers go into the SQL text: only whole numbers, never input. */
function whole(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${n}`);
  return n;
}

export function figuresDialect(dataSource: DataSource): FiguresDialect {
  return dataSource.options.type === 'better-sqlite3' || dataSource.options.type === 'sqljs' ? SQLITE : MYSQL;
}

/** COUNT and SUM come back as numbers from SQLite, as strings (or null for an empty SUM) from MySQL. */
export function n(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
