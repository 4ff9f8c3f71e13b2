import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { BlacklistListing } from '../../src/modules/blacklist/blacklist-listing.entity.js';
import { BlacklistService } from '../../src/modules/blacklist/blacklist.service.js';
import { beijingDate, DeadlineCalendar } from '../../src/modules/calendar/deadline-calendar.js';
import { User } from '../../src/modules/users/user.entity.js';
import { concludedInterview, type Office, office, type Person } from '../factories/interviews.js';
import { createAccount, createFiledAccount, createSubject, type FiledAccount, filedAccount, individualBody, organizationBody } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

const calendar = new DeadlineCalendar();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;

const daysAgo = (n: number) => beijingDate(new Date(Date.now() - n * DAY));

/** The text of a .docx (all runs of word/document.xml), after checking it is a zip. */
async function docxText(body: Buffer): Promise<string> {
  expect(body.subarray(0, 2).toString()).toBe('PK');
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

describe('blacklist (§03.5) with due process', () => {
  let t: TestApp;
  let db: DataSource;
  let o: Office;
  let approver2: Person;
  let auditor: Person;
  let sysadmin: string;
  let otherOperator: Person;
  /** R1: three violations; proposed by `maker`, who later becomes an approver. */
  let accA: FiledAccount;
  /** R2 (an individual's account): a failed rectification. */
  let accB: FiledAccount & { subjectName: string };
  /** R2 by refusal, rejected by the approver. */
  let accD: FiledAccount;
  let maker: Person;
  let listingA: string;
  let listingB: string;
  let accDListing: string;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    o = await office(t);
    approver2 = await t.user('approver');
    auditor = await t.user('auditor');
    sysadmin = await t.adminToken();
    otherOperator = await t.user('operator');
    maker = await t.user('officer');
    accA = await filedAccount(t, o.officer.token);
    const bOwner = await t.user('operator');
    const bSubject = await createSubject(t, bOwner.token, individualBody({ name: '张小明' }));
    const b = await createFiledAccount(t, bOwner.token, o.officer.token, {}, bSubject.id);
    accB = { accountId: b.id, filingNo: b.filingNo, subjectId: b.subjectId, name: b.name, platform: b.platform, platformAccountId: b.platformAccountId, operator: bOwner, subjectName: '张小明' };
    accD = await filedAccount(t, o.officer.token);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const post = (path: string, token: string | undefined, body: Record<string, unknown> = {}) =>
    token ? t.http.post(path).set(bearer(token)).send(body) : t.http.post(path).send(body);
  const violation = (accountId: string, occurredAt: string, category = 'C06') =>
    post(`/api/accounts/${accountId}/violations`, o.officer.token, { category, source: 'inspection', facts: `巡查发现该账号转载未经证实的消息（${occurredAt}）`, occurredAt });
  const candidatesOf = async (accountId: string) => {
    const res = await get('/api/blacklist/candidates', o.officer.token);
    expect(res.status).toBe(200);
    return (res.body as { accountId: string; rule: string; facts: Record<string, unknown> }[]).filter((c) => c.accountId === accountId);
  };
  const basis = '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条';
  /** Moves the defence window into the past, as if 5 working days had gone by. */
  const closeWindow = (id: string) => db.getRepository(BlacklistListing).update(id, { defenceDeadline: daysAgo(1) });
  /** The officer becomes an approver (a role change in the user table) and signs in again. */
  async function promote(p: Person): Promise<Person> {
    await db.getRepository(User).update(p.id, { role: 'approver' });
    return { ...p, token: await t.login(p.username) };
  }
  const publicList = async () => {
    const res = await get('/api/public/blacklist?pageSize=100');
    expect(res.status).toBe(200);
    return res.body as { items: Record<string, unknown>[]; total: number };
  };

  describe('candidates (R1, R2)', () => {
    it('R1 needs three substantiated violations within the last 12 months', async () => {
      expect(await candidatesOf(accA.accountId)).toEqual([]);
      for (const d of [daysAgo(400), daysAgo(200), daysAgo(30)]) expect((await violation(accA.accountId, d)).status).toBe(201);
      // One is older than 12 months: two count, not a candidate yet, and a proposal is refused.
      expect(await candidatesOf(accA.accountId)).toEqual([]);
      const early = await post('/api/blacklist', o.officer.token, { accountId: accA.accountId, rule: 'R1', basis });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('CONFLICT');
      expect(early.body.details).toEqual([expect.objectContaining({ field: 'rule', code: 'rule_not_met' })]);
      expect(early.body.message).toContain('R1');

      expect((await violation(accA.accountId, daysAgo(1), 'C08')).status).toBe(201);
      const [c, ...more] = await candidatesOf(accA.accountId);
      expect(more).toEqual([]);
      expect(c).toMatchObject({
        accountId: accA.accountId,
        filingNo: accA.filingNo,
        name: accA.name,
        rule: 'R1',
        facts: { rule: 'R1', threshold: 3, windowMonths: 12, asOf: beijingDate() },
      });
      const facts = c.facts as { violations: { id: string; occurredAt: string; categoryLabel: string }[] };
      expect(facts.violations.map((v) => v.occurredAt)).toEqual([daysAgo(200), daysAgo(30), daysAgo(1)]);
      expect(facts.violations[2].categoryLabel).toContain('诽谤');
    });

    it('R2 is a failed rectification (assessed as failed)', async () => {
      const interviewId = await concludedInterview(t, o, accB, 'fail');
      const [c] = await candidatesOf(accB.accountId);
      expect(c).toMatchObject({ rule: 'R2', filingNo: accB.filingNo, facts: { rule: 'R2', interviews: [expect.objectContaining({ id: interviewId, status: 'failed', statusLabel: '整改不合格' })] } });
    });

    it('a refused interview counts as a failed rectification', async () => {
      const interviewId = await concludedInterview(t, o, accD, 'refused');
      const [c] = await candidatesOf(accD.accountId);
      expect(c).toMatchObject({ rule: 'R2', facts: { interviews: [expect.objectContaining({ id: interviewId, status: 'refused' })] } });
    });

    it('officers only', async () => {
      for (const token of [accA.operator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
        const res = await get('/api/blacklist/candidates', token);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const anon = await get('/api/blacklist/candidates');
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('the proposal and the notice', () => {
    it('refuses bad input with the field at fault', async () => {
      const pendingOwner = await t.user('operator');
      const pending = await createAccount(t, pendingOwner.token, (await createSubject(t, pendingOwner.token, organizationBody())).id);
      const base = (over: Record<string, unknown>) => ({ accountId: accA.accountId, rule: 'R1', basis, ...over });
      const cases: [Record<string, unknown>, string, string][] = [
        [base({ accountId: undefined }), 'accountId', 'isUuid'],
        [base({ accountId: 'abc' }), 'accountId', 'isUuid'],
        [base({ accountId: 42 }), 'accountId', 'isUuid'],
        [base({ accountId: UNKNOWN_ID }), 'accountId', 'unknown_account'],
        [base({ accountId: pending.id }), 'accountId', 'not_filed'],
        [base({ rule: undefined }), 'rule', 'isIn'],
        [base({ rule: 'R3' }), 'rule', 'isIn'],
        [base({ rule: 'r1' }), 'rule', 'isIn'],
        [base({ basis: undefined }), 'basis', 'isNotEmpty'],
        [base({ basis: '' }), 'basis', 'isNotEmpty'],
        [base({ basis: 42 }), 'basis', 'isString'],
        [base({ basis: 'x'.repeat(2001) }), 'basis', 'maxLength'],
        [base({ status: 'listed' }), 'status', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post('/api/blacklist', o.officer.token, body);
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
    });

    it('only officers propose', async () => {
      const body = { accountId: accA.accountId, rule: 'R1', basis };
      for (const token of [accA.operator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post('/api/blacklist', token, body)).status).toBe(403);
      }
      expect((await post('/api/blacklist', undefined, body)).status).toBe(401);
    });

    it('an officer proposes on R1: 201, the notice numbered, the defence window 5 working days', async () => {
      const res = await post('/api/blacklist', maker.token, { accountId: accA.accountId, rule: 'R1', basis: `  ${basis}  ` });
      expect(res.status).toBe(201);
      const today = beijingDate();
      const deadline = calendar.addWorkingDays(today, 5);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        status: 'proposed',
        statusLabel: '已告知，待陈述申辩',
        accountId: accA.accountId,
        filingNo: accA.filingNo,
        rule: 'R1',
        ruleLabel: '多次发布、转载违法违规信息',
        basis,
        noticeNo: expect.stringMatching(new RegExp(`^YH-WXHMD-${today.slice(0, 4)}-0001$`)),
        noticeDate: today,
        defenceDeadline: deadline,
        defenceWindow: { deadline, open: true, words: calendar.describeDeadline(deadline, today) },
        readyForDecision: false,
        proposedBy: { id: maker.id, name: expect.any(String) },
        policy: { policyKey: 'blacklistViolationThreshold', citation: '§03.5', policyVersion: expect.any(String) },
        listedAt: null,
        endsAt: null,
        documents: { notice: `/api/blacklist/${res.body.id}/notice`, noticeDocx: `/api/blacklist/${res.body.id}/notice.docx`, decision: null, decisionDocx: null },
      });
      expect(res.body.defenceWindow.words).toBe('还剩5个工作日');
      expect(res.body.facts.violations).toHaveLength(3);
      listingA = res.body.id;
    });

    it('one open proposal or listing per account: 409; the account leaves the candidates', async () => {
      const again = await post('/api/blacklist', o.officer.token, { accountId: accA.accountId, rule: 'R1', basis });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE');
      expect(again.body.details).toEqual([expect.objectContaining({ field: 'accountId', code: 'duplicate' })]);
      expect(await candidatesOf(accA.accountId)).toEqual([]);
    });

    it('the operator finds the notice on its desk; another operator does not', async () => {
      const mine = await get('/api/blacklist/notices', accA.operator.token);
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [expect.objectContaining({ id: listingA, status: 'proposed', defenceWindow: expect.objectContaining({ open: true }) })] });
      const theirs = await get('/api/blacklist/notices', otherOperator.token);
      expect(theirs.body).toMatchObject({ total: 0, items: [] });
      for (const token of [o.officer.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) expect((await get('/api/blacklist/notices', token)).status).toBe(403);
      expect((await get('/api/blacklist/notices')).status).toBe(401);
      const bad = await get('/api/blacklist/notices?pageSize=101', accA.operator.token);
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'pageSize' })]);
    });

    it('the notice as a printable page and as Word: the owner, officers and approvers', async () => {
      const html = await get(`/api/blacklist/${listingA}/notice`, accA.operator.token);
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.headers['cache-control']).toBe('no-store');
      expect(html.text).toContain('拟列入违法违规黑名单告知书');
      expect(html.text).toMatch(/YH-WXHMD-\d{4}-0001/);
      expect(html.text).toContain(accA.name);
      expect(html.text).toContain('陈述、申辩');
      const [y, m, d] = calendar.addWorkingDays(beijingDate(), 5).split('-').map(Number);
      expect(html.text).toContain(`${y}年${m}月${d}日`);
      for (const token of [o.officer.token, o.approver.token]) expect((await get(`/api/blacklist/${listingA}/notice`, token)).status).toBe(200);

      const docx = await t.http.get(`/api/blacklist/${listingA}/notice.docx`).set(bearer(accA.operator.token)).responseType('blob');
      expect(docx.status).toBe(200);
      expect(docx.headers['content-type']).toMatch(/officedocument\.wordprocessingml/);
      expect(docx.headers['content-disposition']).toMatch(/attachment; filename="blacklist-notice-YH-WXHMD-\d{4}-0001\.docx"/);
      const text = await docxText(docx.body as Buffer);
      expect(text).toContain('拟列入违法违规黑名单告知书');
      expect(text).toContain(accA.filingNo);

      expect((await get(`/api/blacklist/${listingA}/notice`, otherOperator.token)).status).toBe(404);
      expect((await get(`/api/blacklist/${listingA}/notice.docx`, otherOperator.token)).status).toBe(404);
      for (const token of [o.evaluator.token, sysadmin, auditor.token]) expect((await get(`/api/blacklist/${listingA}/notice`, token)).status).toBe(403);
      expect((await get(`/api/blacklist/${listingA}/notice`)).status).toBe(401);
      expect((await get(`/api/blacklist/${UNKNOWN_ID}/notice`, o.officer.token)).status).toBe(404);
      // No decision before the approval.
      const decision = await get(`/api/blacklist/${listingA}/decision`, o.officer.token);
      expect(decision.status).toBe(404);
      expect(decision.body.code).toBe('NOT_FOUND');
    });

    it('GET /api/blacklist/:id: the owner, officers and approvers; others 404 or 403', async () => {
      for (const token of [accA.operator.token, o.officer.token, o.approver.token]) {
        const res = await get(`/api/blacklist/${listingA}`, token);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: listingA, status: 'proposed', jointRestriction: { active: false, listingsInWindow: 0 }, exits: [] });
      }
      expect((await get(`/api/blacklist/${listingA}`, otherOperator.token)).status).toBe(404);
      for (const token of [o.evaluator.token, sysadmin, auditor.token]) expect((await get(`/api/blacklist/${listingA}`, token)).status).toBe(403);
      expect((await get(`/api/blacklist/${listingA}`)).status).toBe(401);
      expect((await get(`/api/blacklist/${UNKNOWN_ID}`, o.officer.token)).status).toBe(404);
      const malformed = await get('/api/blacklist/not-a-uuid', o.officer.token);
      expect(malformed.status).toBe(404);
      expect(malformed.body.code).toBe('NOT_FOUND');
    });
  });

  describe('defence and decision', () => {
    it('an approver cannot decide before the window has passed: 409 saying when', async () => {
      const res = await post(`/api/blacklist/${listingA}/approve`, o.approver.token);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
      const [y, m, d] = calendar.addWorkingDays(beijingDate(), 5).split('-').map(Number);
      expect(res.body.message).toContain(`${y}年${m}月${d}日届满`);
    });

    it('the proposer may not decide, even as an approver: 403', async () => {
      maker = await promote(maker);
      const res = await post(`/api/blacklist/${listingA}/approve`, maker.token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const rej = await post(`/api/blacklist/${listingA}/reject`, maker.token, { reason: '自己驳回' });
      expect(rej.status).toBe(403);
    });

    it('the defence: only the owner, with a statement', async () => {
      const path = `/api/blacklist/${listingA}/defence`;
      expect((await post(path, otherOperator.token, { statement: '不是我的' })).status).toBe(404);
      for (const token of [o.officer.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) expect((await post(path, token, { statement: '陈述' })).status).toBe(403);
      expect((await post(path, undefined, { statement: '陈述' })).status).toBe(401);
      expect((await post(`/api/blacklist/${UNKNOWN_ID}/defence`, accA.operator.token, { statement: '陈述' })).status).toBe(404);
      const cases: [Record<string, unknown>, string, string][] = [
        [{}, 'statement', 'isNotEmpty'],
        [{ statement: '' }, 'statement', 'isNotEmpty'],
        [{ statement: 7 }, 'statement', 'isString'],
        [{ statement: 'x'.repeat(5001) }, 'statement', 'maxLength'],
        [{ statement: '陈述', extra: 1 }, 'extra', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post(path, accA.operator.token, body);
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      const ok = await post(path, accA.operator.token, { statement: '  相关内容系转载，已全部删除，恳请从轻处理。  ' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'defended', defence: { statement: '相关内容系转载，已全部删除，恳请从轻处理。', at: expect.any(String) }, readyForDecision: true });
      const twice = await post(path, accA.operator.token, { statement: '补充' });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('only approvers decide', async () => {
      for (const token of [o.officer.token, accA.operator.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post(`/api/blacklist/${listingA}/approve`, token)).status).toBe(403);
        expect((await post(`/api/blacklist/${listingA}/reject`, token, { reason: '理由' })).status).toBe(403);
      }
      expect((await post(`/api/blacklist/${listingA}/approve`, undefined)).status).toBe(401);
      expect((await post(`/api/blacklist/${UNKNOWN_ID}/approve`, o.approver.token)).status).toBe(404);
      const noReason = await post(`/api/blacklist/${listingA}/reject`, o.approver.token, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it('after the defence an approver lists it: 12 months, a numbered decision', async () => {
      const res = await post(`/api/blacklist/${listingA}/approve`, o.approver.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'listed', inForce: true, decidedBy: { id: o.approver.id }, decisionNo: expect.stringMatching(/^YH-WXHMJ-\d{4}-0001$/) });
      const listedAt = new Date(res.body.listedAt);
      const endsAt = new Date(res.body.endsAt);
      expect(Date.now() - listedAt.getTime()).toBeLessThan(60_000);
      const plus12 = new Date(listedAt);
      plus12.setUTCFullYear(plus12.getUTCFullYear() + 1);
      // Twelve months on the Beijing clock (a day less only when listed on 29 February).
      expect(Math.abs(endsAt.getTime() - plus12.getTime())).toBeLessThanOrEqual(DAY);
      expect(res.body.documents.decision).toBe(`/api/blacklist/${listingA}/decision`);
      const again = await post(`/api/blacklist/${listingA}/approve`, o.approver.token);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      const reject = await post(`/api/blacklist/${listingA}/reject`, o.approver.token, { reason: '太晚了' });
      expect(reject.status).toBe(409);
    });

    it('the decision (决定书) for the owner and the office', async () => {
      const html = await get(`/api/blacklist/${listingA}/decision`, accA.operator.token);
      expect(html.status).toBe(200);
      expect(html.text).toContain('列入违法违规黑名单决定书');
      expect(html.text).toContain('提出了陈述、申辩意见');
      expect(html.text).toContain('行政复议');
      const docx = await t.http.get(`/api/blacklist/${listingA}/decision.docx`).set(bearer(o.officer.token)).responseType('blob');
      expect(docx.status).toBe(200);
      expect(await docxText(docx.body as Buffer)).toMatch(/YH-WXHMJ-\d{4}-0001/);
      expect((await get(`/api/blacklist/${listingA}/decision`, otherOperator.token)).status).toBe(404);
    });

    it('the public list shows the listing in force, and nothing else', async () => {
      const list = await publicList();
      const entry = list.items.find((i) => i.filingNo === accA.filingNo)!;
      expect(Object.keys(entry).sort()).toEqual(['accountName', 'basis', 'endsAt', 'filingNo', 'listedAt', 'platform', 'platformLabel', 'rule', 'ruleLabel', 'subjectName'].sort());
      expect(entry).toMatchObject({ accountName: accA.name, platform: 'wechat', platformLabel: '微信公众号', rule: 'R1', ruleLabel: '多次发布、转载违法违规信息', basis });
      expect(String(entry.subjectName)).toMatch(/^杭州余杭测试传媒有限公司/);
      const bad = await get('/api/public/blacklist?page=0');
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'page' })]);
    });

    it('the account credit shows it to officers only', async () => {
      const res = await get(`/api/accounts/${accA.accountId}/credit`, o.officer.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accountId: accA.accountId, blacklisted: true, jointRestriction: false, since: null, listings: [expect.objectContaining({ id: listingA, status: 'listed' })] });
      for (const token of [accA.operator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) expect((await get(`/api/accounts/${accA.accountId}/credit`, token)).status).toBe(403);
      expect((await get(`/api/accounts/${accA.accountId}/credit`)).status).toBe(401);
      expect((await get(`/api/accounts/${UNKNOWN_ID}/credit`, o.officer.token)).status).toBe(404);
      expect((await get('/api/accounts/nope/credit', o.officer.token)).status).toBe(404);
    });

    it('R2 without a defence: after the window the defence is refused and the approver decides', async () => {
      const res = await post('/api/blacklist', o.officer.token, { accountId: accB.accountId, rule: 'R2', basis });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ rule: 'R2', policy: { policyKey: 'blacklistRefusedRectification' }, subjectKind: 'individual' });
      listingB = res.body.id;
      const notice = await get(`/api/blacklist/${listingB}/notice`, accB.operator.token);
      expect(notice.text).toContain('你运营的自媒体账号');
      await closeWindow(listingB);
      const late = await post(`/api/blacklist/${listingB}/defence`, accB.operator.token, { statement: '迟到的申辩' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('CONFLICT');
      expect(late.body.message).toContain('已过');
      const ready = await get('/api/blacklist?ready=true', o.approver.token);
      expect(ready.body.items.map((i: { id: string }) => i.id)).toEqual([listingB]);
      const ok = await post(`/api/blacklist/${listingB}/approve`, approver2.token);
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('listed');
      const decision = await get(`/api/blacklist/${listingB}/decision`, accB.operator.token);
      expect(decision.text).toContain('未提出陈述、申辩意见');
      // An individual's name keeps only the surname on the public list.
      const entry = (await publicList()).items.find((i) => i.filingNo === accB.filingNo)!;
      expect(entry.subjectName).toBe('张**');
      expect(JSON.stringify(await publicList())).not.toContain('张小明');
    });

    it('a rejection closes the proposal; the same facts do not make a candidate again, new ones do', async () => {
      const res = await post('/api/blacklist', o.officer.token, { accountId: accD.accountId, rule: 'R2', basis });
      expect(res.status).toBe(201);
      accDListing = res.body.id;
      // Rejecting favours the operator: allowed while the window is open.
      const rej = await post(`/api/blacklist/${accDListing}/reject`, o.approver.token, { reason: '情节轻微，暂不列入' });
      expect(rej.status).toBe(200);
      expect(rej.body).toMatchObject({ status: 'rejected', rejectReason: '情节轻微，暂不列入', decidedBy: { id: o.approver.id }, inForce: false });
      expect((await post(`/api/blacklist/${accDListing}/approve`, o.approver.token)).status).toBe(409);
      expect(await candidatesOf(accD.accountId)).toEqual([]);
      expect((await post('/api/blacklist', o.officer.token, { accountId: accD.accountId, rule: 'R2', basis })).status).toBe(409);
      await concludedInterview(t, o, accD, 'fail');
      expect(await candidatesOf(accD.accountId)).toEqual([expect.objectContaining({ rule: 'R2' })]);
    });
  });

  describe('listing queries', () => {
    it('filters by status, account and readiness; officers and approvers only', async () => {
      const listed = await get('/api/blacklist?status=listed', o.officer.token);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i: { id: string }) => i.id).sort()).toEqual([listingA, listingB].sort());
      const byAccount = await get(`/api/blacklist?accountId=${accD.accountId}`, o.approver.token);
      expect(byAccount.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: accDListing, status: 'rejected' })] });
      for (const [q, field] of [['status=gone', 'status'], ['accountId=x', 'accountId'], ['ready=yes', 'ready'], ['pageSize=0', 'pageSize'], ['foo=1', 'foo']] as const) {
        const res = await get(`/api/blacklist?${q}`, o.officer.token);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
        expect(res.body.details).toEqual([expect.objectContaining({ field })]);
      }
      for (const token of [accA.operator.token, o.evaluator.token, sysadmin, auditor.token]) expect((await get('/api/blacklist', token)).status).toBe(403);
      expect((await get('/api/blacklist')).status).toBe(401);
    });
  });

  describe('early exit (§03.5)', () => {
    let maker2: Person;
    it('only on a listing in force, by an officer with reasons', async () => {
      const proposed = await post('/api/blacklist', o.officer.token, { accountId: accD.accountId, rule: 'R2', basis });
      expect(proposed.status).toBe(201);
      const notListed = await post(`/api/blacklist/${proposed.body.id}/end`, o.officer.token, { reason: '整改到位' });
      expect(notListed.status).toBe(409);
      expect(notListed.body.code).toBe('ILLEGAL_TRANSITION');
      for (const token of [o.approver.token, accA.operator.token, o.evaluator.token, sysadmin, auditor.token]) expect((await post(`/api/blacklist/${listingA}/end`, token, { reason: '整改到位' })).status).toBe(403);
      expect((await post(`/api/blacklist/${listingA}/end`, undefined, { reason: '整改到位' })).status).toBe(401);
      expect((await post(`/api/blacklist/${UNKNOWN_ID}/end`, o.officer.token, { reason: '整改到位' })).status).toBe(404);
      const cases: [Record<string, unknown>, string, string][] = [
        [{}, 'reason', 'isNotEmpty'],
        [{ reason: '' }, 'reason', 'isNotEmpty'],
        [{ reason: '整改到位', assessment: 5 }, 'assessment', 'isString'],
        [{ reason: '整改到位', approvedBy: 'me' }, 'approvedBy', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post(`/api/blacklist/${listingA}/end`, o.officer.token, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
    });

    it('proposed with the office assessment; one open proposal; the proposer may not approve it; an approver may decline', async () => {
      maker2 = await t.user('officer');
      const res = await post(`/api/blacklist/${listingA}/end`, maker2.token, { reason: '列入后删除全部违规内容，建立三审制度', assessment: '经评估，整改积极有效' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: listingA, status: 'listed', exit: { status: 'proposed', reason: '列入后删除全部违规内容，建立三审制度', assessment: '经评估，整改积极有效', proposedBy: { id: maker2.id }, policy: { policyKey: 'blacklistEarlyExit', citation: '§03.5' } } });
      const twice = await post(`/api/blacklist/${listingA}/end`, o.officer.token, { reason: '再提一次' });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('DUPLICATE');
      const queue = await get('/api/blacklist/exits?status=proposed', o.approver.token);
      expect(queue.status).toBe(200);
      expect(queue.body.items).toEqual([expect.objectContaining({ listingId: listingA, filingNo: accA.filingNo, status: 'proposed' })]);
      expect((await get('/api/blacklist/exits?status=nope', o.approver.token)).status).toBe(400);
      expect((await get('/api/blacklist/exits', o.officer.token)).body.total).toBe(1);
      for (const token of [accA.operator.token, o.evaluator.token, sysadmin, auditor.token]) expect((await get('/api/blacklist/exits', token)).status).toBe(403);
      expect((await get('/api/blacklist/exits')).status).toBe(401);

      maker2 = await promote(maker2);
      const own = await post(`/api/blacklist/${listingA}/end/approve`, maker2.token);
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('FORBIDDEN');
      for (const token of [o.officer.token, accA.operator.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post(`/api/blacklist/${listingA}/end/approve`, token)).status).toBe(403);
        expect((await post(`/api/blacklist/${listingA}/end/reject`, token, { reason: 'x' })).status).toBe(403);
      }
      expect((await post(`/api/blacklist/${listingA}/end/approve`, undefined)).status).toBe(401);
      expect((await post(`/api/blacklist/${UNKNOWN_ID}/end/approve`, o.approver.token)).status).toBe(404);
      const noReason = await post(`/api/blacklist/${listingA}/end/reject`, o.approver.token, { reason: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason', code: 'isNotEmpty' })]);
      const declined = await post(`/api/blacklist/${listingA}/end/reject`, o.approver.token, { reason: '整改时间过短，尚需观察' });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'listed', exit: { status: 'rejected', rejectReason: '整改时间过短，尚需观察' } });
      const nothing = await post(`/api/blacklist/${listingA}/end/approve`, o.approver.token);
      expect(nothing.status).toBe(409);
      expect(nothing.body.code).toBe('CONFLICT');
    });

    it('approved: the listing ends now and leaves the public list at once', async () => {
      expect((await post(`/api/blacklist/${listingA}/end`, o.officer.token, { reason: '持续整改三个月，未再发现违规' })).status).toBe(201);
      const res = await post(`/api/blacklist/${listingA}/end/approve`, approver2.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ended', endReason: 'early_exit', endReasonLabel: '整改有效，提前移出', inForce: false, exit: { status: 'approved', decidedBy: { id: approver2.id } } });
      expect(Date.now() - new Date(res.body.endedAt).getTime()).toBeLessThan(60_000);
      expect((await publicList()).items.map((i) => i.filingNo)).not.toContain(accA.filingNo);
      const detail = await get(`/api/blacklist/${listingA}`, o.officer.token);
      expect(detail.body.exits.map((x: { status: string }) => x.status)).toEqual(['rejected', 'approved']);
      const credit = await get(`/api/accounts/${accA.accountId}/credit`, o.officer.token);
      expect(credit.body).toMatchObject({ blacklisted: false, jointRestriction: false, listingsInWindow: 1 });
      expect((await post(`/api/blacklist/${listingA}/end`, o.officer.token, { reason: '再次' })).status).toBe(409);
      // The violations it punished do not make the account a candidate again.
      expect(await candidatesOf(accA.accountId)).toEqual([]);
    });
  });

  describe('expiry', () => {
    it('a listing past its term leaves the public list at once; the sweep ends it as the system', async () => {
      const endsAt = new Date(Date.now() - 60_000);
      await db.getRepository(BlacklistListing).update(listingB, { endsAt });
      expect((await publicList()).items.map((i) => i.filingNo)).not.toContain(accB.filingNo);
      for (const token of [o.approver.token, accB.operator.token, o.evaluator.token, sysadmin, auditor.token]) expect((await post('/api/blacklist/sweep', token)).status).toBe(403);
      expect((await post('/api/blacklist/sweep', undefined)).status).toBe(401);
      const sweep = await post('/api/blacklist/sweep', o.officer.token);
      expect(sweep.status).toBe(200);
      expect(sweep.body).toEqual({ ran: true, ended: 1 });
      const res = await get(`/api/blacklist/${listingB}`, o.officer.token);
      expect(res.body).toMatchObject({ status: 'ended', endReason: 'expired', endReasonLabel: '期满移出' });
      expect(new Date(res.body.endedAt).getTime()).toBe(new Date(res.body.endsAt).getTime());
      expect((await post('/api/blacklist/sweep', o.officer.token)).body).toEqual({ ran: true, ended: 0 });
      const audit = await get(`/api/audit?entityId=${listingB}&action=blacklist.expire`, auditor.token);
      expect(audit.body.items).toEqual([expect.objectContaining({ role: 'system', actor: 'system', entity: 'blacklist', after: expect.objectContaining({ status: 'ended', endReason: 'expired' }) })]);
    });

    it('every step is in the audit trail, with the rule and the policy version', async () => {
      const res = await get(`/api/audit?entityId=${listingA}&pageSize=100`, auditor.token);
      const actions = (res.body.items as { action: string }[]).map((e) => e.action).reverse();
      expect(actions).toEqual(['blacklist.propose', 'blacklist.defend', 'blacklist.approve', 'blacklist.exit_propose', 'blacklist.exit_reject', 'blacklist.exit_propose', 'blacklist.exit_approve']);
      const propose = (res.body.items as { action: string; after: Record<string, unknown> }[]).find((e) => e.action === 'blacklist.propose')!;
      expect(propose.after).toMatchObject({ policyKey: 'blacklistViolationThreshold', citation: '§03.5', policyVersion: expect.any(String) });
      expect((await get('/api/audit/verify', auditor.token)).body.valid).toBe(true);
    });
  });

  describe('joint restriction (listed twice or more in 3 years)', () => {
    let second: string;
    it('a second listing puts the account under joint restriction', async () => {
      await concludedInterview(t, o, accA, 'refused');
      expect(await candidatesOf(accA.accountId)).toEqual([expect.objectContaining({ rule: 'R2' })]);
      const res = await post('/api/blacklist', o.officer.token, { accountId: accA.accountId, rule: 'R2', basis });
      expect(res.status).toBe(201);
      second = res.body.id;
      await closeWindow(second);
      const ok = await post(`/api/blacklist/${second}/approve`, o.approver.token);
      expect(ok.status).toBe(200);
      const detail = await get(`/api/blacklist/${second}`, o.officer.token);
      expect(detail.body.jointRestriction).toMatchObject({ active: true, listingsInWindow: 2, since: ok.body.listedAt, policy: { listings: 2, windowYears: 3, citation: '§03.5' } });
      const credit = await get(`/api/accounts/${accA.accountId}/credit`, o.officer.token);
      expect(credit.body).toMatchObject({ blacklisted: true, jointRestriction: true, since: ok.body.listedAt, listingsInWindow: 2 });
      expect(credit.body.listings).toHaveLength(2);
      const single = await get(`/api/accounts/${accB.accountId}/credit`, o.officer.token);
      expect(single.body).toMatchObject({ blacklisted: false, jointRestriction: false, since: null });
    });

    it('the partner export lists it as CSV (officers only)', async () => {
      const res = await get('/api/blacklist/joint-restrictions.csv', o.officer.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.headers['content-disposition']).toContain('joint-restrictions.csv');
      const text = res.text.replace(/^\uFEFF/, '');
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toContain('备案编号');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"${accA.filingNo}"`);
      expect(lines[1]).toContain(`"${accA.name}"`);
      expect(lines[1]).toContain('"2"');
      expect(lines[1]).toContain(`"${beijingDate()}"`);
      expect(lines[1]).toMatch(/"[0-9A-HJ-NPQRTUWXY]{18}"/);
      expect(text).not.toContain(accB.filingNo);
      for (const token of [o.approver.token, accA.operator.token, o.evaluator.token, sysadmin, auditor.token]) expect((await get('/api/blacklist/joint-restrictions.csv', token)).status).toBe(403);
      expect((await get('/api/blacklist/joint-restrictions.csv')).status).toBe(401);
    });

    it('listedDuring answers the accounts listed at any time of a year (for the annual evaluation)', async () => {
      const service = t.app.get(BlacklistService);
      const year = Number(beijingDate().slice(0, 4));
      const ids = [accA.accountId, accB.accountId, accD.accountId, UNKNOWN_ID];
      expect([...(await service.listedDuring(ids, year))].sort()).toEqual([accA.accountId, accB.accountId].sort());
      expect((await service.listedDuring(ids, year - 1)).size).toBe(0);
      expect((await service.listedDuring([], year)).size).toBe(0);
    });
  });

  describe('concurrency', () => {
    it('ten concurrent approvals of one proposal: exactly one lists it', async () => {
      const acc = await filedAccount(t, o.officer.token);
      for (const d of [daysAgo(3), daysAgo(2), daysAgo(1)]) expect((await violation(acc.accountId, d)).status).toBe(201);
      const res = await post('/api/blacklist', o.officer.token, { accountId: acc.accountId, rule: 'R1', basis });
      expect(res.status).toBe(201);
      await closeWindow(res.body.id);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => post(`/api/blacklist/${res.body.id}/approve`, n % 2 ? o.approver.token : approver2.token)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, ...Array(9).fill(409)]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('ILLEGAL_TRANSITION');
      const rows = await db.getRepository(BlacklistListing).find({ where: { accountId: acc.accountId } });
      expect(rows).toHaveLength(1);
      expect(rows[0].decisionNo).toMatch(/^YH-WXHMJ-/);
    });

    it('five concurrent proposals for one account: exactly one is made', async () => {
      const acc = await filedAccount(t, o.officer.token);
      await concludedInterview(t, o, acc, 'refused');
      const answers = await Promise.all(Array.from({ length: 5 }, () => post('/api/blacklist', o.officer.token, { accountId: acc.accountId, rule: 'R2', basis })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('DUPLICATE');
    });
  });
});
