/** The office works on Beijing time: filing years and "today" for expiry dates are read there. */
const TZ = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' of the instant in Beijing. */
export function dateInShanghai(at: Date = new Date()): string {
  return dateFormat.format(at);
}

export function todayInShanghai(): string {
  return dateInShanghai(new Date());
}

/** The calendar year of the instant in Beijing (a filing approved at 2026-12-31T16:30Z is a 2027 filing). */
export function yearInShanghai(at: Date = new Date()): number {
  return Number(dateInShanghai(at).slice(0, 4));
}
