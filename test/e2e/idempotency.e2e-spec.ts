import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { IdempotencyRecord } from '../../src/common/idempotency/idempotency-record.entity.js';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service.js';
import { IdempotencySweep } from '../../src/common/idempotency/idempotency.sweep.js';
import { PublicReport } from '../../src/modules/reports/report.entity.js';
import { concludedInterview, type Office, office } from '../factories/interviews.js';
import { createAccount, createSubject, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { Visitor } from '../helpers/visitor.js';

let serial = 0;
const report = (over: Record<string, unknown> = {}) => {
  serial += 1;
  return {
    category: 'C06',
    platform: 'douyin',
    platformAccountId: `idem_target_${serial}`,
    accountName: '某未备案号',
    description: `该账号发布未经证实的“某小区封控”消息，引发恐慌（第${serial}条）。`,
    ...over,
  };
};

describe('Idempotency-Key on report submission and on decisions', () => {
  let t: TestApp;
  let db: DataSource;
  let o: Office;
  let operator: { id: string; token: string; username: string };

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    o = await office(t);
    operator = await t.user('operator');
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (table: string) => Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({ reports: await count('public_report'), audit: await count('audit_entry'), sequences: await db.query('SELECT name, value FROM sequence_counter ORDER BY name') });
  const submit = (body: Record<string, unknown>, key?: string) => {
    const req = t.http.post('/api/public/reports');
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const pendingAccount = async () => (await createAccount(t, operator.token, (await createSubject(t, operator.token)).id)).id;
  const review = (token: string, id: string, body: Record<string, unknown>, key?: string) => {
    const req = t.http.post(`/api/accounts/${id}/review`).set(bearer(token));
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };

  it('a replayed report submission answers the first answer with Idempotent-Replayed and creates nothing', async () => {
    const body = report();
    const first = await submit(body, 'report-key-0001');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toEqual({ trackingCode: expect.stringMatching(/^JB[0-9A-Z]{16}$/) });
    const before = await counts();
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    for (const again of [body, reordered]) {
      const replay = await submit(again, 'report-key-0001');
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
    }
    expect(await counts()).toEqual(before);
  });

  it('the same key with a different body answers 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const first = await submit(report(), 'report-key-0002');
    expect(first.status).toBe(201);
    const before = await counts();
    const other = await submit(report(), 'report-key-0002');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', details: [expect.objectContaining({ field: 'Idempotency-Key', code: 'reused' })] });
    expect(await counts()).toEqual(before);
  });

  it('without the header nothing changes (the 10-minute duplicate rule still answers 200 with the first code)', async () => {
    const body = report();
    const records = await db.getRepository(IdempotencyRecord).count();
    const first = await submit(body);
    const second = await submit(body);
    expect(await db.getRepository(IdempotencyRecord).count()).toBe(records);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.trackingCode).toBe(first.body.trackingCode);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });

  it('an invalid key answers 400 on the field Idempotency-Key and creates nothing', async () => {
    const before = await counts();
    const cases: [string, string][] = [
      ['', 'empty'],
      ['""', 'empty'],
      ['x'.repeat(129), 'too_long'],
      ['schlüssel-é', 'invalid_characters'],
      ['"a"b"', 'invalid_format'],
    ];
    for (const [key, code] of cases) {
      const res = await submit(report(), key);
      expect({ key, status: res.status, code: res.body.code }).toEqual({ key, status: 400, code: 'VALIDATION_FAILED' });
      expect({ key, details: res.body.details }).toEqual({ key, details: [expect.objectContaining({ field: 'Idempotency-Key', code })] });
    }
    expect(await counts()).toEqual(before);
    // 128 printable characters, spaces included, and a quoted Structured Field string are keys.
    expect((await submit(report(), `${'k'.repeat(60)} ${'~'.repeat(67)}`)).status).toBe(201);
    const quoted = await submit(report(), '"quoted-key-1"');
    expect(quoted.status).toBe(201);
  });

  it('parallel requests with the same key create exactly one report', async () => {
    const body = report();
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 12 }, () => submit(body, 'parallel-report-key')));
    const made = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    expect(made).toHaveLength(1);
    for (const a of answers) {
      if (a === made[0]) continue;
      if (a.status === 201) expect({ replayed: a.headers['idempotent-replayed'], body: a.body }).toEqual({ replayed: 'true', body: made[0].body });
      else expect({ status: a.status, code: a.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
    }
    const after = await counts();
    expect(after.reports).toBe(before.reports + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('a replayed filing review answers the same filing number and takes no number and no audit entry', async () => {
    const id = await pendingAccount();
    const first = await review(o.officer.token, id, { decision: 'approve' }, 'review-key-1');
    expect(first.status).toBe(200);
    expect(first.body.filingNo).toMatch(/^YH-ZMT-\d{4}-\d{6}$/);
    const before = await counts();
    const replay = await review(o.officer.token, id, { decision: 'approve' }, 'review-key-1');
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await counts()).toEqual(before);
    // Without the key the decision is refused as before: the account is filed already.
    const plain = await review(o.officer.token, id, { decision: 'approve' });
    expect({ status: plain.status, code: plain.body.code }).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
  });

  it('a failed request does not hold its key: corrected, the same key runs', async () => {
    const id = await pendingAccount();
    const bad = await review(o.officer.token, id, { decision: 'maybe' }, 'review-key-2');
    expect(bad.status).toBe(400);
    const refused = await review(o.officer.token, id, { decision: 'reject' }, 'review-key-2');
    expect(refused.status).toBe(400); // a rejection needs a reason
    const ok = await review(o.officer.token, id, { decision: 'approve' }, 'review-key-2');
    expect(ok.status).toBe(200);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
    expect(ok.body.status).toBe('filed');
  });

  it('a decision whose answer cannot be kept still answers; the key is released and the state guards a retry', async () => {
    const id = await pendingAccount();
    const spy = jest.spyOn(t.app.get(IdempotencyService), 'complete').mockRejectedValueOnce(new Error('database hiccup'));
    try {
      const first = await review(o.officer.token, id, { decision: 'approve' }, 'review-key-3');
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('filed');
    } finally {
      spy.mockRestore();
    }
    expect(await db.getRepository(IdempotencyRecord).countBy({ clientKey: 'review-key-3' })).toBe(0);
    const retry = await review(o.officer.token, id, { decision: 'approve' }, 'review-key-3');
    expect({ status: retry.status, code: retry.body.code }).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
    const audits = await db.query('SELECT COUNT(*) AS n FROM audit_entry WHERE entityId = ? AND action = ?', [id, 'account.approve']);
    expect(Number(audits[0].n)).toBe(1);
  });

  it('parallel approvals of a measure with one key: one decision, the others replay it or wait', async () => {
    const account = await filedAccount(t, o.officer.token);
    await concludedInterview(t, o, account, 'refused');
    const proposed = await t.http.post('/api/measures').set(bearer(o.officer.token)).send({ accountId: account.accountId, kind: 'restrict', reason: '拒不接受约谈。' });
    expect(proposed.status).toBe(201);
    const before = await counts();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post(`/api/measures/${proposed.body.id}/approve`).set(bearer(o.approver.token)).set('Idempotency-Key', 'approve-once').send({})),
    );
    const decided = answers.filter((a) => a.status === 200 && a.headers['idempotent-replayed'] === undefined);
    expect(decided).toHaveLength(1);
    expect(decided[0].body.status).toBe('approved');
    for (const a of answers) {
      if (a === decided[0]) continue;
      if (a.status === 200) expect(a.body).toEqual(decided[0].body);
      else expect({ status: a.status, code: a.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_IN_FLIGHT' });
    }
    const audits = await db.query('SELECT COUNT(*) AS n FROM audit_entry WHERE entityId = ? AND action = ?', [proposed.body.id, 'measure.approve']);
    expect(Number(audits[0].n)).toBe(1);
    // The approval and the account's move: two entries, whatever the number of requests.
    expect((await counts()).audit).toBe(before.audit + 2);
  });

  it('different callers with the same key do not collide; nor do routes', async () => {
    const [a, b] = [await pendingAccount(), await pendingAccount()];
    const first = await review(o.officer.token, a, { decision: 'approve' }, 'shared-key');
    const second = await review(o.officer2.token, b, { decision: 'approve' }, 'shared-key');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.id).toBe(b);
    expect(second.body.filingNo).not.toBe(first.body.filingNo);
    // The same caller, the same route, the same key, another account: a reuse.
    const c = await pendingAccount();
    const reused = await review(o.officer.token, c, { decision: 'reject', reason: '材料不全' }, 'shared-key');
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    // The same caller on another route with the same key: another request.
    const submitted = await submit(report(), 'shared-key');
    expect(submitted.status).toBe(201);
    const reportId = (await db.getRepository(PublicReport).findOneByOrFail({ trackingCode: submitted.body.trackingCode })).id;
    const started = await t.http.post(`/api/reports/${reportId}/start`).set(bearer(o.officer.token)).set('Idempotency-Key', 'shared-key').send({});
    expect(started.status).toBe(200);
    expect(started.headers['idempotent-replayed']).toBeUndefined();
  });

  it('records expire after IDEMPOTENCY_TTL_HOURS and the sweep purges them; an expired key runs again', async () => {
    const body = report();
    const first = await submit(body, 'expiring-key');
    expect(first.status).toBe(201);
    const repo = db.getRepository(IdempotencyRecord);
    const row = await repo.findOneByOrFail({ clientKey: 'expiring-key' });
    const hours = (row.expiresAt.getTime() - row.createdAt.getTime()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24.01);
    const keep = await repo.findOneByOrFail({ clientKey: 'report-key-0001' });

    await repo.update(row.id, { expiresAt: new Date(Date.now() - 1000) });
    const swept = await t.app.get(IdempotencySweep).runSweep();
    expect(swept).toEqual({ ran: true, purged: 1 });
    expect(await repo.findOneBy({ id: row.id })).toBeNull();
    expect(await repo.findOneBy({ id: keep.id })).not.toBeNull();

    // The key is free again: another body with it is a new request.
    const again = await submit(report(), 'expiring-key');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.trackingCode).not.toBe(first.body.trackingCode);
  });

  describe('the portal report form carries a submission key', () => {
    const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    /** A visitor on the check page of a new report; returns the form the submit button posts. */
    async function checkPage(v: Visitor) {
      let page = await v.get('/report/target');
      page = await v.post('/report/category', { state: hidden(page.text, 'state'), from: 'target', targetKind: 'platform', platform: 'douyin', platformAccountId: `portal_idem_${++serial}` });
      page = await v.post('/report/details', { state: hidden(page.text, 'state'), from: 'category', category: 'C06' });
      page = await v.post('/report/check', { state: hidden(page.text, 'state'), from: 'details', description: `页面重复提交测试${serial}` });
      expect(page.status).toBe(200);
      const submissionKey = hidden(page.text, 'submissionKey');
      expect(submissionKey).toMatch(/^[0-9a-f-]{36}$/);
      return { state: hidden(page.text, 'state'), submissionKey };
    }
    const doneCookie = (res: { headers: Record<string, unknown> }) =>
      String(([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('yh_report_done=')) ?? '');
    const doneKind = async (v: Visitor) => (await v.get('/report/done')).text;

    it('a double-click submits once: both answers lead to the same new tracking code', async () => {
      const v = new Visitor(t);
      const form = await checkPage(v);
      const before = await count('public_report');
      const [a, b] = await Promise.all([v.post('/report/submit', form), v.post('/report/submit', form)]);
      expect([a.status, b.status]).toEqual([303, 303]);
      expect(doneCookie(a)).not.toBe('');
      expect(doneCookie(b)).toBe(doneCookie(a));
      expect(await count('public_report')).toBe(before + 1);
      // Sent again later (the browser's resend): the same code again, not "already reported".
      const again = await v.post('/report/submit', form);
      expect(doneCookie(again)).toBe(doneCookie(a));
      expect(await count('public_report')).toBe(before + 1);
      expect(await doneKind(v)).toContain('举报已提交');
      expect(await doneKind(v)).not.toContain('您已提交过这份举报');
    });

    it('without the key (an old page) the second submission is the known duplicate, as before', async () => {
      const v = new Visitor(t);
      const { state } = await checkPage(v);
      const before = await count('public_report');
      const first = await v.post('/report/submit', { state });
      const second = await v.post('/report/submit', { state });
      expect([first.status, second.status]).toEqual([303, 303]);
      expect(doneCookie(second)).not.toBe(doneCookie(first));
      expect(await count('public_report')).toBe(before + 1);
    });
  });
});
