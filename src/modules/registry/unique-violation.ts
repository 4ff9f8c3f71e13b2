/**
 * True when a write failed on a unique index: the database's last word when two requests race past
 * the duplicate check (MySQL ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_UNIQUE).
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; message?: string; driverError?: { code?: string; errno?: number; message?: string } };
  const code = err?.driverError?.code ?? err?.code;
  if (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  const message = err?.driverError?.message ?? err?.message ?? '';
  return /UNIQUE constraint failed|Duplicate entry/i.test(message);
}

