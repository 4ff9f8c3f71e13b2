import { describe, expect, it } from '@jest/globals';
import { r1Facts, r2Facts } from './blacklist-rules.js';
import type { InterviewFact, ViolationFact } from './blacklist.constants.js';

const v = (id: string): ViolationFact => ({ id, category: 'C06', categoryLabel: '散布谣言', source: 'inspection', sourceLabel: '日常巡查', occurredAt: '2026-01-01', summary: '' });
const i = (id: string): InterviewFact => ({ id, noticeNo: `YH-WXYT-2026-${id}`, status: 'failed', statusLabel: '整改不合格', concludedAt: null });
const none = new Set<string>();

describe('R1: repeated illegal information', () => {
  it('holds with 3 violations in the window, not with 2', () => {
    expect(r1Facts([v('a'), v('b'), v('c')], none, none, 3)?.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(r1Facts([v('a'), v('b')], none, none, 3)).toBeNull();
  });

  it('violations a listing already punished do not count again', () => {
    expect(r1Facts([v('a'), v('b'), v('c'), v('d')], new Set(['a', 'b']), none, 3)).toBeNull();
    expect(r1Facts([v('a'), v('b'), v('c'), v('d'), v('e')], new Set(['a', 'b']), none, 3)?.map((x) => x.id)).toEqual(['c', 'd', 'e']);
  });

  it('after a rejected proposal only a new violation brings the account back', () => {
    const declined = new Set(['a', 'b', 'c']);
    expect(r1Facts([v('a'), v('b'), v('c')], none, declined, 3)).toBeNull();
    expect(r1Facts([v('a'), v('b'), v('c'), v('d')], none, declined, 3)?.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('R2: refused to rectify', () => {
  it('holds with a failed rectification nobody decided on yet', () => {
    expect(r2Facts([i('1'), i('2')], new Set(['1']))?.map((x) => x.id)).toEqual(['2']);
    expect(r2Facts([i('1')], new Set(['1']))).toBeNull();
    expect(r2Facts([], none)).toBeNull();
  });
});
