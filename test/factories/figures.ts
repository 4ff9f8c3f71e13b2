import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { BlacklistListing } from '../../src/modules/blacklist/blacklist-listing.entity.js';
import { beijingDate, DeadlineCalendar } from '../../src/modules/calendar/deadline-calendar.js';
import { Interview } from '../../src/modules/interviews/interview.entity.js';
import { EscalationMeasure } from '../../src/modules/measures/measure.entity.js';
import { MediaAccount } from '../../src/modules/registry/account.entity.js';
import { PublicReport } from '../../src/modules/reports/report.entity.js';
import { StaffFiling } from '../../src/modules/staff/staff-filing.entity.js';
import { Violation } from '../../src/modules/violations/violation.entity.js';
import { bearer, type TestApp } from '../helpers/test-app.js';
import { makeIdNumber, makeMobile } from './identifiers.js';
import { concludedInterview, holdInterview, type Office, office, scheduleInterview } from './interviews.js';
import { type FiledAccount, filedAccount } from './registry.js';

/**
 * A year of the office's work whose figures are known by construction (docs/decisions.md "Figures").
 * Everything goes through the API where the workflow allows (accounts, reports and their
 * conclusions, violations, interviews, a measure, a blacklist listing, staff and a roster filing),
 * then the rows are moved to the fixture year F (last year) by direct updates, some of them to the
 * minute either side of the Beijing new year; a few more listings and filings are copies of the
 * API's rows (direct inserts). EXPECTED_* below are the figures this must produce.
 *
 * Accounts: A wechat grade A (F), B wechat grade B (F-1, filed in F-1), C douyin grade D (F),
 * D douyin grade C given by F+1's evaluation (ungraded for F), E weibo ungraded, G weibo filed on
 * F+1-01-01 00:30 Beijing (not under management in F), H toutiao closed, I kuaishou filed at
 * F-01-01 00:00 Beijing (the first instant of F).
 */
export interface FiguresFixture {
  year: number;
  o: Office;
  acc: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'G' | 'H' | 'I', FiledAccount>;
  /** Interviews by name (i1 … i6). */
  interviews: Record<string, string>;
  /** Reports by name (r1 … r9): ids. */
  reports: Record<string, string>;
  /** A blacklist proposal in its defence window now (for the dashboard's deadlines). */
  openProposal: string;
}

const utc = (iso: string) => new Date(iso);

async function setRow<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, id: string, values: Record<string, unknown>): Promise<void> {
  await db.createQueryBuilder().update(entity).set(values as never).where('id = :id', { id }).execute();
}

