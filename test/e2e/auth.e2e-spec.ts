import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

describe('auth and users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers an operator and signs in', async () => {
    const reg = await t.http.post('/api/auth/register').send({ username: 'op_reg', password: PASSWORD, displayName: '杭州某传媒', phone: '13812345678' });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({ id: expect.any(String), username: 'op_reg', role: 'operator' });
    const login = await t.http.post('/api/auth/login').send({ username: 'op_reg', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 1800, user: { username: 'op_reg', role: 'operator' } });
    const me = await t.http.get('/api/auth/me').set(bearer(login.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'op_reg', role: 'operator', displayName: '杭州某传媒' });
  });

  it('refuses a weak password with the field at fault', async () => {
    const res = await t.http.post('/api/auth/register').send({ username: 'weak_pw', password: 'short', displayName: 'x', phone: '13812345678' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });

  it('sysadmin creates users; others may not', async () => {
    const officer = await t.user('officer');
    const res = await t.http.post('/api/users').set(bearer(officer.token)).send({ username: 'x_user', password: PASSWORD, role: 'officer', displayName: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const admin = await t.adminToken();
    const ok = await t.http.get('/api/users').set(bearer(admin));
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBeGreaterThanOrEqual(2);
    void ADMIN;
  });
});
