import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/decorators.js';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { RegistryService } from '../../src/modules/registry/registry.service.js';
import { makeCreditCode, makeIdNumber, withWrongCheck } from '../factories/identifiers.js';
import { accountBody, createAccount, createFiledAccount, createSubject, individualBody, organizationBody, review } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

type U = { id: string; token: string; username: string };

const FILING_NO = /^YH-ZMT-(\d{4})-(\d{6})$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const beijingYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const daysFromToday = (n: number) => new Date(Date.now() + n * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);

describe('registry: subjects, accounts, review, public lookup', () => {
  let t: TestApp;
  let opA: U;
  let opB: U;
  let officer: U;
  let officer2: U;
  let approver: U;
  let evaluator: U;
  let auditor: U;
  let sysadmin: string;
  /** Business roles that must be refused (403) on every registry endpoint. */
  let outsiders: [string, string][];

  beforeAll(async () => {
    t = await bootTestApp();
    [opA, opB, officer, officer2, approver, evaluator, auditor] = [
      await t.user('operator'),
      await t.user('operator'),
      await t.user('officer'),
      await t.user('officer'),
      await t.user('approver'),
      await t.user('evaluator', { organization: '余杭区网络文化协会' }),
      await t.user('auditor'),
    ];
    sysadmin = await t.adminToken();
    outsiders = [
      ['evaluator', evaluator.token],
      ['sysadmin', sysadmin],
      ['auditor', auditor.token],
    ];
  });
  afterAll(async () => {
    await t.close();
  });

  const auditFor = async (entityId: string) => {
    const res = await t.http.get(`/api/audit?entityId=${entityId}&pageSize=100`).set(bearer(auditor.token));
    expect(res.status).toBe(200);
    return res.body.items as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; actorId: string }[];
  };

  // ───────────────────────────── subjects ─────────────────────────────
  describe('POST /api/subjects', () => {
    it('registers an organisation: 201, phone masked', async () => {
      const body = organizationBody({ contactPhone: '13812345678' });
      const res = await t.http.post('/api/subjects').set(bearer(opA.token)).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        kind: 'organization',
        kindLabel: '机构',
        name: body.name,
        creditCode: body.creditCode,
        idNumber: null,
        regionCode: '330110',
        registeredAddress: body.registeredAddress,
        operatingAddress: body.operatingAddress,
        businessScope: body.businessScope,
        contactName: body.contactName,
        contactPhone: '138****5678',
        revealed: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain('13812345678');
    });

    it('registers an individual: ID number masked as 330110********123X, stored encrypted with a blind index', async () => {
      const idNumber = makeIdNumber();
      const res = await t.http.post('/api/subjects').set(bearer(opA.token)).send(individualBody({ idNumber, contactPhone: '13987654321' }));
      expect(res.status).toBe(201);
      expect(res.body.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      expect(res.body.contactPhone).toBe('139****4321');
      expect(res.body.creditCode).toBeNull();
      expect(res.body.businessScope).toBeNull();
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain('13987654321');

      // The raw columns hold ciphertext, never the plain values.
      const [row] = await t.app.get(DataSource).query('SELECT * FROM subject WHERE id = ?', [res.body.id]);
      const raw = JSON.stringify(row);
      expect(raw).not.toContain(idNumber);
      expect(raw).not.toContain(idNumber.slice(6, 14)); // not even the birth date
      expect(raw).not.toContain('13987654321');
      expect(row.idNumberEnc).toMatch(/^v1\./);
      expect(row.contactPhoneEnc).toMatch(/^v1\./);
      expect(row.idNumberIndex).toEqual(expect.any(String));
      expect(row.idNumberIndex).not.toContain(idNumber);
    });

    it('accepts a lower-case x and a landline, and stores the ID number upper-cased', async () => {
      let idNumber = makeIdNumber();
      while (!idNumber.endsWith('X')) idNumber = makeIdNumber();
      const res = await t.http
        .post('/api/subjects')
        .set(bearer(opB.token))
        .send(individualBody({ idNumber: idNumber.toLowerCase(), contactPhone: '0571-88886666' }));
      expect(res.status).toBe(201);
      expect(res.body.idNumber.endsWith('X')).toBe(true);
      expect(res.body.contactPhone).toBe('057******6666');
      const revealed = await t.http.get(`/api/subjects/${res.body.id}?reveal=true`).set(bearer(opB.token));
      expect(revealed.body.idNumber).toBe(idNumber);
    });

    it('refuses the same credit code or ID number twice (409 DUPLICATE), whoever registers it', async () => {
      const org = organizationBody();
      expect((await t.http.post('/api/subjects').set(bearer(opA.token)).send(org)).status).toBe(201);
      const again = await t.http.post('/api/subjects').set(bearer(opB.token)).send({ ...org, name: '另一个名字' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DUPLICATE');
      expect(again.body.details[0].field).toBe('creditCode');

      let idNumber = makeIdNumber();
      while (!idNumber.endsWith('X')) idNumber = makeIdNumber();
      expect((await t.http.post('/api/subjects').set(bearer(opA.token)).send(individualBody({ idNumber }))).status).toBe(201);
      // The same number with a lower-case x is the same person: found through the blind index.
      const dup = await t.http.post('/api/subjects').set(bearer(opB.token)).send(individualBody({ idNumber: idNumber.toLowerCase() }));
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE');
      expect(dup.body.details[0].field).toBe('idNumber');
      expect(JSON.stringify(dup.body)).not.toContain(idNumber.slice(0, 17));
    });

    it('two registrations of one code at the same moment: one 201, one 409', async () => {
      const org = organizationBody();
      const results = await Promise.all([opA, opB, opA, opB].map((op) => t.http.post('/api/subjects').set(bearer(op.token)).send(org)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((r) => r.status === 409)) expect(r.body.code).toBe('DUPLICATE');
    });

    it('only operators register subjects', async () => {
      for (const [, token] of [...outsiders, ['officer', officer.token], ['approver', approver.token]]) {
        const res = await t.http.post('/api/subjects').set(bearer(token)).send(organizationBody());
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const anon = await t.http.post('/api/subjects').send(organizationBody());
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
    });

    const badCreditCode = () => withWrongCheck(makeCreditCode());
    const badIdNumber = () => withWrongCheck(makeIdNumber());
    const cases: [string, () => Record<string, unknown>, string, string][] = [
      ['missing kind', () => organizationBody({ kind: undefined }), 'kind', 'isIn'],
      ['unknown kind', () => organizationBody({ kind: 'company' }), 'kind', 'isIn'],
      ['missing name', () => organizationBody({ name: undefined }), 'name', 'isNotEmpty'],
      ['blank name', () => organizationBody({ name: '   ' }), 'name', 'isNotEmpty'],
      ['mistyped name', () => organizationBody({ name: 123 }), 'name', 'isString'],
      ['oversized name', () => organizationBody({ name: '杭'.repeat(129) }), 'name', 'maxLength'],
      ['organisation without credit code', () => organizationBody({ creditCode: undefined }), 'creditCode', 'isDefined'],
      ['credit code with a wrong check character', () => organizationBody({ creditCode: badCreditCode() }), 'creditCode', 'invalid_credit_code'],
      ['credit code too short', () => organizationBody({ creditCode: '9133011012345' }), 'creditCode', 'invalid_credit_code'],
      ['credit code with a forbidden letter (O)', () => organizationBody({ creditCode: '91330110MA2H0000O0' }), 'creditCode', 'invalid_credit_code'],
      ['mistyped credit code', () => organizationBody({ creditCode: 913301101234567890 }), 'creditCode', 'isString'],
      ['organisation with an ID number', () => organizationBody({ idNumber: makeIdNumber() }), 'idNumber', 'not_applicable'],
      ['individual without ID number', () => individualBody({ idNumber: undefined }), 'idNumber', 'isDefined'],
      ['ID number with a wrong check character', () => individualBody({ idNumber: badIdNumber() }), 'idNumber', 'invalid_id_number'],
      ['ID number with an impossible birth date', () => individualBody({ idNumber: '330110199002301230' }), 'idNumber', 'invalid_id_number'],
      ['ID number of 15 digits', () => individualBody({ idNumber: '330110900101123' }), 'idNumber', 'invalid_id_number'],
      ['individual with a credit code', () => individualBody({ creditCode: makeCreditCode() }), 'creditCode', 'not_applicable'],
      ['individual with a business scope', () => individualBody({ businessScope: '餐饮' }), 'businessScope', 'not_applicable'],
      ['region outside Yuhang (§01.2)', () => organizationBody({ regionCode: '330106' }), 'regionCode', 'outside_region'],
      ['region not six digits', () => organizationBody({ regionCode: '33011' }), 'regionCode', 'matches'],
      ['missing region', () => organizationBody({ regionCode: undefined }), 'regionCode', 'isString'],
      ['missing registered address', () => organizationBody({ registeredAddress: undefined }), 'registeredAddress', 'isNotEmpty'],
      ['oversized operating address', () => organizationBody({ operatingAddress: '路'.repeat(256) }), 'operatingAddress', 'maxLength'],
      ['oversized business scope', () => organizationBody({ businessScope: '营'.repeat(1001) }), 'businessScope', 'maxLength'],
      ['missing contact name', () => organizationBody({ contactName: '' }), 'contactName', 'isNotEmpty'],
      ['not a phone number', () => organizationBody({ contactPhone: '12345' }), 'contactPhone', 'invalid_phone'],
      ['mobile with a wrong prefix', () => organizationBody({ contactPhone: '12812345678' }), 'contactPhone', 'invalid_phone'],
      ['mistyped phone', () => organizationBody({ contactPhone: 13812345678 }), 'contactPhone', 'isString'],
      ['unknown field', () => organizationBody({ ownerId: opB.id }), 'ownerId', 'unknown_field'],
    ];
    it.each(cases)('400 on %s', async (_label, make, field, code) => {
      const res = await t.http.post('/api/subjects').set(bearer(opA.token)).send(make());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });

    it('400 on a body that is not JSON, and on an empty body with every required field named', async () => {
      const bad = await t.http.post('/api/subjects').set(bearer(opA.token)).set('Content-Type', 'application/json').send('{"kind":');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const empty = await t.http.post('/api/subjects').set(bearer(opA.token)).send({});
      expect(empty.status).toBe(400);
      const fields = empty.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['kind', 'name', 'regionCode', 'registeredAddress', 'operatingAddress', 'contactName', 'contactPhone']));
    });
  });

  describe('GET /api/subjects and /api/subjects/:id', () => {
    let orgA: { id: string; name: string };
    let indA: { id: string };
    let indAId: string;
    let orgB: { id: string };

    beforeAll(async () => {
      orgA = (await createSubject(t, opA.token, organizationBody({ name: '余杭区梦想小镇新媒体有限公司' }))) as { id: string; name: string };
      indAId = makeIdNumber();
      indA = await createSubject(t, opA.token, individualBody({ name: '李四', idNumber: indAId, contactPhone: '13700001111' }));
      orgB = await createSubject(t, opB.token, organizationBody({ name: '良渚文化传播工作室' }));
    });

    it('operators list their own subjects only, masked', async () => {
      const res = await t.http.get('/api/subjects?pageSize=100').set(bearer(opA.token));
      expect(res.status).toBe(200);
      const ids = res.body.items.map((s: { id: string }) => s.id);
      expect(ids).toEqual(expect.arrayContaining([orgA.id, indA.id]));
      expect(ids).not.toContain(orgB.id);
      expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: res.body.items.length });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(indAId);
      expect(text).not.toContain('13700001111');
    });

    it('officers and approvers list all, with ?q= on the name (Chinese) and on a whole ID number', async () => {
      for (const token of [officer.token, approver.token]) {
        const all = await t.http.get('/api/subjects?pageSize=100').set(bearer(token));
        expect(all.status).toBe(200);
        const ids = all.body.items.map((s: { id: string }) => s.id);
        expect(ids).toEqual(expect.arrayContaining([orgA.id, indA.id, orgB.id]));
      }
      const byName = await t.http.get(`/api/subjects?q=${encodeURIComponent('梦想小镇')}`).set(bearer(officer.token));
      expect(byName.body.items.map((s: { id: string }) => s.id)).toEqual([orgA.id]);
      const byId = await t.http.get(`/api/subjects?q=${indAId}`).set(bearer(officer.token));
      expect(byId.body.items.map((s: { id: string }) => s.id)).toEqual([indA.id]);
      expect(JSON.stringify(byId.body)).not.toContain(indAId);
      const byPart = await t.http.get(`/api/subjects?q=${indAId.slice(0, 10)}`).set(bearer(officer.token));
      expect(byPart.body.items).toEqual([]);
      const paged = await t.http.get('/api/subjects?pageSize=1&page=2').set(bearer(officer.token));
      expect(paged.body).toMatchObject({ page: 2, pageSize: 1 });
      expect(paged.body.items).toHaveLength(1);
    });

    it('refuses bad list queries', async () => {
      for (const [query, field] of [
        ['pageSize=101', 'pageSize'],
        ['page=0', 'page'],
        ['page=abc', 'page'],
        ['kind=company', 'kind'],
        [`q=${'x'.repeat(65)}`, 'q'],
        ['sort=name', 'sort'],
      ]) {
        const res = await t.http.get(`/api/subjects?${query}`).set(bearer(officer.token));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details[0].field).toBe(field);
      }
    });

    it('owner, officer and approver read one subject; another operator gets 404; other roles 403; anonymous 401', async () => {
      for (const token of [opA.token, officer.token, approver.token]) {
        const res = await t.http.get(`/api/subjects/${indA.id}`).set(bearer(token));
        expect(res.status).toBe(200);
        expect(res.body.idNumber).toBe(`${indAId.slice(0, 6)}********${indAId.slice(-4)}`);
        expect(res.body.contactPhone).toBe('137****1111');
        expect(res.body.revealed).toBe(false);
      }
      const foreign = await t.http.get(`/api/subjects/${indA.id}`).set(bearer(opB.token));
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      for (const [, token] of outsiders) {
        const res = await t.http.get(`/api/subjects/${indA.id}`).set(bearer(token));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
        expect((await t.http.get('/api/subjects').set(bearer(token))).status).toBe(403);
      }
      expect((await t.http.get(`/api/subjects/${indA.id}`)).status).toBe(401);
      expect((await t.http.get('/api/subjects')).status).toBe(401);
      for (const id of [UNKNOWN_ID, 'not-a-uuid', '1']) {
        const res = await t.http.get(`/api/subjects/${id}`).set(bearer(officer.token));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });

    it('?reveal=true shows the whole values to the owner and officers, and is audited as subject.reveal', async () => {
      const own = await t.http.get(`/api/subjects/${indA.id}?reveal=true`).set(bearer(opA.token));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ idNumber: indAId, contactPhone: '13700001111', revealed: true });
      const office = await t.http.get(`/api/subjects/${indA.id}?reveal=true`).set(bearer(officer.token));
      expect(office.status).toBe(200);
      expect(office.body).toMatchObject({ idNumber: indAId, contactPhone: '13700001111', revealed: true });
      const trail = await auditFor(indA.id);
      const reveals = trail.filter((e) => e.action === 'subject.reveal');
      expect(reveals.map((e) => e.actorId).sort()).toEqual([opA.id, officer.id].sort());
      // The trail itself never holds the whole values.
      expect(JSON.stringify(trail)).not.toContain(indAId);
      expect(JSON.stringify(trail)).not.toContain('13700001111');
      expect(trail.find((e) => e.action === 'subject.create')?.after).toMatchObject({ idNumber: `${indAId.slice(0, 6)}********${indAId.slice(-4)}` });
    });

    it('?reveal=true: approvers 403 (domain.md: owner and officers only), another operator 404, bad value 400', async () => {
      const appr = await t.http.get(`/api/subjects/${indA.id}?reveal=true`).set(bearer(approver.token));
      expect(appr.status).toBe(403);
      expect(appr.body.code).toBe('FORBIDDEN');
      const foreign = await t.http.get(`/api/subjects/${indA.id}?reveal=true`).set(bearer(opB.token));
      expect(foreign.status).toBe(404);
      const bad = await t.http.get(`/api/subjects/${indA.id}?reveal=yes`).set(bearer(opA.token));
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('reveal');
      const off = await t.http.get(`/api/subjects/${indA.id}?reveal=false`).set(bearer(opA.token));
      expect(off.body.revealed).toBe(false);
      expect(JSON.stringify(off.body)).not.toContain(indAId);
    });
  });

  // ───────────────────────────── accounts ─────────────────────────────
  describe('POST /api/accounts', () => {
    let subjectA: string;
    let subjectB: string;
    beforeAll(async () => {
      subjectA = (await createSubject(t, opA.token)).id;
      subjectB = (await createSubject(t, opB.token)).id;
    });

    it('registers an account of an own subject: 201 pending', async () => {
      const body = accountBody(subjectA, { name: '余杭美食探店', platform: 'douyin', category: 'food', followers: 5000 });
      const res = await t.http.post('/api/accounts').set(bearer(opA.token)).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        status: 'pending',
        statusLabel: '待审核',
        filingNo: null,
        grade: null,
        subjectId: subjectA,
        subjectName: expect.any(String),
        platform: 'douyin',
        platformLabel: '抖音',
        platformAccountId: body.platformAccountId,
        name: '余杭美食探店',
        url: body.url,
        category: 'food',
        categoryLabel: '美食',
        followers: 5000,
        qualificationType: null,
        filedAt: null,
        rejectReason: null,
        actions: expect.arrayContaining(['approve', 'reject', 'deregister']),
      });
      const trail = await auditFor(res.body.id);
      expect(trail.map((e) => e.action)).toEqual(['account.create']);
      expect(trail[0].after).toMatchObject({ status: 'pending', name: '余杭美食探店' });
    });

    it('followers and url are optional', async () => {
      const res = await t.http
        .post('/api/accounts')
        .set(bearer(opA.token))
        .send(accountBody(subjectA, { url: undefined, followers: undefined }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ url: null, followers: 0 });
    });

    it("another operator's subject or an unknown one: 404", async () => {
      const foreign = await t.http.post('/api/accounts').set(bearer(opA.token)).send(accountBody(subjectB));
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      const unknown = await t.http.post('/api/accounts').set(bearer(opA.token)).send(accountBody(UNKNOWN_ID));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
    });

    it('409 DUPLICATE on the same platform + platform account id; the same id on another platform is fine', async () => {
      const body = accountBody(subjectA, { platform: 'weibo', platformAccountId: 'yuhang_dup_1' });
      expect((await t.http.post('/api/accounts').set(bearer(opA.token)).send(body)).status).toBe(201);
      const dup = await t.http.post('/api/accounts').set(bearer(opB.token)).send({ ...body, subjectId: subjectB });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE');
      expect(dup.body.details[0].field).toBe('platformAccountId');
      const other = await t.http.post('/api/accounts').set(bearer(opA.token)).send({ ...body, platform: 'bilibili' });
      expect(other.status).toBe(201);
    });

    it('concurrent registrations of one platform id: one 201, the rest 409', async () => {
      const body = accountBody(subjectA, { platform: 'kuaishou', platformAccountId: 'ks_race_1' });
      const results = await Promise.all(Array.from({ length: 5 }, () => t.http.post('/api/accounts').set(bearer(opA.token)).send(body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('a qualified category needs the qualification (policy qualifiedCategories), with a future expiry', async () => {
      for (const category of ['finance', 'education', 'medical', 'legal']) {
        const res = await t.http.post('/api/accounts').set(bearer(opA.token)).send(accountBody(subjectA, { category }));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        const fields = res.body.details.map((d: { field: string }) => d.field);
        expect(fields).toEqual(expect.arrayContaining(['qualificationType', 'qualificationNumber', 'qualificationExpiry']));
      }
      const qualification = { qualificationType: '金融信息服务许可', qualificationNumber: 'ZJ-JR-2026-001', qualificationExpiry: daysFromToday(400) };
      const past = await t.http
        .post('/api/accounts')
        .set(bearer(opA.token))
        .send(accountBody(subjectA, { category: 'finance', ...qualification, qualificationExpiry: daysFromToday(-1) }));
      expect(past.status).toBe(400);
      expect(past.body.details).toEqual([expect.objectContaining({ field: 'qualificationExpiry', code: 'not_future' })]);
      const today = await t.http
        .post('/api/accounts')
        .set(bearer(opA.token))
        .send(accountBody(subjectA, { category: 'finance', ...qualification, qualificationExpiry: daysFromToday(0) }));
      expect(today.status).toBe(400);
      const notDate = await t.http
        .post('/api/accounts')
        .set(bearer(opA.token))
        .send(accountBody(subjectA, { category: 'finance', ...qualification, qualificationExpiry: '2030-02-30' }));
      expect(notDate.status).toBe(400);
      expect(notDate.body.details[0]).toMatchObject({ field: 'qualificationExpiry', code: 'isCalendarDate' });
      const ok = await t.http.post('/api/accounts').set(bearer(opA.token)).send(accountBody(subjectA, { category: 'finance', ...qualification }));
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject(qualification);
      // All or nothing on other categories too.
      const partial = await t.http.post('/api/accounts').set(bearer(opA.token)).send(accountBody(subjectA, { qualificationType: '其他许可' }));
      expect(partial.status).toBe(400);
      expect(partial.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['qualificationNumber', 'qualificationExpiry']));
    });

    it('only operators register accounts', async () => {
      for (const [, token] of [...outsiders, ['officer', officer.token], ['approver', approver.token]]) {
        const res = await t.http.post('/api/accounts').set(bearer(token)).send(accountBody(subjectA));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await t.http.post('/api/accounts').send(accountBody(subjectA))).status).toBe(401);
    });

    const cases: [string, Record<string, unknown>, string, string][] = [
      ['missing subjectId', { subjectId: undefined }, 'subjectId', 'isString'],
      ['subjectId not an id', { subjectId: 'abc' }, 'subjectId', 'isUuid'],
      ['unknown platform', { platform: 'myspace' }, 'platform', 'isIn'],
      ['missing platform', { platform: undefined }, 'platform', 'isIn'],
      ['missing platform account id', { platformAccountId: undefined }, 'platformAccountId', 'isNotEmpty'],
      ['platform account id with a space', { platformAccountId: 'a b' }, 'platformAccountId', 'matches'],
      ['oversized platform account id', { platformAccountId: 'x'.repeat(129) }, 'platformAccountId', 'maxLength'],
      ['missing name', { name: undefined }, 'name', 'isNotEmpty'],
      ['oversized name', { name: '号'.repeat(129) }, 'name', 'maxLength'],
      ['mistyped name', { name: ['a'] }, 'name', 'isString'],
      ['url without http(s)', { url: 'ftp://example.com/a' }, 'url', 'isUrl'],
      ['url that is not one', { url: 'not a url' }, 'url', 'isUrl'],
      ['oversized url', { url: `https://example.com/${'a'.repeat(600)}` }, 'url', 'maxLength'],
      ['unknown category', { category: 'gossip' }, 'category', 'isIn'],
      ['negative followers', { followers: -1 }, 'followers', 'min'],
      ['fractional followers', { followers: 1.5 }, 'followers', 'isInt'],
      ['followers as text', { followers: '1000' }, 'followers', 'isInt'],
      ['too many followers', { followers: 3_000_000_000 }, 'followers', 'max'],
      ['unknown field', { status: 'filed' }, 'status', 'unknown_field'],
      ['unknown field (filing number)', { filingNo: 'YH-ZMT-2026-000001' }, 'filingNo', 'unknown_field'],
    ];
    it.each(cases)('400 on %s', async (_label, over, field, code) => {
      const res = await t.http.post('/api/accounts').set(bearer(opA.token)).send(accountBody(subjectA, over));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });
  });

  describe('GET /api/accounts and /api/accounts/:id', () => {
    let subjectA: string;
    let mine: { id: string };
    let theirs: { id: string };
    beforeAll(async () => {
      subjectA = (await createSubject(t, opA.token)).id;
      mine = await createAccount(t, opA.token, subjectA, { name: '余杭100%真实_资讯', platform: 'toutiao' });
      theirs = await createAccount(t, opB.token, (await createSubject(t, opB.token)).id, { name: '仓前街道生活号', platform: 'xiaohongshu' });
    });

    it('operators list their own accounts; officers and approvers list all', async () => {
      const own = await t.http.get('/api/accounts?pageSize=100').set(bearer(opA.token));
      expect(own.status).toBe(200);
      const ownIds = own.body.items.map((a: { id: string }) => a.id);
      expect(ownIds).toContain(mine.id);
      expect(ownIds).not.toContain(theirs.id);
      for (const item of own.body.items) expect(item.subjectName).toEqual(expect.any(String));
      for (const token of [officer.token, approver.token]) {
        const all = await t.http.get('/api/accounts?pageSize=100').set(bearer(token));
        expect(all.status).toBe(200);
        expect(all.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      }
    });

    it('filters by status, platform and text (Chinese; % and _ match only themselves)', async () => {
      const byPlatform = await t.http.get('/api/accounts?platform=xiaohongshu&pageSize=100').set(bearer(officer.token));
      expect(byPlatform.body.items.map((a: { id: string }) => a.id)).toEqual([theirs.id]);
      const byText = await t.http.get(`/api/accounts?q=${encodeURIComponent('仓前')}`).set(bearer(officer.token));
      expect(byText.body.items.map((a: { id: string }) => a.id)).toEqual([theirs.id]);
      const percent = await t.http.get(`/api/accounts?q=${encodeURIComponent('100%')}`).set(bearer(officer.token));
      expect(percent.body.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
      const underscore = await t.http.get(`/api/accounts?q=${encodeURIComponent('实_资')}`).set(bearer(officer.token));
      expect(underscore.body.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
      const wildcardOnly = await t.http.get(`/api/accounts?q=${encodeURIComponent('%')}&pageSize=100`).set(bearer(officer.token));
      expect(wildcardOnly.body.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
      const pending = await t.http.get('/api/accounts?status=pending&pageSize=100').set(bearer(officer.token));
      for (const a of pending.body.items) expect(a.status).toBe('pending');
      const filed = await t.http.get('/api/accounts?status=filed&pageSize=100').set(bearer(officer.token));
      expect(filed.body.items.map((a: { id: string }) => a.id)).not.toContain(mine.id);
      const bySubject = await t.http.get(`/api/accounts?subjectId=${subjectA}`).set(bearer(opA.token));
      expect(bySubject.body.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
      const paged = await t.http.get('/api/accounts?pageSize=1&page=2').set(bearer(officer.token));
      expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: expect.any(Number) });
      expect(paged.body.items).toHaveLength(1);
    });

    it('refuses bad list queries', async () => {
      for (const [query, field] of [
        ['status=approved', 'status'],
        ['platform=myspace', 'platform'],
        ['pageSize=0', 'pageSize'],
        ['pageSize=1000', 'pageSize'],
        ['subjectId=xyz', 'subjectId'],
        ['ownerId=' + opB.id, 'ownerId'],
      ]) {
        const res = await t.http.get(`/api/accounts?${query}`).set(bearer(opA.token));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details[0].field).toBe(field);
      }
    });

    it('one account: owner, officer, approver 200; another operator 404; other roles 403; anonymous 401; unknown 404', async () => {
      for (const token of [opA.token, officer.token, approver.token]) {
        const res = await t.http.get(`/api/accounts/${mine.id}`).set(bearer(token));
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: mine.id, status: 'pending', statusLabel: '待审核', filingNo: null, grade: null, subjectId: subjectA });
      }
      const foreign = await t.http.get(`/api/accounts/${mine.id}`).set(bearer(opB.token));
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      for (const [, token] of outsiders) {
        const res = await t.http.get(`/api/accounts/${mine.id}`).set(bearer(token));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
        expect((await t.http.get('/api/accounts').set(bearer(token))).status).toBe(403);
      }
      expect((await t.http.get(`/api/accounts/${mine.id}`)).status).toBe(401);
      expect((await t.http.get('/api/accounts')).status).toBe(401);
      for (const id of [UNKNOWN_ID, 'nope']) {
        const res = await t.http.get(`/api/accounts/${id}`).set(bearer(officer.token));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });
  });

  describe('POST /api/accounts/:id/review, /resubmit, /deregister', () => {
    let subjectA: string;
    beforeAll(async () => {
      subjectA = (await createSubject(t, opA.token)).id;
    });

    it('approval gives a filing number YH-ZMT-<year>-<6 digits> and status filed; audited with before/after', async () => {
      const a = await createAccount(t, opA.token, subjectA);
      const res = await review(t, officer.token, a.id, 'approve');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: a.id, status: 'filed', statusLabel: '已备案', filingNo: expect.stringMatching(FILING_NO), filedAt: expect.any(String) });
      expect(Number(FILING_NO.exec(res.body.filingNo)![1])).toBe(beijingYear());
      const again = await review(t, officer2.token, a.id, 'approve');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      const rejectFiled = await review(t, officer.token, a.id, 'reject', '补充材料');
      expect(rejectFiled.status).toBe(409);
      expect(rejectFiled.body.code).toBe('ILLEGAL_TRANSITION');
      const trail = await auditFor(a.id);
      const approve = trail.find((e) => e.action === 'account.approve')!;
      expect(approve.before).toMatchObject({ status: 'pending', filingNo: null });
      expect(approve.after).toMatchObject({ status: 'filed', filingNo: res.body.filingNo, policyKey: 'filingNumberPrefix' });
      expect(approve.actorId).toBe(officer.id);
    });

    it('rejection needs a reason (400 reason); with one, the account is rejected and shows it', async () => {
      const a = await createAccount(t, opA.token, subjectA);
      for (const body of [{ decision: 'reject' }, { decision: 'reject', reason: '   ' }, { decision: 'reject', reason: 42 }, { decision: 'reject', reason: '理'.repeat(501) }]) {
        const res = await t.http.post(`/api/accounts/${a.id}/review`).set(bearer(officer.token)).send(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details[0].field).toBe('reason');
      }
      const rej = await review(t, officer.token, a.id, 'reject', '账号名称与主体不符，请更正');
      expect(rej.status).toBe(200);
      expect(rej.body).toMatchObject({ status: 'rejected', statusLabel: '未通过', filingNo: null, rejectReason: '账号名称与主体不符，请更正' });
      const seen = await t.http.get(`/api/accounts/${a.id}`).set(bearer(opA.token));
      expect(seen.body.rejectReason).toBe('账号名称与主体不符，请更正');
      const trail = await auditFor(a.id);
      expect(trail.find((e) => e.action === 'account.reject')).toMatchObject({ before: { status: 'pending' }, after: { status: 'rejected', rejectReason: '账号名称与主体不符，请更正' } });
    });

    it('bad review input and the wrong people', async () => {
      const a = await createAccount(t, opA.token, subjectA);
      for (const [body, field, code] of [
        [{}, 'decision', 'isIn'],
        [{ decision: 'maybe' }, 'decision', 'isIn'],
        [{ decision: 'approve', filingNo: 'YH-ZMT-2026-999999' }, 'filingNo', 'unknown_field'],
      ] as const) {
        const res = await t.http.post(`/api/accounts/${a.id}/review`).set(bearer(officer.token)).send(body);
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      for (const token of [opA.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
        const res = await review(t, token, a.id, 'approve');
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await t.http.post(`/api/accounts/${a.id}/review`).send({ decision: 'approve' })).status).toBe(401);
      for (const id of [UNKNOWN_ID, 'zzz']) {
        const res = await review(t, officer.token, id, 'approve');
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      // Nothing above changed it.
      expect((await t.http.get(`/api/accounts/${a.id}`).set(bearer(officer.token))).body.status).toBe('pending');
    });

    it('resubmit after rejection (owner, corrected fields) → pending; not from other states; not for others', async () => {
      const a = await createAccount(t, opA.token, subjectA, { name: '错误名称' });
      const early = await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(opA.token)).send({});
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ILLEGAL_TRANSITION');
      expect((await review(t, officer.token, a.id, 'reject', '名称不规范')).status).toBe(200);

      const foreign = await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(opB.token)).send({});
      expect(foreign.status).toBe(404);
      for (const token of [officer.token, approver.token, evaluator.token]) {
        expect((await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(token)).send({})).status).toBe(403);
      }
      const bad = await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(opA.token)).send({ subjectId: subjectA });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0]).toMatchObject({ field: 'subjectId', code: 'unknown_field' });
      const badUrl = await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(opA.token)).send({ url: 'javascript:alert(1)' });
      expect(badUrl.status).toBe(400);
      expect(badUrl.body.details[0].field).toBe('url');
      // Changing to a qualified category needs the qualification on the result.
      const noQual = await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(opA.token)).send({ category: 'medical' });
      expect(noQual.status).toBe(400);
      expect(noQual.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['qualificationType', 'qualificationNumber', 'qualificationExpiry']));
      // A platform id that is taken.
      const taken = await createAccount(t, opB.token, (await createSubject(t, opB.token)).id, { platform: 'wechat' });
      const clash = await t.http
        .post(`/api/accounts/${a.id}/resubmit`)
        .set(bearer(opA.token))
        .send({ platform: 'wechat', platformAccountId: taken.platformAccountId });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('DUPLICATE');

      const ok = await t.http.post(`/api/accounts/${a.id}/resubmit`).set(bearer(opA.token)).send({ name: '余杭正确名称', url: null, followers: 10 });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'pending', name: '余杭正确名称', url: null, followers: 10, rejectReason: null });
      const trail = await auditFor(a.id);
      expect(trail.find((e) => e.action === 'account.resubmit')).toMatchObject({
        before: { status: 'rejected', name: '错误名称', rejectReason: '名称不规范' },
        after: { status: 'pending', name: '余杭正确名称', rejectReason: null },
      });
      expect((await review(t, officer.token, a.id, 'approve')).status).toBe(200);
    });

    it('deregister (owner): pending, filed or rejected → deregistered; then nothing more', async () => {
      const filed = await createFiledAccount(t, opA.token, officer.token, {}, subjectA);
      expect((await t.http.post(`/api/accounts/${filed.id}/deregister`).set(bearer(opB.token)).send({})).status).toBe(404);
      for (const token of [officer.token, approver.token, sysadmin]) {
        const res = await t.http.post(`/api/accounts/${filed.id}/deregister`).set(bearer(token)).send({});
        expect(res.status).toBe(403);
      }
      expect((await t.http.post(`/api/accounts/${filed.id}/deregister`).send({})).status).toBe(401);
      const extra = await t.http.post(`/api/accounts/${filed.id}/deregister`).set(bearer(opA.token)).send({ status: 'closed' });
      expect(extra.status).toBe(400);
      expect(extra.body.details[0]).toMatchObject({ field: 'status', code: 'unknown_field' });
      const res = await t.http.post(`/api/accounts/${filed.id}/deregister`).set(bearer(opA.token)).send({ reason: '停止运营' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'deregistered', statusLabel: '已注销', filingNo: filed.filingNo, actions: [] });
      const again = await t.http.post(`/api/accounts/${filed.id}/deregister`).set(bearer(opA.token)).send({});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      expect((await review(t, officer.token, filed.id, 'approve')).status).toBe(409);
      expect((await t.http.post(`/api/accounts/${filed.id}/resubmit`).set(bearer(opA.token)).send({})).status).toBe(409);
      const trail = await auditFor(filed.id);
      expect(trail.find((e) => e.action === 'account.deregister')).toMatchObject({ before: { status: 'filed' }, after: { status: 'deregistered', reason: '停止运营' } });

      const pending = await createAccount(t, opA.token, subjectA);
      expect((await t.http.post(`/api/accounts/${pending.id}/deregister`).set(bearer(opA.token)).send({})).body.status).toBe('deregistered');
      expect((await t.http.post(`/api/accounts/${UNKNOWN_ID}/deregister`).set(bearer(opA.token)).send({})).status).toBe(404);
    });

    it('a measure in force blocks deregistration (409)', async () => {
      const filed = await createFiledAccount(t, opA.token, officer.token, {}, subjectA);
      const registry = t.app.get(RegistryService);
      await t.app.get(UnitOfWork).run((m) => registry.transitionAccountInTx(m, SYSTEM_ACTOR, filed.id, 'restrict'));
      const res = await t.http.post(`/api/accounts/${filed.id}/deregister`).set(bearer(opA.token)).send({});
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  describe('concurrency: filing numbers', () => {
    it('ten officers approve one account at the same moment: one 200, nine 409, one number', async () => {
      const subject = (await createSubject(t, opA.token)).id;
      const a = await createAccount(t, opA.token, subject);
      const officers = [officer, officer2];
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => review(t, officers[i % 2].token, a.id, 'approve')));
      const ok = results.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      for (const r of results.filter((r) => r.status !== 200)) {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('ILLEGAL_TRANSITION');
      }
      const final = await t.http.get(`/api/accounts/${a.id}`).set(bearer(officer.token));
      expect(final.body.filingNo).toBe(ok[0].body.filingNo);
      const approvals = (await auditFor(a.id)).filter((e) => e.action === 'account.approve');
      expect(approvals).toHaveLength(1);
    });

    it('ten accounts approved at the same moment get consecutive numbers, none shared, none skipped', async () => {
      const subject = (await createSubject(t, opB.token)).id;
      const accounts = [];
      for (let i = 0; i < 10; i++) accounts.push(await createAccount(t, opB.token, subject));
      const results = await Promise.all(accounts.map((a, i) => review(t, (i % 2 ? officer : officer2).token, a.id, 'approve')));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const seqs = results.map((r) => Number(FILING_NO.exec(r.body.filingNo)![2])).sort((x, y) => x - y);
      expect(new Set(seqs).size).toBe(10);
      expect(seqs[9] - seqs[0]).toBe(9);

      // Across the whole file: every number of the year from 1 to N, exactly once.
      const rows: { filingNo: string }[] = await t.app.get(DataSource).query('SELECT filingNo FROM media_account WHERE filingNo IS NOT NULL');
      const all = rows.map((r) => FILING_NO.exec(r.filingNo)!).filter((m) => Number(m[1]) === beijingYear()).map((m) => Number(m[2])).sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    });
  });

  // ───────────────────────────── public lookup ─────────────────────────────
  describe('GET /api/public/accounts', () => {
    let person: string;
    let personPhone: string;
    let filedOrg: { id: string; filingNo: string };
    let filedPerson: { id: string; filingNo: string };
    let restricted: { id: string; filingNo: string };
    let pendingName: string;
    let rejectedName: string;
    let deregistered: { filingNo: string };

    beforeAll(async () => {
      const op = await t.user('operator');
      person = makeIdNumber();
      personPhone = '13655556666';
      const ind = await createSubject(t, op.token, individualBody({ name: '欧阳娜娜', idNumber: person, contactPhone: personPhone }));
      const org = await createSubject(t, op.token, organizationBody({ name: '杭州未来科技城融媒体中心' }));
      filedPerson = await createFiledAccount(t, op.token, officer.token, { name: '公开查询_个人号', platform: 'bilibili' }, ind.id);
      filedOrg = await createFiledAccount(t, op.token, officer.token, { name: '公开查询机构号', platform: 'weibo' }, org.id);
      restricted = await createFiledAccount(t, op.token, officer.token, { name: '公开查询受限号', platform: 'weibo' }, org.id);
      await t.app.get(UnitOfWork).run((m) => t.app.get(RegistryService).transitionAccountInTx(m, SYSTEM_ACTOR, restricted.id, 'restrict', { measureId: 'test' }));
      pendingName = '公开查询待审号';
      await createAccount(t, op.token, org.id, { name: pendingName });
      rejectedName = '公开查询退回号';
      const rej = await createAccount(t, op.token, org.id, { name: rejectedName });
      expect((await review(t, officer.token, rej.id, 'reject', '不符合要求')).status).toBe(200);
      const dereg = await createFiledAccount(t, op.token, officer.token, { name: '公开查询注销号' }, org.id);
      expect((await t.http.post(`/api/accounts/${dereg.id}/deregister`).set(bearer(op.token)).send({})).status).toBe(200);
      deregistered = dereg;
    });

    it('lists filed accounts and measures in force to anyone, never pending, rejected or deregistered', async () => {
      const res = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('公开查询')}&pageSize=100`);
      expect(res.status).toBe(200);
      const byNo = new Map(res.body.items.map((i: { filingNo: string }) => [i.filingNo, i]));
      expect(res.body.total).toBe(3);
      expect([...byNo.keys()].sort()).toEqual([filedPerson.filingNo, filedOrg.filingNo, restricted.filingNo].sort());
      expect(byNo.get(restricted.filingNo)).toMatchObject({ status: 'restricted', statusLabel: '限制发布' });
      expect(byNo.get(filedOrg.filingNo)).toEqual({
        filingNo: filedOrg.filingNo,
        name: '公开查询机构号',
        platform: 'weibo',
        platformLabel: '微博',
        category: 'lifestyle',
        categoryLabel: '生活服务',
        subjectName: '杭州未来科技城融媒体中心',
        status: 'filed',
        statusLabel: '已备案',
        grade: null,
        gradeLabel: null,
        filedAt: expect.any(String),
      });
      // An individual's name keeps only the surname's first character.
      expect(byNo.get(filedPerson.filingNo)).toMatchObject({ subjectName: '欧***' });
      const text = JSON.stringify(res.body);
      for (const hidden of [pendingName, rejectedName, deregistered.filingNo, '欧阳娜娜', person, person.slice(-4), personPhone, '5666', filedOrg.id, restricted.id]) {
        expect(text).not.toContain(hidden);
      }
      for (const item of res.body.items) {
        expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['id']));
        for (const k of ['id', 'subjectId', 'ownerId', 'idNumber', 'contactPhone', 'platformAccountId', 'rejectReason']) expect(item).not.toHaveProperty(k);
      }
    });

    it('q matches any part of the name, Chinese included; % and _ are literal; platform filters', async () => {
      const part = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('受限')}`);
      expect(part.body.items.map((i: { filingNo: string }) => i.filingNo)).toEqual([restricted.filingNo]);
      const underscore = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('_个人')}`);
      expect(underscore.body.items.map((i: { filingNo: string }) => i.filingNo)).toEqual([filedPerson.filingNo]);
      const percent = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('公开%机构')}`);
      expect(percent.body.items).toEqual([]);
      const weibo = await t.http.get(`/api/public/accounts?platform=weibo&q=${encodeURIComponent('公开查询')}`);
      expect(weibo.body.items.map((i: { filingNo: string }) => i.filingNo).sort()).toEqual([filedOrg.filingNo, restricted.filingNo].sort());
      const paged = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('公开查询')}&pageSize=2&page=2`);
      expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(paged.body.items).toHaveLength(1);
      // A signed-in user sees the same public answer.
      const signedIn = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('受限')}`).set(bearer(opA.token));
      expect(signedIn.body).toEqual(part.body);
    });

    it('refuses bad queries', async () => {
      for (const [query, field, code] of [
        ['platform=myspace', 'platform', 'isIn'],
        ['pageSize=101', 'pageSize', 'max'],
        [`q=${'长'.repeat(65)}`, 'q', 'maxLength'],
        ['status=pending', 'status', 'unknown_field'],
      ]) {
        const res = await t.http.get(`/api/public/accounts?${encodeURI(query)}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details[0]).toMatchObject({ field, code });
      }
    });

    it('one account by filing number; 404 for unknown, malformed, pending or deregistered', async () => {
      const res = await t.http.get(`/api/public/accounts/${filedPerson.filingNo}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ filingNo: filedPerson.filingNo, name: '公开查询_个人号', subjectName: '欧***', status: 'filed', platformLabel: '哔哩哔哩' });
      expect(JSON.stringify(res.body)).not.toContain(person.slice(-4));
      const measure = await t.http.get(`/api/public/accounts/${restricted.filingNo}`);
      expect(measure.body).toMatchObject({ status: 'restricted', statusLabel: '限制发布' });
      for (const no of [deregistered.filingNo, 'YH-ZMT-1999-000001', 'nonsense', "YH-ZMT-2026-00000'1"]) {
        const r = await t.http.get(`/api/public/accounts/${encodeURIComponent(no)}`);
        expect(r.status).toBe(404);
        expect(r.body.code).toBe('NOT_FOUND');
      }
    });
  });

  // ───────────────────────────── the service other modules call ─────────────────────────────
  describe('RegistryService', () => {
    const asUser = (u: U, role: AuthUser['role']): AuthUser => ({ id: u.id, username: u.username, role, displayName: '', organization: null });

    it('findAccountForUser: own → the account; foreign → 404; office → any; other roles → 403', async () => {
      const registry = t.app.get(RegistryService);
      const subject = (await createSubject(t, opA.token)).id;
      const a = await createAccount(t, opA.token, subject);
      expect((await registry.findAccountForUser(asUser(opA, 'operator'), a.id)).id).toBe(a.id);
      expect((await registry.findAccountForUser(asUser(officer, 'officer'), a.id)).id).toBe(a.id);
      expect((await registry.findAccountForUser(asUser(approver, 'approver'), a.id)).id).toBe(a.id);
      await expect(registry.findAccountForUser(asUser(opB, 'operator'), a.id)).rejects.toMatchObject({ status: 404 });
      await expect(registry.findAccountForUser(asUser(officer, 'officer'), UNKNOWN_ID)).rejects.toMatchObject({ status: 404 });
      await expect(registry.findAccountForUser(asUser(evaluator, 'evaluator'), a.id)).rejects.toMatchObject({ status: 403 });
    });

    it('listOwnSubjects, listOwnAccounts, reviewQueue (oldest first), findAccountByFilingNo', async () => {
      const registry = t.app.get(RegistryService);
      const op = await t.user('operator');
      const s = await createSubject(t, op.token, individualBody());
      const first = await createAccount(t, op.token, s.id);
      const second = await createAccount(t, op.token, s.id);
      const subjects = await registry.listOwnSubjects(op.id);
      expect(subjects.map((x) => x.id)).toEqual([s.id]);
      expect(subjects[0].idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      const accounts = await registry.listOwnAccounts(op.id);
      expect(accounts.map((x) => x.id).sort()).toEqual([first.id, second.id].sort());
      const queue = await registry.reviewQueue(1, 100);
      expect(queue.items.every((x) => x.status === 'pending')).toBe(true);
      const times = queue.items.map((x) => new Date(x.createdAt).getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(queue.items.map((x) => x.id)).toEqual(expect.arrayContaining([first.id, second.id]));
      const filed = await review(t, officer.token, first.id, 'approve');
      expect((await registry.findAccountByFilingNo(filed.body.filingNo))?.id).toBe(first.id);
      expect(await registry.findAccountByFilingNo('bogus')).toBeNull();
    });
  });
});

describe('public lookup is rate limited per source address', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await bootTestApp({ RATE_LIMIT: 'true', RATE_LIMIT_PUBLIC: '3' });
  });
  afterAll(async () => {
    await r.close();
  });

  it('answers 429 RATE_LIMITED after the public limit, on the list and on one account (counted per route)', async () => {
    for (const path of ['/api/public/accounts', '/api/public/accounts/YH-ZMT-2026-000001']) {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await r.http.get(path));
      expect(answers.slice(0, 3).map((a) => a.status)).not.toContain(429);
      expect(answers[3].status).toBe(429);
      expect(answers[3].body.code).toBe('RATE_LIMITED');
    }
  });
});
