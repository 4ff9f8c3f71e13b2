import { describe, expect, it } from '@jest/globals';
import { addCalendarMonths, addMonthsBeijing, jointRestrictionOf, violationWindowFrom } from './blacklist-term.js';

describe('calendar months', () => {
  it('adds and subtracts months, clamping to the month end', () => {
    expect(addCalendarMonths('2026-11-23', 12)).toBe('2027-11-23');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addCalendarMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(addCalendarMonths('2026-12-31', -36)).toBe('2023-12-31');
  });

  it('R1 window: the same day twelve months earlier is the first counting day', () => {
    expect(violationWindowFrom('2026-11-23', 12)).toBe('2025-11-23');
    expect(violationWindowFrom('2025-02-28', 12)).toBe('2024-02-28');
  });

  it('a term keeps the Beijing wall clock across the date line', () => {
    // 2026-03-31 23:30 Beijing is 2026-03-31T15:30Z.
    expect(addMonthsBeijing(new Date('2026-03-31T15:30:00Z'), 12).toISOString()).toBe('2027-03-31T15:30:00.000Z');
    // 2026-04-01 01:00 Beijing is still 31 March in UTC: the Beijing date counts.
    expect(addMonthsBeijing(new Date('2026-03-31T17:00:00Z'), 12).toISOString()).toBe('2027-03-31T17:00:00.000Z');
    // Listed on 29 February 2028 (Beijing) ends on 28 February 2029.
    expect(addMonthsBeijing(new Date('2028-02-29T02:00:00Z'), 12).toISOString()).toBe('2029-02-28T02:00:00.000Z');
  });
});

describe('joint restriction (listed twice or more in 3 years)', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  it('one listing is not enough', () => {
    expect(jointRestrictionOf([new Date('2026-01-01T00:00:00Z')], now, 2, 3)).toEqual({ active: false, listingsInWindow: 1, since: null, until: null });
  });

  it('two listings within the window: since the second, until the first leaves the window', () => {
    const a = new Date('2024-05-10T02:00:00Z');
    const b = new Date('2026-06-01T02:00:00Z');
    const r = jointRestrictionOf([b, a], now, 2, 3);
    expect(r).toMatchObject({ active: true, listingsInWindow: 2 });
    expect(r.since).toEqual(b);
    expect(r.until!.toISOString()).toBe('2027-05-10T02:00:00.000Z');
  });

  it('a listing older than the window does not count', () => {
    const r = jointRestrictionOf([new Date('2023-11-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')], now, 2, 3);
    expect(r.active).toBe(false);
    expect(r.listingsInWindow).toBe(1);
  });

  it('three listings: it lasts until the second newest leaves the window', () => {
    const l = ['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'].map((s) => new Date(s));
    const r = jointRestrictionOf(l, now, 2, 3);
    expect(r).toMatchObject({ active: true, listingsInWindow: 3, since: l[1] });
    expect(r.until!.toISOString()).toBe('2028-01-01T00:00:00.000Z');
  });
});
