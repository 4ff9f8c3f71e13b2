import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { BlacklistListing } from '../../src/modules/blacklist/blacklist-listing.entity.js';
import { beijingDate, DeadlineCalendar } from '../../src/modules/calendar/deadline-calendar.js';
import { concludedInterview, type Office, office } from '../factories/interviews.js';
import { createFiledAccount, createSubject, type FiledAccount, filedAccount, individualBody } from '../factories/registry.js';
import { ADMIN, bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;
const daysAgo = (n: number) => beijingDate(new Date(Date.now() - n * DAY));
const calendar = new DeadlineCalendar();

/** The hidden CSRF field of the first form on a page. */
function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

/** The error summary's entries: [href, message]. */
function summaryOf(html: string): [string, string][] {
  const box = /<div class="error-summary" role="alert"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...box.matchAll(/<li>(?:<a href="([^"]*)">|<span>)([^<]*)</g)].map((m) => [m[1] ?? '', m[2]]);
}

/** The text typed into a textarea, by id. */
function textareaValue(html: string, id: string): string | undefined {
  return new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
}

/** A browser-like visitor: keeps cookies and posts forms with the page's CSRF token. */
class Visitor {
  readonly agent: TestAgent;
  private token: string | null = null;
  constructor(t: TestApp) {
    this.agent = request.agent(t.app.getHttpServer());
  }
  get(path: string) {
    return this.agent.get(path);
  }
  async csrf(): Promise<string> {
    this.token ??= csrfOf((await this.agent.get('/login')).text);
    return this.token;
  }
  async post(path: string, form: Record<string, string | undefined> = {}) {
    const fields = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const _csrf = await this.csrf();
    return this.agent.post(path).type('form').send({ _csrf, ...fields });
  }
  async signIn(username: string, password = PASSWORD) {
    const res = await this.post('/login', { username, password });
    if (res.status !== 303) throw new Error(`page sign-in of ${username} failed: ${res.status}`);
    return this;
  }
}

describe('portal: blacklist pages', () => {
  let t: TestApp;
  let db: DataSource;
  let o: Office;
  let acc: FiledAccount;
  let accB: FiledAccount;
  let officer: Visitor;
  let approver: Visitor;
  let owner: Visitor;
  let ownerB: Visitor;
  let stranger: Visitor;
  let others: Record<string, Visitor>;
  let listingId: string;

  const visitor = () => new Visitor(t);
  const api = (path: string, token: string, body: Record<string, unknown> = {}) => t.http.post(path).set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    o = await office(t);
    acc = await filedAccount(t, o.officer.token, { name: '余杭热点速递' });
    for (const d of [daysAgo(60), daysAgo(20), daysAgo(2)]) {
      const v = await api(`/api/accounts/${acc.accountId}/violations`, o.officer.token, { category: 'C06', source: 'inspection', facts: '转载未经证实的消息', occurredAt: d });
      expect(v.status).toBe(201);
    }
    const bOwner = await t.user('operator');
    const subject = await createSubject(t, bOwner.token, individualBody({ name: '李小红' }));
    const b = await createFiledAccount(t, bOwner.token, o.officer.token, { name: '小红说余杭' }, subject.id);
    accB = { accountId: b.id, filingNo: b.filingNo, subjectId: b.subjectId, name: b.name, platform: b.platform, platformAccountId: b.platformAccountId, operator: bOwner };
    await concludedInterview(t, o, accB, 'refused');

    officer = await visitor().signIn(o.officer.username);
    approver = await visitor().signIn(o.approver.username);
    owner = await visitor().signIn(acc.operator.username);
    ownerB = await visitor().signIn(accB.operator.username);
    stranger = await visitor().signIn((await t.user('operator')).username);
    others = {
      evaluator: await visitor().signIn(o.evaluator.username),
      auditor: await visitor().signIn((await t.user('auditor')).username),
      sysadmin: await visitor().signIn(ADMIN.username, ADMIN.password),
    };
  });
  afterAll(async () => {
    await t.close();
  });

  describe('who may see which page', () => {
    it('anonymous visitors of the desks are sent to sign in; the public list is open', async () => {
      for (const path of ['/officer/blacklist', '/approver/blacklist', '/operator/blacklist', `/officer/blacklist/${UNKNOWN_ID}`]) {
        const res = await t.http.get(path);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
      const pub = await t.http.get('/blacklist');
      expect(pub.status).toBe(200);
      expect(pub.text).toContain('违法违规黑名单公示');
      expect(pub.text).toContain('目前没有正在列入黑名单的账号');
      expect(pub.text).toMatch(/<a href="\/blacklist" aria-current="page">黑名单公示<\/a>/);
    });

    it('each desk page answers the 403 page to other roles', async () => {
      const pages: [string, Visitor[]][] = [
        ['/officer/blacklist', [approver, owner, others.evaluator, others.auditor, others.sysadmin]],
        ['/approver/blacklist', [officer, owner, others.evaluator, others.auditor, others.sysadmin]],
        ['/operator/blacklist', [officer, approver, others.evaluator, others.auditor, others.sysadmin]],
      ];
      for (const [path, visitors] of pages) {
        for (const v of visitors) {
          const res = await v.get(path);
          expect({ path, status: res.status }).toEqual({ path, status: 403 });
          expect(res.text).toContain('无权访问');
        }
      }
    });

    it('an anonymous form post is refused (401), never processed', async () => {
      const res = await visitor().post('/officer/blacklist', { accountId: acc.accountId, rule: 'R1', basis: 'x' });
      expect(res.status).toBe(401);
      expect(await db.getRepository(BlacklistListing).count()).toBe(0);
    });
  });

  describe('the officer proposes', () => {
    it('the officer page lists the candidates with their facts and a link to propose', async () => {
      const res = await officer.get('/officer/blacklist');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>违法违规黑名单</h1>');
      expect(res.text).toContain('余杭热点速递');
      expect(res.text).toContain('小红说余杭');
      expect(res.text).toContain('R1 多次发布、转载违法违规信息');
      expect(res.text).toContain('R2 发布、转载违法违规信息后拒不整改');
      expect(res.text).toContain('经查实违法违规3次');
      expect(res.text).toContain(`/officer/blacklist/propose?accountId&#x3D;${acc.accountId}&amp;rule&#x3D;R1`);
      expect(res.text).toMatch(/<a href="\/officer\/blacklist" aria-current="page">黑名单<\/a>/);
      expect(res.text).toContain('/api/blacklist/joint-restrictions.csv');
    });

    it('the propose page shows the facts and prefills the legal basis of §03.5', async () => {
      const res = await officer.get(`/officer/blacklist/propose?accountId=${acc.accountId}&rule=R1`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('提议列入黑名单：余杭热点速递');
      expect(textareaValue(res.text, 'basis')).toContain('第三部分第5条');
      expect(res.text).toMatch(/<input type="radio" name="rule" id="rule" value="R1" checked>/);
      // Not a candidate under R2, an unknown account, a bad rule: 404.
      for (const q of [`accountId=${acc.accountId}&rule=R2`, `accountId=${UNKNOWN_ID}&rule=R1`, `accountId=${acc.accountId}&rule=R9`, 'rule=R1']) {
        expect((await officer.get(`/officer/blacklist/propose?${q}`)).status).toBe(404);
      }
    });

    it('a form with errors comes back with the summary, the messages and what was typed', async () => {
      const empty = await officer.post('/officer/blacklist', { accountId: acc.accountId, rule: 'R1', basis: '' });
      expect(empty.status).toBe(400);
      expect(summaryOf(empty.text)).toEqual([['#basis', '请填写法律依据']]);
      expect(empty.text).toContain('<title>错误：');
      const noRule = await officer.post('/officer/blacklist', { accountId: acc.accountId, basis: '依据' });
      expect(noRule.status).toBe(400);
      expect(summaryOf(noRule.text)).toEqual([['#rule', '请选择认定情形']]);
      expect(textareaValue(noRule.text, 'basis')).toBe('依据');
      // The rule does not hold: the service's 409 beside the field.
      const wrongRule = await officer.post('/officer/blacklist', { accountId: acc.accountId, rule: 'R2', basis: '依据' });
      expect(wrongRule.status).toBe(409);
      expect(summaryOf(wrongRule.text)[0][0]).toBe('#rule');
      expect(summaryOf(wrongRule.text)[0][1]).toContain('不符合');
      const extra = await officer.post('/officer/blacklist', { accountId: acc.accountId, rule: 'R1', basis: '依据', status: 'listed' });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['#status', '不允许的字段']]);
    });

    it('proposes, then shows the entry with the notice and the deadline in working-day words', async () => {
      const res = await officer.post('/officer/blacklist', { accountId: acc.accountId, rule: 'R1', basis: '《实施办法》第三部分第5条' });
      expect(res.status).toBe(303);
      const m = /^\/officer\/blacklist\/([0-9a-f-]{36})\?done=proposed$/.exec(res.headers.location);
      expect(m).not.toBeNull();
      listingId = m![1];
      const page = await officer.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain('已提议列入，告知书');
      expect(page.text).toMatch(/YH-WXHMD-\d{4}-0001/);
      expect(page.text).toContain(`/api/blacklist/${listingId}/notice.docx`);
      expect(page.text).toContain('还剩5个工作日');
      // The officer's list shows it waiting, with the deadline tag.
      const list = await officer.get('/officer/blacklist');
      expect(list.text).toContain(`/officer/blacklist/${listingId}`);
      expect(list.text).toContain('已告知，待陈述申辩');
      // No early exit before a listing.
      expect(page.text).not.toContain('提议提前移出</h2>');
    });
  });

  describe('the operator is notified and states a defence', () => {
    it('the notices page lists it with the notice link; another operator sees none', async () => {
      const res = await owner.get('/operator/blacklist');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>黑名单告知</h1>');
      expect(res.text).toContain(`/operator/blacklist/${listingId}`);
      expect(res.text).toContain(`/api/blacklist/${listingId}/notice`);
      expect(res.text).toContain('还剩5个工作日');
      const notice = await owner.get(`/api/blacklist/${listingId}/notice`);
      expect(notice.status).toBe(200);
      expect(notice.text).toContain('拟列入违法违规黑名单告知书');
      const theirs = await stranger.get('/operator/blacklist');
      expect(theirs.text).toContain('您的账号没有黑名单告知');
      expect((await stranger.get(`/operator/blacklist/${listingId}`)).status).toBe(404);
      expect((await owner.get(`/operator/blacklist/${UNKNOWN_ID}`)).status).toBe(404);
    });

    it('the defence form: errors come back; a statement is taken once', async () => {
      const page = await owner.get(`/operator/blacklist/${listingId}`);
      expect(page.status).toBe(200);
      const [y, mo, d] = calendar.addWorkingDays(beijingDate(), 5).split('-').map(Number);
      expect(page.text).toContain(`请于<strong>${y}年${mo}月${d}日</strong>前提交`);
      const empty = await owner.post(`/operator/blacklist/${listingId}/defence`, { statement: '' });
      expect(empty.status).toBe(400);
      expect(summaryOf(empty.text)).toEqual([['#defence-statement', '请填写陈述、申辩意见']]);
      const long = await owner.post(`/operator/blacklist/${listingId}/defence`, { statement: '长'.repeat(5001) });
      expect(long.status).toBe(400);
      expect(summaryOf(long.text)).toEqual([['#defence-statement', '陈述、申辩意见最多5000字']]);
      const foreign = await stranger.post(`/operator/blacklist/${listingId}/defence`, { statement: '冒名' });
      expect(foreign.status).toBe(404);
      const ok = await owner.post(`/operator/blacklist/${listingId}/defence`, { statement: '违规内容均为转载，已删除。' });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe(`/operator/blacklist/${listingId}?done=defended`);
      const after = await owner.get(ok.headers.location);
      expect(after.text).toContain('您的陈述、申辩意见已提交区网信办');
      expect(after.text).toContain('违规内容均为转载，已删除。');
      expect(after.text).not.toContain('提交陈述申辩</button>');
      const again = await owner.post(`/operator/blacklist/${listingId}/defence`, { statement: '再说一次' });
      expect(again.status).toBe(409);
      expect(summaryOf(again.text)[0][1]).toContain('不允许');
    });
  });

  describe('the approver decides', () => {
    it('the approver desk links to the blacklist queue, which lists the proposal ready for a decision', async () => {
      const desk = await approver.get('/approver');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain('href="/approver/blacklist"');
      // The desk itself lists the proposal ready for a decision, beside the measures.
      expect(desk.text).toContain(`href="/approver/blacklist/${listingId}"`);
      const queue = await approver.get('/approver/blacklist');
      expect(queue.status).toBe(200);
      expect(queue.text).toContain('<h1>黑名单审批</h1>');
      expect(queue.text).toContain(`/approver/blacklist/${listingId}`);
      expect(queue.text).toContain('已陈述申辩，待审批');
    });

    it('a proposal still in its window cannot be approved: the page says until when', async () => {
      const prop = await api('/api/blacklist', o.officer.token, { accountId: accB.accountId, rule: 'R2', basis: '《实施办法》第三部分第5条' });
      expect(prop.status).toBe(201);
      const page = await approver.get(`/approver/blacklist/${prop.body.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('申辩期满或运营者提交陈述申辩后方可批准列入');
      expect(page.text).not.toContain('批准列入黑名单</button>');
      const forced = await approver.post(`/approver/blacklist/${prop.body.id}/approve`);
      expect(forced.status).toBe(409);
      expect(summaryOf(forced.text)[0][1]).toContain('届满');
      const queue = await approver.get('/approver/blacklist');
      expect(queue.text).toContain('陈述申辩期内的提议');
      expect(queue.text).toContain('小红说余杭');
      // The owner of accB sees it; the reject form needs a reason.
      expect((await ownerB.get('/operator/blacklist')).text).toContain('小红说余杭');
      const noReason = await approver.post(`/approver/blacklist/${prop.body.id}/reject`, { reason: '' });
      expect(noReason.status).toBe(400);
      expect(summaryOf(noReason.text)).toEqual([['#reject-reason', '请填写理由']]);
      const rejected = await approver.post(`/approver/blacklist/${prop.body.id}/reject`, { reason: '情节较轻' });
      expect(rejected.status).toBe(303);
      expect((await approver.get(rejected.headers.location)).text).toContain('已决定不予列入');
    });

    it('approves after the defence; the public page then shows the listing', async () => {
      const page = await approver.get(`/approver/blacklist/${listingId}`);
      expect(page.text).toContain('批准列入黑名单</button>');
      const extra = await approver.post(`/approver/blacklist/${listingId}/approve`, { note: 'x' });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['#approve-note', '不允许的字段']]);
      const res = await approver.post(`/approver/blacklist/${listingId}/approve`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/approver/blacklist/${listingId}?done=listed`);
      const done = await approver.get(res.headers.location);
      expect(done.text).toContain('已批准列入黑名单，决定书');
      expect(done.text).toMatch(/YH-WXHMJ-\d{4}-0001/);
      const pub = await t.http.get('/blacklist');
      expect(pub.text).toContain('余杭热点速递');
      expect(pub.text).toContain(acc.filingNo);
      expect(pub.text).toContain('多次发布、转载违法违规信息');
      expect(pub.text).toContain('共 1 个账号正在列入黑名单');
      const again = await approver.post(`/approver/blacklist/${listingId}/approve`);
      expect(again.status).toBe(409);
    });

    it('the proposer, become an approver, is told on the page that they may not decide', async () => {
      const prop = await api('/api/blacklist', o.officer2.token, { accountId: accB.accountId, rule: 'R2', basis: '《实施办法》第三部分第5条' });
      // The refusal above declined the same facts: a new failed rectification is needed first.
      expect(prop.status).toBe(409);
      await concludedInterview(t, o, accB, 'refused');
      const again = await api('/api/blacklist', o.officer2.token, { accountId: accB.accountId, rule: 'R2', basis: '《实施办法》第三部分第5条' });
      expect(again.status).toBe(201);
      await db.getRepository(BlacklistListing).update(again.body.id, { defenceDeadline: daysAgo(1) });
      const { User } = await import('../../src/modules/users/user.entity.js');
      await db.getRepository(User).update(o.officer2.id, { role: 'approver' });
      const maker = await visitor().signIn(o.officer2.username);
      const page = await maker.get(`/approver/blacklist/${again.body.id}`);
      expect(page.text).toContain('这是您本人提出的提议，不能由您审批');
      const res = await maker.post(`/approver/blacklist/${again.body.id}/approve`);
      expect(res.status).toBe(403);
      expect(summaryOf(res.text)[0][1]).toContain('谁提议、谁不审批');
    });
  });

  describe('early exit', () => {
    it('the officer proposes it on the listing page; errors come back', async () => {
      const page = await officer.get(`/officer/blacklist/${listingId}`);
      expect(page.text).toContain('提议提前移出</h2>');
      const empty = await officer.post(`/officer/blacklist/${listingId}/end`, { reason: '', assessment: '良好' });
      expect(empty.status).toBe(400);
      expect(summaryOf(empty.text)).toEqual([['#exit-reason', '请填写提前移出的理由']]);
      expect(textareaValue(empty.text, 'exit-assessment')).toBe('良好');
      const ok = await officer.post(`/officer/blacklist/${listingId}/end`, { reason: '删除全部违规内容，建立三审制度', assessment: '整改积极有效' });
      expect(ok.status).toBe(303);
      expect((await officer.get(ok.headers.location)).text).toContain('已提议提前移出');
      const twice = await officer.post(`/officer/blacklist/${listingId}/end`, { reason: '再次' });
      expect(twice.status).toBe(409);
      expect(summaryOf(twice.text)).toEqual([['#exit-reason', '该黑名单已有待审批的提前移出提议']]);
    });

    it('the approver sees it in the queue and approves; the public page no longer shows the account', async () => {
      const queue = await approver.get('/approver/blacklist');
      expect(queue.text).toContain('待审批的提前移出黑名单提议');
      const page = await approver.get(`/approver/blacklist/${listingId}`);
      expect(page.text).toContain('删除全部违规内容，建立三审制度');
      const noReason = await approver.post(`/approver/blacklist/${listingId}/exit/reject`, {});
      expect(noReason.status).toBe(400);
      expect(summaryOf(noReason.text)).toEqual([['#exit-reject-reason', '请填写理由']]);
      const res = await approver.post(`/approver/blacklist/${listingId}/exit/approve`);
      expect(res.status).toBe(303);
      expect((await approver.get(res.headers.location)).text).toContain('已批准提前移出');
      const pub = await t.http.get('/blacklist');
      expect(pub.text).not.toContain('余杭热点速递');
      const ownerPage = await owner.get(`/operator/blacklist/${listingId}`);
      expect(ownerPage.text).toContain('整改有效，提前移出');
    });
  });
});
