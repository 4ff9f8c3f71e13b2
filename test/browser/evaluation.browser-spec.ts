import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { bearer, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';
import { type ChromiumSession, launchChromium, snap } from './browser.js';

type Person = { id: string; token: string; username: string };

const YEAR = 2025;
const FIELDS = ['D1 守法守规', 'D2 坚持正确舆论导向', 'D3 参加行业协会活动', 'D4 企业内部员工培训和团队建设', 'D5 配合网信部门工作'];

/**
 * Issue 4's scenario in a real browser: three evaluators from two organisations score an account
 * through the scoring form; an officer closes the cycle; an approver publishes the results; the
 * public sees the grade on /evaluations/<year> and on the account's page. The users, the filed
 * account and the cycle with its assignments are made through the API; the scoring, closing and
 * publishing through the pages. Screenshots go to test-results/screenshots/eval-*.png.
 */
describe('annual evaluation in Chromium', () => {
  let t: TestApp;
  let browser: ChromiumSession;
  let base: string;
  let page: Page;
  let officer: Person;
  let approver: Person;
  const evaluators: Person[] = [];
  let account: FiledAccount;

  const go = (path: string) => page.goto(`${base}${path}`);
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const main = () => page.locator('main').textContent().then((s) => (s ?? '').replace(/\s+/g, ' '));
  const button = (name: string) => page.getByRole('button', { name, exact: true });

  async function signInAs(p: Person) {
    await browser.context.clearCookies();
    await go('/login');
    await field('用户名').fill(p.username);
    await field('密码').fill(PASSWORD);
    await button('登录').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  beforeAll(async () => {
    t = await bootTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    officer = await t.user('officer', { displayName: '李评价' });
    approver = await t.user('approver', { displayName: '陈主任' });
    evaluators.push(await t.user('evaluator', { displayName: '王协会', organization: '余杭区网络文化协会' }));
    evaluators.push(await t.user('evaluator', { displayName: '赵协会', organization: '余杭区网络文化协会' }));
    evaluators.push(await t.user('evaluator', { displayName: '钱专家', organization: '第三方专家库' }));
    account = await filedAccount(t, officer.token, { name: '余杭发布生活' });
    // The cycle, opened and assigned through the API (the officer's pages are tested in e2e).
    const created = await t.http.post('/api/evaluation-cycles').set(bearer(officer.token)).send({ year: YEAR });
    expect(created.status).toBe(201);
    expect((await t.http.post(`/api/evaluation-cycles/${created.body.id}/open`).set(bearer(officer.token))).status).toBe(200);
    const assigned = await t.http.post(`/api/evaluation-cycles/${created.body.id}/assignments`).set(bearer(officer.token)).send({});
    expect(assigned.status).toBe(201);
    expect(assigned.body.assigned).toMatchObject({ accounts: 1, assignments: 3 });
    browser = await launchChromium();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('three evaluators from two organisations score the account through the form', async () => {
    const marks = [88, 92, 95];
    for (const [i, e] of evaluators.entries()) {
      await signInAs(e);
      await page.waitForURL('**/evaluator');
      expect(await main()).toContain(`${YEAR}年度自媒体账号信用评价正在评分`);
      if (i === 0) await snap(page, 'eval-01-evaluator-desk');
      await page.getByRole('link', { name: '余杭发布生活' }).click();
      await page.waitForURL(/\/evaluator\/assignments\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('余杭发布生活');
      if (i === 0) {
        // A score above 100: the summary names the field and its link moves the focus to it.
        for (const label of FIELDS) await field(`${label}（权重20%）`).fill('90');
        await field('D1 守法守规（权重20%）').fill('101');
        await button('提交评分').click();
        await expect(page.getByRole('alert').textContent()).resolves.toContain('D1（守法守规）的评分不能高于100');
        await expect(field('D1 守法守规（权重20%）').inputValue()).resolves.toBe('101');
        await snap(page, 'eval-02-score-error');
        await page.getByRole('alert').getByRole('link').first().click();
        await expect(page.evaluate<string | undefined>('document.activeElement?.id')).resolves.toBe('D1');
      }
      for (const label of FIELDS) await field(`${label}（权重20%）`).fill(String(marks[i]));
      await field('评语（选填）').fill('内容规范，配合网信部门工作积极。');
      if (i === 0) await snap(page, 'eval-03-score-form');
      await button('提交评分').click();
      await page.waitForURL(/\?done=scored$/);
      expect(await page.getByRole('status').textContent()).toContain('评分已提交');
    }
  });

  it('an officer closes the cycle and sees the result', async () => {
    await signInAs(officer);
    await page.getByRole('link', { name: '年度评议' }).click();
    await page.waitForURL('**/officer/evaluation');
    await page.getByRole('link', { name: `${YEAR}年度` }).click();
    await page.waitForURL(/\/officer\/evaluation\/[0-9a-f-]{36}$/);
    expect(await main()).toContain('全部3份评分已提交');
    await button('结束评分并计算结果').click();
    await page.waitForURL(/\?done=closed$/);
    const text = await main();
    expect(text).toContain('已计算1个账号的结果');
    // (88 + 92 + 95) / 3 = 91.67 on every dimension, equal weights: 91.67, A.
    expect(text).toMatch(/余杭发布生活.*91\.67.*A 优秀/);
    await snap(page, 'eval-04-officer-closed');
  });

  it('an approver publishes from the desk', async () => {
    await signInAs(approver);
    await page.waitForURL('**/approver');
    await page.getByRole('link', { name: `${YEAR}年度信用评价` }).click();
    await page.waitForURL(/\/approver\/evaluation\/[0-9a-f-]{36}$/);
    await snap(page, 'eval-05-approver-publish');
    await button(`批准公布${YEAR}年度评议结果`).click();
    await page.waitForURL(/\?done=published$/);
    expect(await page.getByRole('status').textContent()).toContain(`${YEAR}年度信用评价结果已公布`);
  });

  it('the public sees the grade on the year’s results and on the account’s page', async () => {
    await browser.context.clearCookies();
    await go('/');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '信用评价结果' }).click();
    await page.waitForURL('**/evaluations');
    await page.getByRole('link', { name: `${YEAR}年度` }).click();
    await page.waitForURL(`**/evaluations/${YEAR}`);
    const row = page.getByRole('row', { name: /余杭发布生活/ });
    await expect(row.textContent()).resolves.toMatch(/A 优秀/);
    expect(await main()).not.toContain('91.67');
    await snap(page, 'eval-06-public-results');
    await row.getByRole('link', { name: account.filingNo }).click();
    await page.waitForURL(`**/registry/${account.filingNo}`);
    expect(await main()).toMatch(/信用等级\s*优秀/);
    await snap(page, 'eval-07-public-account');
  });

  it('the operator sees how its grade was computed', async () => {
    await signInAs(account.operator);
    await page.getByRole('link', { name: '信用评价', exact: true }).click();
    await page.waitForURL('**/operator/evaluations');
    const text = await main();
    expect(text).toMatch(new RegExp(`${YEAR}年度\\s*A 优秀\\s*91\\.67`));
    expect(text).toContain('20%×91.67 + 20%×91.67 + 20%×91.67 + 20%×91.67 + 20%×91.67 = 91.67');
    for (const hidden of ['王协会', '钱专家', '内容规范']) expect(text).not.toContain(hidden);
    await snap(page, 'eval-08-operator-grades');
  });
});
