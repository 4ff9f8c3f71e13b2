import { describe, expect, it } from '@jest/globals';
import type { MediaAccount } from './account.entity.js';
import { likeContains } from './account-search.js';
import { FILING_NO_PATTERN, formatFilingNo } from './accounts.service.js';
import { needsQualification } from './dto/account.dto.js';
import { dateInShanghai, yearInShanghai } from './registry-time.js';
import { PUBLIC_ACCOUNT_STATES, publicAccountView } from './registry.views.js';
import { isUniqueViolation } from './unique-violation.js';

describe('filing numbers', () => {
  it('read YH-ZMT-<year>-<6-digit seq>', () => {
    expect(formatFilingNo(2026, 1)).toBe('YH-ZMT-2026-000001');
    expect(formatFilingNo(2027, 123456)).toBe('YH-ZMT-2027-123456');
    expect(FILING_NO_PATTERN.test(formatFilingNo(2026, 42))).toBe(true);
    expect(FILING_NO_PATTERN.test('YH-ZMT-2026-42')).toBe(false);
  });

  it('take the year in Beijing time', () => {
    expect(yearInShanghai(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(yearInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(dateInShanghai(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});

describe('LIKE patterns', () => {
  it('escape %, _ and the escape character itself', () => {
    expect(likeContains('余杭')).toBe('%余杭%');
    expect(likeContains('100%')).toBe('%100!%%');
    expect(likeContains('a_b')).toBe('%a!_b%');
    expect(likeContains('wow!')).toBe('%wow!!%');
  });
});

describe('qualified categories (policy table)', () => {
  it('finance, education, medical and legal need a qualification; others do not', () => {
    for (const c of ['finance', 'education', 'medical', 'legal']) expect(needsQualification(c)).toBe(true);
    for (const c of ['news', 'food', 'other', undefined, 42]) expect(needsQualification(c)).toBe(false);
  });
});

describe('public account view', () => {
  const account = {
    id: 'a1',
    filingNo: 'YH-ZMT-2026-000001',
    name: '余杭号',
    platform: 'weibo',
    category: 'news',
    status: 'filed',
    grade: 'A',
    filedAt: new Date('2026-01-01T00:00:00Z'),
    subjectId: 's1',
    ownerId: 'u1',
    platformAccountId: 'x',
  } as unknown as MediaAccount;

  it('masks an individual to the first character and keeps an organisation whole, with no ids', () => {
    expect(publicAccountView(account, { name: '欧阳娜娜', kind: 'individual' }).subjectName).toBe('欧***');
    const org = publicAccountView(account, { name: '杭州某公司', kind: 'organization' });
    expect(org).toMatchObject({ subjectName: '杭州某公司', statusLabel: '已备案', gradeLabel: '优秀', platformLabel: '微博' });
    expect(Object.keys(org)).not.toEqual(expect.arrayContaining(['id']));
    expect(org).not.toHaveProperty('subjectId');
    expect(org).not.toHaveProperty('ownerId');
  });

  it('public states are filed and the measures, never pending, rejected or deregistered', () => {
    expect([...PUBLIC_ACCOUNT_STATES].sort()).toEqual(['closed', 'filed', 'restricted', 'suspended']);
  });
});

describe('unique violations', () => {
  it('recognises both drivers', () => {
    expect(isUniqueViolation({ driverError: { code: 'ER_DUP_ENTRY' } })).toBe(true);
    expect(isUniqueViolation({ driverError: { code: 'SQLITE_CONSTRAINT_UNIQUE' } })).toBe(true);
    expect(isUniqueViolation({ message: 'UNIQUE constraint failed: subject.creditCode' })).toBe(true);
    expect(isUniqueViolation({ driverError: { code: 'ER_LOCK_DEADLOCK' } })).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
  });
});
