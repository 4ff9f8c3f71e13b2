import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { User } from '../../src/modules/users/user.entity.js';
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

  it('a sign-in replaces a hash made with older argon2 parameters; tokens issued before stay valid', async () => {
    const u = await t.user('officer', { username: 'old_hash' });
    const users = t.app.get(DataSource).getRepository(User);
    const old = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await users.update({ id: u.id }, { passwordHash: old });
    const login = await t.http.post('/api/auth/login').send({ username: 'old_hash', password: PASSWORD });
    expect(login.status).toBe(200);
    const stored = (await users.findOneByOrFail({ id: u.id })).passwordHash;
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect((await t.http.get('/api/auth/me').set(bearer(u.token))).status).toBe(200);
    expect((await t.http.post('/api/auth/login').send({ username: 'old_hash', password: PASSWORD })).status).toBe(200);
    expect((await users.findOneByOrFail({ id: u.id })).passwordHash).toBe(stored);
  });
});
