import { describe, expect, it } from '@jest/globals';
import { createHandlebars } from './view-engine.js';
import { formatDateTimeZh, formatDateZh } from './view-helpers.js';

describe('Chinese dates (style.md: 2026年11月23日, 24-hour times, Beijing time)', () => {
  it('formats dates and date strings', () => {
    expect(formatDateZh('2026-11-23')).toBe('2026年11月23日');
    expect(formatDateZh(new Date('2026-01-05T03:00:00Z'))).toBe('2026年1月5日');
  });

  it('counts the day in Beijing time, not UTC', () => {
    // 2026-11-23 20:30 UTC is already 24 November in Beijing.
    expect(formatDateZh(new Date('2026-11-23T20:30:00Z'))).toBe('2026年11月24日');
    expect(formatDateTimeZh('2026-11-23T20:30:00Z')).toBe('2026年11月24日 04:30');
    expect(formatDateTimeZh(new Date('2026-11-23T06:05:00Z'))).toBe('2026年11月23日 14:05');
  });

  it('gives an empty string for nothing or nonsense', () => {
    expect(formatDateZh(null)).toBe('');
    expect(formatDateZh(undefined)).toBe('');
    expect(formatDateZh('not a date')).toBe('');
    expect(formatDateTimeZh('')).toBe('');
  });
});

describe('template output is escaped', () => {
  const hbs = createHandlebars();

  it('escapes what people typed, also through the helpers', () => {
    const evil = '<script>alert(1)</script>"\'&';
    const out = hbs.compile('<p title="{{name}}">{{name}}</p><pre>{{json data}}</pre>')({ name: evil, data: { x: evil } });
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('&quot;');
  });
});
