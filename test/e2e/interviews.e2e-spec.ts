import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { beijingDate, DeadlineCalendar } from '../../src/modules/calendar/deadline-calendar.js';
import { Interview } from '../../src/modules/interviews/interview.entity.js';
import { InterviewsService } from '../../src/modules/interviews/interviews.service.js';
import { SequenceCounter } from '../../src/database/sequence.entity.js';
import {
  beijingIso,
  holdBody,
  holdInterview,
  interviewBody,
  type Office,
  office,
  type Person,
  scheduleInterview,
} from '../factories/interviews.js';
import { createAccount, createSubject, type FiledAccount, filedAccount, organizationBody } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

const calendar = new DeadlineCalendar();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The text of a .docx (all runs of word/document.xml), after checking it is a zip. */
async function docxText(body: Buffer): Promise<string> {
  expect(body.subarray(0, 2).toString()).toBe('PK');
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

function findSoffice(): string | null {
  for (const cmd of ['soffice', 'libreoffice']) {
    if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0) return cmd;
  }
  return null;
}
const SOFFICE = findSoffice();

describe('interviews (约谈), rectification and assessment', () => {
  let t: TestApp;
  let o: Office;
  let account: FiledAccount;
  let otherOperator: Person;
  let sysadmin: string;
  let auditor: Person;
  let panel: string[];

  beforeAll(async () => {
    t = await bootTestApp();
    o = await office(t);
    account = await filedAccount(t, o.officer.token);
    otherOperator = await t.user('operator');
    sysadmin = await t.adminToken();
    auditor = await t.user('auditor');
    panel = [o.officer.id, o.officer2.id];
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const post = (path: string, token: string | undefined, body: Record<string, unknown> = {}) =>
    token ? t.http.post(path).set(bearer(token)).send(body) : t.http.post(path).send(body);

  describe('scheduling and the notice', () => {
    it('an officer schedules an interview: 201 with the notice number; the summoned person defaults to the principal contact', async () => {
      const res = await post('/api/interviews', o.officer.token, interviewBody(account.accountId, panel));
      expect(res.status).toBe(201);
      const year = beijingDate().slice(0, 4);
      expect(res.body).toMatchObject({ id: expect.any(String), noticeNo: expect.stringMatching(new RegExp(`^YH-WXYT-${year}-\\d{4}$`)), status: 'scheduled' });
      expect(res.body).toMatchObject({
        accountId: account.accountId,
        filingNo: account.filingNo,
        summonedPerson: { name: '王经理', title: '主要负责人' },
        triggers: [expect.objectContaining({ code: 'T1' }), expect.objectContaining({ code: 'T3' })],
        officers: [expect.objectContaining({ id: o.officer.id }), expect.objectContaining({ id: o.officer2.id })],
        deadline: null,
        actions: ['hold', 'refuse'],
      });
      const detail = await get(`/api/interviews/${res.body.id}`, o.officer.token);
      expect(detail.status).toBe(200);
      expect(detail.body.timeline).toEqual([
        expect.objectContaining({ seq: 1, action: 'schedule', toStatus: 'scheduled', citation: '§03.2', policyKey: 'interviewTriggers', policyVersion: expect.any(String), actor: expect.objectContaining({ id: o.officer.id }) }),
      ]);
      // The caller need not sit on the panel; a named summoned person is kept.
      const other = await post('/api/interviews', o.officer.token, interviewBody(account.accountId, [o.officer2.id, (await t.user('officer')).id], { summonedPerson: { name: '李总', title: '总编辑' } }));
      expect(other.status).toBe(201);
      expect(other.body.summonedPerson).toEqual({ name: '李总', title: '总编辑' });
    });

    it('refuses bad input with the field at fault', async () => {
      const operatorId = account.operator.id;
      const pendingOwner = await t.user('operator');
      const pending = await createAccount(t, pendingOwner.token, (await createSubject(t, pendingOwner.token, organizationBody())).id);
      const base = (over: Record<string, unknown>) => interviewBody(account.accountId, panel, over);
      const cases: [Record<string, unknown>, string, string][] = [
        [base({ accountId: undefined }), 'accountId', 'isUuid'],
        [base({ accountId: 'abc' }), 'accountId', 'isUuid'],
        [base({ accountId: UNKNOWN_ID }), 'accountId', 'unknown_account'],
        [base({ accountId: pending.id }), 'accountId', 'account_not_interviewable'],
        [base({ triggers: [] }), 'triggers', 'arrayMinSize'],
        [base({ triggers: ['T7'] }), 'triggers', 'isIn'],
        [base({ triggers: ['T1', 'T1'] }), 'triggers', 'arrayUnique'],
        [base({ triggers: 'T1' }), 'triggers', 'isArray'],
        [base({ facts: '' }), 'facts', 'isNotEmpty'],
        [base({ facts: 42 }), 'facts', 'isString'],
        [base({ scheduledAt: beijingIso(-3600_000) }), 'scheduledAt', 'not_future'],
        [base({ scheduledAt: '2030-11-30T09:30:00' }), 'scheduledAt', 'matches'],
        [base({ scheduledAt: '2030-11-30' }), 'scheduledAt', 'matches'],
        [base({ scheduledAt: '2030-02-30T09:30:00+08:00' }), 'scheduledAt', 'isIso8601'],
        [base({ location: undefined }), 'location', 'isNotEmpty'],
        [base({ officerIds: [o.officer.id] }), 'officerIds', 'arrayMinSize'],
        [base({ officerIds: [o.officer.id, o.officer.id] }), 'officerIds', 'arrayUnique'],
        [base({ officerIds: [o.officer.id, 'x'] }), 'officerIds', 'isUuid'],
        [base({ officerIds: [o.officer.id, operatorId] }), 'officerIds', 'not_active_officer'],
        [base({ officerIds: [o.officer.id, o.approver.id] }), 'officerIds', 'not_active_officer'],
        [base({ officerIds: [o.officer.id, UNKNOWN_ID] }), 'officerIds', 'not_active_officer'],
        [base({ summonedPerson: { name: '李总' } }), 'summonedPerson.title', 'isNotEmpty'],
        [base({ summonedPerson: { name: '李总', title: '经理', phone: '1' } }), 'summonedPerson.phone', 'unknown_field'],
        [base({ summonedPerson: '李总' }), 'summonedPerson', 'isObject'],
        [base({ status: 'held' }), 'status', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post('/api/interviews', o.officer.token, body);
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
        expect({ field, details: res.body.details }).toEqual({ field, details: expect.arrayContaining([expect.objectContaining({ field, code })]) });
      }
      const badJson = await t.http.post('/api/interviews').set(bearer(o.officer.token)).set('Content-Type', 'application/json').send('{"accountId":');
      expect(badJson.status).toBe(400);
    });

    it('only officers schedule', async () => {
      const body = interviewBody(account.accountId, panel);
      for (const token of [account.operator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
        const res = await post('/api/interviews', token, body);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      const anon = await post('/api/interviews', undefined, body);
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
    });

    it('ten creations at once get ten consecutive notice numbers, no gaps, no duplicates', async () => {
      const before = await t.app.get(DataSource).getRepository(SequenceCounter).findOneBy({ name: `interview-notice:${beijingDate().slice(0, 4)}` });
      const results = await Promise.all(Array.from({ length: 10 }, () => post('/api/interviews', o.officer.token, interviewBody(account.accountId, panel))));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      const seqs = results.map((r) => Number(String(r.body.noticeNo).slice(-4))).sort((a, b) => a - b);
      const start = (before?.value ?? 0) + 1;
      expect(seqs).toEqual(Array.from({ length: 10 }, (_, k) => start + k));
    });

    it('the notice is a printable page and a Word file for officers, approvers and the owner', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel, { facts: '转载不实信息<script>alert(1)</script>' });
      for (const token of [o.officer.token, o.approver.token, account.operator.token]) {
        const res = await get(`/api/interviews/${i.id}/notice`, token);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.text).toContain('约谈通知书');
        expect(res.text).toContain(i.noticeNo);
        expect(res.text).toContain(account.name);
        expect(res.text).toContain('主要负责人');
        expect(res.text).toContain('&lt;script&gt;');
        expect(res.text).not.toContain('<script>alert(1)</script>');
      }
      const docx = await get(`/api/interviews/${i.id}/notice.docx`, account.operator.token).responseType('blob');
      expect(docx.status).toBe(200);
      expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(docx.headers['content-disposition']).toBe(`attachment; filename="interview-notice-${i.noticeNo}.docx"`);
      const text = await docxText(docx.body as Buffer);
      expect(text).toContain('约谈通知书');
      expect(text).toContain(i.noticeNo);
      expect(text).toContain('余杭区互联网信息办公室');
      expect(text).toContain('不得拒绝、阻挠');
      // Minutes and order come with the hold.
      for (const doc of ['minutes', 'minutes.docx', 'rectification-order', 'rectification-order.docx']) {
        const res = await get(`/api/interviews/${i.id}/${doc}`, o.officer.token);
        expect({ doc, status: res.status, code: res.body.code }).toEqual({ doc, status: 404, code: 'NOT_FOUND' });
      }
      // Others: 404 for operators not owning it, 403 for roles without access, 401 anonymous.
      for (const path of ['notice', 'notice.docx']) {
        expect((await get(`/api/interviews/${i.id}/${path}`, otherOperator.token)).status).toBe(404);
        expect((await get(`/api/interviews/${i.id}/${path}`, o.evaluator.token)).status).toBe(404);
        expect((await get(`/api/interviews/${i.id}/${path}`, sysadmin)).status).toBe(403);
        expect((await get(`/api/interviews/${i.id}/${path}`, auditor.token)).status).toBe(403);
        expect((await get(`/api/interviews/${i.id}/${path}`)).status).toBe(401);
        expect((await get(`/api/interviews/${UNKNOWN_ID}/${path}`, o.officer.token)).status).toBe(404);
        expect((await get(`/api/interviews/not-a-uuid/${path}`, o.officer.token)).status).toBe(404);
      }
    });

    (SOFFICE || process.env.CI === 'true' ? it : it.skip)('LibreOffice opens the notice .docx and reads its text (headless conversion)', async () => {
      if (!SOFFICE) throw new Error('soffice is missing: install libreoffice-writer-nogui (CI must check the .docx with LibreOffice)');
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      const docx = await get(`/api/interviews/${i.id}/notice.docx`, o.officer.token).responseType('blob');
      const dir = mkdtempSync(join(tmpdir(), 'lo-'));
      try {
        const file = join(dir, 'notice.docx');
        writeFileSync(file, docx.body as Buffer);
        // Its own profile directory: runs in parallel with other conversions and leaves no state behind.
        await promisify(execFile)(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, file], { timeout: 120_000 });
        const text = readFileSync(join(dir, 'notice.txt'), 'utf8');
        expect(text).toContain('约谈通知书');
        expect(text).toContain(i.noticeNo);
        expect(text).toContain(account.name);
        expect(text).toContain('余杭区互联网信息办公室');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });

  describe('reading interviews', () => {
    let mine: { id: string };
    let foreign: FiledAccount;

    beforeAll(async () => {
      mine = await scheduleInterview(t, o.officer, account.accountId, panel, { scheduledAt: beijingIso(40 * 24 * 3600_000) });
      foreign = await filedAccount(t, o.officer.token);
      await scheduleInterview(t, o.officer, foreign.accountId, panel);
    });

    it('officers and approvers see all; operators their own accounts’; evaluators only what they assess', async () => {
      for (const token of [o.officer.token, o.approver.token]) {
        const res = await get('/api/interviews?pageSize=100', token);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number) });
        const accounts = new Set(res.body.items.map((i: { accountId: string }) => i.accountId));
        expect(accounts).toEqual(new Set([account.accountId, foreign.accountId]));
      }
      const own = await get('/api/interviews?pageSize=100', account.operator.token);
      expect(own.status).toBe(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(own.body.items.every((i: { accountId: string }) => i.accountId === account.accountId)).toBe(true);
      const other = await get('/api/interviews', otherOperator.token);
      expect(other.body).toMatchObject({ items: [], total: 0 });
      const evaluator = await get('/api/interviews', o.evaluator.token);
      expect(evaluator.status).toBe(200);
      expect(evaluator.body.items.every((i: { assessor: { id: string } | null }) => i.assessor?.id === o.evaluator.id)).toBe(true);
      for (const token of [sysadmin, auditor.token]) expect((await get('/api/interviews', token)).status).toBe(403);
      expect((await get('/api/interviews')).status).toBe(401);
    });

    it('filters by status, account and the day of the interview', async () => {
      const byAccount = await get(`/api/interviews?accountId=${foreign.accountId}`, o.officer.token);
      expect(byAccount.body.total).toBe(1);
      const day = beijingIso(40 * 24 * 3600_000).slice(0, 10);
      const onDay = await get(`/api/interviews?from=${day}&to=${day}`, o.officer.token);
      expect(onDay.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
      const before = await get(`/api/interviews?to=${beijingDate()}&status=scheduled`, o.officer.token);
      expect(before.body.items).toEqual([]);
      const held = await get('/api/interviews?status=passed', o.officer.token);
      expect(held.body.items.every((i: { status: string }) => i.status === 'passed')).toBe(true);
      const cases: [string, string, string][] = [
        ['status=closed', 'status', 'isIn'],
        ['accountId=abc', 'accountId', 'isUuid'],
        ['from=yesterday', 'from', 'isIso8601'],
        ['to=2026-13-01', 'to', 'isIso8601'],
        ['pageSize=101', 'pageSize', 'max'],
        ['owner=me', 'owner', 'unknown_field'],
      ];
      for (const [query, field, code] of cases) {
        const res = await get(`/api/interviews?${query}`, o.officer.token);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
    });

    it('one interview: the owner, officers and approvers; 404 for other operators and evaluators, unknown ids', async () => {
      for (const token of [o.officer.token, o.approver.token, account.operator.token]) {
        const res = await get(`/api/interviews/${mine.id}`, token);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: mine.id, reports: [], timeline: [expect.objectContaining({ action: 'schedule' })] });
      }
      for (const token of [otherOperator.token, o.evaluator.token]) {
        const res = await get(`/api/interviews/${mine.id}`, token);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      for (const token of [sysadmin, auditor.token]) expect((await get(`/api/interviews/${mine.id}`, token)).status).toBe(403);
      expect((await get(`/api/interviews/${mine.id}`)).status).toBe(401);
      expect((await get(`/api/interviews/${UNKNOWN_ID}`, o.officer.token)).status).toBe(404);
      expect((await get('/api/interviews/123', o.officer.token)).status).toBe(404);
    });
  });

  describe('the hold, refusal, rectification and assessment', () => {
    it('holding records the minutes and the deadline (15 working days by default) and issues the order', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      const res = await post(`/api/interviews/${i.id}/hold`, o.officer2.token, holdBody());
      expect(res.status).toBe(200);
      const deadline = calendar.addWorkingDays(beijingDate(), 15);
      expect(res.body).toMatchObject({
        status: 'rectifying',
        deadline,
        orderNo: expect.stringMatching(/^YH-WXZG-\d{4}-\d{4}$/),
        problems: ['转载未经证实的信息', '未及时处置违法信息'],
        requirements: ['删除相关内容并公开更正', '建立内容审核台账'],
        deadlineText: expect.stringMatching(/^还剩\d+个工作日$/),
        heldAt: expect.any(String),
      });
      const detail = await get(`/api/interviews/${i.id}`, account.operator.token);
      expect(detail.body.timeline.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`)).toEqual([
        'schedule:scheduled',
        'hold:held',
        'orderRectification:rectifying',
      ]);
      expect(detail.body.timeline[2]).toMatchObject({ policyKey: 'rectificationWorkingDays', citation: '§03.1, §03.3; domain.md' });
      // The operator sees the office's steps by role, never the staff's login names.
      expect(detail.body.timeline[1].actor).toEqual({ id: null, name: '网信办工作人员', role: 'officer' });
      expect(JSON.stringify(detail.body)).not.toContain(o.officer2.username);

      for (const [path, title, number] of [
        ['minutes', '约谈记录', i.noticeNo],
        ['rectification-order', '责令整改通知书', res.body.orderNo],
      ] as const) {
        const html = await get(`/api/interviews/${i.id}/${path}`, account.operator.token);
        expect(html.status).toBe(200);
        expect(html.text).toContain(title);
        expect(html.text).toContain(number);
        expect(html.text).toContain('转载未经证实的信息');
        const docx = await get(`/api/interviews/${i.id}/${path}.docx`, o.officer.token).responseType('blob');
        expect(docx.status).toBe(200);
        expect(docx.headers['content-disposition']).toMatch(/^attachment; filename=".+\.docx"$/);
        const text = await docxText(docx.body as Buffer);
        expect(text).toContain(title);
        expect(text).toContain('建立内容审核台账');
        expect(text).toContain(`${Number(deadline.slice(0, 4))}年${Number(deadline.slice(5, 7))}月${Number(deadline.slice(8, 10))}日`);
        expect((await get(`/api/interviews/${i.id}/${path}`, otherOperator.token)).status).toBe(404);
      }

      const again = await post(`/api/interviews/${i.id}/hold`, o.officer.token, holdBody());
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('a given deadline is kept; it must be a date after today', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      const cases: [Record<string, unknown>, string, string][] = [
        [holdBody({ deadline: beijingDate() }), 'deadline', 'not_future'],
        [holdBody({ deadline: '2020-01-01' }), 'deadline', 'not_future'],
        [holdBody({ deadline: '2030/01/01' }), 'deadline', 'isIso8601'],
        [holdBody({ deadline: '2030-01-01T00:00:00+08:00' }), 'deadline', 'matches'],
        [holdBody({ deadline: '2030-02-30' }), 'deadline', 'isIso8601'],
        [holdBody({ minutes: '' }), 'minutes', 'isNotEmpty'],
        [holdBody({ minutes: undefined }), 'minutes', 'isNotEmpty'],
        [holdBody({ problems: [] }), 'problems', 'arrayMinSize'],
        [holdBody({ problems: '' }), 'problems', 'arrayMinSize'],
        [holdBody({ problems: undefined }), 'problems', 'isNotEmpty'],
        [holdBody({ problems: [''] }), 'problems', 'isNotEmpty'],
        [holdBody({ problems: 3 }), 'problems', 'isString'],
        [holdBody({ requirements: undefined }), 'requirements', 'isNotEmpty'],
        [holdBody({ heldAt: '2026-01-01' }), 'heldAt', 'unknown_field'],
      ];
      for (const [body, field, code] of cases) {
        const res = await post(`/api/interviews/${i.id}/hold`, o.officer.token, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect({ field, details: res.body.details }).toEqual({ field, details: expect.arrayContaining([expect.objectContaining({ field, code })]) });
      }
      // Nothing was written by the refused attempts.
      expect((await get(`/api/interviews/${i.id}`, o.officer.token)).body).toMatchObject({ status: 'scheduled', timeline: [expect.anything()] });
      const deadline = calendar.addWorkingDays(beijingDate(), 30);
      const res = await post(`/api/interviews/${i.id}/hold`, o.officer.token, holdBody({ deadline, problems: '问题一\n\n问题二' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rectifying', deadline, problems: ['问题一', '问题二'] });
    });

    it('rectifications due in a window: deadlineFrom/deadlineTo, soonest first; bad dates are 400', async () => {
      // Later than any deadline the other tests set (the overdue sweep's test counts what fails).
      const soon = calendar.addWorkingDays(beijingDate(), 40);
      const later = calendar.addWorkingDays(beijingDate(), 46);
      const outside = calendar.addWorkingDays(beijingDate(), 60);
      const made: Record<string, string> = {};
      for (const deadline of [later, outside, soon]) {
        const i = await scheduleInterview(t, o.officer, account.accountId, panel);
        expect((await post(`/api/interviews/${i.id}/hold`, o.officer.token, holdBody({ deadline }))).status).toBe(200);
        made[deadline] = i.id;
      }
      const res = await get(`/api/interviews?status=rectifying&deadlineFrom=${soon}&deadlineTo=${later}&pageSize=100`, o.officer.token);
      expect(res.status).toBe(200);
      const ours = (res.body.items as { id: string; deadline: string }[]).filter((x) => Object.values(made).includes(x.id));
      expect(ours.map((x) => x.deadline)).toEqual([soon, later]);
      const deadlines = (res.body.items as { deadline: string }[]).map((x) => x.deadline);
      expect(deadlines).toEqual([...deadlines].sort());
      expect(deadlines.every((d) => d >= soon && d <= later)).toBe(true);
      for (const bad of ['deadlineFrom=2026-13-01', 'deadlineTo=next-week']) {
        const refused = await get(`/api/interviews?${bad}`, o.officer.token);
        expect(refused.status).toBe(400);
        expect(refused.body.details[0].field).toBe(bad.split('=')[0]);
      }
    });

    it('only officers hold, refuse and assign; unknown interviews 404', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      const calls: [string, Record<string, unknown>][] = [
        ['hold', holdBody()],
        ['refusal', { note: '未到场' }],
        ['assessor', { evaluatorId: o.evaluator.id }],
      ];
      for (const [path, body] of calls) {
        for (const token of [account.operator.token, otherOperator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
          const res = await post(`/api/interviews/${i.id}/${path}`, token, body);
          expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
        }
        expect((await post(`/api/interviews/${i.id}/${path}`, undefined, body)).status).toBe(401);
        expect((await post(`/api/interviews/${UNKNOWN_ID}/${path}`, o.officer.token, body)).status).toBe(404);
        expect((await post(`/api/interviews/nope/${path}`, o.officer.token, body)).status).toBe(404);
      }
      expect((await get(`/api/interviews/${i.id}`, o.officer.token)).body.status).toBe('scheduled');
    });

    it('two officers holding the same interview at the same moment: one wins, the other gets 409, nothing half-written', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      const year = beijingDate().slice(0, 4);
      const ds = t.app.get(DataSource);
      const counter = async () => (await ds.getRepository(SequenceCounter).findOneBy({ name: `rectification-order:${year}` }))?.value ?? 0;
      const before = await counter();
      const results = await Promise.all([
        post(`/api/interviews/${i.id}/hold`, o.officer.token, holdBody({ minutes: '甲记录' })),
        post(`/api/interviews/${i.id}/hold`, o.officer2.token, holdBody({ minutes: '乙记录' })),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.code).toBe('ILLEGAL_TRANSITION');
      const winner = results.find((r) => r.status === 200)!;
      // One order number taken, and it is the winner's; the loser's attempt left no trace.
      expect(await counter()).toBe(before + 1);
      expect(winner.body.orderNo).toBe(`YH-WXZG-${year}-${String(before + 1).padStart(4, '0')}`);
      const detail = await get(`/api/interviews/${i.id}`, o.officer.token);
      expect(detail.body.minutes).toBe(winner.body.minutes);
      expect(detail.body.timeline).toHaveLength(3);
      const audit = await get(`/api/audit?entityId=${i.id}&action=interview.hold`, auditor.token);
      expect(audit.body.total).toBe(1);
    });

    it('refusal (§03.3) ends the interview as failed rectification; only from scheduled', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      const bad = await post(`/api/interviews/${i.id}/refusal`, o.officer.token, {});
      expect(bad.status).toBe(400);
      expect(bad.body.details[0]).toMatchObject({ field: 'note', code: 'isNotEmpty' });
      const res = await post(`/api/interviews/${i.id}/refusal`, o.officer.token, { note: '被约谈人无正当理由拒不到场' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'refused', failedRectification: true, refusalNote: '被约谈人无正当理由拒不到场', concludedAt: expect.any(String) });
      const detail = await get(`/api/interviews/${i.id}`, o.officer.token);
      expect(detail.body.timeline[1]).toMatchObject({ action: 'refuse', citation: '§03.3', policyKey: 'interviewRefusal' });
      for (const [path, body] of [
        ['refusal', { note: 'x' }],
        ['hold', holdBody()],
      ] as const) {
        const again = await post(`/api/interviews/${i.id}/${path}`, o.officer.token, body);
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      }
      const held = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, held.id);
      expect((await post(`/api/interviews/${held.id}/refusal`, o.officer.token, { note: 'x' })).status).toBe(409);
    });

    it('the owner reports rectification before the deadline; the first report starts the assessment', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      // Not before the hold.
      const early = await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '已整改' });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ILLEGAL_TRANSITION');
      await holdInterview(t, o.officer, i.id);
      for (const token of [o.officer.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post(`/api/interviews/${i.id}/rectifications`, token, { report: 'x' })).status).toBe(403);
      }
      expect((await post(`/api/interviews/${i.id}/rectifications`, undefined, { report: 'x' })).status).toBe(401);
      const foreign = await post(`/api/interviews/${i.id}/rectifications`, otherOperator.token, { report: 'x' });
      expect(foreign.status).toBe(404);
      for (const [body, field, code] of [
        [{}, 'report', 'isNotEmpty'],
        [{ report: '' }, 'report', 'isNotEmpty'],
        [{ report: ['a'] }, 'report', 'isString'],
        [{ report: 'a', files: [] }, 'files', 'unknown_field'],
      ] as [Record<string, unknown>, string, string][]) {
        const res = await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, body);
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      const first = await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '已删除相关内容。' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id: expect.any(String), interviewId: i.id, status: 'assessing', submittedAt: expect.any(String) });
      const second = await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '补充：已建立审核台账。' });
      expect(second.status).toBe(201);
      expect(second.body.status).toBe('assessing');
      const detail = await get(`/api/interviews/${i.id}`, account.operator.token);
      expect(detail.body.reports.map((r: { report: string }) => r.report)).toEqual(['已删除相关内容。', '补充：已建立审核台账。']);

      // After the deadline (Beijing date): 409, nothing written.
      await t.app.get(DataSource).getRepository(Interview).update({ id: i.id }, { deadline: '2020-01-02' });
      const late = await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '迟交' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('CONFLICT');
      expect((await get(`/api/interviews/${i.id}`, account.operator.token)).body.reports).toHaveLength(2);
    });

    it('the assessor is an active evaluator from an organisation not related to the account (§03.4)', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, i.id);
      // Not before a report is in.
      const tooEarly = await post(`/api/interviews/${i.id}/assessor`, o.officer.token, { evaluatorId: o.evaluator.id });
      expect(tooEarly.status).toBe(409);
      expect(tooEarly.body.code).toBe('ILLEGAL_TRANSITION');
      await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '已整改。' });

      const subject = await get(`/api/accounts/${account.accountId}`, o.officer.token);
      const related = await t.user('evaluator', { organization: ` ${subject.body.subjectName} ` });
      const disabled = await t.user('evaluator', { organization: '第三方专家库' });
      await t.http.patch(`/api/users/${disabled.id}`).set(bearer(sysadmin)).send({ status: 'disabled' });
      const cases: [Record<string, unknown>, string][] = [
        [{ evaluatorId: related.id }, 'related_organization'],
        [{ evaluatorId: o.officer.id }, 'not_evaluator'],
        [{ evaluatorId: account.operator.id }, 'not_evaluator'],
        [{ evaluatorId: disabled.id }, 'not_evaluator'],
        [{ evaluatorId: UNKNOWN_ID }, 'unknown_evaluator'],
        [{ evaluatorId: 'abc' }, 'isUuid'],
        [{}, 'isUuid'],
      ];
      for (const [body, code] of cases) {
        const res = await post(`/api/interviews/${i.id}/assessor`, o.officer.token, body);
        expect({ code, status: res.status }).toEqual({ code, status: 400 });
        expect(res.body.details[0]).toMatchObject({ field: 'evaluatorId', code });
      }
      const expert = await t.user('evaluator', { organization: '第三方专家库' });
      const first = await post(`/api/interviews/${i.id}/assessor`, o.officer.token, { evaluatorId: o.evaluator.id });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'assessing', assessor: { id: o.evaluator.id, organization: '余杭区网络文化协会' } });
      // Reassigning replaces: the first evaluator no longer sees the case.
      const second = await post(`/api/interviews/${i.id}/assessor`, o.officer.token, { evaluatorId: expert.id });
      expect(second.body.assessor.id).toBe(expert.id);
      expect((await get(`/api/interviews/${i.id}`, o.evaluator.token)).status).toBe(404);
      const visible = await get(`/api/interviews/${i.id}`, expert.token);
      expect(visible.status).toBe(200);
      expect(visible.body.timeline.at(-1)).toMatchObject({ action: 'assignAssessor', citation: '§03.4' });
      expect((await get(`/api/interviews/${i.id}/minutes`, expert.token)).status).toBe(200);
      expect((await get('/api/interviews', expert.token)).body.items.map((x: { id: string }) => x.id)).toEqual([i.id]);
    });

    it('only the assigned evaluator assesses; pass closes the case, fail is failed rectification', async () => {
      const i = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, i.id);
      await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '已整改。' });
      const early = await post(`/api/interviews/${i.id}/assessment`, o.evaluator.token, { result: 'pass', comment: 'ok' });
      expect(early.status).toBe(404);
      await post(`/api/interviews/${i.id}/assessor`, o.officer.token, { evaluatorId: o.evaluator.id });
      const stranger = await t.user('evaluator', { organization: '第三方专家库' });
      expect((await post(`/api/interviews/${i.id}/assessment`, stranger.token, { result: 'pass', comment: 'ok' })).status).toBe(404);
      for (const token of [o.officer.token, o.approver.token, account.operator.token, sysadmin, auditor.token]) {
        const res = await post(`/api/interviews/${i.id}/assessment`, token, { result: 'pass', comment: 'ok' });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await post(`/api/interviews/${i.id}/assessment`, undefined, { result: 'pass', comment: 'ok' })).status).toBe(401);
      for (const [body, field, code] of [
        [{ result: 'maybe', comment: 'x' }, 'result', 'isIn'],
        [{ result: 'pass' }, 'comment', 'isNotEmpty'],
        [{ result: 'pass', comment: 'x', score: 90 }, 'score', 'unknown_field'],
      ] as [Record<string, unknown>, string, string][]) {
        const res = await post(`/api/interviews/${i.id}/assessment`, o.evaluator.token, body);
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
      }
      const res = await post(`/api/interviews/${i.id}/assessment`, o.evaluator.token, { result: 'fail', comment: '问题内容仍未删除' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'failed', failedRectification: true, assessment: { result: 'fail', comment: '问题内容仍未删除' }, actions: [] });
      const detail = await get(`/api/interviews/${i.id}`, o.officer.token);
      expect(detail.body.timeline.at(-1)).toMatchObject({ action: 'fail', toStatus: 'failed', citation: '§03.4', policyKey: 'rectificationAssessment', policyVersion: expect.any(String), actor: expect.objectContaining({ id: o.evaluator.id }) });
      const again = await post(`/api/interviews/${i.id}/assessment`, o.evaluator.token, { result: 'pass', comment: '改判' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      const late = await post(`/api/interviews/${i.id}/rectifications`, account.operator.token, { report: '再补充' });
      expect(late.status).toBe(409);

      const j = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, j.id);
      await post(`/api/interviews/${j.id}/rectifications`, account.operator.token, { report: '已整改。' });
      await post(`/api/interviews/${j.id}/assessor`, o.officer.token, { evaluatorId: o.evaluator.id });
      const pass = await post(`/api/interviews/${j.id}/assessment`, o.evaluator.token, { result: 'pass', comment: '整改到位' });
      expect(pass.body).toMatchObject({ status: 'passed', failedRectification: false, deadlineText: null });
      const audit = await get(`/api/audit?entityId=${j.id}&action=interview.assess_pass`, auditor.token);
      expect(audit.body.items[0].after).toMatchObject({ policyKey: 'rectificationAssessment', citation: '§03.4', policyVersion: expect.any(String) });
    });
  });

  describe('the overdue sweep', () => {
    it('fails rectifying interviews past their deadline with no report, as the system, once', async () => {
      const ds = t.app.get(DataSource);
      const overdue = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, overdue.id);
      const reported = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, reported.id);
      await post(`/api/interviews/${reported.id}/rectifications`, account.operator.token, { report: '已整改。' });
      const running = await scheduleInterview(t, o.officer, account.accountId, panel);
      await holdInterview(t, o.officer, running.id);
      // The deadline has passed for two of them; the third keeps its own.
      const past = '2020-01-02';
      await ds.getRepository(Interview).update({ id: overdue.id }, { deadline: past });
      await ds.getRepository(Interview).update({ id: reported.id }, { deadline: past });

      for (const token of [account.operator.token, o.approver.token, o.evaluator.token, sysadmin, auditor.token]) {
        expect((await post('/api/interviews/sweep', token)).status).toBe(403);
      }
      expect((await post('/api/interviews/sweep', undefined)).status).toBe(401);

      const res = await post('/api/interviews/sweep', o.officer.token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ran: true, failed: 1 });
      const detail = await get(`/api/interviews/${overdue.id}`, o.officer.token);
      expect(detail.body).toMatchObject({ status: 'failed', failedRectification: true });
      expect(detail.body.timeline.at(-1)).toMatchObject({ action: 'expire', actor: { id: null, name: 'system', role: 'system' }, citation: '§03.3', policyKey: 'rectificationOverdue' });
      const seenByOwner = await get(`/api/interviews/${overdue.id}`, account.operator.token);
      expect(seenByOwner.body.timeline.at(-1).actor).toEqual({ id: null, name: '系统', role: 'system' });
      expect((await get(`/api/interviews/${reported.id}`, o.officer.token)).body.status).toBe('assessing');
      expect((await get(`/api/interviews/${running.id}`, o.officer.token)).body.status).toBe('rectifying');
      const audit = await get(`/api/audit?entityId=${overdue.id}&action=interview.expire`, auditor.token);
      expect(audit.body.items).toEqual([expect.objectContaining({ actor: 'system', role: 'system', actorId: null })]);

      // Again: nothing left to do.
      expect((await post('/api/interviews/sweep', o.officer.token)).body).toEqual({ ran: true, failed: 0 });
      // The service method sweeps as of a given moment: past the running one's deadline it fails it too.
      const runningDeadline = (await get(`/api/interviews/${running.id}`, o.officer.token)).body.deadline as string;
      const onDeadline = await t.app.get(InterviewsService).sweepOverdueRectifications(new Date(`${runningDeadline}T23:59:00+08:00`));
      expect(onDeadline.failed).toBe(0);
      const dayAfter = await t.app.get(InterviewsService).sweepOverdueRectifications(new Date(new Date(`${runningDeadline}T00:00:00+08:00`).getTime() + 86_400_000));
      expect(dayAfter.failed).toBeGreaterThanOrEqual(1);
      expect((await get(`/api/interviews/${running.id}`, o.officer.token)).body.status).toBe('failed');
    });
  });
});
