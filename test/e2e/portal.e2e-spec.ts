import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { accountBody, createAccount, createSubject, individualBody, organizationBody } from '../factories/registry.js';
import { makeIdNumber } from '../factories/identifiers.js';
import { ADMIN, bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

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

/** The value attribute of an input, by id. */
function inputValue(html: string, id: string): string | undefined {
  const tag = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

const setCookies = (res: { headers: Record<string, unknown> }): string[] => (res.headers['set-cookie'] as string[] | undefined) ?? [];
const sessionCookie = (res: { headers: Record<string, unknown> }) => setCookies(res).find((c) => c.startsWith('yh_session='));

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
    // The token first: the agent attaches its cookies when the request is created.
    const _csrf = await this.csrf();
    return this.agent.post(path).type('form').send({ _csrf, ...fields });
  }
  async signIn(username: string, password = PASSWORD) {
    const res = await this.post('/login', { username, password });
    if (res.status !== 303) throw new Error(`page sign-in of ${username} failed: ${res.status}`);
    return res;
  }
}

describe('portal pages', () => {
  let t: TestApp;
  const visitor = () => new Visitor(t);
  async function as(role: string) {
    const u = await t.user(role);
    const v = visitor();
    await v.signIn(u.username);
    return Object.assign(v, { user: u });
  }

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('public pages', () => {
    it('home page: the site name, navigation, skip link, footer, search box', async () => {
      const res = await t.http.get('/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<html lang="zh-CN">');
      expect(res.text).toContain('余杭区自媒体账号备案与信用评价平台');
      expect(res.text).toContain('<a class="skip-link" href="#main">跳到主要内容</a>');
      expect(res.text).toContain('<main id="main"');
      for (const item of ['首页', '账号查询', '如何举报']) expect(res.text).toContain(`>${item}</a>`);
      expect(res.text).toContain('余杭区互联网信息办公室');
      expect(res.text).toMatch(/<label[^>]*for="home-q"/);
      expect(res.text).toContain('href="/" aria-current="page"');
      // Nobody is signed in: no desk link, a sign-in link.
      expect(res.text).not.toContain('我的工作台');
      expect(res.text).toContain('href="/login"');
    });

    it('how to report: the eleven categories in words, what happens next, 15 working days', async () => {
      const res = await t.http.get('/report/how');
      expect(res.status).toBe(200);
      for (const code of ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11']) expect(res.text).toContain(code);
      expect(res.text).toContain('反对宪法所确定的基本原则的');
      expect(res.text).toContain('散布谣言，扰乱社会秩序，破坏社会稳定的');
      expect(res.text).toContain('15个工作日');
      expect(res.text).toContain('查询码');
    });

    it('serves the stylesheet', async () => {
      const res = await t.http.get('/assets/portal.css');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/css/);
      expect(res.text).toContain('.error-summary');
    });

    it('the lookup escapes what was typed into it', async () => {
      const res = await t.http.get('/registry').query({ q: '<script>alert(1)</script>' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toContain('没有找到符合条件的已备案账号');
    });

    it('the lookup reads bad paging and filters leniently (a shared link never breaks)', async () => {
      const res = await t.http.get('/registry').query({ page: 'abc', platform: 'myspace', q: ['a', 'b'] });
      expect(res.status).toBe(200);
      expect(res.text).toContain('已备案自媒体账号查询');
    });

    it('an unknown filing number or path answers the 404 page in Chinese', async () => {
      const res = await t.http.get('/registry/YH-ZMT-2026-999999');
      expect(res.status).toBe(404);
      expect(res.text).toContain('页面不存在');
      expect(res.text).toContain('返回首页');
      const other = await t.http.get('/no-such-page');
      expect(other.status).toBe(404);
      expect(other.text).toContain('页面不存在');
    });
  });

  describe('sign-in and sign-out', () => {
    it('the sign-in form has labelled fields and a CSRF token', async () => {
      const res = await t.http.get('/login');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<label class="label" for="username">用户名<\/label>/);
      expect(res.text).toMatch(/<label class="label" for="password">密码<\/label>/);
      expect(res.text).toMatch(/autocomplete="current-password"/);
      expect(res.text).toContain('连续5次输入错误，账户将锁定15分钟');
      expect(csrfOf(res.text).length).toBeGreaterThan(10);
      expect(setCookies(res).some((c) => c.startsWith('yh_csrf=') && /HttpOnly/.test(c) && /SameSite=Strict/.test(c))).toBe(true);
    });

    it('a form posted without the CSRF token, or with a wrong one, is refused with the 403 page', async () => {
      const v = visitor();
      await v.get('/login');
      const none = await v.agent.post('/login').type('form').send({ username: ADMIN.username, password: ADMIN.password });
      expect(none.status).toBe(403);
      expect(none.text).toContain('表单已过期');
      expect(sessionCookie(none)).toBeUndefined();
      const wrong = await v.agent.post('/login').type('form').send({ _csrf: 'forged-token', username: ADMIN.username, password: ADMIN.password });
      expect(wrong.status).toBe(403);
      expect(wrong.text).toContain('表单已过期');
      // A token without its secret cookie (another browser's) is refused too.
      const token = csrfOf((await visitor().get('/login')).text);
      const stranger = await request(t.app.getHttpServer()).post('/login').type('form').send({ _csrf: token, username: ADMIN.username, password: ADMIN.password });
      expect(stranger.status).toBe(403);
    });

    it('signs in: an httpOnly SameSite=Strict session cookie for the token lifetime, then 303 to the desk', async () => {
      const v = visitor();
      const res = await v.post('/login', { username: ADMIN.username, password: ADMIN.password });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/desk');
      const cookie = sessionCookie(res)!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).toMatch(/Max-Age=1800/);
      expect(cookie).not.toMatch(/Secure/);
      const desk = await v.get('/desk');
      expect(desk.status).toBe(303);
      expect(desk.headers.location).toBe('/admin/users');
      const home = await v.get('/');
      expect(home.text).toContain('我的工作台');
      expect(home.text).toContain('系统管理员');
      expect(home.text).toMatch(/<form method="post" action="\/logout">\s*<input type="hidden" name="_csrf" value="[^"]+">/);
      expect(home.headers['cache-control']).toBe('no-store');
    });

    it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
      process.env.COOKIE_SECURE = 'true';
      try {
        const res = await visitor().post('/login', { username: ADMIN.username, password: ADMIN.password });
        expect(res.status).toBe(303);
        expect(sessionCookie(res)).toMatch(/; Secure/);
      } finally {
        delete process.env.COOKIE_SECURE;
      }
    });

    it('follows a safe relative next, never another site', async () => {
      const u = await t.user('officer');
      const safe = await visitor().post('/login', { username: u.username, password: PASSWORD, next: '/officer/accounts?status=pending' });
      expect(safe.status).toBe(303);
      expect(safe.headers.location).toBe('/officer/accounts?status=pending');
      for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/login']) {
        const res = await visitor().post('/login', { username: u.username, password: PASSWORD, next });
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/desk');
      }
    });

    it('a wrong password re-renders the form with an error summary; the name is kept, the password never', async () => {
      const v = visitor();
      const res = await v.post('/login', { username: ADMIN.username, password: 'Wrong-Passw0rd!' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('role="alert"');
      expect(summaryOf(res.text)).toEqual([['#username', '用户名或密码错误']]);
      expect(inputValue(res.text, 'username')).toBe(ADMIN.username);
      expect(res.text).not.toContain('Wrong-Passw0rd!');
      expect(res.text).toMatch(/<title>错误：/);
      expect(sessionCookie(res)).toBeUndefined();
    });

    it('empty fields: one message per field, beside it and in the summary', async () => {
      const res = await visitor().post('/login', { username: '', password: '' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([
        ['#username', '请填写用户名'],
        ['#password', '请填写密码'],
      ]);
      expect(res.text).toMatch(/<span class="error-message" id="username-error">[\s\S]*?请填写用户名<\/span>/);
      expect(res.text).toMatch(/id="username"[^>]*aria-describedby="[^"]*username-error"/);
    });

    it('shows the lock message (423) after repeated failures', async () => {
      const u = await t.user('auditor');
      let last = await visitor().post('/login', { username: u.username, password: 'Wrong-Passw0rd!' });
      for (let i = 0; i < 6 && last.status !== 423; i++) last = await visitor().post('/login', { username: u.username, password: 'Wrong-Passw0rd!' });
      expect(last.status).toBe(423);
      expect(last.text).toContain('账户已锁定');
      expect(summaryOf(last.text)[0][1]).toMatch(/分钟后再试/);
    });

    it('signs out: the cookie is cleared and the desk asks for a sign-in again', async () => {
      const v = visitor();
      await v.signIn(ADMIN.username, ADMIN.password);
      const out = await v.post('/logout');
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/login?signedOut=1');
      expect(sessionCookie(out)).toMatch(/yh_session=;/);
      expect(sessionCookie(out)).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
      const page = await v.get('/login?signedOut=1');
      expect(page.text).toContain('您已安全退出登录');
      const desk = await v.get('/desk');
      expect(desk.status).toBe(303);
      expect(desk.headers.location).toBe('/login?next=%2Fdesk');
    });

    it('the sign-out confirmation page works where a page had no token to give', async () => {
      const v = visitor();
      await v.signIn(ADMIN.username, ADMIN.password);
      const page = await v.get('/logout');
      expect(page.status).toBe(200);
      expect(page.text).toContain('确定要退出吗');
      expect((await visitor().get('/logout')).headers.location).toBe('/login');
    });
  });

  describe('sign-up', () => {
    it('the form asks for name, phone, user name and password twice', async () => {
      const res = await t.http.get('/signup');
      expect(res.status).toBe(200);
      for (const id of ['displayName', 'phone', 'username', 'password', 'passwordConfirm']) expect(res.text).toMatch(new RegExp(`<label class="label" for="${id}">`));
    });

    it('refuses bad input with the summary, keeps what was typed except passwords', async () => {
      const res = await visitor().post('/signup', {
        displayName: '杭州<b>某</b>传媒',
        phone: '12345',
        username: 'new_op',
        password: 'weakpass1',
        passwordConfirm: 'weakpass2',
      });
      expect(res.status).toBe(400);
      const fields = summaryOf(res.text).map(([href]) => href);
      expect(fields).toEqual(expect.arrayContaining(['#phone', '#password', '#passwordConfirm']));
      expect(summaryOf(res.text).find(([h]) => h === '#passwordConfirm')?.[1]).toBe('两次输入的密码不一致');
      expect(inputValue(res.text, 'username')).toBe('new_op');
      expect(inputValue(res.text, 'displayName')).toBe('杭州&lt;b&gt;某&lt;/b&gt;传媒');
      expect(inputValue(res.text, 'phone')).toBe('12345');
      expect(res.text).not.toContain('weakpass1');
      expect(inputValue(res.text, 'password')).toBeUndefined();
    });

    it('an extra field is refused like the API does', async () => {
      const res = await visitor().post('/signup', { displayName: '某', phone: '13812345678', username: 'extra_op', password: PASSWORD, passwordConfirm: PASSWORD, role: 'sysadmin' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([['#role', '不允许的字段']]);
    });

    it('registers an operator, signs them in and opens the operator desk', async () => {
      const v = visitor();
      const res = await v.post('/signup', { displayName: '杭州某某文化传媒有限公司', phone: '13812345678', username: 'page_op', password: PASSWORD, passwordConfirm: PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/operator');
      expect(sessionCookie(res)).toMatch(/HttpOnly/);
      const desk = await v.get('/operator');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain('自媒体账号备案');
      expect(desk.text).toContain('杭州某某文化传媒有限公司');
      const again = await visitor().post('/signup', { displayName: '另一家', phone: '13812345679', username: 'page_op', password: PASSWORD, passwordConfirm: PASSWORD });
      expect(again.status).toBe(400);
      expect(summaryOf(again.text)).toEqual([['#username', '用户名已被使用']]);
    });
  });

  describe('desks and access', () => {
    it('anonymous visitors of a desk are sent to sign in (303), with the page to come back to', async () => {
      for (const path of ['/desk', '/operator', '/operator/subjects/new', '/officer', '/approver', '/evaluator', '/admin/users', '/audit']) {
        const res = await t.http.get(path);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
    });

    it('an anonymous form post is refused (401 page), never processed', async () => {
      const v = visitor();
      const res = await v.post('/operator/subjects', organizationBody() as Record<string, string>);
      expect(res.status).toBe(401);
      expect(res.text).toContain('请先登录');
    });

    it('/desk sends each role to its own desk, which renders', async () => {
      const desks: [string, string, string][] = [
        ['operator', '/operator', '自媒体账号备案'],
        ['officer', '/officer', '审核工作台'],
        ['approver', '/approver', '审批工作台'],
        ['evaluator', '/evaluator', '您目前没有评议任务'],
        ['auditor', '/audit', '审计记录'],
      ];
      for (const [role, path, text] of desks) {
        const v = await as(role);
        const res = await v.get('/desk');
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(path);
        const page = await v.get(path);
        expect(page.status).toBe(200);
        expect(page.text).toContain(text);
        expect(page.text).toContain(v.user.username.startsWith(role) ? '我的工作台' : '');
      }
    });

    it('a desk of another role answers the 403 page', async () => {
      const pairs: [string, string][] = [
        ['operator', '/officer'],
        ['operator', '/admin/users'],
        ['officer', '/operator'],
        ['officer', '/audit'],
        ['sysadmin', '/operator'],
        ['sysadmin', '/audit'],
        ['auditor', '/admin/users'],
        ['evaluator', '/approver'],
        ['approver', '/officer'],
      ];
      const sessions = new Map<string, Visitor>();
      for (const [role, path] of pairs) {
        if (!sessions.has(role)) sessions.set(role, role === 'sysadmin' ? await (async () => { const v = visitor(); await v.signIn(ADMIN.username, ADMIN.password); return v; })() : await as(role));
        const res = await sessions.get(role)!.get(path);
        expect(res.status).toBe(403);
        expect(res.text).toContain('无权访问');
      }
    });
  });

  describe('sysadmin: users', () => {
    let admin: Visitor;
    beforeAll(async () => {
      admin = visitor();
      await admin.signIn(ADMIN.username, ADMIN.password);
    });

    it('lists users and creates one through the form', async () => {
      const list = await admin.get('/admin/users');
      expect(list.status).toBe(200);
      expect(list.text).toContain('用户管理');
      expect(list.text).toContain('sysadmin');
      const res = await admin.post('/admin/users', { username: 'page_officer', displayName: '李工作', role: 'officer', organization: '网络管理科', password: PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/users?created=page_officer');
      const after = await admin.get(res.headers.location);
      expect(after.text).toContain('已创建用户 <strong>page_officer</strong>');
      expect(after.text).toContain('李工作');
      const login = await t.http.post('/api/auth/login').send({ username: 'page_officer', password: PASSWORD });
      expect(login.body.user.role).toBe('officer');
    });

    it('re-renders the form with the problems: missing role, bad name, duplicate', async () => {
      const res = await admin.post('/admin/users', { username: 'a b', displayName: '', password: PASSWORD });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual(
        expect.arrayContaining([
          ['#username', '用户名为3-32位字母、数字、下划线、点或横线'],
          ['#role', '请选择角色'],
          ['#displayName', '请填写姓名'],
        ]),
      );
      expect(inputValue(res.text, 'username')).toBe('a b');
      const dup = await admin.post('/admin/users', { username: 'sysadmin', displayName: 'x', role: 'auditor', password: PASSWORD });
      expect(dup.status).toBe(400);
      expect(summaryOf(dup.text)).toEqual([['#username', '用户名已被使用']]);
    });

    it('disables and enables a user', async () => {
      const u = await t.user('evaluator');
      const off = await admin.post(`/admin/users/${u.id}/status`, { status: 'disabled' });
      expect(off.status).toBe(303);
      expect((await t.http.get('/api/auth/me').set(bearer(u.token))).status).toBe(401);
      const on = await admin.post(`/admin/users/${u.id}/status`, { status: 'active' });
      expect(on.status).toBe(303);
      const bad = await admin.post(`/admin/users/${u.id}/status`, { status: 'deleted' });
      expect(bad.status).toBe(400);
      const unknown = await admin.post('/admin/users/00000000-0000-4000-8000-000000000000/status', { status: 'disabled' });
      expect(unknown.status).toBe(404);
    });

    it('other roles may not post to it', async () => {
      const officer = await as('officer');
      const res = await officer.post('/admin/users', { username: 'sneaky', displayName: 'x', role: 'sysadmin', password: PASSWORD });
      expect(res.status).toBe(403);
      expect((await t.http.post('/api/auth/login').send({ username: 'sneaky', password: PASSWORD })).status).toBe(401);
    });
  });

  describe('auditor: the trail', () => {
    it('lists recent entries and verifies the chain', async () => {
      const auditor = await as('auditor');
      const list = await auditor.get('/audit');
      expect(list.status).toBe(200);
      expect(list.text).toContain('auth.login');
      expect(list.text).toContain('user.create');
      const filtered = await auditor.get('/audit?action=user.create');
      expect(filtered.text).toContain('user.create');
      expect(filtered.text).not.toContain('<td class="mono">auth.login</td>');
      const verify = await auditor.get('/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.text).toContain('校验通过');
    });
  });

  describe('operator, officer and the public: a filing end to end', () => {
    let operator: Visitor & { user: { id: string; token: string; username: string } };
    let officer: Visitor & { user: { id: string; token: string; username: string } };
    const idNumber = makeIdNumber();
    let subjectId: string;
    let accountId: string;

    beforeAll(async () => {
      operator = await as('operator');
      officer = await as('officer');
    });

    it('the desk shows the task list with nothing done yet', async () => {
      const res = await operator.get('/operator');
      expect(res.status).toBe(200);
      expect(res.text).toContain('已完成 0 项，共 4 项');
      expect(res.text).toMatch(/主体信息<\/a>/);
      expect(res.text).toContain('无法开始');
    });

    it('the subject form: errors in a summary, values kept, fields of the other kind ignored', async () => {
      const res = await operator.post('/operator/subjects', {
        kind: 'individual',
        name: '张小明',
        idNumber: '330110199001011230',
        creditCode: 'ignored',
        regionCode: '330100',
        registeredAddress: '',
        operatingAddress: '浙江省杭州市余杭区良渚街道',
        contactName: '张小明',
        contactPhone: '13987654321',
      });
      expect(res.status).toBe(400);
      const summary = summaryOf(res.text);
      expect(summary.map(([h]) => h)).toEqual(expect.arrayContaining(['#idNumber', '#regionCode', '#registeredAddress']));
      expect(summary.map(([h]) => h)).not.toContain('#creditCode');
      expect(summary.find(([h]) => h === '#registeredAddress')?.[1]).toBe('请填写注册地址');
      expect(inputValue(res.text, 'idNumber')).toBe('330110199001011230');
      expect(inputValue(res.text, 'contactPhone')).toBe('13987654321');
      expect(res.text).toMatch(/<input type="radio" name="kind" id="kind-individual" value="individual" checked>/);
      const missingKind = await operator.post('/operator/subjects', { name: 'x' });
      expect(summaryOf(missingKind.text)).toEqual(expect.arrayContaining([['#kind', '请选择主体类型']]));
    });

    it('registers a subject through the form', async () => {
      const body = individualBody({ idNumber });
      const res = await operator.post('/operator/subjects', body as Record<string, string>);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/operator?done=subject');
      const desk = await operator.get(res.headers.location);
      expect(desk.text).toContain('主体信息已登记');
      expect(desk.text).toContain('已完成 1 项');
      // Masked on the desk: the owner's list shows the masked form.
      expect(desk.text).not.toContain(idNumber);
      const subjects = await t.http.get('/api/subjects').set(bearer(operator.user.token));
      subjectId = subjects.body.items[0].id;
    });

    it('the account form: a choice missing and a qualified category without its qualification', async () => {
      const form = await operator.get('/operator/accounts/new');
      expect(form.status).toBe(200);
      expect(form.text).toMatch(new RegExp(`<option value="${subjectId}" selected>`));
      expect(form.text).toContain('资质有效期至');
      const res = await operator.post('/operator/accounts', { subjectId, platformAccountId: 'yh_finance', name: '余杭财经', category: 'finance', followers: '12k' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual(
        expect.arrayContaining([
          ['#platform', '请选择平台'],
          ['#followers', '粉丝数应为整数'],
          ['#qualificationType', '该内容类别须填写资质类型'],
          ['#qualificationNumber', '该内容类别须填写资质证书编号'],
          ['#qualificationExpiry', '该内容类别须填写资质有效期'],
        ]),
      );
      expect(inputValue(res.text, 'name')).toBe('余杭财经');
      expect(inputValue(res.text, 'followers')).toBe('12k');
      expect(res.text).toMatch(/<option value="finance" selected>/);
    });

    it('another operator\'s subject is refused beside the field', async () => {
      const other = await t.user('operator');
      const foreign = await createSubject(t, other.token);
      const res = await operator.post('/operator/accounts', accountBody(foreign.id) as Record<string, string>);
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([['#subjectId', '请选择您登记的运营主体']]);
    });

    it('registers an account and shows its page (pending, no filing number yet)', async () => {
      const res = await operator.post('/operator/accounts', { ...(accountBody(subjectId, { name: '余杭生活<i>圈</i>', followers: '3500' }) as Record<string, string>) });
      expect(res.status).toBe(303);
      const m = /^\/operator\/accounts\/([0-9a-f-]{36})\?done=account$/.exec(res.headers.location);
      expect(m).not.toBeNull();
      accountId = m![1];
      const page = await operator.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain('余杭生活&lt;i&gt;圈&lt;/i&gt;');
      expect(page.text).toContain('待审核');
      expect(page.text).toContain('审核通过后赋予');
      expect(page.text).toContain('3,500');
      const dup = await operator.post('/operator/accounts', { ...(accountBody(subjectId) as Record<string, string>), platform: 'wechat', platformAccountId: (await t.http.get(`/api/accounts/${accountId}`).set(bearer(operator.user.token))).body.platformAccountId });
      expect(dup.status).toBe(400);
      expect(summaryOf(dup.text)[0][0]).toBe('#platformAccountId');
    });

    it('another operator\'s account page does not exist for them (404); a malformed id neither', async () => {
      const other = visitor();
      const u = await t.user('operator');
      await other.signIn(u.username);
      expect((await other.get(`/operator/accounts/${accountId}`)).status).toBe(404);
      expect((await other.post(`/operator/accounts/${accountId}/staff`, { name: 'x' })).status).toBe(404);
      expect((await operator.get('/operator/accounts/not-a-uuid')).status).toBe(404);
    });

    it('staff: errors come back in the summary with the form\'s own field ids', async () => {
      const res = await operator.post(`/operator/accounts/${accountId}/staff`, { name: '王编辑', idNumber: '330110199001011230', phone: '13800000000', role: 'chief_editor', startDate: '2099-01-01' });
      expect(res.status).toBe(400);
      const hrefs = summaryOf(res.text).map(([h]) => h);
      expect(hrefs).toEqual(expect.arrayContaining(['#staff-idNumber', '#staff-startDate']));
      expect(res.text).toMatch(/id="staff-idNumber"[^>]*aria-invalid="true"/);
      expect(inputValue(res.text, 'staff-name')).toBe('王编辑');
    });

    it('staff: adds a chief editor, a training and a record; files the roster', async () => {
      const staffId = makeIdNumber();
      const add = await operator.post(`/operator/accounts/${accountId}/staff`, { name: '王编辑', idNumber: staffId, phone: '13800000000', role: 'chief_editor', fullTime: 'true', startDate: '2024-03-01' });
      expect(add.status).toBe(303);
      expect(add.headers.location).toBe(`/operator/accounts/${accountId}?done=staff#staff`);
      let page = await operator.get(`/operator/accounts/${accountId}`);
      expect(page.text).toContain('总编辑：王编辑');
      expect(page.text).not.toContain(staffId);
      expect(page.text).toContain('138****0000');
      const member = /<option value="([0-9a-f-]{36})">王编辑（总编辑）<\/option>/.exec(page.text)![1];

      const noStaff = await operator.post(`/operator/accounts/${accountId}/trainings`, { date: '2026-01-10', organizer: 'office', topic: '网络内容编辑与传播规范', hours: '3.5' });
      expect(noStaff.status).toBe(400);
      expect(summaryOf(noStaff.text)).toEqual([['#training-staffId', '请选择编辑人员']]);
      const badHours = await operator.post(`/operator/accounts/${accountId}/trainings`, { staffId: member, date: '2026-01-10', organizer: 'office', topic: '规范', hours: 'three' });
      expect(badHours.status).toBe(400);
      expect(summaryOf(badHours.text).map(([h]) => h)).toEqual(['#training-hours']);
      expect(inputValue(badHours.text, 'training-hours')).toBe('three');
      const training = await operator.post(`/operator/accounts/${accountId}/trainings`, { staffId: member, date: '2026-01-10', organizer: 'office', topic: '网络内容编辑与传播规范', hours: '3.5' });
      expect(training.status).toBe(303);
      const record = await operator.post(`/operator/accounts/${accountId}/records`, { staffId: member, kind: 'reward', date: '2026-02-01', description: '年度优秀编辑' });
      expect(record.status).toBe(303);
      page = await operator.get(`/operator/accounts/${accountId}`);
      expect(page.text).toContain('网络内容编辑与传播规范');
      expect(page.text).toContain('年度优秀编辑');

      const filing = await operator.post(`/operator/accounts/${accountId}/staff-filings`);
      expect(filing.status).toBe(303);
      page = await operator.get(`/operator/accounts/${accountId}`);
      expect(page.text).toContain('第1版');
      expect(page.text).toContain('名单与现有备案一致');
      const again = await operator.post(`/operator/accounts/${accountId}/staff-filings`);
      expect(again.status).toBe(409);
      expect(summaryOf(again.text)[0][1]).toMatch(/审核中/);
    });

    it('the officer\'s desk lists the account and the roster filing, oldest first', async () => {
      const desk = await officer.get('/officer');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain(`/officer/accounts/${accountId}`);
      expect(desk.text).toContain('余杭生活&lt;i&gt;圈&lt;/i&gt;');
      expect(desk.text).toMatch(/\/officer\/staff-filings\/[0-9a-f-]{36}/);
      expect(desk.text).toContain('待审核');
    });

    it('the review page shows the whole ID number and phone to the officer, and audits the look', async () => {
      const page = await officer.get(`/officer/accounts/${accountId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(idNumber);
      expect(page.text).toContain('13987654321');
      const auditor = await t.user('auditor');
      const trail = await t.http.get('/api/audit?action=subject.reveal').set(bearer(auditor.token));
      expect(trail.body.items.some((e: { actorId: string }) => e.actorId === officer.user.id)).toBe(true);
    });

    it('reject needs a reason: the summary points at it and the choice is kept', async () => {
      const res = await officer.post(`/officer/accounts/${accountId}/review`, { decision: 'reject', reason: '' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([['#reason', '退回须说明理由']]);
      expect(res.text).toMatch(/value="reject" checked/);
      const none = await officer.post(`/officer/accounts/${accountId}/review`, {});
      expect(summaryOf(none.text)).toEqual([['#decision', '请选择审核结论']]);
    });

    it('approves: the filing number is shown; a second decision is a conflict in the summary', async () => {
      const res = await officer.post(`/officer/accounts/${accountId}/review`, { decision: 'approve' });
      expect(res.status).toBe(303);
      const page = await officer.get(res.headers.location);
      expect(page.text).toMatch(/已通过备案，备案编号 <strong class="mono">YH-ZMT-\d{4}-\d{6}<\/strong>/);
      const again = await officer.post(`/officer/accounts/${accountId}/review`, { decision: 'approve' });
      expect(again.status).toBe(409);
      expect(summaryOf(again.text)[0][1]).toMatch(/不允许/);
    });

    it('the officer accepts the roster filing', async () => {
      const desk = await officer.get('/officer');
      const filingId = /\/officer\/staff-filings\/([0-9a-f-]{36})/.exec(desk.text)![1];
      const page = await officer.get(`/officer/staff-filings/${filingId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('王编辑');
      expect(page.text).toContain('年度优秀编辑');
      const bad = await officer.post(`/officer/staff-filings/${filingId}/review`, { decision: 'return' });
      expect(bad.status).toBe(400);
      expect(summaryOf(bad.text)).toEqual([['#reason', '退回须说明理由']]);
      const ok = await officer.post(`/officer/staff-filings/${filingId}/review`, { decision: 'accept' });
      expect(ok.status).toBe(303);
      expect((await officer.get(ok.headers.location)).text).toContain('已予以备案');
      const opPage = await operator.get(`/operator/accounts/${accountId}`);
      expect(opPage.text).toContain('已备案');
      // Operators may not review; officers may not open the operator's pages.
      expect((await operator.post(`/officer/staff-filings/${filingId}/review`, { decision: 'accept' })).status).toBe(403);
      expect((await officer.get(`/officer/staff-filings/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    });

    it('the public lookup finds the account, masked: no whole ID number or phone anywhere', async () => {
      const res = await t.http.get('/registry').query({ q: '余杭生活' });
      expect(res.status).toBe(200);
      const filingNo = /\/registry\/(YH-ZMT-\d{4}-\d{6})/.exec(res.text)![1];
      expect(res.text).toContain('余杭生活&lt;i&gt;圈&lt;/i&gt;');
      expect(res.text).toContain('张**');
      expect(res.text).not.toContain('张小明');
      expect(res.text).not.toContain(idNumber);
      expect(res.text).not.toContain('13987654321');
      expect(res.text).toContain('已备案');
      const byNo = await t.http.get('/registry').query({ q: filingNo.toLowerCase() });
      expect(byNo.text).toContain(`/registry/${filingNo}`);
      const page = await t.http.get(`/registry/${filingNo}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(filingNo);
      expect(page.text).not.toContain(idNumber);
      expect(page.text).not.toContain('13987654321');
      const wrongPlatform = await t.http.get('/registry').query({ q: '余杭生活', platform: 'douyin' });
      expect(wrongPlatform.text).not.toContain(`/registry/${filingNo}`);
    });

    it('the approver sees the accounts read-only and not the officer\'s review', async () => {
      const approver = await as('approver');
      const desk = await approver.get('/approver?status=filed');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain('余杭生活&lt;i&gt;圈&lt;/i&gt;');
      expect(desk.text).not.toContain(`/officer/accounts/${accountId}`);
      expect((await approver.get(`/officer/accounts/${accountId}`)).status).toBe(403);
      expect((await approver.post(`/officer/accounts/${accountId}/review`, { decision: 'approve' })).status).toBe(403);
    });

    it('a pending account of another operator can be rejected with a reason the operator then sees', async () => {
      const other = await t.user('operator');
      const s = await createSubject(t, other.token, organizationBody());
      const a = await createAccount(t, other.token, s.id);
      const res = await officer.post(`/officer/accounts/${a.id}/review`, { decision: 'reject', reason: '账号名称与主体不符' });
      expect(res.status).toBe(303);
      const ov = visitor();
      await ov.signIn(other.username);
      const page = await ov.get(`/operator/accounts/${a.id}`);
      expect(page.text).toContain('未通过');
      expect(page.text).toContain('账号名称与主体不符');
    });
  });
});
