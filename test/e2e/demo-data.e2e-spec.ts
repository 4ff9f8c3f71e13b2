import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { creditCode, DEMO_PASSWORD, idNumber, loadDemoData, OPERATORS, STAFF_USERS, type Transport } from '../../scripts/demo-data.js';
import { isValidCreditCode, isValidIdNumber } from '../../src/modules/registry/identifiers.js';
import { ADMIN, bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

describe('npm run demo-data (scripts/demo-data.ts) through the HTTP API', () => {
  let t: TestApp;
  let transport: Transport;
  beforeAll(async () => {
    t = await bootTestApp();
    // The script injects into Fastify; under Jest the same requests go through supertest.
    transport = async ({ method, url, headers, body }) => {
      const req = t.http[method.toLowerCase() as 'get' | 'post' | 'patch'](url).set(headers);
      const res = body !== undefined ? await req.send(body) : await req;
      return { status: res.status, text: res.text };
    };
  });
  afterAll(async () => {
    await t.close();
  });

  it('makes identifiers whose check characters the registry accepts', () => {
    expect(isValidCreditCode(creditCode('MA2H7K3Q'))).toBe(true);
    expect(creditCode('MA2H7K3Q').slice(2, 8)).toBe('330110');
    expect(isValidIdNumber(idNumber('1994-03-15', 242))).toBe(true);
    for (const op of OPERATORS) {
      if (op.subject.creditCode) expect(isValidCreditCode(op.subject.creditCode as string)).toBe(true);
      if (op.subject.idNumber) expect(isValidIdNumber(op.subject.idNumber as string)).toBe(true);
    }
  });

  it('loads users of every role, operators, accounts in each state, staff and a filing', async () => {
    const lines: string[] = [];
    const res = await loadDemoData(t.app, { adminName: ADMIN.username, adminPasswords: [ADMIN.password], transport, log: (s) => lines.push(s) });
    expect(res).toEqual({ created: true });
    expect(lines.join('\n')).toMatch(/YH-ZMT-\d{4}-\d{6}/);

    // Every demo user signs in with the documented password.
    for (const username of [...STAFF_USERS.map((u) => u.username), ...OPERATORS.map((o) => o.username)]) {
      const login = await t.http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
    }
    const users = await t.http.get('/api/users?pageSize=100').set(bearer(await t.adminToken()));
    const roles = new Set(users.body.items.map((u: { role: string }) => u.role));
    expect([...roles].sort()).toEqual(['approver', 'auditor', 'evaluator', 'officer', 'operator', 'sysadmin']);
    const orgs = new Set(users.body.items.filter((u: { role: string }) => u.role === 'evaluator').map((u: { organization: string }) => u.organization));
    expect([...orgs].sort()).toEqual(['余杭区梦想驿站互联网文化服务中心', '余杭区网络文化协会', '第三方专家库'].sort());

    const officer = await t.login('officer1', DEMO_PASSWORD);
    const all = await t.http.get('/api/accounts?pageSize=100').set(bearer(officer));
    expect(all.status).toBe(200);
    const byStatus = (s: string) => all.body.items.filter((a: { status: string }) => a.status === s).length;
    expect(all.body.total).toBe(OPERATORS.reduce((n, o) => n + o.accounts.length, 0));
    expect(byStatus('filed')).toBe(5);
    expect(byStatus('rejected')).toBe(1);
    expect(byStatus('pending')).toBe(4);

    const pub = await t.http.get('/api/public/accounts?pageSize=100');
    expect(pub.status).toBe(200);
    expect(pub.body.total).toBe(5);

    const filings = await t.http.get('/api/staff-filings?pageSize=100').set(bearer(officer));
    expect(filings.status).toBe(200);
    expect(filings.body.items).toEqual([expect.objectContaining({ status: 'submitted' })]);

    const auditor = await t.login('auditor1', DEMO_PASSWORD);
    const verify = await t.http.get('/api/audit/verify').set(bearer(auditor));
    expect(verify.body).toMatchObject({ valid: true });
  });

  it('does nothing the second time, even without the sysadmin’s password', async () => {
    const before = (await t.http.get('/api/users?pageSize=1').set(bearer(await t.adminToken()))).body.total;
    const res = await loadDemoData(t.app, { adminName: ADMIN.username, adminPasswords: [], transport });
    expect(res).toEqual({ created: false });
    expect((await t.http.get('/api/users?pageSize=1').set(bearer(await t.adminToken()))).body.total).toBe(before);
  });
});
