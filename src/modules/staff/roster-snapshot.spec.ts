import { describe, expect, it } from '@jest/globals';
import { type MemberRow, renderSnapshot, rosterComparisonKey, rosterProblems, takeSnapshot } from './roster-snapshot.js';

/** A stand-in cipher: "enc:" + plain, so masks are checkable without keys. */
const decrypt = (s: string) => s.replace(/^enc\d*:/, '');

function member(id: string, over: Partial<MemberRow> = {}): MemberRow {
  return {
    id,
    name: `人员${id}`,
    idNumberEnc: 'enc:11010519491231002X',
    idNumberIndex: `idx-${id}`,
    phoneEnc: 'enc:13812345678',
    role: 'editor',
    fullTime: true,
    startDate: '2024-01-01',
    endDate: null,
    ...over,
  };
}

describe('rosterProblems (§02.5 总编辑负责制)', () => {
  it('needs an active member', () => {
    expect(rosterProblems([])).toEqual([expect.objectContaining({ field: 'staff', code: 'no_active_member' })]);
    expect(rosterProblems([member('a', { role: 'chief_editor', endDate: '2025-01-01' })])).toEqual([
      expect.objectContaining({ code: 'no_active_member' }),
    ]);
  });

  it('needs exactly one active chief editor', () => {
    expect(rosterProblems([member('a')])).toEqual([expect.objectContaining({ code: 'no_chief_editor' })]);
    expect(rosterProblems([member('a', { role: 'chief_editor', endDate: '2025-01-01' }), member('b')])).toEqual([
      expect.objectContaining({ code: 'no_chief_editor' }),
    ]);
    expect(rosterProblems([member('a', { role: 'chief_editor' }), member('b', { role: 'chief_editor' })])).toEqual([
      expect.objectContaining({ code: 'multiple_chief_editors' }),
    ]);
    expect(rosterProblems([member('a', { role: 'chief_editor' }), member('b')])).toEqual([]);
  });
});

describe('takeSnapshot / renderSnapshot', () => {
  const members = [
    member('b', { role: 'reviewer', startDate: '2023-05-01' }),
    member('c', { role: 'editor', endDate: '2025-06-30' }),
    member('a', { role: 'chief_editor', fullTime: false }),
  ];
  const trainings = [
    { id: 't2', staffId: 'a', date: '2025-03-01', organizer: 'office' as const, topic: '网络内容编辑', halfHours: 3 },
    { id: 't1', staffId: 'a', date: '2025-01-01', organizer: 'own_unit' as const, topic: '职业道德', halfHours: 4 },
  ];
  const records = [{ id: 'r1', staffId: 'b', kind: 'reward' as const, date: '2025-02-02', description: '年度优秀编辑' }];
  const snap = takeSnapshot(members, trainings, records, new Date('2026-01-02T03:04:05Z'));

  it('orders active members first, chief editor first, and keeps ciphertexts as stored', () => {
    expect(snap.members.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(snap.members[0].idNumberEnc).toBe('enc:11010519491231002X');
    expect(snap.members[0].trainings.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(snap.members[1].records).toHaveLength(1);
    expect(snap.takenAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('renders masked, with hours and a summary', () => {
    const r = renderSnapshot(snap, decrypt);
    expect(r.members[0]).toMatchObject({ idNumber: '110105********002X', phone: '138****5678', roleLabel: '总编辑', trainingHours: 3.5, active: true });
    expect(r.members[0].trainings[1]).toMatchObject({ organizerLabel: '网信部门', hours: 1.5 });
    expect(r.members[1].records[0]).toMatchObject({ kindLabel: '奖励' });
    expect(r.summary).toEqual({ activeCount: 2, fullTimeCount: 1, endedCount: 1, chiefEditor: '人员a', trainingHours: 3.5 });
    expect(JSON.stringify(r)).not.toContain('11010519491231002X');
  });

  it('compares rosters regardless of how the phone was encrypted, and sees every change', () => {
    const same = takeSnapshot(members.map((m) => ({ ...m, phoneEnc: 'enc2:13812345678' })), trainings, records, new Date());
    expect(rosterComparisonKey(same, decrypt)).toBe(rosterComparisonKey(snap, decrypt));
    const phone = takeSnapshot(members.map((m) => (m.id === 'a' ? { ...m, phoneEnc: 'enc:13900000000' } : m)), trainings, records, new Date());
    expect(rosterComparisonKey(phone, decrypt)).not.toBe(rosterComparisonKey(snap, decrypt));
    const training = takeSnapshot(members, trainings.slice(1), records, new Date());
    expect(rosterComparisonKey(training, decrypt)).not.toBe(rosterComparisonKey(snap, decrypt));
    const ended = takeSnapshot(members.map((m) => (m.id === 'b' ? { ...m, endDate: '2026-01-01' } : m)), trainings, records, new Date());
    expect(rosterComparisonKey(ended, decrypt)).not.toBe(rosterComparisonKey(snap, decrypt));
  });
});
