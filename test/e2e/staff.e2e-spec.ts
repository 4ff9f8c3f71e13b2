import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../src/common/crypto/field-cipher.js';
import { MediaAccount } from '../../src/modules/registry/account.entity.js';
import { todayInShanghai } from '../../src/modules/registry/registry-time.js';
import { Subject } from '../../src/modules/registry/subject.entity.js';
import { StaffFiling } from '../../src/modules/staff/staff-filing.entity.js';
import { StaffMember } from '../../src/modules/staff/staff-member.entity.js';
import { StaffService } from '../../src/modules/staff/staff.service.js';
import { makeCreditCode, makeIdNumber, makeMobile, withWrongCheck } from '../factories/identifiers.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

/** Editorial staff filings (§02.5-7): api.md "Registry" staff rows. */
describe('staff: editorial staff, trainings, records and roster filings', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let other: { id: string; token: string };
  let officer: { id: string; token: string };
  let officer2: { id: string; token: string };
  let approver: { id: string; token: string };
  let evaluator: { id: string; token: string };
  let auditor: { id: string; token: string };
  let sysadmin: string;

  const UNKNOWN = randomUUID();

  function tomorrow(): string {
    const d = new Date(`${todayInShanghai()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  /** A filed account of the operator, inserted directly (the registry's API is another module's). */
  async function makeAccount(ownerId: string, status: MediaAccount['status'] = 'filed'): Promise<string> {
    const ds = t.app.get(DataSource);
    const cipher = t.app.get(FieldCipher);
    const subject = ds.manager.create(Subject, {
      ownerId,
      kind: 'organization',
      name: `杭州测试传媒${Math.random().toString(36).slice(2, 6)}有限公司`,
      creditCode: makeCreditCode(),
      idNumberEnc: null,
      idNumberIndex: null,
      regionCode: '330110',
      registeredAddress: '杭州市余杭区文一西路1号',
      operatingAddress: '杭州市余杭区文一西路1号',
      businessScope: '文化传媒',
      contactName: '联系人',
      contactPhoneEnc: cipher.encrypt('13800000000'),
    });
    await ds.manager.save(subject);
    const account = ds.manager.create(MediaAccount, {
      subjectId: subject.id,
      ownerId,
      platform: 'wechat',
      platformAccountId: `gh_${randomUUID().slice(0, 12)}`,
      name: `余杭测试号${Math.random().toString(36).slice(2, 6)}`,
      url: null,
      category: 'news',
      followers: 100,
      status,
      filingNo: null,
    });
    await ds.manager.save(account);
    return account.id;
  }

  function memberBody(over: Record<string, unknown> = {}) {
    return { name: '张三', idNumber: makeIdNumber(), phone: makeMobile(), role: 'editor', fullTime: true, startDate: '2024-03-01', ...over };
  }

  async function addMember(accountId: string, over: Record<string, unknown> = {}, token = owner.token) {
    const res = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(token)).send(memberBody(over));
    expect(res.status).toBe(201);
    return res.body as { id: string; idNumber: string; phone: string };
  }

  /** An account with a chief editor and an editor: ready to file. */
  async function readyAccount(): Promise<{ accountId: string; chiefId: string; editorId: string }> {
    const accountId = await makeAccount(owner.id);
    const chief = await addMember(accountId, { name: '王总编', role: 'chief_editor' });
    const editor = await addMember(accountId, { name: '李编辑', role: 'editor' });
    return { accountId, chiefId: chief.id, editorId: editor.id };
  }

  function expectFieldError(res: { status: number; body: { code: string; details: { field: string; code: string }[] } }, field: string, code?: string) {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining(code ? { field, code } : { field })]));
  }

  beforeAll(async () => {
    t = await bootTestApp();
    [owner, other, officer, officer2, approver, evaluator, auditor] = await Promise.all([
      t.user('operator'),
      t.user('operator'),
      t.user('officer'),
      t.user('officer'),
      t.user('approver'),
      t.user('evaluator', { organization: '余杭区网络文化协会' }),
      t.user('auditor'),
    ]);
    sysadmin = await t.adminToken();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/accounts/:id/staff', () => {
    let accountId: string;
    beforeAll(async () => {
      accountId = await makeAccount(owner.id);
    });

    it('registers a member; ID number and phone are masked in the answer and encrypted at rest', async () => {
      const idNumber = makeIdNumber();
      const res = await t.http
        .post(`/api/accounts/${accountId}/staff`)
        .set(bearer(owner.token))
        .send({ name: ' 赵六 ', idNumber, phone: '13812345678', role: 'chief_editor', fullTime: true, startDate: '2023-01-15' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        accountId,
        name: '赵六',
        idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
        phone: '138****5678',
        role: 'chief_editor',
        roleLabel: '总编辑',
        fullTime: true,
        startDate: '2023-01-15',
        endDate: null,
        active: true,
      });
      const row = await t.app.get(DataSource).manager.findOneByOrFail(StaffMember, { id: res.body.id });
      expect(row.idNumberEnc).not.toContain(idNumber);
      expect(row.phoneEnc).not.toContain('13812345678');
      expect(t.app.get(FieldCipher).decrypt(row.idNumberEnc)).toBe(idNumber);
      expect(row.ownerId).toBe(owner.id);
    });

    it('accepts a lower-case x check character and today as start date', async () => {
      let id = makeIdNumber();
      while (!id.endsWith('X')) id = makeIdNumber();
      const res = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(memberBody({ idNumber: id.toLowerCase(), startDate: todayInShanghai() }));
      expect(res.status).toBe(201);
      expect(res.body.idNumber.endsWith('X')).toBe(true);
    });

    it('answers 404 to another operator and for unknown or malformed ids', async () => {
      for (const [id, token] of [
        [accountId, other.token],
        [UNKNOWN, owner.token],
        ['not-a-uuid', owner.token],
      ]) {
        const res = await t.http.post(`/api/accounts/${id}/staff`).set(bearer(token)).send(memberBody());
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });

    it('refuses every role but the operator (403) and the anonymous (401)', async () => {
      for (const token of [officer.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
        const res = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(token)).send(memberBody());
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const anon = await t.http.post(`/api/accounts/${accountId}/staff`).send(memberBody());
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
    });

    it('names each missing field', async () => {
      for (const field of ['name', 'idNumber', 'phone', 'role', 'fullTime', 'startDate']) {
        const body: Record<string, unknown> = memberBody();
        delete body[field];
        const res = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(body);
        expectFieldError(res, field, 'isDefined');
      }
    });

    it('refuses extra, mistyped and malformed fields with their codes', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ salary: 1 }, 'salary', 'unknown_field'],
        [{ name: '   ' }, 'name', 'isNotEmpty'],
        [{ name: '名'.repeat(65) }, 'name', 'maxLength'],
        [{ name: 42 }, 'name', 'isString'],
        [{ idNumber: withWrongCheck(makeIdNumber()) }, 'idNumber', 'idNumberCheck'],
        [{ idNumber: '33011019900101123' }, 'idNumber', 'matches'],
        [{ idNumber: '3301101990010112345' }, 'idNumber', 'matches'],
        [{ idNumber: 330110199001011234 }, 'idNumber', 'isString'],
        [{ phone: '12345' }, 'phone', 'phone'],
        [{ role: 'boss' }, 'role', 'isIn'],
        [{ fullTime: 'yes' }, 'fullTime', 'isBoolean'],
        [{ fullTime: 1 }, 'fullTime', 'isBoolean'],
        [{ startDate: '2026-02-30' }, 'startDate', 'isoDate'],
        [{ startDate: '2024/03/01' }, 'startDate', 'isoDate'],
        [{ startDate: '2024-03-01T00:00:00Z' }, 'startDate', 'isoDate'],
        [{ startDate: 20240301 }, 'startDate', 'isoDate'],
        [{ startDate: tomorrow() }, 'startDate', 'futureDate'],
      ];
      for (const [over, field, code] of cases) {
        const res = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(memberBody(over));
        expectFieldError(res, field, code);
      }
    });

    it('refuses a body that is not JSON', async () => {
      const res = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).set('Content-Type', 'application/json').send('{"name":');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses the same person twice on the roster and a second active chief editor (409)', async () => {
      const idNumber = makeIdNumber();
      await addMember(accountId, { idNumber });
      const dup = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(memberBody({ idNumber }));
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE');
      expect(dup.body.details).toEqual([expect.objectContaining({ field: 'idNumber' })]);
      const chief = await t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(memberBody({ role: 'chief_editor' }));
      expect(chief.status).toBe(409);
      expect(chief.body.code).toBe('DUPLICATE');
      expect(chief.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
    });

    it('refuses changes on a closed or deregistered account (409)', async () => {
      for (const status of ['closed', 'deregistered'] as const) {
        const closed = await makeAccount(owner.id, status);
        const res = await t.http.post(`/api/accounts/${closed}/staff`).set(bearer(owner.token)).send(memberBody());
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CONFLICT');
      }
    });
  });

  describe('GET /api/accounts/:id/staff', () => {
    let accountId: string;
    beforeAll(async () => {
      ({ accountId } = await readyAccount());
      const ended = await addMember(accountId, { name: '周离职', role: 'reviewer', startDate: '2020-01-01' });
      const res = await t.http.patch(`/api/staff/${ended.id}`).set(bearer(owner.token)).send({ endDate: '2021-01-01' });
      expect(res.status).toBe(200);
    });

    it('shows the owner the roster, active first and chief editor first, masked, with its filing state', async () => {
      const res = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(owner.token));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accountId, total: 3, page: 1, pageSize: 20, activeCount: 2, chiefEditor: '王总编', changedSinceLastFiling: true, lastFiling: null });
      expect(res.body.items.map((m: { name: string }) => m.name)).toEqual(['王总编', '李编辑', '周离职']);
      expect(res.body.items[2]).toMatchObject({ active: false, endDate: '2021-01-01' });
      for (const m of res.body.items) {
        expect(m.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
        expect(m.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      }
    });

    it('paginates', async () => {
      const res = await t.http.get(`/api/accounts/${accountId}/staff?page=2&pageSize=2`).set(bearer(owner.token));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(res.body.items).toHaveLength(1);
      const bad = await t.http.get(`/api/accounts/${accountId}/staff?pageSize=101`).set(bearer(owner.token));
      expectFieldError(bad, 'pageSize', 'max');
      const word = await t.http.get(`/api/accounts/${accountId}/staff?page=abc`).set(bearer(owner.token));
      expectFieldError(word, 'page');
      const extra = await t.http.get(`/api/accounts/${accountId}/staff?sort=name`).set(bearer(owner.token));
      expectFieldError(extra, 'sort', 'unknown_field');
    });

    it('lets officers and approvers read; another operator gets 404; other roles 403; anonymous 401', async () => {
      for (const token of [officer.token, approver.token]) {
        const res = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(token));
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(3);
      }
      const foreign = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(other.token));
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      const unknown = await t.http.get(`/api/accounts/${UNKNOWN}/staff`).set(bearer(officer.token));
      expect(unknown.status).toBe(404);
      for (const token of [evaluator.token, sysadmin, auditor.token]) {
        const res = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(token));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const anon = await t.http.get(`/api/accounts/${accountId}/staff`);
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('PATCH /api/staff/:id', () => {
    let accountId: string;
    let chiefId: string;
    let editorId: string;
    beforeAll(async () => {
      ({ accountId, chiefId, editorId } = await readyAccount());
    });

    it('changes role, full-time and phone (masked in the answer)', async () => {
      const res = await t.http.patch(`/api/staff/${editorId}`).set(bearer(owner.token)).send({ role: 'reviewer', fullTime: false, phone: '13900001111' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: editorId, role: 'reviewer', fullTime: false, phone: '139****1111', active: true });
    });

    it('keeps one active chief editor: promoting a second is 409, after the first leaves it works', async () => {
      const second = await t.http.patch(`/api/staff/${editorId}`).set(bearer(owner.token)).send({ role: 'chief_editor' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('DUPLICATE');
      expect(second.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
      const end = await t.http.patch(`/api/staff/${chiefId}`).set(bearer(owner.token)).send({ endDate: todayInShanghai() });
      expect(end.status).toBe(200);
      expect(end.body).toMatchObject({ active: false, endDate: todayInShanghai() });
      const promoted = await t.http.patch(`/api/staff/${editorId}`).set(bearer(owner.token)).send({ role: 'chief_editor' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('chief_editor');
    });

    it('freezes a member who left: changes, trainings and records answer 409 ILLEGAL_TRANSITION', async () => {
      const change = await t.http.patch(`/api/staff/${chiefId}`).set(bearer(owner.token)).send({ fullTime: true });
      expect(change.status).toBe(409);
      expect(change.body.code).toBe('ILLEGAL_TRANSITION');
      const again = await t.http.patch(`/api/staff/${chiefId}`).set(bearer(owner.token)).send({ endDate: todayInShanghai() });
      expect(again.status).toBe(409);
      const training = await t.http.post(`/api/staff/${chiefId}/trainings`).set(bearer(owner.token)).send({ date: '2025-01-01', organizer: 'office', topic: '培训', hours: 2 });
      expect(training.status).toBe(409);
      expect(training.body.code).toBe('ILLEGAL_TRANSITION');
      const record = await t.http.post(`/api/staff/${chiefId}/records`).set(bearer(owner.token)).send({ kind: 'reward', date: '2025-01-01', description: '表彰' });
      expect(record.status).toBe(409);
      expect(record.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('refuses bad input with the field at fault', async () => {
      const fresh = await addMember(accountId, { startDate: '2024-06-01' });
      const cases: [Record<string, unknown>, string, string][] = [
        [{}, 'body', 'isNotEmpty'],
        [{ endDate: '2024-05-31' }, 'endDate', 'beforeStartDate'],
        [{ endDate: tomorrow() }, 'endDate', 'futureDate'],
        [{ endDate: '2024-13-01' }, 'endDate', 'isoDate'],
        [{ endDate: null }, 'endDate', 'isoDate'],
        [{ role: 'intern' }, 'role', 'isIn'],
        [{ role: null }, 'role', 'isIn'],
        [{ fullTime: 'no' }, 'fullTime', 'isBoolean'],
        [{ phone: 'abc' }, 'phone', 'phone'],
        [{ name: '改名' }, 'name', 'unknown_field'],
        [{ startDate: '2024-01-01' }, 'startDate', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await t.http.patch(`/api/staff/${fresh.id}`).set(bearer(owner.token)).send(body);
        expectFieldError(res, field, code);
      }
      const sameDay = await t.http.patch(`/api/staff/${fresh.id}`).set(bearer(owner.token)).send({ endDate: '2024-06-01' });
      expect(sameDay.status).toBe(200);
    });

    it('answers 404 to another operator and unknown ids, 403 to the office, 401 anonymous', async () => {
      for (const [id, token] of [
        [editorId, other.token],
        [UNKNOWN, owner.token],
        ['123', owner.token],
      ]) {
        const res = await t.http.patch(`/api/staff/${id}`).set(bearer(token)).send({ fullTime: true });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const token of [officer.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
        const res = await t.http.patch(`/api/staff/${editorId}`).set(bearer(token)).send({ fullTime: true });
        expect(res.status).toBe(403);
      }
      const anon = await t.http.patch(`/api/staff/${editorId}`).send({ fullTime: true });
      expect(anon.status).toBe(401);
    });
  });

  describe('trainings, records and GET /api/staff/:id', () => {
    let accountId: string;
    let editorId: string;
    beforeAll(async () => {
      ({ accountId, editorId } = await readyAccount());
    });

    it('records a training in half hours (201) and a reward and a punishment (201)', async () => {
      const tr = await t.http.post(`/api/staff/${editorId}/trainings`).set(bearer(owner.token)).send({ date: '2025-05-20', organizer: 'office', topic: ' 网络内容编辑与传播 ', hours: 1.5 });
      expect(tr.status).toBe(201);
      expect(tr.body).toMatchObject({ id: expect.any(String), staffId: editorId, date: '2025-05-20', organizer: 'office', organizerLabel: '网信部门', topic: '网络内容编辑与传播', hours: 1.5 });
      const max = await t.http.post(`/api/staff/${editorId}/trainings`).set(bearer(owner.token)).send({ date: todayInShanghai(), organizer: 'association', topic: '从业人员职业道德规范', hours: 200 });
      expect(max.status).toBe(201);
      expect(max.body.organizerLabel).toBe('行业组织');
      const own = await t.http.post(`/api/staff/${editorId}/trainings`).set(bearer(owner.token)).send({ date: '2025-01-02', organizer: 'own_unit', topic: '内部培训', hours: 0.5 });
      expect(own.body.organizerLabel).toBe('本单位');
      const reward = await t.http.post(`/api/staff/${editorId}/records`).set(bearer(owner.token)).send({ kind: 'reward', date: '2025-06-01', description: '年度优秀编辑' });
      expect(reward.status).toBe(201);
      expect(reward.body).toMatchObject({ staffId: editorId, kind: 'reward', kindLabel: '奖励', date: '2025-06-01', description: '年度优秀编辑' });
      const punishment = await t.http.post(`/api/staff/${editorId}/records`).set(bearer(owner.token)).send({ kind: 'punishment', date: '2025-07-01', description: '未经核实转载信息，通报批评' });
      expect(punishment.status).toBe(201);
      expect(punishment.body.kindLabel).toBe('惩处');
    });

    it('shows one member with trainings and records to the owner, officers and approvers', async () => {
      for (const token of [owner.token, officer.token, approver.token]) {
        const res = await t.http.get(`/api/staff/${editorId}`).set(bearer(token));
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: editorId, accountId, name: '李编辑', trainingHours: 202 });
        expect(res.body.idNumber).toMatch(/\*{8}/);
        expect(res.body.trainings.map((x: { date: string }) => x.date)).toEqual(['2025-01-02', '2025-05-20', todayInShanghai()]);
        expect(res.body.records.map((x: { kind: string }) => x.kind)).toEqual(['reward', 'punishment']);
      }
    });

    it('GET /api/staff/:id: another operator and unknown ids 404, other roles 403, anonymous 401', async () => {
      for (const [id, token] of [
        [editorId, other.token],
        [UNKNOWN, officer.token],
        ['x', owner.token],
      ]) {
        const res = await t.http.get(`/api/staff/${id}`).set(bearer(token));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const token of [evaluator.token, sysadmin, auditor.token]) {
        const res = await t.http.get(`/api/staff/${editorId}`).set(bearer(token));
        expect(res.status).toBe(403);
      }
      expect((await t.http.get(`/api/staff/${editorId}`)).status).toBe(401);
    });

    it('refuses bad trainings with the field at fault', async () => {
      const ok = { date: '2025-05-20', organizer: 'office', topic: '培训', hours: 2 };
      const cases: [Record<string, unknown>, string, string][] = [
        [{ hours: 0 }, 'hours', 'isPositive'],
        [{ hours: -2 }, 'hours', 'isPositive'],
        [{ hours: 200.5 }, 'hours', 'max'],
        [{ hours: 1.25 }, 'hours', 'halfHourStep'],
        [{ hours: '2' }, 'hours', 'isNumber'],
        [{ hours: undefined }, 'hours', 'isDefined'],
        [{ organizer: 'ngo' }, 'organizer', 'isIn'],
        [{ organizer: undefined }, 'organizer', 'isDefined'],
        [{ topic: '' }, 'topic', 'isNotEmpty'],
        [{ topic: 'x'.repeat(201) }, 'topic', 'maxLength'],
        [{ topic: undefined }, 'topic', 'isDefined'],
        [{ date: '2025-02-29' }, 'date', 'isoDate'],
        [{ date: tomorrow() }, 'date', 'futureDate'],
        [{ date: undefined }, 'date', 'isDefined'],
        [{ trainer: '某老师' }, 'trainer', 'unknown_field'],
      ];
      for (const [over, field, code] of cases) {
        const res = await t.http.post(`/api/staff/${editorId}/trainings`).set(bearer(owner.token)).send({ ...ok, ...over });
        expectFieldError(res, field, code);
      }
    });

    it('refuses bad records with the field at fault', async () => {
      const ok = { kind: 'reward', date: '2025-05-20', description: '表彰' };
      const cases: [Record<string, unknown>, string, string][] = [
        [{ kind: 'bonus' }, 'kind', 'isIn'],
        [{ kind: undefined }, 'kind', 'isDefined'],
        [{ description: ' ' }, 'description', 'isNotEmpty'],
        [{ description: '事'.repeat(1001) }, 'description', 'maxLength'],
        [{ description: undefined }, 'description', 'isDefined'],
        [{ date: '2025-5-1' }, 'date', 'isoDate'],
        [{ date: tomorrow() }, 'date', 'futureDate'],
        [{ amount: 100 }, 'amount', 'unknown_field'],
      ];
      for (const [over, field, code] of cases) {
        const res = await t.http.post(`/api/staff/${editorId}/records`).set(bearer(owner.token)).send({ ...ok, ...over });
        expectFieldError(res, field, code);
      }
    });

    it('trainings and records: the owner only (404 another operator, 403 office and others, 401 anonymous)', async () => {
      const training = { date: '2025-05-20', organizer: 'office', topic: '培训', hours: 2 };
      const record = { kind: 'reward', date: '2025-05-20', description: '表彰' };
      for (const [path, body] of [
        ['trainings', training],
        ['records', record],
      ] as const) {
        const foreign = await t.http.post(`/api/staff/${editorId}/${path}`).set(bearer(other.token)).send(body);
        expect(foreign.status).toBe(404);
        expect(foreign.body.code).toBe('NOT_FOUND');
        const unknown = await t.http.post(`/api/staff/${UNKNOWN}/${path}`).set(bearer(owner.token)).send(body);
        expect(unknown.status).toBe(404);
        for (const token of [officer.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
          const res = await t.http.post(`/api/staff/${editorId}/${path}`).set(bearer(token)).send(body);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
        expect((await t.http.post(`/api/staff/${editorId}/${path}`).send(body)).status).toBe(401);
      }
    });
  });

  describe('filings: submission, review and versions', () => {
    it('refuses to file a roster with no active member or no chief editor (400 field staff)', async () => {
      const empty = await makeAccount(owner.id);
      const none = await t.http.post(`/api/accounts/${empty}/staff-filings`).set(bearer(owner.token)).send({});
      expectFieldError(none, 'staff', 'no_active_member');
      await addMember(empty, { role: 'editor' });
      const noChief = await t.http.post(`/api/accounts/${empty}/staff-filings`).set(bearer(owner.token)).send({});
      expectFieldError(noChief, 'staff', 'no_chief_editor');
      const leaving = await addMember(empty, { role: 'chief_editor', startDate: '2020-01-01' });
      await t.http.patch(`/api/staff/${leaving.id}`).set(bearer(owner.token)).send({ endDate: '2022-01-01' }).expect(200);
      const ended = await t.http.post(`/api/accounts/${empty}/staff-filings`).set(bearer(owner.token)).send({});
      expectFieldError(ended, 'staff', 'no_chief_editor');
    });

    it('submission: extra fields 400; another operator and unknown ids 404; other roles 403; anonymous 401', async () => {
      const { accountId } = await readyAccount();
      const extra = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({ version: 7 });
      expectFieldError(extra, 'version', 'unknown_field');
      for (const [id, token] of [
        [accountId, other.token],
        [UNKNOWN, owner.token],
        ['nope', owner.token],
      ]) {
        const res = await t.http.post(`/api/accounts/${id}/staff-filings`).set(bearer(token)).send({});
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const token of [officer.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
        const res = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(token)).send({});
        expect(res.status).toBe(403);
      }
      expect((await t.http.post(`/api/accounts/${accountId}/staff-filings`).send({})).status).toBe(401);
      // Nothing was filed by the refused attempts.
      const list = await t.http.get(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token));
      expect(list.body.total).toBe(0);
      // A submission with no body at all is the same as {}.
      const bare = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token));
      expect(bare.status).toBe(201);
    });

    it('versions: v1 accepted, a change, v2 submitted; both readable and v1 unchanged', async () => {
      const { accountId, editorId } = await readyAccount();
      const ds = t.app.get(DataSource);

      const v1 = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      expect(v1.status).toBe(201);
      expect(v1.body).toEqual({ id: expect.any(String), version: 1, status: 'submitted' });

      // While v1 awaits review, no second filing.
      const pending = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      expect(pending.status).toBe(409);
      expect(pending.body.code).toBe('CONFLICT');

      // The snapshot keeps ID numbers and phones encrypted exactly as stored.
      const row = await ds.manager.findOneByOrFail(StaffFiling, { id: v1.body.id });
      const editorRow = await ds.manager.findOneByOrFail(StaffMember, { id: editorId });
      const snapMember = row.snapshot.members.find((m) => m.id === editorId)!;
      expect(snapMember.idNumberEnc).toBe(editorRow.idNumberEnc);
      expect(snapMember.phoneEnc).toBe(editorRow.phoneEnc);
      expect(JSON.stringify(row.snapshot)).not.toContain(t.app.get(FieldCipher).decrypt(editorRow.idNumberEnc));

      let roster = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(owner.token));
      expect(roster.body.changedSinceLastFiling).toBe(false);
      expect(roster.body.lastFiling).toMatchObject({ id: v1.body.id, version: 1, status: 'submitted' });

      const accept = await t.http.post(`/api/staff-filings/${v1.body.id}/review`).set(bearer(officer.token)).send({ decision: 'accept' });
      expect(accept.status).toBe(200);
      expect(accept.body).toMatchObject({ id: v1.body.id, version: 1, status: 'accepted', statusLabel: '已备案', reviewedBy: officer.id, reason: null });
      expect(accept.body.reviewedAt).toEqual(expect.any(String));

      const v1Before = await t.http.get(`/api/staff-filings/${v1.body.id}`).set(bearer(owner.token));
      expect(v1Before.status).toBe(200);

      // The same phone again is no change; a training and a new phone are.
      await t.http.patch(`/api/staff/${editorId}`).set(bearer(owner.token)).send({ phone: t.app.get(FieldCipher).decrypt(editorRow.phoneEnc) }).expect(200);
      roster = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(owner.token));
      expect(roster.body.changedSinceLastFiling).toBe(false);
      await t.http.post(`/api/staff/${editorId}/trainings`).set(bearer(owner.token)).send({ date: '2025-09-09', organizer: 'association', topic: '网络素养培训', hours: 4 }).expect(201);
      await t.http.patch(`/api/staff/${editorId}`).set(bearer(owner.token)).send({ phone: '13711112222' }).expect(200);
      roster = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(owner.token));
      expect(roster.body.changedSinceLastFiling).toBe(true);
      expect(roster.body.lastFiling).toMatchObject({ version: 1, status: 'accepted' });

      const v2 = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      expect(v2.status).toBe(201);
      expect(v2.body).toEqual({ id: expect.any(String), version: 2, status: 'submitted' });

      const list = await t.http.get(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, page: 1 });
      expect(list.body.items.map((f: { version: number; status: string }) => [f.version, f.status])).toEqual([
        [2, 'submitted'],
        [1, 'accepted'],
      ]);

      const v1After = await t.http.get(`/api/staff-filings/${v1.body.id}`).set(bearer(owner.token));
      expect(v1After.body.snapshot).toEqual(v1Before.body.snapshot);
      const v1Editor = v1After.body.snapshot.members.find((m: { id: string }) => m.id === editorId);
      expect(v1Editor.trainings).toEqual([]);
      expect(v1Editor.phone).not.toBe('137****2222');

      const v2Detail = await t.http.get(`/api/staff-filings/${v2.body.id}`).set(bearer(officer.token));
      expect(v2Detail.status).toBe(200);
      expect(v2Detail.body).toMatchObject({ version: 2, status: 'submitted', accountId, accountName: expect.any(String), policyVersion: expect.any(String) });
      const v2Editor = v2Detail.body.snapshot.members.find((m: { id: string }) => m.id === editorId);
      expect(v2Editor).toMatchObject({ name: '李编辑', roleLabel: '编辑', phone: '137****2222', trainingHours: 4 });
      expect(v2Editor.trainings).toEqual([expect.objectContaining({ date: '2025-09-09', organizerLabel: '行业组织', hours: 4 })]);
      expect(v2Detail.body.snapshot.summary).toMatchObject({ activeCount: 2, chiefEditor: '王总编' });
      expect(v2Editor.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

      // Return v2 with reasons; v3 follows; versions stay gap-free.
      const ret = await t.http.post(`/api/staff-filings/${v2.body.id}/review`).set(bearer(officer.token)).send({ decision: 'return', reason: ' 培训记录缺少证明材料 ' });
      expect(ret.status).toBe(200);
      expect(ret.body).toMatchObject({ status: 'returned', reason: '培训记录缺少证明材料' });
      roster = await t.http.get(`/api/accounts/${accountId}/staff`).set(bearer(owner.token));
      expect(roster.body.lastFiling).toMatchObject({ version: 1, status: 'accepted' });
      expect(roster.body.changedSinceLastFiling).toBe(true);
      const v3 = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      expect(v3.body).toEqual({ id: expect.any(String), version: 3, status: 'submitted' });

      // The audit trail has every change, personal data masked.
      const audit = await t.http.get(`/api/audit?entityType=staffFiling&entityId=${v2.body.id}`).set(bearer(auditor.token));
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['staffFiling.return', 'staffFiling.submit']);
      const memberAudit = await t.http.get(`/api/audit?entityType=staffMember&entityId=${editorId}`).set(bearer(auditor.token));
      expect(memberAudit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['staff.create', 'staff.update', 'staff.update']);
      const trail = JSON.stringify(memberAudit.body) + JSON.stringify(audit.body);
      expect(trail).not.toContain(t.app.get(FieldCipher).decrypt(editorRow.idNumberEnc));
      expect(trail).not.toContain('13711112222');
      expect(trail).toContain('137****2222');
      const trainingAudit = await t.http.get('/api/audit?action=staff.training.create').set(bearer(auditor.token));
      expect(trainingAudit.body.total).toBeGreaterThan(0);
      const verify = await t.http.get('/api/audit/verify').set(bearer(auditor.token));
      expect(verify.body.valid).toBe(true);
    });

    it('review: reasons to return, decisions, roles and states', async () => {
      const { accountId } = await readyAccount();
      const filing = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      const url = `/api/staff-filings/${filing.body.id}/review`;
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({ decision: 'return' }), 'reason', 'isDefined');
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({ decision: 'return', reason: '   ' }), 'reason', 'isNotEmpty');
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({ decision: 'return', reason: '理'.repeat(501) }), 'reason', 'maxLength');
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({ decision: 'approve' }), 'decision', 'isIn');
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({}), 'decision', 'isDefined');
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({ decision: 'accept', grade: 'A' }), 'grade', 'unknown_field');
      for (const token of [owner.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
        const res = await t.http.post(url).set(bearer(token)).send({ decision: 'accept' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await t.http.post(url).send({ decision: 'accept' })).status).toBe(401);
      for (const id of [UNKNOWN, 'zzz']) {
        const res = await t.http.post(`/api/staff-filings/${id}/review`).set(bearer(officer.token)).send({ decision: 'accept' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expectFieldError(await t.http.post(url).set(bearer(officer.token)).send({ decision: 'accept', reason: 5 }), 'reason', 'isString');
      const ok = await t.http.post(url).set(bearer(officer.token)).send({ decision: 'accept', reason: '材料齐全' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'accepted', reason: '材料齐全' });
      const again = await t.http.post(url).set(bearer(officer2.token)).send({ decision: 'return', reason: '重复审核' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('GET /api/staff-filings/:id and /api/accounts/:id/staff-filings: who may read', async () => {
      const { accountId } = await readyAccount();
      const filing = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      for (const token of [owner.token, officer.token, approver.token]) {
        const one = await t.http.get(`/api/staff-filings/${filing.body.id}`).set(bearer(token));
        expect(one.status).toBe(200);
        expect(one.body.snapshot.members).toHaveLength(2);
        const list = await t.http.get(`/api/accounts/${accountId}/staff-filings`).set(bearer(token));
        expect(list.status).toBe(200);
        expect(list.body.total).toBe(1);
      }
      for (const [url, token] of [
        [`/api/staff-filings/${filing.body.id}`, other.token],
        [`/api/staff-filings/${UNKNOWN}`, officer.token],
        ['/api/staff-filings/abc', officer.token],
        [`/api/accounts/${accountId}/staff-filings`, other.token],
        [`/api/accounts/${UNKNOWN}/staff-filings`, officer.token],
      ]) {
        const res = await t.http.get(url).set(bearer(token));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const token of [evaluator.token, sysadmin, auditor.token]) {
        expect((await t.http.get(`/api/staff-filings/${filing.body.id}`).set(bearer(token))).status).toBe(403);
        expect((await t.http.get(`/api/accounts/${accountId}/staff-filings`).set(bearer(token))).status).toBe(403);
      }
      expect((await t.http.get(`/api/staff-filings/${filing.body.id}`)).status).toBe(401);
      expect((await t.http.get(`/api/accounts/${accountId}/staff-filings`)).status).toBe(401);
      expectFieldError(await t.http.get(`/api/accounts/${accountId}/staff-filings?pageSize=0`).set(bearer(owner.token)), 'pageSize', 'min');
    });

    it('the review queue: officers only, oldest first, paginated, filtered by status', async () => {
      const a = await readyAccount();
      const b = await readyAccount();
      const first = await t.http.post(`/api/accounts/${a.accountId}/staff-filings`).set(bearer(owner.token)).send({});
      await new Promise((r) => setTimeout(r, 1100)); // createdAt has whole seconds on MySQL
      const second = await t.http.post(`/api/accounts/${b.accountId}/staff-filings`).set(bearer(owner.token)).send({});
      const res = await t.http.get('/api/staff-filings?status=submitted&pageSize=100').set(bearer(officer.token));
      expect(res.status).toBe(200);
      const ids = res.body.items.map((f: { id: string }) => f.id);
      expect(ids.indexOf(first.body.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(first.body.id)).toBeLessThan(ids.indexOf(second.body.id));
      expect(res.body.items.every((f: { status: string }) => f.status === 'submitted')).toBe(true);
      expect(res.body.items.find((f: { id: string }) => f.id === first.body.id)).toMatchObject({ accountId: a.accountId, accountName: expect.any(String), platform: 'wechat', version: 1 });
      const page = await t.http.get('/api/staff-filings?status=submitted&page=1&pageSize=1').set(bearer(officer.token));
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ page: 1, pageSize: 1, total: res.body.total });
      expect(page.body.items).toHaveLength(1);
      const all = await t.http.get('/api/staff-filings').set(bearer(officer.token));
      expect(all.body.total).toBeGreaterThanOrEqual(res.body.total);
      const accepted = await t.http.get('/api/staff-filings?status=accepted').set(bearer(officer.token));
      expect(accepted.body.items.every((f: { status: string }) => f.status === 'accepted')).toBe(true);
      expectFieldError(await t.http.get('/api/staff-filings?status=pending').set(bearer(officer.token)), 'status', 'isIn');
      expectFieldError(await t.http.get('/api/staff-filings?pageSize=500').set(bearer(officer.token)), 'pageSize', 'max');
      for (const token of [owner.token, approver.token, evaluator.token, sysadmin, auditor.token]) {
        const denied = await t.http.get('/api/staff-filings?status=submitted').set(bearer(token));
        expect(denied.status).toBe(403);
        expect(denied.body.code).toBe('FORBIDDEN');
      }
      expect((await t.http.get('/api/staff-filings')).status).toBe(401);
    });
  });

  describe('StaffService (what the portal calls)', () => {
    it('rosterForUser, filingsForUser, filingForUser, memberForUser and reviewQueue apply the same access rules', async () => {
      const staff = t.app.get(StaffService);
      const { accountId, editorId } = await readyAccount();
      const filing = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      const asUser = (u: { id: string }, role: 'operator' | 'officer' | 'approver') => ({ id: u.id, role, username: role, displayName: role, organization: null });
      const roster = await staff.rosterForUser(asUser(owner, 'operator'), accountId);
      expect(roster).toMatchObject({ total: 2, changedSinceLastFiling: false, lastFiling: { version: 1, status: 'submitted' } });
      const filings = await staff.filingsForUser(asUser(approver, 'approver'), accountId);
      expect(filings.items.map((f) => f.id)).toEqual([filing.body.id]);
      const detail = await staff.filingForUser(asUser(officer, 'officer'), filing.body.id);
      expect(detail.snapshot.members).toHaveLength(2);
      const member = await staff.memberForUser(asUser(owner, 'operator'), editorId);
      expect(member.name).toBe('李编辑');
      await expect(staff.rosterForUser(asUser(other, 'operator'), accountId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(staff.filingForUser(asUser(other, 'operator'), filing.body.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const queue = await staff.reviewQueue(1);
      expect(queue).toMatchObject({ page: 1, pageSize: 20 });
      expect(queue.items.some((f) => f.id === filing.body.id)).toBe(true);
      expect(queue.items.every((f) => f.status === 'submitted')).toBe(true);
      const second = await staff.reviewQueue({ page: 1, pageSize: 1 });
      expect(second.items).toHaveLength(1);
      expect(second.total).toBe(queue.total);
    });
  });

  describe('concurrency', () => {
    it('two submissions at once: one 201, one 409; versions stay 1', async () => {
      const { accountId } = await readyAccount();
      const results = await Promise.all([
        t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({}),
        t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({}),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('CONFLICT');
      const list = await t.http.get(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token));
      expect(list.body.items.map((f: { version: number }) => f.version)).toEqual([1]);
    });

    it('two reviews at once: one 200, one 409 ILLEGAL_TRANSITION', async () => {
      const { accountId } = await readyAccount();
      const filing = await t.http.post(`/api/accounts/${accountId}/staff-filings`).set(bearer(owner.token)).send({});
      const results = await Promise.all([
        t.http.post(`/api/staff-filings/${filing.body.id}/review`).set(bearer(officer.token)).send({ decision: 'accept' }),
        t.http.post(`/api/staff-filings/${filing.body.id}/review`).set(bearer(officer2.token)).send({ decision: 'return', reason: '人员信息不全' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('ILLEGAL_TRANSITION');
      const winner = results.find((r) => r.status === 200)!.body.status;
      const detail = await t.http.get(`/api/staff-filings/${filing.body.id}`).set(bearer(officer.token));
      expect(detail.body.status).toBe(winner);
      const audit = await t.http.get(`/api/audit?entityType=staffFiling&entityId=${filing.body.id}`).set(bearer(auditor.token));
      expect(audit.body.total).toBe(2);
    });

    it('two chief editors added at once: one 201, one 409', async () => {
      const accountId = await makeAccount(owner.id);
      const results = await Promise.all([
        t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(memberBody({ role: 'chief_editor' })),
        t.http.post(`/api/accounts/${accountId}/staff`).set(bearer(owner.token)).send(memberBody({ role: 'chief_editor' })),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });
  });
});
