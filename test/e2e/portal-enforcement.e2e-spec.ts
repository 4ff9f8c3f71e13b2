import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { EscalationMeasure } from '../../src/modules/measures/measure.entity.js';
import { ReportWizard } from '../../src/modules/portal/report-wizard.js';
import { beijingIso, type Office, office, type Person } from '../factories/interviews.js';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { mainText, summaryOf, Visitor } from '../helpers/visitor.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
type Form = Record<string, string | string[] | undefined>;

/** The report form's signed answers (the hidden `state` field). */
function stateOf(html: string): string {
  const m = /name="state" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no state on the page');
  return m[1];
}

function inputValue(html: string, id: string): string | undefined {
  const tag = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

describe('portal: reports, violations, interviews and measures', () => {
  let t: TestApp;
  let o: Office;
  let account: FiledAccount;
  let officer: Visitor;
  let officer2: Visitor;
  let operator: Visitor;
  let approver: Visitor;
  let evaluator: Visitor;
  let otherOperator: Visitor;
  let otherEvaluator: Visitor;
  let auditor: Visitor;

  const visitor = () => new Visitor(t);
  const signedIn = (p: Person) => visitor().signIn(p.username);

  beforeAll(async () => {
    t = await bootTestApp();
    o = await office(t);
    account = await filedAccount(t, o.officer.token, { name: '余杭<b>夜</b>话' });
    officer = await signedIn(o.officer);
    officer2 = await signedIn(o.officer2);
    operator = await signedIn(account.operator);
    approver = await signedIn(o.approver);
    evaluator = await signedIn(o.evaluator);
    otherOperator = await signedIn(await t.user('operator'));
    otherEvaluator = await signedIn(await t.user('evaluator', { organization: '第三方专家库' }));
    auditor = await signedIn(await t.user('auditor'));
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---- the public report form ------------------------------------------------------------------

  describe('the public report form (one question per page)', () => {
    const pub = () => visitor();

    /** Answers the three questions; returns the check page and the visitor. */
    async function toCheck(v: Visitor, answers: { target?: Form; category?: string; details?: Form } = {}) {
      let page = await v.get('/report/target');
      expect(page.status).toBe(200);
      page = await v.post('/report/category', { state: stateOf(page.text), from: 'target', ...(answers.target ?? { targetKind: 'filing', filingNo: account.filingNo }) });
      expect(page.status).toBe(200);
      page = await v.post('/report/details', { state: stateOf(page.text), from: 'category', category: answers.category ?? 'C06' });
      expect(page.status).toBe(200);
      page = await v.post('/report/check', { state: stateOf(page.text), from: 'details', ...(answers.details ?? { description: '该账号发布“余杭封控”谣言。', evidenceUrl1: 'https://example.com/a?x=1&y=2' }) });
      expect(page.status).toBe(200);
      return page;
    }

    it('the start page explains what is needed and links to the first question; /report/how links to it', async () => {
      const res = await t.http.get('/report');
      expect(res.status).toBe(200);
      expect(res.text).toContain('举报自媒体违法违规信息');
      expect(res.text).toContain('href="/report/target"');
      expect(res.text).toContain('15个工作日');
      const how = await t.http.get('/report/how');
      expect(how.text).toContain('href="/report"');
      expect(how.text).toContain('href="/report/track"');
      expect(how.text).not.toContain('即将开通');
    });

    it('the first question: which account, with a signed state and a CSRF token', async () => {
      const res = await t.http.get('/report/target');
      expect(res.status).toBe(200);
      expect(res.text).toContain('您要举报哪个账号？');
      expect(res.text).toContain('第1步，共3步');
      expect(stateOf(res.text)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(res.text).toMatch(/<form method="post" action="\/report\/category"/);
      expect(res.text).toMatch(/<input type="radio" name="targetKind" id="targetKind" value="filing"/);
    });

    it('no answer, a malformed or an unknown filing number: the same page again with the summary and the value kept', async () => {
      const v = pub();
      const state = stateOf((await v.get('/report/target')).text);
      const none = await v.post('/report/category', { state, from: 'target' });
      expect(none.status).toBe(400);
      expect(none.text).toContain('您要举报哪个账号？');
      expect(none.text).toMatch(/<title>错误：/);
      expect(summaryOf(none.text)).toEqual([['#targetKind', '请选择您是否知道该账号的备案编号']]);

      const malformed = await v.post('/report/category', { state, from: 'target', targetKind: 'filing', filingNo: 'ZMT-1' });
      expect(malformed.status).toBe(400);
      expect(summaryOf(malformed.text)[0][0]).toBe('#filingNo');
      expect(inputValue(malformed.text, 'filingNo')).toBe('ZMT-1');
      expect(malformed.text).toMatch(/id="targetKind" value="filing" checked/);

      const unknown = await v.post('/report/category', { state, from: 'target', targetKind: 'filing', filingNo: 'YH-ZMT-2020-999999' });
      expect(unknown.status).toBe(400);
      expect(summaryOf(unknown.text)).toEqual([['#filingNo', '没有找到该备案编号的账号，请核对，或改为填写平台和账号']]);

      const noPlatform = await v.post('/report/category', { state, from: 'target', targetKind: 'platform', platformAccountId: '' });
      expect(noPlatform.status).toBe(400);
      expect(summaryOf(noPlatform.text)).toEqual([
        ['#platform', '请选择平台'],
        ['#platformAccountId', '请填写平台账号ID'],
      ]);
      const badPlatform = await v.post('/report/category', { state, from: 'target', targetKind: 'platform', platform: 'myspace', platformAccountId: 'x' });
      expect(summaryOf(badPlatform.text)).toEqual([['#platform', '平台不存在']]);
    });

    it('an extra field is refused like the API does', async () => {
      const v = pub();
      const state = stateOf((await v.get('/report/target')).text);
      const res = await v.post('/report/category', { state, from: 'target', targetKind: 'filing', filingNo: account.filingNo, status: 'substantiated' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([['#status', '不允许的字段']]);
    });

    it('the category page offers the eleven categories in words; none chosen is refused', async () => {
      const v = pub();
      const first = await v.get('/report/target');
      const category = await v.post('/report/category', { state: stateOf(first.text), from: 'target', targetKind: 'filing', filingNo: account.filingNo.toLowerCase() });
      expect(category.status).toBe(200);
      expect(category.text).toContain('举报的内容属于哪一类？');
      expect((category.text.match(/type="radio" name="category"/g) ?? []).length).toBe(11);
      for (const words of ['反对宪法所确定的基本原则', '散布谣言，扰乱社会秩序，破坏社会稳定', '法律、行政法规、规章和国家禁止发布和转载的其他内容']) {
        expect(category.text).toContain(words);
      }
      const none = await v.post('/report/details', { state: stateOf(category.text), from: 'category' });
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual([['#category', '请选择举报类别']]);
      const bad = await v.post('/report/details', { state: stateOf(category.text), from: 'category', category: 'C12' });
      expect(bad.status).toBe(400);
      expect(summaryOf(bad.text)[0][0]).toBe('#category');
    });

    it('details: too long a description, a bad link; what was typed comes back escaped', async () => {
      const v = pub();
      let page = await v.get('/report/target');
      page = await v.post('/report/category', { state: stateOf(page.text), from: 'target', targetKind: 'filing', filingNo: account.filingNo });
      page = await v.post('/report/details', { state: stateOf(page.text), from: 'category', category: 'C08' });
      expect(page.text).toContain('不超过2000字');
      expect((page.text.match(/name="evidenceUrl\d"/g) ?? []).length).toBe(5);
      const long = '谣'.repeat(2001);
      const res = await v.post('/report/check', { state: stateOf(page.text), from: 'details', description: long, evidenceUrl1: 'https://example.com/ok', evidenceUrl2: 'javascript:alert(1)', contact: '13800000000' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([
        ['#description', '情况说明不能超过2000字（现为2001字）'],
        ['#evidenceUrl2', '证据链接应为以 http:// 或 https:// 开头的网址'],
      ]);
      expect(inputValue(res.text, 'evidenceUrl1')).toBe('https://example.com/ok');
      expect(inputValue(res.text, 'contact')).toBe('13800000000');
      const empty = await v.post('/report/check', { state: stateOf(page.text), from: 'details', description: '<script>alert(1)</script>', evidenceUrl1: '<img src=x onerror=alert(1)>' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(empty.text).not.toContain('<script>alert(1)</script>');
      expect(empty.text).not.toContain('<img src=x');
      const missing = await v.post('/report/check', { state: stateOf(page.text), from: 'details', description: '  ' });
      expect(summaryOf(missing.text)).toEqual([['#description', '请描述举报内容']]);
    });

    it('check your answers: each answer with 修改; changing one returns to the check page', async () => {
      const v = pub();
      const check = await toCheck(v, { details: { description: '发布<虚假>信息', evidenceUrl1: 'https://example.com/a?x=1&y=2', contact: 'a@example.com' } });
      expect(check.text).toContain('提交前请核对您的举报');
      expect(check.text).toContain(account.filingNo);
      expect(check.text).toContain('余杭&lt;b&gt;夜&lt;/b&gt;话');
      expect(check.text).toContain('散布谣言，扰乱社会秩序，破坏社会稳定');
      expect(check.text).toContain('发布&lt;虚假&gt;信息');
      expect(check.text).toContain('https://example.com/a?x&#x3D;1&amp;y&#x3D;2');
      expect((check.text.match(/formaction="\/report\/(target|category|details)" name="returnTo" value="check">修改/g) ?? []).length).toBe(5);
      expect(check.text).toMatch(/<form method="post" action="\/report\/submit"/);

      const change = await v.post('/report/category', { state: stateOf(check.text), returnTo: 'check' });
      expect(change.status).toBe(200);
      expect(change.text).toContain('举报的内容属于哪一类？');
      expect(change.text).toMatch(/id="category-C06" value="C06" checked/);
      expect(change.text).toMatch(/<form method="post" action="\/report\/check"/);
      const back = await v.post('/report/check', { state: stateOf(change.text), from: 'category', returnTo: 'check', category: 'C07' });
      expect(back.status).toBe(200);
      expect(back.text).toContain('提交前请核对您的举报');
      expect(back.text).toContain('散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪');
    });

    it('a later page is not reached before the earlier questions are answered', async () => {
      const v = pub();
      const state = stateOf((await v.get('/report/target')).text);
      const skip = await v.post('/report/check', { state });
      expect(skip.status).toBe(200);
      expect(skip.text).toContain('您要举报哪个账号？');
      const submit = await v.post('/report/submit', { state });
      expect(submit.status).toBe(200);
      expect(submit.text).toContain('您要举报哪个账号？');
      for (const path of ['/report/category', '/report/details', '/report/check']) {
        const res = await t.http.get(path);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/report');
      }
    });

    it('refuses a tampered, forged, missing or expired state (400, start again), never a 500', async () => {
      const v = pub();
      const check = await toCheck(v);
      const state = stateOf(check.text);
      const [payload, mac] = state.split('.');
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      body.d.filingNo = 'YH-ZMT-2020-000001';
      const changed = `${Buffer.from(JSON.stringify(body)).toString('base64url')}.${mac}`;
      const forgedMac = `${payload}.${Buffer.alloc(32, 1).toString('base64url')}`;
      for (const bad of [changed, forgedMac, `${payload}`, 'x.y.z', '!!!', '']) {
        const res = await v.post('/report/submit', { state: bad });
        expect(res.status).toBe(400);
        expect(res.text).toContain('表单内容无法核验');
        expect(res.text).toContain('href="/report/target"');
      }
      const none = await v.post('/report/details', { from: 'category', category: 'C01' });
      expect(none.status).toBe(400);
      const wizard = t.app.get(ReportWizard);
      const old = wizard.sign({ targetKind: 'filing', filingNo: account.filingNo, done: ['target'] }, Date.now() - 3 * 3600_000);
      const expired = await v.post('/report/details', { state: old, from: 'category', category: 'C01' });
      expect(expired.status).toBe(400);
      expect(expired.text).toContain('填写时间过长');
      // A good state is still refused without the CSRF token (every page POST needs it).
      const noCsrf = await v.post('/report/submit', { state }, { csrf: false });
      expect(noCsrf.status).toBe(403);
    });

    it('submits: 303 to the confirmation with the tracking code in large type; the status page shows state, never notes', async () => {
      const v = pub();
      const check = await toCheck(v, { details: { description: '散布虚假“封控”信息，造成恐慌。', evidenceUrl1: 'https://example.com/post/1', contact: '13912345678' } });
      const submit = await v.post('/report/submit', { state: stateOf(check.text) });
      expect(submit.status).toBe(303);
      expect(submit.headers.location).toBe('/report/done');
      const cookie = ((submit.headers['set-cookie'] as unknown as string[]) ?? []).find((c) => c.startsWith('yh_report_done='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/report\/done/);
      const done = await v.get('/report/done');
      expect(done.status).toBe(200);
      const code = /<strong class="tracking-code">([^<]+)<\/strong>/.exec(done.text)![1];
      expect(code).toMatch(/^JB(-[0-9A-Z]{4}){4}$/);
      expect(done.text).toContain('举报已提交');
      expect(done.text).toContain('15个工作日');
      expect(done.headers['cache-control']).toBe('no-store');
      // The same report again within 10 minutes gives the first code back.
      const again = await toCheck(v, { details: { description: '散布虚假“封控”信息，造成恐慌。', evidenceUrl1: 'https://example.com/post/1', contact: '13912345678' } });
      expect((await v.post('/report/submit', { state: stateOf(again.text) })).status).toBe(303);
      const second = await v.get('/report/done');
      expect(second.text).toContain('您已提交过这份举报');
      expect(second.text).toContain(code);
      // Without the cookie, the confirmation sends to the tracking form.
      const stranger = await t.http.get('/report/done');
      expect(stranger.status).toBe(303);
      expect(stranger.headers.location).toBe('/report/track');

      const status = await t.http.get(`/report/track/${code}`);
      expect(status.status).toBe(200);
      expect(status.text).toContain('已受理');
      expect(status.text).toContain('散布谣言，扰乱社会秩序，破坏社会稳定');
      expect(status.text).not.toContain('13912345678');
      expect(status.text).not.toContain('封控');
    });

    it('the tracking form: a bad code is said beside the field, a good one goes to its page, an unknown one is 404', async () => {
      const form = await t.http.get('/report/track');
      expect(form.status).toBe(200);
      expect(form.text).toContain('查询码');
      const empty = await t.http.get('/report/track?code=');
      expect(empty.status).toBe(400);
      expect(summaryOf(empty.text)).toEqual([['#code', '请填写查询码']]);
      const bad = await t.http.get('/report/track').query({ code: '<b>x</b>' });
      expect(bad.status).toBe(400);
      expect(summaryOf(bad.text)[0][0]).toBe('#code');
      expect(bad.text).toContain('&lt;b&gt;x&lt;/b&gt;');
      const good = await t.http.get('/report/track').query({ code: 'jb-0000-0000-0000-0000' });
      expect(good.status).toBe(303);
      expect(good.headers.location).toBe('/report/track/JB0000000000000000');
      const unknown = await t.http.get(good.headers.location);
      expect(unknown.status).toBe(404);
      expect(summaryOf(unknown.text)).toEqual([['#code', '没有找到该查询码对应的举报，请核对后重新输入']]);
    });
  });

  // ---- the officer's report queue ---------------------------------------------------------------

  describe('reports on the officer desk', () => {
    let reportId: string;
    let trackingCode: string;
    let unmatchedId: string;

    beforeAll(async () => {
      const r = await t.http
        .post('/api/public/reports')
        .send({ filingNo: account.filingNo, category: 'C06', description: '<i>封控</i>谣言', evidenceUrls: ['https://example.com/e1'], contact: 'reporter@example.com' });
      expect(r.status).toBe(201);
      trackingCode = r.body.trackingCode;
      const other = await t.http.post('/api/public/reports').send({ platform: 'douyin', platformAccountId: 'dy_unknown_1', accountName: '某抖音号', category: 'C10', description: '低俗内容' });
      expect(other.status).toBe(201);
      const list = await t.http.get('/api/reports?pageSize=100').set(bearer(o.officer.token));
      reportId = list.body.items.find((i: { trackingCode: string }) => i.trackingCode.replace(/-/g, '') === trackingCode).id;
      unmatchedId = list.body.items.find((i: { platformAccountId: string }) => i.platformAccountId === 'dy_unknown_1').id;
    });

    it('the queue: tracking code, category, target, dates, the deadline in words with a tag, the state', async () => {
      const res = await officer.get('/officer/reports');
      expect(res.status).toBe(200);
      expect(res.text).toContain('举报处理');
      expect(res.text).toContain(`href="/officer/reports/${reportId}"`);
      expect(res.text).toMatch(/<strong class="tag tag--(blue|yellow|orange)">还剩\d+个工作日<\/strong>/);
      expect(res.text).toContain('已受理');
      expect(res.text).toContain('某抖音号');
      expect(res.text).toContain('aria-current="page">举报处理</a>');
      const filtered = await officer.get('/officer/reports?category=C10');
      expect(filtered.text).toContain(`href="/officer/reports/${unmatchedId}"`);
      expect(filtered.text).not.toContain(`href="/officer/reports/${reportId}"`);
      const overdue = await officer.get('/officer/reports?overdue=true');
      expect(overdue.status).toBe(200);
      expect(overdue.text).toContain('没有符合条件的举报');
      const lenient = await officer.get('/officer/reports?status=nonsense&page=x&category=<b>');
      expect(lenient.status).toBe(200);
    });

    it('other roles get 403; anonymous visitors are sent to sign in', async () => {
      for (const v of [operator, approver, evaluator, auditor]) {
        expect((await v.get('/officer/reports')).status).toBe(403);
        expect((await v.get(`/officer/reports/${reportId}`)).status).toBe(403);
      }
      for (const path of ['/officer/reports', `/officer/reports/${reportId}`, '/officer/interviews', '/officer/measures', '/operator/interviews', `/approver/measures/${UNKNOWN_ID}`]) {
        const res = await t.http.get(path);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
      const post = await visitor().post(`/officer/reports/${reportId}/start`);
      expect(post.status).toBe(401);
    });

    it('one report: details, contact, evidence as plain links with rel="noopener noreferrer", escaped text', async () => {
      const res = await officer.get(`/officer/reports/${reportId}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('reporter@example.com');
      expect(res.text).toContain('<a href="https://example.com/e1" rel="noopener noreferrer">https://example.com/e1</a>');
      expect(res.text).toContain('&lt;i&gt;封控&lt;/i&gt;谣言');
      expect(res.text).toContain('开始核查');
      expect(res.text).toContain(`href="/officer/accounts/${account.accountId}/violations"`);
      expect((await officer.get(`/officer/reports/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await officer.get('/officer/reports/not-a-uuid')).status).toBe(404);
    });

    it('start verifying, once (409 the second time)', async () => {
      const start = await officer.post(`/officer/reports/${reportId}/start`);
      expect(start.status).toBe(303);
      expect(start.headers.location).toBe(`/officer/reports/${reportId}?done=started`);
      const page = await officer.get(start.headers.location);
      expect(page.text).toContain('核查中');
      expect(page.text).not.toContain('>开始核查</button>');
      const again = await officer2.post(`/officer/reports/${reportId}/start`);
      expect(again.status).toBe(409);
      expect(summaryOf(again.text)[0][1]).toMatch(/当前状态（核查中）不允许/);
    });

    it('the conclusion form: missing answers, a transfer without a department, an unknown filing number', async () => {
      const none = await officer.post(`/officer/reports/${reportId}/conclude`, {});
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual(
        expect.arrayContaining([
          ['#outcome', '请选择核查结论'],
          ['#note', '请填写核查说明'],
        ]),
      );
      const transfer = await officer.post(`/officer/reports/${reportId}/conclude`, { outcome: 'transferred', note: '属公安管辖' });
      expect(transfer.status).toBe(400);
      expect(summaryOf(transfer.text)).toEqual([['#department', '移送时请填写接收部门']]);
      expect(transfer.text).toContain('属公安管辖');
      const unmatched = await officer.post(`/officer/reports/${unmatchedId}/conclude`, { outcome: 'substantiated', note: '查实' });
      expect(unmatched.status).toBe(400);
      expect(summaryOf(unmatched.text)[0][0]).toBe('#filingNo');
      const unknown = await officer.post(`/officer/reports/${unmatchedId}/conclude`, { outcome: 'substantiated', note: '查实', filingNo: 'YH-ZMT-2020-999999' });
      expect(unknown.status).toBe(400);
      expect(summaryOf(unknown.text)).toEqual([['#filingNo', '没有找到该备案编号的账号']]);
      const extra = await officer.post(`/officer/reports/${reportId}/conclude`, { outcome: 'unsubstantiated', note: 'x', handlerId: UNKNOWN_ID });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['#handlerId', '不允许的字段']]);
    });

    it('substantiated: a violation on the account; the reporter sees the state, never the note', async () => {
      const res = await officer.post(`/officer/reports/${reportId}/conclude`, { outcome: 'substantiated', note: '经核查属实，内部意见XYZ' });
      expect(res.status).toBe(303);
      const page = await officer.get(res.headers.location);
      expect(page.text).toContain('已记入该账号的违规记录');
      expect(page.text).toContain('查证属实');
      const status = await t.http.get(`/report/track/${trackingCode}`);
      expect(status.text).toContain('查证属实');
      expect(status.text).not.toContain('内部意见XYZ');
      const again = await officer.post(`/officer/reports/${reportId}/conclude`, { outcome: 'unsubstantiated', note: '再次' });
      expect(again.status).toBe(409);
      // The unmatched report, linked by filing number.
      const linked = await officer.post(`/officer/reports/${unmatchedId}/conclude`, { outcome: 'substantiated', note: '查实，即本账号', filingNo: account.filingNo });
      expect(linked.status).toBe(303);
    });
  });

  // ---- an account's violations -------------------------------------------------------------------

  describe("an account's violations", () => {
    it('the officer sees the history and the forms; the approver reads it; others get 403 or 404', async () => {
      const res = await officer.get(`/officer/accounts/${account.accountId}/violations`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('违规与处置');
      expect(res.text).toContain('群众举报');
      expect(res.text).toContain('记录违规');
      expect(res.text).toContain('余杭&lt;b&gt;夜&lt;/b&gt;话');
      const read = await approver.get(`/officer/accounts/${account.accountId}/violations`);
      expect(read.status).toBe(200);
      expect(read.text).toContain('群众举报');
      expect(read.text).not.toContain('记录违规</button>');
      for (const v of [operator, evaluator, auditor]) expect((await v.get(`/officer/accounts/${account.accountId}/violations`)).status).toBe(403);
      expect((await officer.get(`/officer/accounts/${UNKNOWN_ID}/violations`)).status).toBe(404);
      expect((await approver.post(`/officer/accounts/${account.accountId}/violations`, { category: 'C01' })).status).toBe(403);
    });

    it('records a violation from an inspection; bad input comes back with the form’s own field ids', async () => {
      const none = await officer.post(`/officer/accounts/${account.accountId}/violations`, {});
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual(
        expect.arrayContaining([
          ['#violation-category', '请选择违规类别'],
          ['#violation-source', '请选择发现途径'],
          ['#violation-facts', '请填写违规事实'],
        ]),
      );
      const fromReport = await officer.post(`/officer/accounts/${account.accountId}/violations`, { category: 'C06', source: 'report', facts: 'x', occurredAt: beijingDate() });
      expect(fromReport.status).toBe(400);
      expect(summaryOf(fromReport.text)).toEqual([['#violation-source', '来自举报的违规请在举报核查中认定']]);
      const future = await officer.post(`/officer/accounts/${account.accountId}/violations`, { category: 'S05', source: 'inspection', facts: '未设总编辑', occurredAt: '2999-01-01' });
      expect(future.status).toBe(400);
      expect(summaryOf(future.text)).toEqual([['#violation-occurredAt', '发生日期不能晚于今天']]);
      expect(future.text).toContain('未设总编辑');
      const ok = await officer.post(`/officer/accounts/${account.accountId}/violations`, { category: 'S05', source: 'platform_notice', facts: '平台通报：未落实编辑责任', occurredAt: beijingDate() });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe(`/officer/accounts/${account.accountId}/violations?done=violation`);
      const page = await officer.get(ok.headers.location);
      expect(page.text).toContain('违规已记录');
      expect(page.text).toContain('平台通报：未落实编辑责任');
    });

    it('the owner sees the violations on the account page; a restriction without failed rectification is refused (409)', async () => {
      const mine = await operator.get(`/operator/accounts/${account.accountId}`);
      expect(mine.status).toBe(200);
      expect(mine.text).toContain('违规记录');
      expect(mine.text).toContain('平台通报：未落实编辑责任');
      const res = await officer.post(`/officer/accounts/${account.accountId}/measures`, { kind: 'restrict', reason: '多次违规' });
      expect(res.status).toBe(409);
      expect(summaryOf(res.text)[0]).toEqual(['#measure-kind', '限制发布须以整改不合格（评估不合格、逾期未整改或拒绝约谈）为前提（§03.3）']);
      const none = await officer.post(`/officer/accounts/${account.accountId}/measures`, {});
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual(expect.arrayContaining([['#measure-kind', '请选择措施'], ['#measure-reason', '请填写事实与理由']]));
    });
  });

  // ---- interviews --------------------------------------------------------------------------------

  describe('interviews: schedule, hold, rectify, assess, escalate', () => {
    let interviewId: string;
    let measureId: string;
    const tomorrow = beijingIso(26 * 3600_000);
    const date = tomorrow.slice(0, 10);

    it('the calendar and the list render for officers only', async () => {
      const res = await officer.get('/officer/interviews');
      expect(res.status).toBe(200);
      expect(res.text).toContain('约谈日程');
      expect(res.text).toContain('今天起没有待举行的约谈');
      for (const v of [operator, approver, evaluator]) expect((await v.get('/officer/interviews')).status).toBe(403);
      expect((await officer.get('/officer/interviews?from=2026-02-30&status=x')).status).toBe(200);
    });

    it('choosing the account by its filing number', async () => {
      const pick = await officer.get('/officer/interviews/new');
      expect(pick.status).toBe(200);
      expect(pick.text).toContain('被约谈账号的备案编号');
      const unknown = await officer.get('/officer/interviews/new?filingNo=YH-ZMT-2020-999999');
      expect(unknown.status).toBe(404);
      expect(summaryOf(unknown.text)).toEqual([['#filingNo', '没有找到该备案编号的账号']]);
      const found = await officer.get(`/officer/interviews/new?filingNo=${account.filingNo}`);
      expect(found.status).toBe(303);
      expect(found.headers.location).toBe(`/officer/interviews/new?accountId=${account.accountId}`);
      const form = await officer.get(found.headers.location);
      expect(form.status).toBe(200);
      expect(form.text).toContain('约谈情形');
      expect(form.text).toMatch(new RegExp(`name="officerIds" id="officerIds(-\\d+)?" value="${o.officer.id}" checked`));
      expect(form.text).toContain(o.officer2.id);
      const ghost = await officer.get(`/officer/interviews/new?accountId=${UNKNOWN_ID}`);
      expect(ghost.status).toBe(404);
      expect((await operator.get(`/officer/interviews/new?accountId=${account.accountId}`)).status).toBe(403);
    });

    it('the scheduling form: each problem beside its field, the answers kept', async () => {
      const none = await officer.post('/officer/interviews', { accountId: account.accountId });
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual(
        expect.arrayContaining([
          ['#triggers', '请选择约谈情形'],
          ['#facts', '请填写违法违规事实'],
          ['#scheduledDate', '请填写约谈日期'],
          ['#scheduledTime', '请填写约谈时间'],
          ['#location', '请填写约谈地点'],
          ['#officerIds', '请选择约谈人员'],
        ]),
      );
      const one = await officer.post('/officer/interviews', {
        accountId: account.accountId,
        triggers: ['T3', 'T1'],
        facts: '转载<未经证实>信息',
        scheduledDate: '2020-01-01',
        scheduledTime: '25:00',
        location: '302会议室',
        officerIds: [o.officer.id],
      });
      expect(one.status).toBe(400);
      expect(summaryOf(one.text)).toEqual(
        expect.arrayContaining([
          ['#scheduledTime', '约谈时间应为24小时制，如 09:30'],
          ['#officerIds', '约谈人员不少于2名'],
        ]),
      );
      expect(one.text).toMatch(/value="T1" checked/);
      expect(one.text).toMatch(/value="T3" checked/);
      expect(one.text).toContain('转载&lt;未经证实&gt;信息');
      const past = await officer.post('/officer/interviews', {
        accountId: account.accountId,
        triggers: 'T3',
        facts: '事实',
        scheduledDate: '2020-01-01',
        scheduledTime: '09:30',
        location: '302会议室',
        officerIds: [o.officer.id, o.officer2.id],
      });
      expect(past.status).toBe(400);
      expect(summaryOf(past.text)).toEqual([['#scheduledDate', '约谈时间须晚于现在']]);
      const notOfficer = await officer.post('/officer/interviews', {
        accountId: account.accountId,
        triggers: 'T3',
        facts: '事实',
        scheduledDate: date,
        scheduledTime: '09:30',
        location: '302会议室',
        officerIds: [o.officer.id, o.approver.id],
      });
      expect(notOfficer.status).toBe(400);
      expect(summaryOf(notOfficer.text)[0][0]).toBe('#officerIds');
    });

    it('schedules: the case page has the notice (HTML and Word), the timeline and the hold and refusal forms', async () => {
      const res = await officer.post('/officer/interviews', {
        accountId: account.accountId,
        triggers: ['T3', 'T1'],
        facts: '多次转载未经证实的信息。',
        scheduledDate: date,
        scheduledTime: '09:30',
        location: '余杭区文一西路1500号302会议室',
        officerIds: [o.officer.id, o.officer2.id],
        summonedName: '王<总>',
        summonedTitle: '总经理',
      });
      expect(res.status).toBe(303);
      const m = /^\/officer\/interviews\/([0-9a-f-]{36})\?done=scheduled$/.exec(res.headers.location);
      expect(m).not.toBeNull();
      interviewId = m![1];
      const page = await officer.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/约谈通知书 <strong class="mono">YH-WXYT-\d{4}-\d{4}<\/strong> 已生成/);
      expect(page.text).toContain(`href="/api/interviews/${interviewId}/notice"`);
      expect(page.text).toContain(`href="/api/interviews/${interviewId}/notice.docx"`);
      expect(page.text).toContain('安排约谈 → 待约谈');
      expect(page.text).toContain('王&lt;总&gt;（总经理）');
      expect(page.text).toContain('记录约谈');
      expect(page.text).toContain('记录拒绝约谈');
      // The notice link works with the portal's cookie.
      const notice = await officer.get(`/api/interviews/${interviewId}/notice`);
      expect(notice.status).toBe(200);
      expect(notice.text).toContain('约谈通知书');
      const calendar = await officer.get('/officer/interviews');
      expect(calendar.text).toContain('09:30');
      expect(calendar.text).toContain(`href="/officer/interviews/${interviewId}"`);
      expect((await officer.get(`/officer/interviews/${UNKNOWN_ID}`)).status).toBe(404);
      for (const v of [operator, approver, evaluator]) expect((await v.get(`/officer/interviews/${interviewId}`)).status).toBe(403);
    });

    it('the operator sees the interview and the notice; no rectification form before the hold; others 404', async () => {
      const list = await operator.get('/operator/interviews');
      expect(list.status).toBe(200);
      expect(list.text).toContain('约谈与整改');
      expect(list.text).toContain(`href="/operator/interviews/${interviewId}"`);
      const page = await operator.get(`/operator/interviews/${interviewId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('请被约谈人于');
      expect(page.text).toContain(`/api/interviews/${interviewId}/notice.docx`);
      expect(page.text).not.toContain('提交整改报告</button>');
      const desk = await operator.get('/operator');
      expect(desk.text).toContain('区网信办约谈了您的账号');
      expect((await otherOperator.get(`/operator/interviews/${interviewId}`)).status).toBe(404);
      expect((await officer.get('/operator/interviews')).status).toBe(403);
      const early = await operator.post(`/operator/interviews/${interviewId}/rectifications`, { report: '已整改' });
      expect(early.status).toBe(409);
    });

    it('holds the interview: errors first, then the deadline in words and the minutes and order', async () => {
      const none = await officer.post(`/officer/interviews/${interviewId}/hold`, {});
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual(
        expect.arrayContaining([
          ['#hold-minutes', '请填写约谈记录'],
          ['#hold-problems', '请填写指出的问题'],
          ['#hold-requirements', '请填写整改要求'],
        ]),
      );
      const past = await officer.post(`/officer/interviews/${interviewId}/hold`, { minutes: '记录', problems: '问题', requirements: '要求', deadline: '2020-01-01' });
      expect(past.status).toBe(400);
      expect(summaryOf(past.text)).toEqual([['#hold-deadline', '整改期限须晚于今天']]);
      expect(inputValue(past.text, 'hold-deadline')).toBe('2020-01-01');
      const res = await officer.post(`/officer/interviews/${interviewId}/hold`, {
        minutes: '被约谈人承认问题并承诺整改。',
        problems: '转载未经证实的信息\n未及时删除',
        requirements: '删除相关内容\n建立审核台账',
      });
      expect(res.status).toBe(303);
      const page = await officer.get(res.headers.location);
      expect(page.text).toContain('整改中');
      expect(page.text).toMatch(/还剩15个工作日/);
      expect(page.text).toContain(`/api/interviews/${interviewId}/minutes`);
      expect(page.text).toContain(`/api/interviews/${interviewId}/rectification-order.docx`);
      expect(page.text).toContain('<li>建立审核台账</li>');
      const again = await officer2.post(`/officer/interviews/${interviewId}/hold`, { minutes: '再', problems: '问', requirements: '要' });
      expect(again.status).toBe(409);
    });

    it('the operator submits a rectification report', async () => {
      const page = await operator.get(`/operator/interviews/${interviewId}`);
      expect(page.text).toContain('提交整改报告</button>');
      expect(page.text).toContain('删除相关内容');
      const none = await operator.post(`/operator/interviews/${interviewId}/rectifications`, { report: '' });
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual([['#report', '请填写整改报告']]);
      const foreign = await otherOperator.post(`/operator/interviews/${interviewId}/rectifications`, { report: '冒充' });
      expect(foreign.status).toBe(404);
      const res = await operator.post(`/operator/interviews/${interviewId}/rectifications`, { report: '已删除相关内容，建立<审核>台账。' });
      expect(res.status).toBe(303);
      const after = await operator.get(res.headers.location);
      expect(after.text).toContain('整改报告已提交');
      expect(after.text).toContain('已删除相关内容，建立&lt;审核&gt;台账。');
      expect(after.text).toContain('整改评估中');
    });

    it('the officer assigns the assessor; the evaluator sees the task and fails the rectification', async () => {
      const before = await evaluator.get('/evaluator');
      expect(before.text).toContain('您目前没有评议任务');
      expect(before.text).toContain('年度评议');
      const none = await officer.post(`/officer/interviews/${interviewId}/assessor`, {});
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual([['#assessor-evaluatorId', '请选择评估人员']]);
      const notEvaluator = await officer.post(`/officer/interviews/${interviewId}/assessor`, { evaluatorId: o.approver.id });
      expect(notEvaluator.status).toBe(400);
      expect(summaryOf(notEvaluator.text)[0][0]).toBe('#assessor-evaluatorId');
      const res = await officer.post(`/officer/interviews/${interviewId}/assessor`, { evaluatorId: o.evaluator.id });
      expect(res.status).toBe(303);

      const desk = await evaluator.get('/evaluator');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain(`href="/evaluator/interviews/${interviewId}"`);
      expect(desk.text).not.toContain('您目前没有评议任务');
      const page = await evaluator.get(`/evaluator/interviews/${interviewId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('已删除相关内容，建立&lt;审核&gt;台账。');
      expect(page.text).toContain('提交评估结论');
      expect((await otherEvaluator.get(`/evaluator/interviews/${interviewId}`)).status).toBe(404);
      expect((await officer.get(`/evaluator/interviews/${interviewId}`)).status).toBe(403);
      expect((await otherEvaluator.post(`/evaluator/interviews/${interviewId}/assessment`, { result: 'pass', comment: '好' })).status).toBe(404);
      const bad = await evaluator.post(`/evaluator/interviews/${interviewId}/assessment`, { result: 'maybe' });
      expect(bad.status).toBe(400);
      expect(summaryOf(bad.text)).toEqual(
        expect.arrayContaining([
          ['#result', '评估结论应为 pass 或 fail'],
          ['#comment', '请填写评估意见'],
        ]),
      );
      const fail = await evaluator.post(`/evaluator/interviews/${interviewId}/assessment`, { result: 'fail', comment: '台账未建立，问题仍存在' });
      expect(fail.status).toBe(303);
      const after = await evaluator.get(fail.headers.location);
      expect(after.text).toContain('评估结论已提交：整改不合格');
    });

    it('the case page now offers a measure; the officer proposes restriction', async () => {
      const page = await officer.get(`/officer/interviews/${interviewId}`);
      expect(page.text).toContain('提议处置措施');
      expect(page.text).toContain('评估不合格 → 整改不合格');
      expect(page.text).not.toMatch(/value="lift"/);
      const none = await officer.post(`/officer/interviews/${interviewId}/measures`, { kind: 'restrict' });
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual([['#measure-reason', '请填写事实与理由']]);
      const skip = await officer.post(`/officer/interviews/${interviewId}/measures`, { kind: 'suspend', reason: '跳级' });
      expect(skip.status).toBe(409);
      const res = await officer.post(`/officer/interviews/${interviewId}/measures`, { kind: 'restrict', reason: '整改不合格，依§03.3限制发布' });
      expect(res.status).toBe(303);
      const m = /^\/officer\/measures\/([0-9a-f-]{36})\?done=proposed$/.exec(res.headers.location);
      measureId = m![1];
      const measure = await officer.get(res.headers.location);
      expect(measure.status).toBe(200);
      expect(measure.text).toContain('已提交审批负责人审批');
      expect(measure.text).toContain('待审批');
      const dup = await officer2.post(`/officer/interviews/${interviewId}/measures`, { kind: 'restrict', reason: '重复' });
      expect(dup.status).toBe(409);
      const list = await officer.get('/officer/measures');
      expect(list.status).toBe(200);
      expect(list.text).toContain(`href="/officer/measures/${measureId}"`);
      for (const v of [approver, operator, evaluator]) expect((await v.get('/officer/measures')).status).toBe(403);
    });

    it('the approver desk lists the proposal; the proposer may not decide it (the 403 said on the page)', async () => {
      const desk = await approver.get('/approver');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain('待审批的处置措施');
      expect(desk.text).toContain(`href="/approver/measures/${measureId}"`);
      const page = await approver.get(`/approver/measures/${measureId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('批准限制发布');
      expect(page.text).toContain('§03.3');
      for (const v of [officer, operator, evaluator]) expect((await v.get(`/approver/measures/${measureId}`)).status).toBe(403);
      expect((await officer.post(`/approver/measures/${measureId}/approve`)).status).toBe(403);
      expect((await approver.get(`/approver/measures/${UNKNOWN_ID}`)).status).toBe(404);

      // Make the approver the proposer (as if one person held both roles over time): the service says 403.
      const repo = t.app.get(DataSource).getRepository(EscalationMeasure);
      const row = await repo.findOneByOrFail({ id: measureId });
      await repo.update({ id: measureId }, { proposedBy: o.approver.id });
      const own = await approver.post(`/approver/measures/${measureId}/approve`);
      expect(own.status).toBe(403);
      expect(summaryOf(own.text)).toEqual([['', '不能审批自己提出的措施（谁提议、谁不审批）']]);
      expect(own.text).toContain('这是您本人提出的措施');
      await repo.update({ id: measureId }, { proposedBy: row.proposedBy });

      const noReason = await approver.post(`/approver/measures/${measureId}/reject`, { reason: '' });
      expect(noReason.status).toBe(400);
      expect(summaryOf(noReason.text)).toEqual([['#reject-reason', '请填写不予批准的理由']]);
      const extra = await approver.post(`/approver/measures/${measureId}/approve`, { accountStatusAfter: 'closed' });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['#approve-accountStatusAfter', '不允许的字段']]);
    });

    it('approves: the account is restricted, the letters are issued, the public registry says so', async () => {
      const res = await approver.post(`/approver/measures/${measureId}/approve`);
      expect(res.status).toBe(303);
      const page = await approver.get(res.headers.location);
      expect(page.text).toContain('账号状态已变更为“限制发布”');
      expect(page.text).toMatch(/\/api\/measures\/[0-9a-f-]{36}\/letters\/police\.docx/);
      const again = await approver.post(`/approver/measures/${measureId}/approve`);
      expect(again.status).toBe(409);
      const pub = await t.http.get(`/registry/${account.filingNo}`);
      expect(pub.status).toBe(200);
      expect(mainText(pub.text)).toContain('状态 限制发布');
    });

    it('the officer records the upper-level office’s reply', async () => {
      const page = await officer.get(`/officer/measures/${measureId}`);
      expect(page.text).toContain('登记上级答复');
      const bad = await officer.post(`/officer/measures/${measureId}/reply`, { reference: '', repliedAt: '2026/12/01' });
      expect(bad.status).toBe(400);
      expect(summaryOf(bad.text)).toEqual(
        expect.arrayContaining([
          ['#reply-reference', '请填写答复文号'],
          ['#reply-repliedAt', '应为日期（如 2026-12-01）'],
        ]),
      );
      const ok = await officer.post(`/officer/measures/${measureId}/reply`, { reference: '杭网信函〔2026〕12号', repliedAt: beijingDate() });
      expect(ok.status).toBe(303);
      const after = await officer.get(ok.headers.location);
      expect(after.text).toContain('上级网信部门的答复已登记');
      expect(after.text).toContain('杭网信函〔2026〕12号');
    });

    it('a second interview refused: the refusal form', async () => {
      const res = await officer.post('/officer/interviews', {
        accountId: account.accountId,
        triggers: 'T6',
        facts: '再次违规',
        scheduledDate: date,
        scheduledTime: '14:00',
        location: '302会议室',
        officerIds: [o.officer.id, o.officer2.id],
      });
      expect(res.status).toBe(303);
      const id = /interviews\/([0-9a-f-]{36})/.exec(res.headers.location)![1];
      const none = await officer.post(`/officer/interviews/${id}/refusal`, { note: '' });
      expect(none.status).toBe(400);
      expect(summaryOf(none.text)).toEqual([['#refusal-note', '请填写情况说明']]);
      const ok = await officer.post(`/officer/interviews/${id}/refusal`, { note: '无正当理由未到场' });
      expect(ok.status).toBe(303);
      const page = await officer.get(ok.headers.location);
      expect(page.text).toContain('已记录拒绝约谈');
      expect(page.text).toContain('拒绝约谈');
    });

    it('the desks show the enforcement work', async () => {
      const desk = await officer.get('/officer');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain('审核工作台');
      expect(desk.text).toContain('href="/officer/reports"');
      expect(desk.text).toContain('href="/officer/measures"');
      const mine = await operator.get(`/operator/accounts/${account.accountId}`);
      expect(mine.text).toContain(`href="/operator/interviews/${interviewId}"`);
    });
  });
});
