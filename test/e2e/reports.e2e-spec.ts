import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { PublicReport } from '../../src/modules/reports/report.entity.js';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

const report = (over: Record<string, unknown> = {}) => ({
  category: 'C06',
  description: '该账号发布未经证实的“某小区封控”消息，引发恐慌。',
  evidenceUrls: ['https://example.com/post/1'],
  contact: '13900001111',
  ...over,
});

describe('reports from the public and violations', () => {
  let t: TestApp;
  let officer: { id: string; token: string };
  let account: FiledAccount;

  beforeAll(async () => {
    t = await bootTestApp();
    officer = await t.user('officer');
    account = await filedAccount(t, officer.token);
  });
  afterAll(async () => {
    await t.close();
  });

  it('anyone files a report by filing number and follows it with the tracking code', async () => {
    const res = await t.http.post('/api/public/reports').send(report({ filingNo: account.filingNo, description: '按备案编号举报：散布谣言。' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ trackingCode: expect.stringMatching(/^JB[0-9A-HJKMNP-TV-Z]{16}$/) });
    const track = await t.http.get(`/api/public/reports/${res.body.trackingCode.toLowerCase()}`);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ status: 'received', statusLabel: '已受理', category: 'C06', createdAt: expect.any(String), dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // Never the officers' note, the contact or the handler.
    expect(JSON.stringify(track.body)).not.toMatch(/13900001111|note|contact|handler/);
    expect(track.body.concludedAt).toBeUndefined();
  });

  it('accepts a report on an unregistered account by platform and account id', async () => {
    const res = await t.http.post('/api/public/reports').send(report({ platform: 'douyin', platformAccountId: 'not_registered_1', accountName: '某未备案号' }));
    expect(res.status).toBe(201);
    const row = await t.app.get(DataSource).getRepository(PublicReport).findOneByOrFail({ trackingCode: res.body.trackingCode });
    expect(row.accountId).toBeNull();
    expect(row.contactEnc).not.toContain('13900001111');
  });

  it('the same report within 10 minutes gives the first tracking code back', async () => {
    const body = report({ filingNo: account.filingNo, description: '重复提交测试：同一内容。' });
    const first = await t.http.post('/api/public/reports').send(body);
    const second = await t.http.post('/api/public/reports').send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.trackingCode).toBe(first.body.trackingCode);
    // Concurrent identical submissions make one report too.
    const burst = await Promise.all(Array.from({ length: 5 }, () => t.http.post('/api/public/reports').send(report({ filingNo: account.filingNo, description: '并发重复提交。' }))));
    expect(new Set(burst.map((r) => r.body.trackingCode)).size).toBe(1);
    expect(burst.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const count = await t.app.get(DataSource).getRepository(PublicReport).countBy({ description: '并发重复提交。' });
    expect(count).toBe(1);
  });

  it('refuses bad reports with the field at fault', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [report(), 'filingNo', 'target_required'],
      [report({ filingNo: 'YH-ZMT-2026-999999' }), 'filingNo', 'unknown_filing_no'],
      [report({ filingNo: 'abc' }), 'filingNo', 'matches'],
      [report({ filingNo: account.filingNo, category: 'C12' }), 'category', 'isIn'],
      [report({ filingNo: account.filingNo, description: '' }), 'description', 'isNotEmpty'],
      [report({ filingNo: account.filingNo, description: '长'.repeat(2001) }), 'description', 'maxLength'],
      [report({ filingNo: account.filingNo, evidenceUrls: Array.from({ length: 6 }, (_, i) => `https://e.com/${i}`) }), 'evidenceUrls', 'arrayMaxSize'],
      [report({ filingNo: account.filingNo, evidenceUrls: ['javascript:alert(1)'] }), 'evidenceUrls', 'isUrl'],
      [report({ filingNo: account.filingNo, evidenceUrls: 'https://e.com' }), 'evidenceUrls', 'isArray'],
      [report({ filingNo: account.filingNo, extra: 1 }), 'extra', 'unknown_field'],
      [report({ platform: 'myspace', platformAccountId: 'x' }), 'platform', 'isIn'],
    ];
    for (const [body, field, code] of cases) {
      const res = await t.http.post('/api/public/reports').send(body);
      expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    const unknown = await t.http.get('/api/public/reports/JB0000000000000000');
    expect(unknown.status).toBe(404);
    const garbage = await t.http.get('/api/public/reports/%3Cscript%3E');
    expect(garbage.status).toBe(404);
  });

  it('officers work the queue; a substantiated report records a violation on the account', async () => {
    const filed = await t.http.post('/api/public/reports').send(report({ filingNo: account.filingNo, description: '需要核实的举报。' }));
    const queue = await t.http.get('/api/reports?status=received&pageSize=100').set(bearer(officer.token));
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((r: { trackingCode: string }) => r.trackingCode.replace(/-/g, '') === filed.body.trackingCode);
    expect(item).toMatchObject({ status: 'received', accountId: account.accountId, overdue: false, deadlineText: expect.stringMatching(/还剩\d+个工作日/) });

    const detail = await t.http.get(`/api/reports/${item.id}`).set(bearer(officer.token));
    expect(detail.body.contact).toBe('13900001111');

    const started = await t.http.post(`/api/reports/${item.id}/start`).set(bearer(officer.token));
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('verifying');
    const again = await t.http.post(`/api/reports/${item.id}/start`).set(bearer(officer.token));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');

    const concluded = await t.http.post(`/api/reports/${item.id}/conclude`).set(bearer(officer.token)).send({ outcome: 'substantiated', note: '经核查属实，已截图固证。' });
    expect(concluded.status).toBe(200);
    expect(concluded.body).toMatchObject({ status: 'substantiated', violationId: expect.any(String) });

    const violations = await t.http.get(`/api/accounts/${account.accountId}/violations`).set(bearer(officer.token));
    expect(violations.status).toBe(200);
    expect(violations.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: concluded.body.violationId, category: 'C06', source: 'report', correctionRequired: true, citation: '§02.2' })]));

    // The reporter sees the outcome and the date, not the note.
    const track = await t.http.get(`/api/public/reports/${filed.body.trackingCode}`);
    expect(track.body).toMatchObject({ status: 'substantiated', concludedAt: expect.any(String) });
    expect(JSON.stringify(track.body)).not.toContain('截图固证');

    const twice = await t.http.post(`/api/reports/${item.id}/conclude`).set(bearer(officer.token)).send({ outcome: 'unsubstantiated', note: 'x' });
    expect(twice.status).toBe(409);
  });

  it('transferred names the department; substantiating an unregistered target needs an account', async () => {
    const filed = await t.http.post('/api/public/reports').send(report({ platform: 'kuaishou', platformAccountId: 'ks_unreg', description: '涉嫌诈骗，移送公安。' }));
    const row = await t.app.get(DataSource).getRepository(PublicReport).findOneByOrFail({ trackingCode: filed.body.trackingCode });
    const noDept = await t.http.post(`/api/reports/${row.id}/conclude`).set(bearer(officer.token)).send({ outcome: 'transferred', note: '移送' });
    expect(noDept.status).toBe(400);
    expect(noDept.body.details[0].field).toBe('department');
    const noAccount = await t.http.post(`/api/reports/${row.id}/conclude`).set(bearer(officer.token)).send({ outcome: 'substantiated', note: '属实' });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.details[0]).toMatchObject({ field: 'accountId', code: 'account_required' });
    const ok = await t.http.post(`/api/reports/${row.id}/conclude`).set(bearer(officer.token)).send({ outcome: 'transferred', note: '移送', department: '余杭区公安分局' });
    expect(ok.status).toBe(200);
    const track = await t.http.get(`/api/public/reports/${filed.body.trackingCode}`);
    expect(track.body).toMatchObject({ status: 'transferred', department: '余杭区公安分局' });
  });

  it('two officers concluding the same report at once: one wins, one gets 409, one violation', async () => {
    const filed = await t.http.post('/api/public/reports').send(report({ filingNo: account.filingNo, description: '并发核查测试。' }));
    const row = await t.app.get(DataSource).getRepository(PublicReport).findOneByOrFail({ trackingCode: filed.body.trackingCode });
    const other = await t.user('officer');
    const results = await Promise.all(
      [officer.token, other.token, officer.token, other.token].map((tok) =>
        t.http.post(`/api/reports/${row.id}/conclude`).set(bearer(tok)).send({ outcome: 'substantiated', note: '属实' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const violations = await t.http.get(`/api/accounts/${account.accountId}/violations?pageSize=100`).set(bearer(officer.token));
    expect(violations.body.items.filter((v: { reportId: string }) => v.reportId === row.id)).toHaveLength(1);
  });

  it('lists overdue reports: open past their due date', async () => {
    const filed = await t.http.post('/api/public/reports').send(report({ filingNo: account.filingNo, description: '逾期测试。' }));
    const repo = t.app.get(DataSource).getRepository(PublicReport);
    const row = await repo.findOneByOrFail({ trackingCode: filed.body.trackingCode });
    await repo.update({ id: row.id }, { dueDate: '2026-01-05' });
    const overdue = await t.http.get('/api/reports?overdue=true&pageSize=100').set(bearer(officer.token));
    expect(overdue.status).toBe(200);
    const item = overdue.body.items.find((r: { id: string }) => r.id === row.id);
    expect(item).toMatchObject({ overdue: true, deadlineText: expect.stringMatching(/^已逾期\d+个工作日$/) });
    expect(overdue.body.items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
    const bad = await t.http.get('/api/reports?overdue=maybe').set(bearer(officer.token));
    expect(bad.status).toBe(400);
  });

  it('pages the queue soonest deadline first across states, whatever the filter', async () => {
    const repo = t.app.get(DataSource).getRepository(PublicReport);
    const dues = ['2026-02-10', '2026-01-20', '2026-03-05', '2026-01-20', '2026-02-01'];
    const ids: string[] = [];
    for (const [k, dueDate] of dues.entries()) {
      const filed = await t.http.post('/api/public/reports').send(report({ filingNo: account.filingNo, description: `排序测试第${k + 1}件。` }));
      expect(filed.status).toBe(201);
      const row = await repo.findOneByOrFail({ trackingCode: filed.body.trackingCode });
      // Two states, so the page is merged from both.
      await repo.update({ id: row.id }, { dueDate, status: k % 2 ? 'verifying' : 'received' });
      ids.push(row.id);
    }
    const all = await repo.find();
    const expected = (pred: (r: PublicReport) => boolean) =>
      all
        .filter(pred)
        .sort((a, b) => (a.dueDate === b.dueDate ? a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1))
        .map((r) => r.id);
    const pages = async (query: string) => {
      const seen: string[] = [];
      let total = -1;
      for (let page = 1; page < 50; page++) {
        const res = await t.http.get(`/api/reports?${query}&pageSize=2&page=${page}`).set(bearer(officer.token));
        expect(res.status).toBe(200);
        total = res.body.total;
        if (res.body.items.length === 0) break;
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
      }
      return { seen, total };
    };
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const open = (r: PublicReport) => r.status === 'received' || r.status === 'verifying';
    for (const [query, pred] of [
      ['overdue=true', (r: PublicReport) => open(r) && r.dueDate < today],
      ['status=verifying', (r: PublicReport) => r.status === 'verifying'],
      ['status=received&overdue=true', (r: PublicReport) => r.status === 'received' && r.dueDate < today],
      ['status=substantiated&overdue=true', () => false],
      [`accountId=${account.accountId}`, (r: PublicReport) => r.accountId === account.accountId],
    ] as const) {
      const want = expected(pred);
      const got = await pages(query);
      expect({ query, ids: got.seen, total: got.total }).toEqual({ query, ids: want, total: want.length });
    }
    expect(ids.every((id) => all.some((r) => r.id === id))).toBe(true);
  });

  it('officers record violations from inspections; roles and bad input', async () => {
    const path = `/api/accounts/${account.accountId}/violations`;
    const body = { category: 'S05', source: 'inspection', facts: '未配备专职编辑人员。', occurredAt: '2026-11-02' };
    const ok = await t.http.post(path).set(bearer(officer.token)).send(body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ category: 'S05', citation: '§02.5', correctionRequired: false });
    // The owner reads its own history; another operator gets 404; the evaluator 403; the public 401.
    expect((await t.http.get(path).set(bearer(account.operator.token))).status).toBe(200);
    const stranger = await t.user('operator');
    expect((await t.http.get(path).set(bearer(stranger.token))).status).toBe(404);
    expect((await t.http.get(path).set(bearer((await t.user('evaluator')).token))).status).toBe(403);
    expect((await t.http.get(path)).status).toBe(401);
    expect((await t.http.post(path).set(bearer(account.operator.token)).send(body)).status).toBe(403);
    expect((await t.http.get('/api/reports').set(bearer(account.operator.token))).status).toBe(403);
    // Bad input.
    const bad: [Record<string, unknown>, string][] = [
      [{ ...body, category: 'X1' }, 'category'],
      [{ ...body, source: 'gossip' }, 'source'],
      [{ ...body, facts: '' }, 'facts'],
      [{ ...body, occurredAt: '2026-13-01' }, 'occurredAt'],
      [{ ...body, occurredAt: '2999-01-01' }, 'occurredAt'],
      [{ ...body, source: 'report' }, 'source'],
    ];
    for (const [b, field] of bad) {
      const res = await t.http.post(path).set(bearer(officer.token)).send(b);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.details[0].field).toBe(field);
    }
    expect((await t.http.post('/api/accounts/00000000-0000-4000-8000-000000000000/violations').set(bearer(officer.token)).send(body)).status).toBe(404);
    expect((await t.http.post('/api/accounts/not-a-uuid/violations').set(bearer(officer.token)).send(body)).status).toBe(404);
    expect((await t.http.post('/api/reports/00000000-0000-4000-8000-000000000000/conclude').set(bearer(officer.token)).send({ outcome: 'unsubstantiated', note: 'x' })).status).toBe(404);
  });
});
