import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { maskIdNumber } from '../../src/common/crypto/mask.js';
import { entryHash, GENESIS_HASH } from '../../src/modules/audit/audit-chain.js';
import { AuditEntry } from '../../src/modules/audit/audit-entry.entity.js';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { AUDIT_EXPORT_DATASET } from '../../src/modules/open-data/datasets.js';
import { makeIdNumber } from '../factories/identifiers.js';
import { createFiledAccount, createSubject, individualBody } from '../factories/registry.js';
import { csvRecords, unguard } from '../helpers/csv.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { mainText, summaryOf, Visitor } from '../helpers/visitor.js';

type Person = { id: string; token: string; username: string };
const DAY = 86_400_000;

/** The row the export should have for an entry. */
function exported(e: AuditEntry) {
  const at = new Date(e.at.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
  return {
    seq: e.seq,
    at,
    actorId: e.actorId,
    actor: e.actorName,
    role: e.role,
    action: e.action,
    actionLabel: expect.any(String),
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    sourceAddress: e.sourceIp,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** CSV records keyed by JSON field, cells unguarded. */
function csvRows(text: string) {
  const { header, records } = csvRecords(text);
  expect(header).toEqual(AUDIT_EXPORT_DATASET.fields.map((f) => f.header));
  return records.map((r) => Object.fromEntries(AUDIT_EXPORT_DATASET.fields.map((f) => [f.key, unguard(r[f.header])])));
}

describe('the auditor desk: search, verify, export', () => {
  let t: TestApp;
  let db: DataSource;
  let auditor: Person;
  let officer: Person;
  let approver: Person;
  let operator: Person;
  let evaluator: Person;
  let sysadmin: string;
  const ID_NUMBER = makeIdNumber();
  let accountId: string;

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const entriesUpTo = (seq: number) => db.getRepository(AuditEntry).find({ where: { seq: LessThanOrEqual(seq) }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    auditor = await t.user('auditor');
    officer = await t.user('officer', { displayName: '王科员' });
    approver = await t.user('approver');
    operator = await t.user('operator');
    evaluator = await t.user('evaluator', { organization: '余杭区网络文化协会' });
    sysadmin = await t.adminToken();
    const subject = await createSubject(t, operator.token, individualBody({ name: '李小红', idNumber: ID_NUMBER }));
    accountId = (await createFiledAccount(t, operator.token, officer.token, { name: '=cmd|calc', platform: 'weibo' }, subject.id)).id;
    await t.http.post('/api/auth/login').send({ username: officer.username, password: 'Wrong-Passw0rd!' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('export (GET /api/audit/export.csv|json)', () => {
    it('streams the whole trail as CSV up to and including its own record, every field of the chain', async () => {
      const res = await get('/api/audit/export.csv', auditor.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="audit.csv"');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.text.startsWith('\uFEFF"序号","时间","操作人ID"')).toBe(true);
      const rows = csvRows(res.text);
      const last = rows[rows.length - 1];
      expect(last).toMatchObject({ action: 'audit.export', actionLabel: '导出审计记录', actor: auditor.username, role: 'auditor', actorId: auditor.id, entityType: 'audit' });
      expect(JSON.parse(last.after)).toEqual({ format: 'csv', from: null, to: null });
      const entries = await entriesUpTo(Number(last.seq));
      expect(rows).toHaveLength(entries.length);
      const asCell = (v: unknown) => (v === null ? '' : String(v));
      expect(rows).toEqual(entries.map((e) => Object.fromEntries(Object.entries(exported(e)).map(([k, v]) => [k, k === 'actionLabel' ? expect.any(String) : asCell(v)]))));
      expect(rows.find((r) => r.action === 'auth.login')!.actionLabel).toBe('登录');
      expect(rows.find((r) => r.action === 'auth.login_failed')!.actionLabel).toBe('登录失败');
    });

    it('can be checked outside the system: each row hashes to its hash and links to the one before', async () => {
      const rows = csvRows((await get('/api/audit/export.csv', auditor.token)).text);
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const fields = {
          seq: Number(r.seq),
          at: new Date(r.at),
          actorId: r.actorId || null,
          actorName: r.actor,
          role: r.role,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId || null,
          before: r.before || null,
          after: r.after || null,
          sourceIp: r.sourceAddress || null,
          prevHash: r.prevHash,
        };
        expect(r.prevHash).toBe(prev);
        expect(entryHash(fields)).toBe(r.hash);
        prev = r.hash;
      }
    });

    it('answers JSON with the same records, and records each export (audit.export)', async () => {
      const before = await db.getRepository(AuditEntry).count({ where: { action: 'audit.export' } });
      const res = await get('/api/audit/export.json', auditor.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const entries = await entriesUpTo(res.body.lastSeq);
      expect(res.body).toMatchObject({ dataset: 'audit', from: null, to: null, count: entries.length });
      expect(res.body.items).toEqual(entries.map(exported));
      expect(await db.getRepository(AuditEntry).count({ where: { action: 'audit.export' } })).toBe(before + 1);
      const trail = await get('/api/audit?action=audit.export', auditor.token);
      expect(trail.body.items[0]).toMatchObject({ actor: auditor.username, role: 'auditor', entity: 'audit', after: { format: 'json', from: null, to: null } });
    });

    it('exports a range of days (Beijing, both included)', async () => {
      const today = beijingDate();
      const tomorrow = beijingDate(new Date(Date.now() + DAY));
      const yesterday = beijingDate(new Date(Date.now() - DAY));
      const todays = await get(`/api/audit/export.json?from=${today}&to=${today}`, auditor.token);
      expect(todays.status).toBe(200);
      expect(todays.body.count).toBe((await entriesUpTo(todays.body.lastSeq)).length);
      const none = await get(`/api/audit/export.csv?from=${tomorrow}`, auditor.token);
      expect(none.headers['content-disposition']).toBe(`attachment; filename="audit-${tomorrow}.csv"`);
      expect(csvRows(none.text)).toEqual([]);
      const old = await get(`/api/audit/export.json?to=${yesterday}`, auditor.token);
      expect(old.body).toMatchObject({ items: [], count: 0, to: yesterday });
      // Even an empty export is recorded, with its range.
      const trail = await get('/api/audit?action=audit.export&pageSize=2', auditor.token);
      expect(trail.body.items.map((i: { after: unknown }) => i.after)).toEqual([
        { format: 'json', from: null, to: yesterday },
        { format: 'csv', from: tomorrow, to: null },
      ]);
    });

    it('never carries a whole ID number; cells a spreadsheet would run are guarded', async () => {
      const csv = await get('/api/audit/export.csv', auditor.token);
      const json = await get('/api/audit/export.json', auditor.token);
      for (const text of [csv.text, json.text]) expect(text).not.toContain(ID_NUMBER);
      expect(csv.text).toContain(maskIdNumber(ID_NUMBER)!);
      // The account's name sits inside the JSON text of a cell; a cell that itself starts with = is guarded.
      expect(csv.text).toContain('=cmd|calc');
      expect(csv.text).not.toMatch(/(^|,)"=/m);
    });

    it('refuses bad ranges (400) and is the auditor’s alone (403), without recording anything', async () => {
      const count = () => db.getRepository(AuditEntry).count({ where: { action: 'audit.export' } });
      const before = await count();
      const cases: [string, string, string][] = [
        ['from=2026-13-01', 'from', 'isIso8601'],
        ['to=2026-02-30', 'to', 'isIso8601'],
        ['from=2026-01-01T00:00:00Z', 'from', 'matches'],
        ['from=2026-03-01&to=2026-02-01', 'to', 'before_from'],
        ['actor=x', 'actor', 'unknown_field'],
      ];
      for (const [query, field, code] of cases) {
        for (const suffix of ['csv', 'json']) {
          const res = await get(`/api/audit/export.${suffix}?${query}`, auditor.token);
          expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
          expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
        }
      }
      for (const token of [officer.token, approver.token, operator.token, evaluator.token, sysadmin]) {
        for (const suffix of ['csv', 'json']) {
          const res = await get(`/api/audit/export.${suffix}`, token);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
      }
      const anon = await get('/api/audit/export.csv');
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
      expect(await count()).toBe(before);
    });
  });

  describe('the /audit pages', () => {
    let desk: Visitor;
    beforeAll(async () => {
      desk = await new Visitor(t).signIn(auditor.username);
    });
    const totalOf = (html: string) => Number(/审计记录（共(\d+)条/.exec(html)?.[1]);

    it('searches by actor (name or id), action, object and dates, with Chinese labels', async () => {
      const all = await desk.get('/audit');
      expect(all.status).toBe(200);
      expect(totalOf(all.text)).toBe(await db.getRepository(AuditEntry).count());
      expect(all.text).toContain('登录<br><span class="secondary mono">auth.login</span>');

      const byName = await desk.get(`/audit?actor=${officer.username}`);
      const officerCount = await db.getRepository(AuditEntry).count({ where: { actorName: officer.username } });
      expect(officerCount).toBeGreaterThan(1);
      expect(totalOf(byName.text)).toBe(officerCount);
      expect(mainText(byName.text)).toContain('登录失败');
      const byId = await desk.get(`/audit?actor=${officer.id}`);
      expect(totalOf(byId.text)).toBe(await db.getRepository(AuditEntry).count({ where: { actorId: officer.id } }));

      const logins = await desk.get('/audit?action=auth.login');
      expect(totalOf(logins.text)).toBe(await db.getRepository(AuditEntry).count({ where: { action: 'auth.login' } }));
      expect(logins.text).toMatch(/<option value="auth.login" selected>登录（auth.login）<\/option>/);

      const account = await desk.get(`/audit?entityType=account&entityId=${accountId}`);
      expect(totalOf(account.text)).toBe(await db.getRepository(AuditEntry).count({ where: { entityType: 'account', entityId: accountId } }));
      expect(mainText(account.text)).toContain('通过账号备案');
      expect(account.text).toContain('变更内容');

      const today = beijingDate();
      const dated = await desk.get(`/audit?from=${today}&to=${today}`);
      expect(dated.status).toBe(200);
      expect(totalOf(dated.text)).toBe(await db.getRepository(AuditEntry).count());
      expect(dated.text).toContain(`/api/audit/export.csv?from&#x3D;${today}&amp;to&#x3D;${today}`);
      const future = await desk.get(`/audit?from=${beijingDate(new Date(Date.now() + DAY))}`);
      expect(totalOf(future.text)).toBe(0);
      expect(future.text).toContain('没有符合条件的审计记录');
    });

    it('says what is wrong with a bad date and keeps what was typed', async () => {
      const bad = await desk.get('/audit?from=2026-02-30&actor=someone');
      expect(bad.status).toBe(400);
      expect(summaryOf(bad.text)).toEqual([['#from', '起始日期应为日期（如 2026-01-01）']]);
      expect(bad.text).toMatch(/id="actor"[^>]*value="someone"/);
      const backwards = await desk.get('/audit?from=2026-03-01&to=2026-02-01');
      expect(backwards.status).toBe(400);
      expect(summaryOf(backwards.text)).toEqual([['#to', '截止日期不能早于起始日期']]);
    });

    it('downloads the export with the portal’s cookie', async () => {
      const res = await desk.get('/api/audit/export.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    });

    it('is the auditor’s alone', async () => {
      for (const p of [officer, operator]) {
        const v = await new Visitor(t).signIn(p.username);
        for (const path of ['/audit', '/audit/verify']) expect((await v.get(path)).status).toBe(403);
        expect((await v.get('/api/audit/export.csv')).status).toBe(403);
      }
      const anon = await new Visitor(t).get('/audit');
      expect(anon.status).toBe(303);
      expect(anon.headers.location).toBe('/login?next=%2Faudit');
    });

    it('verifies the chain, then shows the first broken entry after tampering', async () => {
      const ok = await desk.get('/audit/verify');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('校验通过');
      const victim = await db.getRepository(AuditEntry).findOneByOrFail({ action: 'subject.create' });
      await db.getRepository(AuditEntry).update({ seq: victim.seq }, { actorName: 'intruder' });
      const broken = await desk.get('/audit/verify');
      expect(broken.status).toBe(200);
      expect(broken.text).toContain('校验未通过');
      expect(broken.text).toContain(`第 <strong>${victim.seq}</strong> 条起哈希链断裂`);
      expect(broken.text).toContain('记录内容与其哈希不符');
      expect(mainText(broken.text)).toContain('第一条断裂的记录');
      expect(mainText(broken.text)).toContain('登记运营主体');
      expect(mainText(broken.text)).toContain('intruder');
      const api = await get('/api/audit/verify', auditor.token);
      expect(api.body).toMatchObject({ valid: false, entries: victim.seq - 1, firstBroken: { seq: victim.seq, reason: 'hash_mismatch' } });
    });
  });
});
