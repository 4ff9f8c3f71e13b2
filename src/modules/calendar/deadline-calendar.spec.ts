import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { beijingDate, DeadlineCalendar } from './deadline-calendar.js';

const cal = new DeadlineCalendar();

describe('DeadlineCalendar (official PRC working days)', () => {
  it('knows holidays and adjusted working days of 2025 and 2026', () => {
    expect(cal.isWorkingDay('2025-10-01')).toBe(false); // 国庆
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // 国庆中秋 8 天
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // 周日调休上班
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // 周六调休上班
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // 周六调休上班（春节）
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // 春节
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // 春节最后一天（周一）
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // 普通周六
    expect(cal.isWorkingDay('2026-11-23')).toBe(true); // 普通周一
  });

  it('runs a 15-working-day deadline across the 2025 National Day holiday', () => {
    // 2025-09-26 (Fri) + 15: 9/28 (Sun, adjusted) 1, 9/29 2, 9/30 3, 10/1-10/8 off, 10/9 4, 10/10 5,
    // 10/11 (Sat, adjusted) 6, 10/13-17 7-11, 10/20-23 12-15.
    expect(cal.addWorkingDays('2025-09-26', 15)).toBe('2025-10-23');
  });

  it('runs a 15-working-day deadline across the 2025 Spring Festival with its adjusted Sunday and Saturday', () => {
    // 2025-01-24 (Fri) + 15: 1/26 (Sun, adjusted) 1, 1/27 2, 1/28-2/4 off, 2/5-2/7 3-5,
    // 2/8 (Sat, adjusted) 6, 2/10-14 7-11, 2/17-20 12-15.
    expect(cal.addWorkingDays('2025-01-24', 15)).toBe('2025-02-20');
  });

  it('runs a 15-working-day deadline across the 2026 Spring Festival', () => {
    // 2026-02-10 (Tue) + 15: 2/11-2/13 1-3, 2/14 (Sat, adjusted) 4, 2/15-2/23 off, 2/24-2/27 5-8,
    // 2/28 (Sat, adjusted) 9, 3/2-3/6 10-14, 3/9 15.
    expect(cal.addWorkingDays('2026-02-10', 15)).toBe('2026-03-09');
  });

  it('runs a 15-working-day deadline across the 2026 National Day holiday with its adjusted Saturday', () => {
    // 2026-09-28 (Mon) + 15: 9/29 1, 9/30 2, 10/1-10/7 off, 10/8 3, 10/9 4, 10/10 (Sat, adjusted) 5,
    // 10/12-16 6-10, 10/19-23 11-15.
    expect(cal.addWorkingDays('2026-09-28', 15)).toBe('2026-10-23');
  });

  it('does not count the start day', () => {
    expect(cal.addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Fri → Mon
    expect(cal.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('counts days left and days overdue in working days', () => {
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-27')).toBe(4);
    expect(cal.workingDaysBetween('2026-11-27', '2026-11-23')).toBe(-4);
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(cal.describeDeadline('2026-11-26', '2026-11-23')).toBe('还剩3个工作日');
    expect(cal.describeDeadline('2026-11-23', '2026-11-23')).toBe('今天到期');
    expect(cal.describeDeadline('2026-11-19', '2026-11-23')).toBe('已逾期2个工作日');
  });

  it('falls back to the statutory holidays for a year the package does not know yet', () => {
    const year = 2031; // far enough ahead that no arrangement is published
    expect(cal.isOfficial(year)).toBe(false);
    expect(cal.isWorkingDay('2031-01-01')).toBe(false); // 元旦 (Wednesday)
    expect(cal.isWorkingDay('2031-05-01')).toBe(false); // 劳动节 (Thursday)
    expect(cal.isWorkingDay('2031-10-02')).toBe(false); // 国庆 (Thursday)
    expect(cal.isWorkingDay('2031-01-22')).toBe(false); // 春节初一 2031-01-23, 除夕 01-22 (Wednesday)
    expect(cal.isWorkingDay('2031-01-27')).toBe(true); // Monday after
    expect(cal.isOfficial(2026)).toBe(true);
  });

  it('takes instants in Beijing time', () => {
    expect(beijingDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23'); // 00:30 in Beijing
    expect(cal.addWorkingDays(new Date('2026-11-20T17:00:00Z'), 1)).toBe('2026-11-23'); // Saturday 01:00 in Beijing → Monday
  });

  it('counts working days between any two dates as a day-by-day walk does (running totals per year)', () => {
    const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const walk = (a: string, b: string) => {
      const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let d = new Date(`${lo}T00:00:00Z`); ; ) {
        d.setUTCDate(d.getUTCDate() + 1);
        const iso = d.toISOString().slice(0, 10);
        if (iso > hi) break;
        if (cal.isWorkingDay(iso)) count += 1;
      }
      return sign * count || 0;
    };
    // 2023 to 2028: official years and the statutory fallback, year ends and leap days included.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 * 365 }), fc.integer({ min: 0, max: 6 * 365 }), (x, y) => {
        expect(cal.workingDaysBetween(day(x), day(y))).toBe(walk(day(x), day(y)));
      }),
      { numRuns: 120 },
    );
    expect(cal.workingDaysBetween('2024-12-31', '2025-01-02')).toBe(walk('2024-12-31', '2025-01-02'));
    expect(cal.workingDaysBetween('2024-02-28', '2024-03-01')).toBe(2); // Thu 29 February (leap day) and Fri 1 March
  });
});
