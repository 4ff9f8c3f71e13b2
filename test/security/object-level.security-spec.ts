import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { makeIdNumber, makeMobile } from '../factories/identifiers.js';
import { type Office, office, scheduleInterview } from '../factories/interviews.js';
import { createAccount, type FiledAccount, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { Visitor } from '../helpers/visitor.js';
import { printFigure } from '../helpers/figure.js';

const DAY = 24 * 3600_000;
const daysAgo = (n: number) => beijingDate(new Date(Date.now() - n * DAY));

/**
 * Object-level access: an operator reaches only its own subjects, accounts, staff, filings,
 * interviews and notices. Another operator's ids — real ones, made one after the other, and random
 * UUIDs — answer 404 through the API and the pages, as if they did not exist.
 */
describe('object-level access: another operator’s rows are 404', () => {
  let t: TestApp;
  let o: Office;
  let owner: FiledAccount;
  let intruder: { id: string; token: string; username: string };
  let intruderPages: Visitor;
  const ids: Record<string, string> = {};

  const memberBody = () => ({ name: '张三', idNumber: makeIdNumber(), phone: makeMobile(), role: 'chief_editor', fullTime: true, startDate: '2024-03-01' });

  beforeAll(async () => {
    t = await bootTestApp();
    o = await office(t);
    // The intruder is made first and owns rows of its own, made just before the owner's (sequential creation).
    intruder = await t.user('operator');
    await filedAccount(t, o.officer.token, { operator: intruder });
    owner = await filedAccount(t, o.officer.token);
    ids.subject = owner.subjectId;
    ids.account = owner.accountId;
    ids.pendingAccount = (await createAccount(t, owner.operator.token, owner.subjectId)).id;
    const own = (path: string, body: Record<string, unknown>) => t.http.post(path).set(bearer(owner.operator.token)).send(body);
    const staff = await own(`/api/accounts/${ids.account}/staff`, memberBody());
    expect(staff.status).toBe(201);
    ids.staff = staff.body.id;
    const filing = await own(`/api/accounts/${ids.account}/staff-filings`, {});
    expect(filing.status).toBe(201);
    ids.staffFiling = filing.body.id;
    ids.interview = (await scheduleInterview(t, o.officer, ids.account, [o.officer.id, o.officer2.id])).id;
    for (const d of [30, 20, 10]) {
      const v = await t.http
        .post(`/api/accounts/${ids.account}/violations`)
        .set(bearer(o.officer.token))
        .send({ category: 'C06', source: 'inspection', facts: `巡查发现该账号转载未经证实的消息（${d}天前）`, occurredAt: daysAgo(d) });
      expect(v.status).toBe(201);
    }
    const listing = await t.http.post('/api/blacklist').set(bearer(o.officer.token)).send({ accountId: ids.account, rule: 'R1', basis: '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条' });
    expect(listing.status).toBe(201);
    ids.blacklist = listing.body.id;
    intruderPages = await new Visitor(t).signIn(intruder.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Reads and writes on one row; `{id}` is the row's id. */
  const API: [string, string, 'get' | 'post' | 'patch', Record<string, unknown>?][] = [
    ['subject', '/api/subjects/{id}', 'get'],
    ['account', '/api/accounts/{id}', 'get'],
    ['account', '/api/accounts/{id}/staff', 'get'],
    ['account', '/api/accounts/{id}/staff-filings', 'get'],
    ['account', '/api/accounts/{id}/violations', 'get'],
    ['account', '/api/accounts/{id}/evaluations', 'get'],
    ['account', '/api/accounts/{id}/staff', 'post', { name: '李四', idNumber: makeIdNumber(), phone: makeMobile(), role: 'editor', fullTime: true, startDate: '2024-03-01' }],
    ['account', '/api/accounts/{id}/staff-filings', 'post', {}],
    ['account', '/api/accounts/{id}/deregister', 'post', { reason: '不再运营' }],
    ['pendingAccount', '/api/accounts/{id}', 'get'],
    ['pendingAccount', '/api/accounts/{id}/resubmit', 'post', { name: '改个名字' }],
    ['staff', '/api/staff/{id}', 'get'],
    ['staff', '/api/staff/{id}', 'patch', { fullTime: false }],
    ['staff', '/api/staff/{id}/trainings', 'post', { date: '2024-05-01', organizer: 'office', topic: '网络信息内容生态治理', hours: 4 }],
    ['staff', '/api/staff/{id}/records', 'post', { kind: 'reward', date: '2024-05-01', description: '年度优秀编辑' }],
    ['staffFiling', '/api/staff-filings/{id}', 'get'],
    ['interview', '/api/interviews/{id}', 'get'],
    ['interview', '/api/interviews/{id}/notice', 'get'],
    ['interview', '/api/interviews/{id}/notice.docx', 'get'],
    ['interview', '/api/interviews/{id}/minutes', 'get'],
    ['interview', '/api/interviews/{id}/rectification-order', 'get'],
    ['interview', '/api/interviews/{id}/rectifications', 'post', { report: '已删除相关内容并公开更正。' }],
    ['blacklist', '/api/blacklist/{id}', 'get'],
    ['blacklist', '/api/blacklist/{id}/notice', 'get'],
    ['blacklist', '/api/blacklist/{id}/notice.docx', 'get'],
    ['blacklist', '/api/blacklist/{id}/decision', 'get'],
    ['blacklist', '/api/blacklist/{id}/defence', 'post', { statement: '我方已整改，请求从轻处理。' }],
  ];
  const PAGES: [string, string][] = [
    ['account', '/operator/accounts/{id}'],
    ['interview', '/operator/interviews/{id}'],
    ['blacklist', '/operator/blacklist/{id}'],
  ];

  const call = (token: string, path: string, method: 'get' | 'post' | 'patch', body?: Record<string, unknown>) => {
    const req = t.http[method](path).set(bearer(token));
    return method === 'get' ? req : req.send(body ?? {});
  };

  it('the owner reaches its rows (the ids are real)', async () => {
    for (const [kind, path] of [
      ['subject', '/api/subjects/{id}'],
      ['account', '/api/accounts/{id}'],
      ['staff', '/api/staff/{id}'],
      ['staffFiling', '/api/staff-filings/{id}'],
      ['interview', '/api/interviews/{id}'],
      ['interview', '/api/interviews/{id}/notice'],
      ['blacklist', '/api/blacklist/{id}'],
      ['blacklist', '/api/blacklist/{id}/notice'],
    ]) {
      const res = await call(owner.operator.token, path.replace('{id}', ids[kind]), 'get');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('another operator gets 404 NOT_FOUND for each of them, through the API', async () => {
    const leaks: string[] = [];
    for (const [kind, path, method, body] of API) {
      const res = await call(intruder.token, path.replace('{id}', ids[kind]), method, body);
      if (res.status !== 404 || res.body.code !== 'NOT_FOUND') leaks.push(`${method.toUpperCase()} ${path} (${kind}) → ${res.status} ${res.body?.code}`);
    }
    console.log(`object level: ${API.length} API calls on another operator’s rows, ${leaks.length} not 404`);
    printFigure('security: object-level API calls on another operator’s rows', API.length, '> 0', API.length > 0);
    printFigure('security: object-level calls answered other than 404', leaks.length, '0', leaks.length === 0);
    expect(leaks).toEqual([]);
  });

  it('and through the pages', async () => {
    for (const [kind, path] of PAGES) {
      const res = await intruderPages.get(path.replace('{id}', ids[kind]));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it('random UUIDs answer 404 NOT_FOUND too', async () => {
    for (const [, path, method, body] of API) {
      const res = await call(intruder.token, path.replace('{id}', randomUUID()), method, body);
      expect({ path, method, status: res.status, code: res.body.code }).toEqual({ path, method, status: 404, code: 'NOT_FOUND' });
    }
    for (const [, path] of PAGES) expect((await intruderPages.get(path.replace('{id}', randomUUID()))).status).toBe(404);
  });

  it('the other operator’s lists hold none of the owner’s rows', async () => {
    for (const path of ['/api/subjects', '/api/accounts', '/api/interviews', '/api/blacklist/notices']) {
      const res = await call(intruder.token, `${path}?pageSize=100`, 'get');
      expect(res.status).toBe(200);
      const seen = JSON.stringify(res.body);
      for (const id of Object.values(ids)) expect({ path, leaked: seen.includes(id) }).toEqual({ path, leaked: false });
    }
  });

  it('the owner’s rows are unchanged by the attempts', async () => {
    const staff = await call(owner.operator.token, `/api/staff/${ids.staff}`, 'get');
    expect(staff.body.fullTime).toBe(true);
    const acc = await call(owner.operator.token, `/api/accounts/${ids.account}`, 'get');
    expect(acc.body.status).toBe('filed');
  });
});
