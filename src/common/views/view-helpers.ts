import type HandlebarsNS from 'handlebars';

const TZ = 'Asia/Shanghai';

/** 2026年11月23日 (style.md: Chinese date convention), in Beijing time. */
export function formatDateZh(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${get('month')}月${get('day')}日`;
}

/** 2026年11月23日 14:05 (24-hour). */
export function formatDateTimeZh(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${formatDateZh(d)} ${time}`;
}

export function registerViewHelpers(hbs: typeof HandlebarsNS): void {
  hbs.registerHelper('dateZh', (v: Date | string | null) => formatDateZh(v));
  hbs.registerHelper('dateTimeZh', (v: Date | string | null) => formatDateTimeZh(v));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('gt', (a: number, b: number) => a > b);
  hbs.registerHelper('add', (a: number, b: number) => Number(a) + Number(b));
  hbs.registerHelper('lookupOr', (obj: Record<string, unknown> | undefined, key: string, fallback: unknown) =>
    obj && key in obj ? obj[key] : fallback,
  );
  hbs.registerHelper('includes', (list: unknown[] | undefined, v: unknown) => Array.isArray(list) && list.includes(v));
  /** Number with thousands separators (12,345). */
  hbs.registerHelper('num', (n: number) => (typeof n === 'number' ? n.toLocaleString('zh-CN') : n));
  hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
}
