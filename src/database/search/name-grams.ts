/**
 * Bigrams of account names for the substring search (docs/decisions.md "Search"). A gram is a pair
 * of Unicode code points after NFKC and lower-casing, stored as one integer (cp1 × 0x110000 + cp2):
 * no collation can make two distinct grams collide (utf8mb4_unicode_ci compares all emoji equal,
 * and full-width letters equal to ASCII ones), and the column is the same on both dialects.
 * The grams only narrow the candidates; a LIKE on the name keeps the results exact.
 */
const PLANE = 0x110000;

export function normalizeForGrams(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function pairs(text: string): number[] {
  const cps = Array.from(normalizeForGrams(text), (c) => c.codePointAt(0)!);
  const out = new Set<number>();
  for (let i = 0; i + 1 < cps.length; i++) out.add(cps[i] * PLANE + cps[i + 1]);
  return [...out];
}

/** The distinct grams of a name, as written to account_name_gram. */
export function nameGrams(name: string): number[] {
  return pairs(name);
}

/** At most this many grams of a query are intersected; the LIKE checks the rest. */
export const MAX_QUERY_GRAMS = 4;

/**
 * The grams a query's matches must all contain, spread over the query (first and last kept), or
 * none when the query is one character (the caller falls back to LIKE).
 */
export function queryGrams(q: string): number[] {
  const all = pairs(q);
  if (all.length <= MAX_QUERY_GRAMS) return all;
  const picked = new Set<number>();
  for (let k = 0; k < MAX_QUERY_GRAMS; k++) picked.add(all[Math.round((k * (all.length - 1)) / (MAX_QUERY_GRAMS - 1))]);
  return [...picked];
}
