import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

const b64url = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A HS256 token signed with any secret, to show that only ours is accepted. */
function signHs256(claims: object, secret: string): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

async function expectUnauthenticated(t: TestApp, token: string): Promise<void> {
  const res = await t.http.get('/api/auth/me').set(bearer(token));
  expect(res.status).toBe(401);
  expect(res.body.code).toBe('UNAUTHENTICATED');
}

describe('auth security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });

  describe('lockout after 5 failures in a row (GB/T 22239 8.1.4.1)', () => {
    it('answers 401 for the first five wrong passwords, then 423 ACCOUNT_LOCKED, even for the right one', async () => {
      const u = await t.user('officer');
      for (let i = 1; i <= 5; i++) {
        const res = await login(u.username, `Wrong-Passw0rd-${i}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      const locked = await login(u.username, 'Wrong-Passw0rd-6');
      expect(locked.status).toBe(423);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(locked.body.message).toMatch(/锁定/);
      const right = await login(u.username, PASSWORD);
      expect(right.status).toBe(423);
      expect(right.body.code).toBe('ACCOUNT_LOCKED');
      // A token issued before the lock still works: the lock is about signing in.
      const me = await t.http.get('/api/auth/me').set(bearer(u.token));
      expect(me.status).toBe(200);
    });

    it('locks an unknown user name the same way, so answers do not reveal which names exist', async () => {
      for (let i = 1; i <= 5; i++) {
        const res = await login('nobody_here', PASSWORD);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      const res = await login('nobody_here', PASSWORD);
      expect(res.status).toBe(423);
      expect(res.body.code).toBe('ACCOUNT_LOCKED');
    });

    it('a success before the fifth failure starts the count again', async () => {
      const u = await t.user('approver');
      for (let i = 0; i < 4; i++) expect((await login(u.username, 'Wrong-Passw0rd!')).status).toBe(401);
      expect((await login(u.username, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login(u.username, 'Wrong-Passw0rd!')).status).toBe(401);
      expect((await login(u.username, PASSWORD)).status).toBe(200);
    });

    it('one locked name does not lock another', async () => {
      const other = await t.user('officer');
      expect((await login(other.username, PASSWORD)).status).toBe(200);
    });

    it('answers 400 for a login without a password, and it does not count as a failure', async () => {
      const res = await t.http.post('/api/auth/login').send({ username: 'someone' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    });
  });

  it('keeps the lock across a restart of the application (the count lives in the database)', async () => {
    const first = await bootTestApp();
    let second: TestApp | undefined;
    try {
      const u = await first.user('officer');
      for (let i = 0; i < 5; i++) await first.http.post('/api/auth/login').send({ username: u.username, password: 'Wrong-Passw0rd!' });
      expect((await first.http.post('/api/auth/login').send({ username: u.username, password: PASSWORD })).status).toBe(423);
      await first.closeKeepingDatabase();

      second = await bootTestApp({}, { databaseUrl: first.config.database.url });
      const res = await second.http.post('/api/auth/login').send({ username: u.username, password: PASSWORD });
      expect(res.status).toBe(423);
      expect(res.body.code).toBe('ACCOUNT_LOCKED');
      // The rest of the database came along: the sysadmin signs in as before.
      expect((await second.http.post('/api/auth/login').send(ADMIN)).status).toBe(200);
    } finally {
      if (second) await second.close();
      else await first.close();
    }
  });

  describe('tokens', () => {
    it('expire after TOKEN_TTL_SECONDS', async () => {
      const short = await bootTestApp({ TOKEN_TTL_SECONDS: '1' });
      try {
        const res = await short.http.post('/api/auth/login').send(ADMIN);
        expect(res.status).toBe(200);
        expect(res.body.expiresIn).toBe(1);
        const token = res.body.accessToken as string;
        expect((await short.http.get('/api/auth/me').set(bearer(token))).status).toBe(200);
        await new Promise((r) => setTimeout(r, 2100));
        const late = await short.http.get('/api/auth/me').set(bearer(token));
        expect(late.status).toBe(401);
        expect(late.body.code).toBe('UNAUTHENTICATED');
      } finally {
        await short.close();
      }
    });

    it('live 30 minutes by default', async () => {
      const res = await login(ADMIN.username, ADMIN.password);
      expect(res.body.expiresIn).toBe(1800);
      const c = claimsOf(res.body.accessToken);
      expect(Number(c.exp) - Number(c.iat)).toBe(1800);
    });

    it('refuses a tampered token', async () => {
      const token = await t.adminToken();
      const [h, p, s] = token.split('.');
      // Another role in the payload, the signature left as it was.
      const forged = `${h}.${b64url({ ...claimsOf(token), role: 'auditor' })}.${s}`;
      await expectUnauthenticated(t, forged);
      // One character of the signature changed.
      const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
      await expectUnauthenticated(t, flipped);
    });

    it('refuses an alg:none token', async () => {
      const claims = claimsOf(await t.adminToken());
      await expectUnauthenticated(t, `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`);
      await expectUnauthenticated(t, `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}`);
    });

    it('refuses a token signed with another secret', async () => {
      const claims = claimsOf(await t.adminToken());
      await expectUnauthenticated(t, signHs256(claims, 'another-secret-another-secret-0123456789'));
      // The same claims signed with the real secret pass: the check is the signature, nothing else.
      expect((await t.http.get('/api/auth/me').set(bearer(signHs256(claims, t.config.jwtSecret)))).status).toBe(200);
    });

    it('refuses garbage, a missing token and a non-bearer scheme', async () => {
      await expectUnauthenticated(t, 'not-a-token');
      const none = await t.http.get('/api/auth/me');
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      const basic = await t.http.get('/api/auth/me').set('Authorization', `Basic ${Buffer.from('sysadmin:x').toString('base64')}`);
      expect(basic.status).toBe(401);
    });

    it('a token for a user that does not exist is refused', async () => {
      const claims = { ...claimsOf(await t.adminToken()), sub: '00000000-0000-4000-8000-000000000000' };
      await expectUnauthenticated(t, signHs256(claims, t.config.jwtSecret));
    });
  });

  describe('ending tokens', () => {
    it('disabling a user ends its tokens and its sign-in; enabling lets it sign in again', async () => {
      const u = await t.user('officer');
      const admin = await t.adminToken();
      expect((await t.http.get('/api/auth/me').set(bearer(u.token))).status).toBe(200);
      const off = await t.http.patch(`/api/users/${u.id}`).set(bearer(admin)).send({ status: 'disabled' });
      expect(off.status).toBe(200);
      expect(off.body.status).toBe('disabled');
      await expectUnauthenticated(t, u.token);
      const denied = await login(u.username, PASSWORD);
      expect(denied.status).toBe(401);
      expect(denied.body.code).toBe('INVALID_CREDENTIALS');
      const on = await t.http.patch(`/api/users/${u.id}`).set(bearer(admin)).send({ status: 'active' });
      expect(on.status).toBe(200);
      // Re-enabling does not revive the old token.
      await expectUnauthenticated(t, u.token);
      const again = await login(u.username, PASSWORD);
      expect(again.status).toBe(200);
    });

    it('a password change ends earlier tokens and hands back a fresh one', async () => {
      const u = await t.user('evaluator');
      const second = await t.login(u.username);
      const res = await t.http.post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: PASSWORD, newPassword: 'N3w-Passw0rd!x' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 1800 });
      await expectUnauthenticated(t, u.token);
      await expectUnauthenticated(t, second);
      expect((await t.http.get('/api/auth/me').set(bearer(res.body.accessToken))).status).toBe(200);
      expect((await login(u.username, PASSWORD)).status).toBe(401);
      expect((await login(u.username, 'N3w-Passw0rd!x')).status).toBe(200);
    });

    it('a password change needs the current password and a strong new one', async () => {
      const u = await t.user('officer');
      const wrong = await t.http.post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: 'Wrong-Passw0rd!', newPassword: 'N3w-Passw0rd!x' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('VALIDATION_FAILED');
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'wrong_password' })]);
      const weak = await t.http.post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: PASSWORD, newPassword: 'alllowercase' });
      expect(weak.status).toBe(400);
      expect(weak.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'newPassword' })]));
      const same = await t.http.post('/api/auth/password').set(bearer(u.token)).send({ currentPassword: PASSWORD, newPassword: PASSWORD });
      expect(same.status).toBe(400);
      expect(same.body.details).toEqual([expect.objectContaining({ field: 'newPassword', code: 'same_password' })]);
      // None of these ended the token.
      expect((await t.http.get('/api/auth/me').set(bearer(u.token))).status).toBe(200);
      const anon = await t.http.post('/api/auth/password').send({ currentPassword: PASSWORD, newPassword: 'N3w-Passw0rd!x' });
      expect(anon.status).toBe(401);
    });

    it('a password reset by the sysadmin ends the user’s tokens', async () => {
      const u = await t.user('approver');
      const res = await t.http.patch(`/api/users/${u.id}`).set(bearer(await t.adminToken())).send({ password: 'Reset-Passw0rd!' });
      expect(res.status).toBe(200);
      await expectUnauthenticated(t, u.token);
      expect((await login(u.username, 'Reset-Passw0rd!')).status).toBe(200);
    });

    it('the sysadmin cannot disable itself', async () => {
      const me = await t.http.get('/api/auth/me').set(bearer(await t.adminToken()));
      const res = await t.http.patch(`/api/users/${me.body.id}`).set(bearer(await t.adminToken())).send({ status: 'disabled' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
    });
  });

  describe('separation of duties', () => {
    it('the sysadmin may not read the audit trail', async () => {
      const admin = await t.adminToken();
      for (const path of ['/api/audit', '/api/audit/verify']) {
        const res = await t.http.get(path).set(bearer(admin));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('the auditor may not manage users', async () => {
      const auditor = await t.user('auditor');
      const list = await t.http.get('/api/users').set(bearer(auditor.token));
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('FORBIDDEN');
      const create = await t.http.post('/api/users').set(bearer(auditor.token)).send({ username: 'sneaky', password: PASSWORD, role: 'auditor', displayName: 'x' });
      expect(create.status).toBe(403);
      expect(create.body.code).toBe('FORBIDDEN');
      const patch = await t.http.patch(`/api/users/${auditor.id}`).set(bearer(auditor.token)).send({ status: 'active' });
      expect(patch.status).toBe(403);
    });

    it.each(['operator', 'officer', 'approver', 'evaluator'])('%s may read neither users nor the audit trail', async (role) => {
      const u = await t.user(role);
      expect((await t.http.get('/api/users').set(bearer(u.token))).status).toBe(403);
      expect((await t.http.get('/api/audit').set(bearer(u.token))).status).toBe(403);
    });

    it('public registration makes operators only', async () => {
      const res = await t.http.post('/api/auth/register').send({ username: 'would_be_admin', password: PASSWORD, displayName: '某人', phone: '13812345678', role: 'sysadmin' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role', code: 'unknown_field' })]));
    });
  });

  describe('session cookie', () => {
    it('counts for API reads but not for API writes (a forged cross-site form cannot ride it)', async () => {
      const admin = await t.adminToken();
      const read = await t.http.get('/api/users').set('Cookie', `yh_session=${admin}`);
      expect(read.status).toBe(200);
      const write = await t.http
        .post('/api/users')
        .set('Cookie', `yh_session=${admin}`)
        .send({ username: 'via_cookie', password: PASSWORD, role: 'officer', displayName: 'x' });
      expect(write.status).toBe(401);
      expect(write.body.code).toBe('UNAUTHENTICATED');
    });
  });
});
