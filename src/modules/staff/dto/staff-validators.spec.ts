import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { todayInShanghai } from '../../registry/registry-time.js';
import { CreateStaffTrainingDto } from './staff.dto.js';
import { isIsoDate } from './staff-validators.js';

describe('isIsoDate', () => {
  it.each(['2026-01-31', '2024-02-29', '1900-01-01'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '2026/01/01', '20260101', '1899-12-31', '2026-01-01T00:00:00Z', '', 20260101, null])(
    'refuses %p',
    (d) => expect(isIsoDate(d)).toBe(false),
  );
});

describe('CreateStaffTrainingDto', () => {
  const codes = (body: object) =>
    validateSync(plainToInstance(CreateStaffTrainingDto, body)).flatMap((e) => Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`));
  const ok = { date: '2025-05-01', organizer: 'association', topic: '网络素养培训', hours: 2.5 };

  it('accepts half hours up to the policy maximum', () => {
    expect(codes(ok)).toEqual([]);
    expect(codes({ ...ok, hours: 200 })).toEqual([]);
    expect(codes({ ...ok, hours: 0.5 })).toEqual([]);
  });

  it('refuses hours that are not positive, too many, or not in half hours', () => {
    expect(codes({ ...ok, hours: 0 })).toContain('hours:isPositive');
    expect(codes({ ...ok, hours: 200.5 })).toContain('hours:max');
    expect(codes({ ...ok, hours: 1.25 })).toEqual(['hours:halfHourStep']);
    expect(codes({ ...ok, hours: '2' })).toContain('hours:isNumber');
  });

  it('refuses a date after today (Beijing)', () => {
    const d = new Date(`${todayInShanghai()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    expect(codes({ ...ok, date: d.toISOString().slice(0, 10) })).toEqual(['date:futureDate']);
    expect(codes({ ...ok, date: todayInShanghai() })).toEqual([]);
  });
});
