import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity.js';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { User } from '../../src/modules/users/user.entity.js';
import { concludedInterview, type Office, office, type Person } from '../factories/interviews.js';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function docxText(body: Buffer): Promise<string> {
  expect(body.subarray(0, 2).toString()).toBe('PK');
  const zip = await JSZip.loadAsync(body);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('escalation measures (§03.3) and their lifting (§03.5)', () => {
  let t: TestApp;
  let o: Office;
  let approver2: Person;
  let otherOperator: Person;
  let sysadmin: string;
  let auditor: Person;

  beforeAll(async () => {
    t = await bootTestApp();
    o = await office(t);
    approver2 = await t.user('approver');
    otherOperator = await t.user('operator');
    sysadmin = await t.adminToken();
    auditor = await t.user('auditor');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const post = (path: string, token: string | undefined, body: Record<string, unknown> = {}) =>
    token ? t.http.post(path).set(bearer(token)).send(body) : t.http.post(path).send(body);
  const propose = (token: string, body: Record<string, unknown>) => post('/api/measures', token, { reason: '逾期不予整改，问题内容仍在传播。', ...body });
  const accountStatus = async (a: FiledAccount) => (await get(`/api/accounts/${a.accountId}`, o.officer.token)).body.status as string;
  const publicEntry = async (a: FiledAccount) => (await t.http.get(`/api/public/accounts/${a.filingNo}`)).body as { status: string; statusLabel: string };

  /** Proposes and approves; returns the approved measure. */
  async function enact(a: FiledAccount, kind: string, extra: Record<string, unknown> = {}) {
    const p = await propose(o.officer.token, { accountId: a.accountId, kind, ...extra });
    expect(p.status).toBe(201);
    const res = await post(`/api/measures/${p.body.id}/approve`, o.approver.token);
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('proposing', () => {
    let account: FiledAccount;
    beforeAll(async () => {
      account = await filedAccount(t, o.officer.token);
    });

    it('restricting needs a failed rectification; each step needs the one below', async () => {
      const none = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict' });
      expect(none.status).toBe(409);
      expect(none.body).toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ field: 'kind', code: 'no_failed_rectification' })] });
      for (const kind of ['suspend', 'close', 'lift']) {
        const res = await propose(o.officer.token, { accountId: account.accountId, kind });
        expect({ kind, status: res.status, code: res.body.code }).toEqual({ kind, status: 409, code: 'ILLEGAL_TRANSITION' });
      }
      const passed = await concludedInterview(t, o, account, 'pass');
      const notFailed = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict', interviewId: passed });
      expect(notFailed.status).toBe(409);
      expect(notFailed.body.details[0]).toMatchObject({ field: 'interviewId', code: 'not_failed_rectification' });
    });

    it('refuses bad input with the field at fault', async () => {
      const foreign = await filedAccount(t, o.officer.token);
      const foreignInterview = await concludedInterview(t, o, foreign, 'refused');
      const base = { accountId: account.accountId, kind: 'restrict', reason: '理由' };
      const cases: [Record<string, unknown>, string, string][] = [
        [{ ...base, accountId: undefined }, 'accountId', 'isUuid'],
        [{ ...base, accountId: 'x' }, 'accountId', 'isUuid'],
        [{ ...base, accountId: UNKNOWN_ID }, 'accountId', 'unknown_account'],
        [{ ...base, kind: 'ban' }, 'kind', 'isIn'],
        [{ ...base, kind: undefined }, 'kind', 'isIn'],
        [{ ...base, reason: '' }, 'reason', 'isNotEmpty'],
        [{ ...base, reason: undefined }, 'reason', 'isNotEmpty'],
        [{ ...base, interviewId: 'x' }, 'interviewId', 'isUuid'],
        [{ ...base, interviewId: UNKNOWN_ID }, 'interviewId', 'unknown_interview'],
        [{ ...base, interviewId: foreignInterview }, 'interviewId', 'unknown_interview'],
        [{ ...base, status: 'approved' }, 'status', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post('/api/measures', o.officer.token, body);
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
        expect({ field, details: res.body.details }).toEqual({ field, details: expect.arrayContaining([expect.objectContaining({ field, code })]) });
      }
    });

    it('only officers propose', async () => {
      for (const token of [account.operator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
        const res = await propose(token, { accountId: account.accountId, kind: 'restrict' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await post('/api/measures', undefined, { accountId: account.accountId, kind: 'restrict', reason: 'x' })).status).toBe(401);
    });

    it('a refusal counts as failed rectification; one open proposal per account, even when two officers propose at once', async () => {
      const refused = await concludedInterview(t, o, account, 'refused');
      const results = await Promise.all([
        propose(o.officer.token, { accountId: account.accountId, kind: 'restrict' }),
        propose(o.officer2.token, { accountId: account.accountId, kind: 'restrict' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const made = results.find((r) => r.status === 201)!;
      expect(made.body).toMatchObject({
        id: expect.any(String),
        status: 'proposed',
        kind: 'restrict',
        interviewId: refused,
        policy: { policyKey: 'escalationSteps', citation: '§03.3', policyVersion: expect.any(String) },
        letters: [],
      });
      const dup = results.find((r) => r.status === 409)!;
      expect(dup.body).toMatchObject({ code: 'DUPLICATE', details: [expect.objectContaining({ field: 'accountId' })] });
      const list = await get(`/api/measures?accountId=${account.accountId}`, o.officer.token);
      expect(list.body.total).toBe(1);
      // Rejected: the account is free for a new proposal.
      const rejected = await post(`/api/measures/${made.body.id}/reject`, o.approver.token, { reason: '事实尚需补充' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '事实尚需补充', decidedBy: { id: o.approver.id } });
      expect(await accountStatus(account)).toBe('filed');
      const again = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict', interviewId: refused });
      expect(again.status).toBe(201);
    });
  });

  describe('the road: restrict → suspend → close, each approved by another person, then lifted step by step', () => {
    let account: FiledAccount;
    let failed: string;
    let restrict: { id: string; decisionNo: string; letters: { letter: string; number: string }[] };

    beforeAll(async () => {
      account = await filedAccount(t, o.officer.token);
      failed = await concludedInterview(t, o, account, 'fail');
    });

    it('the approvers’ queue, and who may read measures', async () => {
      const p = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict' });
      expect(p.status).toBe(201);
      expect(p.body.interviewId).toBe(failed);
      restrict = p.body;
      const queue = await get('/api/measures?status=proposed&pageSize=100', o.approver.token);
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(p.body.id);
      expect(queue.body.items.every((x: { status: string }) => x.status === 'proposed')).toBe(true);
      expect((await get(`/api/measures/${p.body.id}`, o.officer.token)).body).toMatchObject({ id: p.body.id, status: 'proposed', actions: ['approve', 'reject'] });
      for (const token of [account.operator.token, otherOperator.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await get('/api/measures', token)).status).toBe(403);
        expect((await get(`/api/measures/${p.body.id}`, token)).status).toBe(403);
      }
      expect((await get('/api/measures')).status).toBe(401);
      expect((await get(`/api/measures/${UNKNOWN_ID}`, o.approver.token)).status).toBe(404);
      expect((await get('/api/measures/abc', o.approver.token)).status).toBe(404);
      for (const [query, field] of [
        ['status=done', 'status'],
        ['kind=ban', 'kind'],
        ['accountId=1', 'accountId'],
      ]) {
        const res = await get(`/api/measures?${query}`, o.officer.token);
        expect(res.status).toBe(400);
        expect(res.body.details[0].field).toBe(field);
      }
      // No letters before approval.
      expect((await get(`/api/measures/${p.body.id}/letters/upper-request`, o.officer.token)).status).toBe(404);
    });

    it('nobody approves their own proposal (403); only approvers decide', async () => {
      // The proposing officer has since become head of the office.
      const ds = t.app.get(DataSource);
      const proposer = await ds.getRepository(User).findOneByOrFail({ id: o.officer.id });
      await ds.getRepository(User).update({ id: proposer.id }, { role: 'approver' });
      try {
        const token = await t.login(proposer.username);
        for (const path of ['approve', 'reject']) {
          const res = await post(`/api/measures/${restrict.id}/${path}`, token, { reason: '自行决定' });
          expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
        }
      } finally {
        await ds.getRepository(User).update({ id: proposer.id }, { role: 'officer' });
        o.officer.token = await t.login(proposer.username);
      }
      for (const token of [o.officer.token, o.officer2.token, account.operator.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post(`/api/measures/${restrict.id}/approve`, token)).status).toBe(403);
        expect((await post(`/api/measures/${restrict.id}/reject`, token, { reason: 'x' })).status).toBe(403);
      }
      expect((await post(`/api/measures/${restrict.id}/approve`, undefined)).status).toBe(401);
      expect((await post(`/api/measures/${UNKNOWN_ID}/approve`, o.approver.token)).status).toBe(404);
      const noReason = await post(`/api/measures/${restrict.id}/reject`, o.approver.token, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details[0]).toMatchObject({ field: 'reason', code: 'isNotEmpty' });
      expect(await accountStatus(account)).toBe('filed');
    });

    it('two approvers approving at once: one restriction, letters once; the account and the public registry say restricted', async () => {
      const results = await Promise.all([post(`/api/measures/${restrict.id}/approve`, o.approver.token), post(`/api/measures/${restrict.id}/approve`, approver2.token)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('ILLEGAL_TRANSITION');
      const ok = results.find((r) => r.status === 200)!.body;
      expect(ok).toMatchObject({
        status: 'approved',
        accountAction: 'restrict',
        accountStatusBefore: 'filed',
        accountStatusAfter: 'restricted',
        decisionNo: expect.stringMatching(/^YH-WXQS-\d{4}-\d{4}$/),
        policy: { policyKey: 'escalationSteps', citation: '§03.3' },
      });
      expect(ok.letters.map((l: { letter: string }) => l.letter)).toEqual(['upper-request', 'police', 'press', 'culture']);
      expect(ok.letters.slice(1).every((l: { number: string }) => /^YH-WXTB-\d{4}-\d{4}$/.test(l.number))).toBe(true);
      restrict = ok;
      expect(await accountStatus(account)).toBe('restricted');
      expect(await publicEntry(account)).toMatchObject({ status: 'restricted', statusLabel: '限制发布' });
      const list = await t.http.get(`/api/public/accounts?q=${encodeURIComponent(account.name)}`);
      expect(list.body.items).toEqual([expect.objectContaining({ filingNo: account.filingNo, status: 'restricted' })]);
      // The account's change and the decision were audited together, once.
      const ds = t.app.get(DataSource);
      expect(await ds.getRepository(AuditEntry).countBy({ entityId: account.accountId, action: 'account.restrict' })).toBe(1);
      const decision = await ds.getRepository(AuditEntry).findOneByOrFail({ entityId: restrict.id, action: 'measure.approve' });
      expect(JSON.parse(decision.after!)).toMatchObject({ policyKey: 'escalationSteps', citation: '§03.3', policyVersion: expect.any(String), accountStatusAfter: 'restricted' });
      // An operator cannot deregister its way out of a measure in force.
      const dereg = await t.http.post(`/api/accounts/${account.accountId}/deregister`).set(bearer(account.operator.token)).send({ reason: '不再运营' });
      expect(dereg.status).toBe(409);
    });

    it('the letters: the request to the upper-level office and the three referrals, as pages and Word files', async () => {
      const expected: Record<string, string[]> = {
        'upper-request': ['杭州市互联网信息办公室', '请示', '限制发布', '妥否，请批示'],
        police: ['杭州市公安局余杭区分局', '通报'],
        press: ['新闻出版', '通报'],
        culture: ['文化和广电旅游体育局', '通报'],
      };
      for (const [letter, words] of Object.entries(expected)) {
        const number = restrict.letters.find((l) => l.letter === letter)!.number;
        const html = await get(`/api/measures/${restrict.id}/letters/${letter}`, o.approver.token);
        expect(html.status).toBe(200);
        expect(html.headers['content-type']).toMatch(/^text\/html/);
        for (const w of [...words, number, account.name]) expect(html.text).toContain(w);
        const docx = await get(`/api/measures/${restrict.id}/letters/${letter}.docx`, o.officer.token).responseType('blob');
        expect(docx.status).toBe(200);
        expect(docx.headers['content-disposition']).toMatch(/^attachment; filename=".+\.docx"$/);
        const text = await docxText(docx.body as Buffer);
        for (const w of [...words, number, account.name]) expect(text).toContain(w);
      }
      expect((await get(`/api/measures/${restrict.id}/letters/mayor`, o.officer.token)).status).toBe(404);
      expect((await get(`/api/measures/${UNKNOWN_ID}/letters/police`, o.officer.token)).status).toBe(404);
      for (const token of [account.operator.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await get(`/api/measures/${restrict.id}/letters/police`, token)).status).toBe(403);
      }
      expect((await get(`/api/measures/${restrict.id}/letters/police.docx`)).status).toBe(401);
    });

    it('the officer records the upper-level office’s reply', async () => {
      const path = `/api/measures/${restrict.id}/reply`;
      const cases: [Record<string, unknown>, string, string][] = [
        [{ repliedAt: beijingDate() }, 'reference', 'isNotEmpty'],
        [{ reference: '杭网信函〔2026〕1号', repliedAt: '2099-01-01' }, 'repliedAt', 'future_date'],
        [{ reference: '杭网信函〔2026〕1号', repliedAt: '2020-01-01' }, 'repliedAt', 'before_request'],
        [{ reference: '杭网信函〔2026〕1号', repliedAt: '01/02/2026' }, 'repliedAt', 'isIso8601'],
        [{ reference: '杭网信函〔2026〕1号', repliedAt: beijingDate(), by: 'x' }, 'by', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post(path, o.officer2.token, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      for (const token of [o.approver.token, account.operator.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post(path, token, { reference: 'x', repliedAt: beijingDate() })).status).toBe(403);
      }
      const res = await post(path, o.officer2.token, { reference: '杭网信函〔2026〕1号', repliedAt: beijingDate(), note: '已通知平台限制发布' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'replied', reply: { reference: '杭网信函〔2026〕1号', repliedAt: beijingDate(), note: '已通知平台限制发布' } });
      const again = await post(path, o.officer2.token, { reference: 'x', repliedAt: beijingDate() });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('suspend, then close, one step at a time; only the request letter', async () => {
      expect((await propose(o.officer.token, { accountId: account.accountId, kind: 'close' })).status).toBe(409);
      expect((await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict' })).status).toBe(409);
      const suspend = await enact(account, 'suspend');
      expect(suspend).toMatchObject({ accountStatusAfter: 'suspended', letters: [expect.objectContaining({ letter: 'upper-request' })] });
      expect(suspend.letters).toHaveLength(1);
      expect((await get(`/api/measures/${suspend.id}/letters/police`, o.officer.token)).status).toBe(404);
      expect(await publicEntry(account)).toMatchObject({ status: 'suspended', statusLabel: '暂停更新' });
      const close = await enact(account, 'close');
      expect(close).toMatchObject({ accountStatusAfter: 'closed' });
      expect(await publicEntry(account)).toMatchObject({ status: 'closed', statusLabel: '已关闭' });
      expect((await propose(o.officer.token, { accountId: account.accountId, kind: 'close' })).status).toBe(409);
    });

    it('lifting needs a rectification passed after the measure (§03.5) and restores the state below, step by step', async () => {
      const early = await propose(o.officer.token, { accountId: account.accountId, kind: 'lift' });
      expect(early.status).toBe(409);
      expect(early.body.details[0]).toMatchObject({ field: 'kind', code: 'no_passed_rectification' });
      const withFailed = await propose(o.officer.token, { accountId: account.accountId, kind: 'lift', interviewId: failed });
      expect(withFailed.body.details[0]).toMatchObject({ field: 'interviewId', code: 'not_passed_rectification' });

      const passed = await concludedInterview(t, o, account, 'pass');
      const reopen = await enact(account, 'lift', { reason: '整改评估合格，申请恢复。' });
      expect(reopen).toMatchObject({ kind: 'lift', interviewId: passed, accountAction: 'reopen', accountStatusAfter: 'suspended', policy: { policyKey: 'measureLift', citation: '§03.5' } });
      const html = await get(`/api/measures/${reopen.id}/letters/upper-request`, o.officer.token);
      expect(html.text).toContain('恢复账号');
      expect(html.text).toContain('第三部分第5条');
      expect((await enact(account, 'lift')).accountStatusAfter).toBe('restricted');
      expect((await enact(account, 'lift')).accountStatusAfter).toBe('filed');
      expect(await publicEntry(account)).toMatchObject({ status: 'filed' });
      expect((await propose(o.officer.token, { accountId: account.accountId, kind: 'lift' })).body.code).toBe('ILLEGAL_TRANSITION');

      // After lifting, the old failure no longer justifies a restriction: a new one is needed.
      const stale = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict' });
      expect(stale.status).toBe(409);
      expect(stale.body.details[0]).toMatchObject({ field: 'kind', code: 'no_failed_rectification' });
      const named = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict', interviewId: failed });
      expect(named.body.details[0]).toMatchObject({ field: 'interviewId', code: 'before_lift' });
      const fresh = await concludedInterview(t, o, account, 'fail');
      const again = await propose(o.officer.token, { accountId: account.accountId, kind: 'restrict' });
      expect(again.status).toBe(201);
      expect(again.body.interviewId).toBe(fresh);
    });

    it('no escalation past a rectification that passed after the measure: lifting is due instead', async () => {
      const other = await filedAccount(t, o.officer.token);
      await concludedInterview(t, o, other, 'fail');
      await enact(other, 'restrict');
      await concludedInterview(t, o, other, 'pass');
      const res = await propose(o.officer.token, { accountId: other.accountId, kind: 'suspend' });
      expect(res.status).toBe(409);
      expect(res.body.details[0]).toMatchObject({ field: 'kind', code: 'rectified_since_measure' });
      expect((await enact(other, 'lift')).accountStatusAfter).toBe('filed');
    });
  });
});
