/**
 * Query strings of list pages, read leniently: a page is a link people edit and share, so a bad
 * value falls back to the default instead of an error page. Text is trimmed and capped.
 */
export interface ListQuery {
  page: number;
  pageSize: number;
  q?: string;
  [filter: string]: string | number | undefined;
}

export function text(v: unknown, max = 64): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim().slice(0, max);
  return t === '' ? undefined : t;
}

export function listQuery(query: Record<string, unknown> | undefined, choices: Record<string, readonly string[]> = {}, pageSize = 20): ListQuery {
  const raw = query ?? {};
  const n = Number(typeof raw.page === 'string' ? raw.page : 1);
  const out: ListQuery = { page: Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1, pageSize };
  const q = text(raw.q);
  if (q) out.q = q;
  for (const [name, allowed] of Object.entries(choices)) {
    const v = text(raw[name], 32);
    if (v && allowed.includes(v)) out[name] = v;
  }
  return out;
}
