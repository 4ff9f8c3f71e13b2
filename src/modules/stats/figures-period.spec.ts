import { describe, expect, it } from '@jest/globals';
import { campaignRangeProblem, currentBeijingYear, dayPeriod, daysInclusive, lastFiguresYear, yearPeriod } from './figures-period.js';

describe('figures periods: Beijing calendar days as UTC instants', () => {
  it('a year runs from 1 January 00:00 to the next 1 January 00:00 in Beijing (16:00 UTC the day before)', () => {
    const p = yearPeriod(2026);
    expect(p).toEqual({ firstDay: '2026-01-01', lastDay: '2026-12-31', from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    // 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing: not in 2026.
    expect(new Date('2026-12-31T20:00:00Z') < p.to).toBe(false);
    expect(new Date('2026-12-31T15:59:59Z') < p.to).toBe(true);
  });

  it('a range of days includes both ends', () => {
    const p = dayPeriod('2026-02-28', '2026-03-01');
    expect(p.from.toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(dayPeriod('2024-02-28', '2024-02-29').to.toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  it('counts days inclusively, across leap days', () => {
    expect(daysInclusive('2026-05-01', '2026-05-01')).toBe(1);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365);
  });

  it('the current year is Beijing’s: 16:30 UTC on 31 December is already next year', () => {
    expect(currentBeijingYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(currentBeijingYear(new Date('2026-12-31T15:30:00Z'))).toBe(2026);
    expect(lastFiguresYear(new Date('2026-06-01T00:00:00Z'))).toBe(2027);
  });

  it('a campaign range: not backwards, at most 366 days', () => {
    expect(campaignRangeProblem('2026-05-01', '2026-05-01')).toBeNull();
    expect(campaignRangeProblem('2024-01-01', '2024-12-31')).toBeNull();
    expect(campaignRangeProblem('2026-05-02', '2026-05-01')).toMatchObject({ field: 'to', code: 'before_from' });
    expect(campaignRangeProblem('2025-01-01', '2026-01-02')).toMatchObject({ field: 'to', code: 'range_too_long' });
  });
});
