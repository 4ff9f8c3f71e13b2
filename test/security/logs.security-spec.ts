import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../../scripts/mysql-admin.js';
import { makeIdNumber, makeMobile } from '../factories/identifiers.js';
import { individualBody } from '../factories/registry.js';
import { ADMIN, bearer, PASSWORD } from '../helpers/test-app.js';
import { csrfOf } from '../helpers/visitor.js';
import { printFigure } from '../helpers/figure.js';

/**
 * The application's own pino output, captured while people register subjects and staff with ID
 * numbers and phones, sign in (API and page), fail to sign in and browse pages: no line may hold a
 * whole ID number, a whole phone, a password, a bearer token or session cookie, and no logged URL
 * may carry an ID number or a phone.
 */
describe('logs hold no personal data, passwords or tokens', () => {
  const lines: string[] = [];
  const secrets = new Map<string, string>();
  let app: NestFastifyApplication;
  let http: TestAgent;
  let dir: string;
  let dbUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sec-logs-'));
    dbUrl = process.env.DB === 'mysql' ? await createMysqlDatabase(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', 'seclogs') : `sqlite:${join(dir, 'test.sqlite')}`;
    const config = loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: dbUrl,
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT: 'false',
      SCHEDULER: 'false',
      // Stricter than production (info): every line the code can write.
      LOG_LEVEL: 'trace',
    });
    app = await createApp(config, { logStream: { write: (line: string) => void lines.push(line) } });
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    if (dbUrl?.startsWith('mysql')) await dropMysqlDatabase(dbUrl);
    rmSync(dir, { recursive: true, force: true });
  });

  const keep = (name: string, value: string) => secrets.set(value, name);

  it('a session of ordinary work', async () => {
    keep('admin password', ADMIN.password);
    keep('password', PASSWORD);
    const adminLogin = await http.post('/api/auth/login').send(ADMIN);
    expect(adminLogin.status).toBe(200);
    const admin = adminLogin.body.accessToken as string;
    keep('admin token', admin);
    // Public sign-up with a phone, then the API sign-in, a wrong password and an unknown user.
    const regPhone = makeMobile();
    keep('registration phone', regPhone);
    const reg = await http.post('/api/auth/register').send({ username: 'logop1', password: PASSWORD, displayName: '日志测试', phone: regPhone });
    expect(reg.status).toBe(201);
    const op = (await http.post('/api/auth/login').send({ username: 'logop1', password: PASSWORD })).body.accessToken as string;
    keep('operator token', op);
    const wrong = 'Wr0ng-Passw0rd!x';
    keep('wrong password', wrong);
    expect((await http.post('/api/auth/login').send({ username: 'logop1', password: wrong })).status).toBe(401);
    expect((await http.post('/api/auth/login').send({ username: 'nobody-here', password: wrong })).status).toBe(401);
    const officerPw = 'Off1cer-Passw0rd!';
    keep('officer password', officerPw);
    expect((await http.post('/api/users').set(bearer(admin)).send({ username: 'logoff1', password: officerPw, role: 'officer', displayName: '日志官员' })).status).toBe(201);
    const officer = (await http.post('/api/auth/login').send({ username: 'logoff1', password: officerPw })).body.accessToken as string;
    keep('officer token', officer);

    // An individual subject with an ID number and a phone; a bad ID number; a filed account; staff.
    const idNumber = makeIdNumber();
    const phone = makeMobile();
    keep('subject ID number', idNumber);
    keep('subject phone', phone);
    const subject = await http.post('/api/subjects').set(bearer(op)).send(individualBody({ idNumber, contactPhone: phone }));
    expect(subject.status).toBe(201);
    const badId = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    keep('mistyped ID number', badId);
    expect((await http.post('/api/subjects').set(bearer(op)).send(individualBody({ idNumber: badId }))).status).toBe(400);
    const account = await http.post('/api/accounts').set(bearer(op)).send({ subjectId: subject.body.id, platform: 'wechat', platformAccountId: 'gh_logs_1', name: '日志测试号', category: 'lifestyle' });
    expect(account.status).toBe(201);
    expect((await http.post(`/api/accounts/${account.body.id}/review`).set(bearer(officer)).send({ decision: 'approve' })).status).toBe(200);
    const staffId = makeIdNumber();
    const staffPhone = makeMobile();
    keep('staff ID number', staffId);
    keep('staff phone', staffPhone);
    const staff = await http.post(`/api/accounts/${account.body.id}/staff`).set(bearer(op)).send({ name: '王五', idNumber: staffId, phone: staffPhone, role: 'chief_editor', fullTime: true, startDate: '2024-03-01' });
    expect(staff.status).toBe(201);
    for (const path of [`/api/subjects/${subject.body.id}`, `/api/accounts/${account.body.id}/staff`, `/api/staff/${staff.body.id}`]) expect((await http.get(path).set(bearer(op))).status).toBe(200);

    // Page sign-in (the session cookie), pages, searches by phone and ID number, sign-out.
    const agent = request.agent(app.getHttpServer());
    const csrf = csrfOf((await agent.get('/login')).text);
    const signIn = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'logoff1', password: officerPw });
    expect(signIn.status).toBe(303);
    for (const c of ([] as string[]).concat(signIn.headers['set-cookie'] ?? [])) keep('cookie', c.split(';')[0].split('=').slice(1).join('='));
    for (const path of ['/officer', '/officer/accounts', `/officer/accounts/${account.body.id}`, `/officer/accounts?q=${phone}`, `/registry?q=${idNumber}`, `/registry?q=${phone}`, '/registry', '/dashboard']) {
      expect((await agent.get(path)).status).toBeLessThan(500);
    }
    await agent.post('/logout').type('form').send({ _csrf: csrfOf((await agent.get('/logout')).text) });
    // A failed page sign-in with the password in the form.
    const anon = request.agent(app.getHttpServer());
    await anon.post('/login').type('form').send({ _csrf: csrfOf((await anon.get('/login')).text), username: 'logoff1', password: wrong });
  });

  it('no line holds an ID number, a phone, a password, a token or a cookie', () => {
    expect(lines.length).toBeGreaterThan(20);
    // The capture holds the request lines (so the scan below looks at real URLs).
    expect(lines.some((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url === '/registry')).toBe(true);
    const found: string[] = [];
    const ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
    const PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
    const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;
    lines.forEach((line, i) => {
      for (const [value, name] of secrets) if (value && line.includes(value)) found.push(`line ${i}: ${name}`);
      if (ID.test(line)) found.push(`line ${i}: something shaped like an ID number`);
      if (PHONE.test(line)) found.push(`line ${i}: something shaped like a phone`);
      if (JWT.test(line)) found.push(`line ${i}: a token`);
      const url = (JSON.parse(line) as { req?: { url?: string } }).req?.url;
      if (url && url.includes('?')) found.push(`line ${i}: a query string in a logged URL (${url})`);
    });
    console.log(`logs: ${lines.length} lines scanned for ${secrets.size} secrets and the shapes of ID numbers, phones and tokens; ${found.length} found`);
    printFigure('security: log lines scanned', lines.length, '> 0', lines.length > 0);
    printFigure('security: secrets, personal data or query strings found in the logs', found.length, '0', found.length === 0);
    expect(found).toEqual([]);
  });
});