export async function buildFiguresFixture(t: TestApp): Promise<FiguresFixture> {
  const db = t.app.get(DataSource);
  const calendar = new DeadlineCalendar();
  const F = Number(beijingDate().slice(0, 4)) - 1;
  const o = await office(t);
  const officer = o.officer.token;
  const post = async (path: string, token: string, body: Record<string, unknown>, status = 201) => {
    const res = await t.http.post(path).set(bearer(token)).send(body);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const acc = {
    A: await filedAccount(t, officer, { platform: 'wechat' }),
    B: await filedAccount(t, officer, { platform: 'wechat' }),
    C: await filedAccount(t, officer, { platform: 'douyin' }),
    D: await filedAccount(t, officer, { platform: 'douyin' }),
    E: await filedAccount(t, officer, { platform: 'weibo' }),
    G: await filedAccount(t, officer, { platform: 'weibo' }),
    H: await filedAccount(t, officer, { platform: 'toutiao' }),
    I: await filedAccount(t, officer, { platform: 'kuaishou' }),
  };

  // — reports (all on account A), concluded through the API, then dated —
  let serial = 0;
  const report = async (category: string) => {
    serial += 1;
    const res = await t.http
      .post('/api/public/reports')
      .send({ filingNo: acc.A.filingNo, category, description: `统计测试举报第${serial}件：该账号发布不实信息。` });
    expect(res.status).toBe(201);
    const row = await db.getRepository(PublicReport).findOneByOrFail({ trackingCode: res.body.trackingCode });
    return row.id;
  };
  const conclude = (id: string, body: Record<string, unknown>) => post(`/api/reports/${id}/conclude`, officer, { note: '核查完毕。', ...body }, 200);
  const reports: Record<string, string> = {};
  reports.r1 = await report('C06');
  await conclude(reports.r1, { outcome: 'substantiated', occurredAt: `${F}-03-01` });
  reports.r2 = await report('C06');
  await conclude(reports.r2, { outcome: 'substantiated', occurredAt: `${F}-04-01` });
  reports.r3 = await report('C08');
  await conclude(reports.r3, { outcome: 'unsubstantiated' });
  reports.r4 = await report('C07');
  await conclude(reports.r4, { outcome: 'transferred', department: '杭州市公安局余杭区分局' });
  reports.r5 = await report('C10');
  await conclude(reports.r5, { outcome: 'transferred', department: '余杭区市场监督管理局' });
  reports.r6 = await report('C06');
  reports.r7 = await report('C01');
  reports.r8 = await report('C06');
  reports.r9 = await report('C03');
  await conclude(reports.r9, { outcome: 'substantiated', occurredAt: `${F - 1}-12-15` });
  const dated: [string, string, string, string | null][] = [
    // [report, createdAt, dueDate, concludedAt]
    ['r1', `${F}-03-01T02:00:00Z`, `${F}-03-20`, `${F}-03-20T15:59:00Z`], // concluded 23:59 Beijing on the due date: on time
    ['r2', `${F}-04-01T02:00:00Z`, `${F}-04-21`, `${F}-04-21T16:30:00Z`], // 00:30 Beijing the day after: late
    ['r3', `${F}-05-01T02:00:00Z`, `${F}-05-22`, `${F}-05-05T02:00:00Z`],
    ['r4', `${F}-06-01T02:00:00Z`, `${F}-06-20`, `${F}-06-03T02:00:00Z`],
    ['r5', `${F}-06-02T02:00:00Z`, `${F}-06-20`, `${F}-06-04T02:00:00Z`],
    ['r6', `${F}-11-01T02:00:00Z`, `${F}-11-21`, null], // open past its due date
    ['r7', `${F - 1}-12-31T16:00:00Z`, `${F + 2}-01-20`, null], // 00:00 Beijing on 1 January F: in F
    ['r8', `${F}-12-31T16:00:00Z`, calendar.addWorkingDays(beijingDate(), 2), null], // 00:00 Beijing on 1 January F+1: not in F; due soon
    ['r9', `${F - 1}-12-20T02:00:00Z`, `${F}-01-12`, `${F - 1}-12-31T17:00:00Z`], // received in F-1, concluded 01:00 Beijing on 1 January F
  ];
  for (const [name, createdAt, dueDate, concludedAt] of dated) {
    await setRow(db, PublicReport, reports[name], { createdAt: utc(createdAt), dueDate, ...(concludedAt ? { concludedAt: utc(concludedAt) } : {}) });
  }
  // The substantiated reports' violations: source "report", on account A.
  const fromReports = await db.getRepository(Violation).findBy({ accountId: acc.A.accountId });
  expect(fromReports).toHaveLength(3);

  // — violations recorded by officers —
  const violation = (a: FiledAccount, category: string, source: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
    post(`/api/accounts/${a.accountId}/violations`, officer, { category, source, facts: `统计测试：${category}（${occurredAt}）`, occurredAt, ...extra });
  await violation(acc.C, 'C07', 'inspection', `${F}-05-10`);
  await violation(acc.C, 'S05', 'platform_notice', `${F}-06-15`);
  await violation(acc.E, 'C08', 'upper_notice', `${F}-12-31`, { correctionRequired: false });
  await violation(acc.E, 'C08', 'inspection', `${F + 1}-01-01`);
  await violation(acc.B, 'C10', 'inspection', `${F}-01-01`);

  // — interviews —
  const panel = [o.officer.id, o.officer2.id];
  const interviews: Record<string, string> = {};
  interviews.i1 = await concludedInterview(t, o, acc.A, 'pass');
  interviews.i2 = await concludedInterview(t, o, acc.C, 'fail');
  interviews.i3 = await concludedInterview(t, o, acc.E, 'refused');
  interviews.i4 = (await scheduleInterview(t, o.officer, acc.B.accountId, panel)).id;
  await holdInterview(t, o.officer, interviews.i4);
  interviews.i5 = (await scheduleInterview(t, o.officer, acc.D.accountId, panel)).id;
  await holdInterview(t, o.officer, interviews.i5);
  interviews.i6 = (await scheduleInterview(t, o.officer, acc.I.accountId, panel)).id;
  await holdInterview(t, o.officer, interviews.i6);
  interviews.iH = await concludedInterview(t, o, acc.H, 'refused');
  const interviewDates: [string, Record<string, unknown>][] = [
    ['i1', { noticeDate: `${F}-04-25`, heldAt: utc(`${F}-05-01T02:00:00Z`), concludedAt: utc(`${F}-05-20T02:00:00Z`) }],
    ['i2', { noticeDate: `${F}-06-15`, heldAt: utc(`${F}-06-20T02:00:00Z`), concludedAt: utc(`${F}-07-05T02:00:00Z`) }],
    ['i3', { noticeDate: `${F}-06-28`, concludedAt: utc(`${F}-07-01T03:00:00Z`) }],
    // 23:00 Beijing on 31 December: held in F; its rectification is due within the dashboard's window.
    ['i4', { noticeDate: `${F}-12-20`, heldAt: utc(`${F}-12-31T15:00:00Z`), deadline: calendar.addWorkingDays(beijingDate(), 3) }],
    // 00:00 Beijing on 1 January F+1: not held in F (its notice was).
    ['i5', { noticeDate: `${F}-12-28`, heldAt: utc(`${F}-12-31T16:00:00Z`), deadline: `${F + 1}-01-22` }],
    ['i6', { noticeDate: `${F}-08-01`, heldAt: utc(`${F}-08-08T02:00:00Z`), deadline: `${F}-08-29` }],
    ['iH', { noticeDate: `${F - 1}-11-25`, concludedAt: utc(`${F - 1}-12-01T02:00:00Z`) }],
  ];
  for (const [name, values] of interviewDates) await setRow(db, Interview, interviews[name], values);

  // — measures: C restricted (failed rectification i2), then suspended —
  const restrict = await post('/api/measures', officer, { accountId: acc.C.accountId, kind: 'restrict', reason: '整改不合格，依§03.3报请限制发布。' });
  await post(`/api/measures/${restrict.id}/approve`, o.approver.token, {}, 200);
  const suspend = await post('/api/measures', officer, { accountId: acc.C.accountId, kind: 'suspend', reason: '限制发布后仍未整改。' });
  await post(`/api/measures/${suspend.id}/approve`, o.approver.token, {}, 200);
  await setRow(db, EscalationMeasure, restrict.id, { decidedAt: utc(`${F}-07-10T02:00:00Z`) });
  await setRow(db, EscalationMeasure, suspend.id, { decidedAt: utc(`${F}-12-31T16:00:00Z`) }); // F+1 in Beijing
  // A proposal not yet decided does not count (E refused its interview).
  await post('/api/measures', officer, { accountId: acc.E.accountId, kind: 'restrict', reason: '拒绝约谈。' });

  // — blacklist: E (R2, refusal) listed through the API; the rest are copies of that row —
  const proposal = await post('/api/blacklist', officer, { accountId: acc.E.accountId, rule: 'R2', basis: '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条' });
  await post(`/api/blacklist/${proposal.id}/defence`, acc.E.operator.token, { statement: '我方已整改。' }, 200);
  await post(`/api/blacklist/${proposal.id}/approve`, o.approver.token, {}, 200);
  const openProposal = await post('/api/blacklist', officer, { accountId: acc.C.accountId, rule: 'R2', basis: '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条' });
  await setRow(db, BlacklistListing, proposal.id, { listedAt: utc(`${F}-08-01T02:00:00Z`), endsAt: utc(`${F + 1}-08-01T02:00:00Z`), decidedAt: utc(`${F}-08-01T02:00:00Z`) });
  const listing = await db.getRepository(BlacklistListing).findOneByOrFail({ id: proposal.id });
  const copies: Partial<BlacklistListing>[] = [
    // listed in F-1, expired in F (recorded by the sweep)
    { accountId: acc.C.accountId, status: 'ended', listedAt: utc(`${F - 1}-03-01T02:00:00Z`), endsAt: utc(`${F}-03-01T02:00:00Z`), endedAt: utc(`${F}-03-01T02:00:00Z`), endReason: 'expired' },
    // listed in F, left early in F
    { accountId: acc.H.accountId, status: 'ended', listedAt: utc(`${F}-02-01T02:00:00Z`), endsAt: utc(`${F + 1}-02-01T02:00:00Z`), endedAt: utc(`${F}-09-01T02:00:00Z`), endReason: 'early_exit' },
    // listed in F-1, its term ran out in F before any sweep recorded it
    { accountId: acc.B.accountId, status: 'listed', listedAt: utc(`${F - 1}-06-01T05:00:00Z`), endsAt: utc(`${F}-06-01T05:00:00Z`), endedAt: null, endReason: null },
    // listed at 00:30 Beijing on 1 January F+1: not in F
    { accountId: acc.D.accountId, status: 'listed', listedAt: utc(`${F}-12-31T16:30:00Z`), endsAt: utc(`${F + 1}-12-31T16:30:00Z`), endedAt: null, endReason: null },
    // rejected: never listed
    { accountId: acc.I.accountId, status: 'rejected', listedAt: null, endsAt: null, endedAt: null, endReason: null, decisionNo: null },
  ];
  let copy = 0;
  for (const c of copies) {
    copy += 1;
    await db.getRepository(BlacklistListing).insert({
      ...listing,
      id: randomUUID(),
      openAccountId: null,
      noticeNo: `YH-WXHMD-T-${copy}`,
      decisionNo: `YH-WXHMJ-T-${copy}`,
      ...c,
    } as BlacklistListing);
  }

  // — staff: A's roster filed and accepted, trainings; more filing versions as copies —
  const member = await post(`/api/accounts/${acc.A.accountId}/staff`, acc.A.operator.token, {
    name: '李总编',
    idNumber: makeIdNumber(),
    phone: makeMobile(),
    role: 'chief_editor',
    fullTime: true,
    startDate: `${F - 1}-03-01`,
  });
  const editor = await post(`/api/accounts/${acc.A.accountId}/staff`, acc.A.operator.token, {
    name: '王编辑',
    idNumber: makeIdNumber(),
    phone: makeMobile(),
    role: 'editor',
    fullTime: true,
    startDate: `${F - 1}-03-01`,
  });
  const training = (staffId: string, date: string, hours: number) =>
    post(`/api/staff/${staffId}/trainings`, acc.A.operator.token, { date, organizer: 'office', topic: '网络信息内容生态治理', hours });
  await training(member.id, `${F}-03-03`, 2.5);
  await training(member.id, `${F}-12-31`, 1);
  await training(member.id, `${F + 1}-01-02`, 4);
  await training(editor.id, `${F}-05-05`, 3);
  await training(editor.id, `${F - 1}-12-31`, 8);
  const filing = await post(`/api/accounts/${acc.A.accountId}/staff-filings`, acc.A.operator.token, {});
  await post(`/api/staff-filings/${filing.id}/review`, officer, { decision: 'accept' }, 200);
  await setRow(db, StaffFiling, filing.id, { createdAt: utc(`${F}-02-01T02:00:00Z`), reviewedAt: utc(`${F}-02-03T02:00:00Z`) });
  const filed = await db.getRepository(StaffFiling).findOneByOrFail({ id: filing.id });
  const versions: Partial<StaffFiling>[] = [
    // returned at 00:10 Beijing on 1 January F+1: submitted in F, decided in F+1
    { version: 2, status: 'returned', createdAt: utc(`${F}-12-31T15:00:00Z`), reviewedAt: utc(`${F}-12-31T16:10:00Z`), reason: '缺少审核员' },
    // submitted at 00:00 Beijing on 1 January F, waiting
    { version: 3, status: 'submitted', createdAt: utc(`${F - 1}-12-31T16:00:00Z`), reviewedAt: null, reviewedBy: null },
  ];
  for (const v of versions) await db.getRepository(StaffFiling).insert({ ...filed, id: randomUUID(), ...v } as StaffFiling);

  // — the registry as it stands at the end: filing dates, grades, states —
  const accountRows: [keyof FiguresFixture['acc'], Record<string, unknown>][] = [
    ['A', { filedAt: utc(`${F}-03-01T02:00:00Z`), grade: 'A', gradeYear: F }],
    ['B', { filedAt: utc(`${F - 1}-06-01T02:00:00Z`), grade: 'B', gradeYear: F - 1 }],
    ['C', { filedAt: utc(`${F}-03-01T02:00:00Z`), grade: 'D', gradeYear: F }],
    ['D', { filedAt: utc(`${F}-03-01T02:00:00Z`), grade: 'C', gradeYear: F + 1 }],
    ['E', { filedAt: utc(`${F}-03-01T02:00:00Z`), grade: null, gradeYear: null }],
    ['G', { filedAt: utc(`${F}-12-31T16:30:00Z`) }],
    ['H', { filedAt: utc(`${F}-02-01T02:00:00Z`), status: 'closed' }],
    ['I', { filedAt: utc(`${F - 1}-12-31T16:00:00Z`) }],
  ];
  for (const [k, values] of accountRows) await setRow(db, MediaAccount, acc[k].accountId, values);

  return { year: F, o, acc, interviews, reports, openProposal: openProposal.id };
}

/** The annual figures the fixture must produce for its year F. */
export function expectedAnnual(F: number) {
  const zeroGrades = { A: 0, B: 0, C: 0, D: 0, ungraded: 0 };
  return {
    year: F,
    office: '余杭区互联网信息办公室',
    period: { firstDay: `${F}-01-01`, lastDay: `${F}-12-31` },
    accounts: {
      underManagement: 6,
      filedInYear: 6,
      byGrade: [
        { key: 'A', label: '优秀', count: 1 },
        { key: 'B', label: '良好', count: 1 },
        { key: 'C', label: '合格', count: 0 },
        { key: 'D', label: '不合格', count: 1 },
        { key: 'ungraded', label: '未定级', count: 3 },
      ],
      byPlatform: [
        { platform: 'wechat', label: '微信公众号', total: 2, byGrade: { ...zeroGrades, A: 1, B: 1 } },
        { platform: 'weibo', label: '微博', total: 1, byGrade: { ...zeroGrades, ungraded: 1 } },
        { platform: 'douyin', label: '抖音', total: 2, byGrade: { ...zeroGrades, D: 1, ungraded: 1 } },
        { platform: 'toutiao', label: '今日头条', total: 0, byGrade: zeroGrades },
        { platform: 'kuaishou', label: '快手', total: 1, byGrade: { ...zeroGrades, ungraded: 1 } },
        { platform: 'bilibili', label: '哔哩哔哩', total: 0, byGrade: zeroGrades },
        { platform: 'xiaohongshu', label: '小红书', total: 0, byGrade: zeroGrades },
        { platform: 'other', label: '其他平台', total: 0, byGrade: zeroGrades },
      ],
    },
    reports: {
      received: 7,
      concluded: 6,
      byOutcome: [
        { key: 'substantiated', label: '查证属实', count: 3 },
        { key: 'unsubstantiated', label: '查无实据', count: 1 },
        { key: 'transferred', label: '已移送', count: 2 },
      ],
      transferredToPolice: 1,
      open: 2,
      overdue: { total: 2, openPastDue: 1, concludedLate: 1 },
      receivedByCategory: { C01: 1, C06: 3, C07: 1, C08: 1, C10: 1 },
    },
    violations: {
      total: 6,
      byCategory: { C06: 2, C07: 1, C08: 1, C10: 1, S05: 1 },
      bySource: { report: 2, inspection: 2, upper_notice: 1, platform_notice: 1 },
    },
    interviews: { noticesIssued: 6, held: 4, refused: 1, outcomes: { passed: 1, failed: 1, refused: 1, inProgress: 2, total: 5 } },
    measures: { total: 1, byKind: { restrict: 1, suspend: 0, close: 0, lift: 0 } },
    blacklist: { listed: 2, exits: { total: 3, expired: 2, earlyExit: 1 }, inForceAtYearEnd: 1 },
    staff: { filings: { submitted: 3, accepted: 1, returned: 0 }, training: { sessions: 3, staffTrained: 2, hours: 6.5 } },
  };
}

/** The campaign table for the whole of F: [category, ordered, interviewed, penalised, police] (others all 0). */
export function expectedCampaignYear(): { rows: Record<string, [number, number, number, number]>; unattributed: [number, number, number, number]; total: [number, number, number, number] } {
  return {
    rows: {
      C03: [0, 1, 0, 0],
      C06: [2, 1, 0, 0],
      C07: [1, 1, 1, 2],
      C10: [1, 1, 0, 0],
      S05: [1, 1, 1, 1],
    },
    unattributed: [0, 1, 0, 0],
    total: [5, 4, 1, 2],
  };
}
