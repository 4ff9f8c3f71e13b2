import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { ADMIN, bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

interface AuditItem {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  sourceAddress: string | null;
  hash: string;
}

describe('audit trail', () => {
  let t: TestApp;
  let auditor: { id: string; token: string; username: string };
  let officer: { id: string; token: string; username: string };
  let ds: DataSource;

  const list = async (query: Record<string, string | number> = {}) => {
    const res = await t.http.get('/api/audit').query(query).set(bearer(auditor.token));
    expect(res.status).toBe(200);
    return res.body as { items: AuditItem[]; total: number; page: number; pageSize: number };
  };
  const verify = async () => {
    const res = await t.http.get('/api/audit/verify').set(bearer(auditor.token));
    expect(res.status).toBe(200);
    return res.body;
  };
  // `before` and `after` are reserved words in MySQL: quote them (backticks work on SQLite too).
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);

  beforeAll(async () => {
    t = await bootTestApp();
    ds = t.app.get(DataSource);
    officer = await t.user('officer', { displayName: '王科员' });
    auditor = await t.user('auditor');
  });
  afterAll(async () => {
    await t.close();
  });

  it('records the bootstrap, every user creation and every login with actor, role, action and source address', async () => {
    const all = await list({ pageSize: 100 });
    const boot = all.items.find((e) => e.action === 'user.bootstrap');
    expect(boot).toMatchObject({ actor: 'system', role: 'system', entity: 'user', after: expect.objectContaining({ username: ADMIN.username, role: 'sysadmin' }) });

    const created = all.items.find((e) => e.action === 'user.create' && e.entityId === officer.id);
    expect(created).toMatchObject({
      actor: ADMIN.username,
      role: 'sysadmin',
      entity: 'user',
      actorId: expect.any(String),
      sourceAddress: expect.stringMatching(/127\.0\.0\.1|::1/),
      after: expect.objectContaining({ username: officer.username, role: 'officer', displayName: '王科员', status: 'active' }),
    });
    // Never a password or its hash in the trail.
    expect(JSON.stringify(all.items)).not.toMatch(/argon2|passwordHash|Passw0rd/);

    const logins = all.items.filter((e) => e.action === 'auth.login');
    expect(logins.map((e) => e.actor)).toEqual(expect.arrayContaining([ADMIN.username, officer.username, auditor.username]));
    const officerLogin = logins.find((e) => e.actor === officer.username)!;
    expect(officerLogin).toMatchObject({ role: 'officer', actorId: officer.id, entity: 'user', entityId: officer.id, sourceAddress: expect.stringMatching(/127\.0\.0\.1|::1/) });
    expect(new Date(officerLogin.at).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);
  });

  it('records failed and locked sign-ins under the name that was tried', async () => {
    await t.http.post('/api/auth/login').send({ username: officer.username, password: 'Wrong-Passw0rd!' });
    const failed = await list({ action: 'auth.login_failed' });
    expect(failed.items[0]).toMatchObject({ actor: officer.username, role: 'public', entityId: officer.id, after: { failures: 1, locked: false } });
    await t.login(officer.username); // resets the count
  });

  it('masks personal data: a registered operator’s phone appears as 138****5678', async () => {
    const reg = await t.http.post('/api/auth/register').send({ username: 'audit_op', password: PASSWORD, displayName: '杭州某传媒', phone: '13812345678' });
    expect(reg.status).toBe(201);
    const { items } = await list({ entityId: reg.body.id, action: 'user.register' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actor: 'audit_op', role: 'public', after: expect.objectContaining({ phone: '138****5678' }) });
    expect(JSON.stringify(items)).not.toContain('13812345678');
  });

  it('records the state before and after an update', async () => {
    const res = await t.http.patch(`/api/users/${officer.id}`).set(bearer(await t.adminToken())).send({ displayName: '王科长' });
    expect(res.status).toBe(200);
    const { items } = await list({ entityType: 'user', entityId: officer.id, action: 'user.update' });
    expect(items[0]).toMatchObject({ before: expect.objectContaining({ displayName: '王科员' }), after: expect.objectContaining({ displayName: '王科长' }) });
  });

  describe('filters and pagination', () => {
    it('filters by actor, entity, action and time', async () => {
      const admin = await t.http.get('/api/auth/me').set(bearer(await t.adminToken()));
      const byActor = await list({ actorId: admin.body.id, pageSize: 100 });
      expect(byActor.total).toBeGreaterThan(0);
      expect(byActor.items.every((e) => e.actorId === admin.body.id)).toBe(true);

      const byAction = await list({ action: 'user.create', pageSize: 100 });
      expect(byAction.total).toBeGreaterThanOrEqual(2);
      expect(byAction.items.every((e) => e.action === 'user.create')).toBe(true);

      const byEntity = await list({ entityType: 'user', entityId: officer.id, pageSize: 100 });
      expect(byEntity.items.length).toBeGreaterThan(0);
      expect(byEntity.items.every((e) => e.entityId === officer.id)).toBe(true);

      const future = await list({ from: new Date(Date.now() + 3600_000).toISOString() });
      expect(future).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      const past = await list({ to: '2000-01-01T00:00:00Z' });
      expect(past.total).toBe(0);
      const window = await list({ from: new Date(Date.now() - 3600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), pageSize: 100 });
      expect(window.total).toBe((await list({ pageSize: 1 })).total);

      const none = await list({ action: 'no.such_action' });
      expect(none.total).toBe(0);
    });

    it('pages newest first without overlap', async () => {
      const all = await list({ pageSize: 100 });
      expect(all.total).toBeGreaterThan(6);
      const seqs = all.items.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      const p1 = await list({ page: 1, pageSize: 3 });
      const p2 = await list({ page: 2, pageSize: 3 });
      expect(p1).toMatchObject({ page: 1, pageSize: 3, total: all.total });
      expect(p1.items).toHaveLength(3);
      expect(p2.items.map((e) => e.seq)).toEqual(seqs.slice(3, 6));
      const beyond = await list({ page: 999, pageSize: 3 });
      expect(beyond.items).toEqual([]);
      expect(beyond.total).toBe(all.total);
    });

    it.each([
      [{ pageSize: '101' }, 'pageSize'],
      [{ pageSize: '0' }, 'pageSize'],
      [{ page: 'x' }, 'page'],
      [{ from: 'not-a-date' }, 'from'],
      [{ colour: 'red' }, 'colour'],
    ])('answers 400 for bad query %j', async (query, field) => {
      const res = await t.http.get('/api/audit').query(query).set(bearer(auditor.token));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('needs a login', async () => {
      const res = await t.http.get('/api/audit');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('verification of the hash chain', () => {
    it('reports a whole chain valid, with its length', async () => {
      const total = (await list({ pageSize: 1 })).total;
      // Reading the trail writes nothing to it.
      expect(await verify()).toEqual({ valid: true, entries: total });
      expect(await verify()).toEqual({ valid: true, entries: total });
    });

    it('numbers entries 1..N with no gap, each linked to the one before', async () => {
      const rows: { seq: number; prevHash: string; hash: string }[] = await q('SELECT seq, prevHash, hash FROM audit_entry ORDER BY seq');
      rows.forEach((r, i) => {
        expect(Number(r.seq)).toBe(i + 1);
        if (i > 0) expect(r.prevHash).toBe(rows[i - 1].hash);
      });
    });

    it('detects an entry edited outside the application and names it', async () => {
      const [row] = await q("SELECT seq, `after` FROM audit_entry WHERE action = 'user.create' ORDER BY seq LIMIT 1");
      const seq = Number(row.seq);
      await q('UPDATE audit_entry SET `after` = ? WHERE seq = ?', [row.after.replace('officer', 'approver'), seq]);
      const broken = await verify();
      expect(broken).toMatchObject({ valid: false, firstBroken: { seq, reason: 'hash_mismatch', entry: expect.objectContaining({ seq, action: 'user.create' }) } });
      expect(broken.entries).toBe(seq - 1);
      await q('UPDATE audit_entry SET `after` = ? WHERE seq = ?', [row.after, seq]);
      expect((await verify()).valid).toBe(true);
    });

    it('detects an edited actor or time as well', async () => {
      const [row] = await q('SELECT seq, actorName FROM audit_entry WHERE seq = 2');
      await q('UPDATE audit_entry SET actorName = ? WHERE seq = 2', ['someone_else']);
      expect(await verify()).toMatchObject({ valid: false, firstBroken: { seq: 2, reason: 'hash_mismatch' } });
      await q('UPDATE audit_entry SET actorName = ? WHERE seq = 2', [row.actorName]);
      expect((await verify()).valid).toBe(true);
    });

    it('detects a deleted entry in the middle', async () => {
      const repo = ds.getRepository(AuditEntry);
      const row = (await repo.findOneBy({ seq: 3 }))!;
      await q('DELETE FROM audit_entry WHERE seq = 3');
      expect(await verify()).toMatchObject({ valid: false, entries: 2, firstBroken: { seq: 3, reason: 'gap' } });
      await repo.insert(row);
      expect((await verify()).valid).toBe(true);
    });

    it('detects a deleted last entry (the head no longer matches)', async () => {
      const repo = ds.getRepository(AuditEntry);
      const [{ last }] = await q('SELECT MAX(seq) AS last FROM audit_entry');
      const row = (await repo.findOneBy({ seq: Number(last) }))!;
      await q('DELETE FROM audit_entry WHERE seq = ?', [Number(last)]);
      const broken = await verify();
      expect(broken).toMatchObject({ valid: false, entries: Number(last) - 1, firstBroken: { seq: Number(last), reason: 'head_mismatch' } });
      await repo.insert(row);
      expect((await verify()).valid).toBe(true);
    });

    it('detects an overwritten hash on the last entry', async () => {
      const [row] = await q('SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1');
      await q('UPDATE audit_entry SET hash = ? WHERE seq = ?', ['f'.repeat(64), Number(row.seq)]);
      const broken = await verify();
      expect(broken.valid).toBe(false);
      expect(broken.firstBroken.seq).toBe(Number(row.seq));
      await q('UPDATE audit_entry SET hash = ? WHERE seq = ?', [row.hash, Number(row.seq)]);
      expect((await verify()).valid).toBe(true);
    });

    it('keeps the chain whole under concurrent writers', async () => {
      const admin = await t.adminToken();
      const before = (await list({ pageSize: 1 })).total;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.http.post('/api/users').set(bearer(admin)).send({ username: `burst_${i}`, password: PASSWORD, role: 'evaluator', displayName: `并发${i}` }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(await verify()).toEqual({ valid: true, entries: before + 6 });
    });
  });

  describe('a failed audit write rolls the business change back', () => {
    it('when the trail cannot be written, the user is not created', async () => {
      const admin = await t.adminToken();
      const audit = t.app.get(AuditService);
      const spy = jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('disk full'));
      try {
        const res = await t.http.post('/api/users').set(bearer(admin)).send({ username: 'never_made', password: PASSWORD, role: 'officer', displayName: '不应存在' });
        expect(res.status).toBe(500);
        expect(res.body).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
        expect(JSON.stringify(res.body)).not.toMatch(/disk full/);
      } finally {
        spy.mockRestore();
      }
      const users = await t.http.get('/api/users').query({ pageSize: 100 }).set(bearer(admin));
      expect(users.body.items.map((u: { username: string }) => u.username)).not.toContain('never_made');
      // The name is free: the same request succeeds once the trail works again.
      const again = await t.http.post('/api/users').set(bearer(admin)).send({ username: 'never_made', password: PASSWORD, role: 'officer', displayName: '现在存在' });
      expect(again.status).toBe(201);
      expect((await verify()).valid).toBe(true);
    });

    it('when the audit table is gone, a change fails whole and leaks no SQL (throw-away app)', async () => {
      const other = await bootTestApp();
      try {
        const admin = await other.adminToken();
        const ods = other.app.get(DataSource);
        const beforeCount = Number((await ods.query('SELECT COUNT(*) AS n FROM app_user'))[0].n);
        await ods.query('ALTER TABLE audit_entry RENAME TO audit_entry_gone');
        const res = await other.http.post('/api/users').set(bearer(admin)).send({ username: 'ghost_user', password: PASSWORD, role: 'officer', displayName: '幽灵' });
        expect(res.status).toBe(500);
        expect(res.body.code).toBe('INTERNAL');
        expect(res.body.message).not.toMatch(/audit_entry|INSERT|SQL/i);
        const rows = await ods.query("SELECT COUNT(*) AS n FROM app_user WHERE username = 'ghost_user'");
        expect(Number(rows[0].n)).toBe(0);
        expect(Number((await ods.query('SELECT COUNT(*) AS n FROM app_user'))[0].n)).toBe(beforeCount);
        await ods.query('ALTER TABLE audit_entry_gone RENAME TO audit_entry');
      } finally {
        await other.close();
      }
    });
  });
});
