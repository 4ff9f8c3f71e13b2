import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../factories/identifiers.js';
import { ADMIN, bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';
import { type ChromiumSession, launchChromium, snap } from './browser.js';

/**
 * The portal in a real browser, without JavaScript of its own: an operator signs up and files a
 * subject and an account; an officer (made through the API by the sysadmin) approves it; the public
 * lookup finds it with personal data masked. Screenshots of each step go to test-results/screenshots/.
 */
describe('portal in Chromium', () => {
  let t: TestApp;
  let browser: ChromiumSession;
  let base: string;
  let page: Page;

  const go = (path: string) => page.goto(`${base}${path}`);
  const field = (label: string) => page.getByLabel(label, { exact: true });
  // Evaluated in the page (as strings: the test's TypeScript has no DOM types).
  const activeId = () => page.evaluate<string | undefined>('document.activeElement?.id');

  beforeAll(async () => {
    t = await bootTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('the filing scenario', () => {
    const idNumber = makeIdNumber();
    const phone = '13987654321';
    const accountName = '余杭良渚生活志';
    let filingNo = '';

    it('an operator signs up', async () => {
      await go('/');
      await expect(page.title()).resolves.toBe('余杭区自媒体账号备案与信用评价平台');
      await snap(page, '01-home');
      await page.getByRole('link', { name: '注册并办理备案' }).click();
      await page.waitForURL('**/signup');
      await field('运营主体名称').fill('张良渚');
      await field('手机号码').fill('13812340001');
      await field('用户名').fill('liangzhu_op');
      await field('密码').fill(PASSWORD);
      await field('确认密码').fill('Not-The-Same-1');
      await page.getByRole('button', { name: '注册并登录' }).click();
      // A mistake first: the summary names it and links to the field; the other answers are kept.
      const summary = page.getByRole('alert');
      await expect(summary.textContent()).resolves.toContain('两次输入的密码不一致');
      await expect(field('用户名').inputValue()).resolves.toBe('liangzhu_op');
      await expect(field('密码').inputValue()).resolves.toBe('');
      await snap(page, '02-signup-error');
      await summary.getByRole('link', { name: '两次输入的密码不一致' }).click();
      await expect(activeId()).resolves.toBe('passwordConfirm');
      await field('密码').fill(PASSWORD);
      await field('确认密码').fill(PASSWORD);
      await page.getByRole('button', { name: '注册并登录' }).click();
      await page.waitForURL('**/operator');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('自媒体账号备案');
      await snap(page, '03-operator-desk');
    });

    it('the operator registers a subject (an individual)', async () => {
      await page.getByRole('link', { name: '主体信息' }).click();
      await page.waitForURL('**/operator/subjects/new');
      await field('个人').check();
      await field('主体名称').fill('张良渚');
      await field('身份证号码').fill(idNumber);
      await expect(field('登记地行政区划代码').inputValue()).resolves.toBe('330110');
      await field('注册地址').fill('浙江省杭州市余杭区良渚街道古墩路1号');
      await field('经营（运营）地址').fill('浙江省杭州市余杭区良渚街道');
      await field('联系人').fill('张良渚');
      await field('联系电话').fill(phone);
      await snap(page, '04-subject-form');
      await page.getByRole('button', { name: '保存并继续' }).click();
      await page.waitForURL('**/operator?done=subject');
      const text = await page.locator('main').textContent();
      expect(text).toContain('主体信息已登记');
      expect(text).toContain('已完成 1 项');
      // Masked even for its owner on the desk.
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(phone);
      await snap(page, '05-operator-desk-subject');
    });

    it('the operator registers an account', async () => {
      await page.getByRole('link', { name: '自媒体账号', exact: true }).click();
      await page.waitForURL('**/operator/accounts/new');
      await field('平台').selectOption('wechat');
      await field('平台账号ID').fill('gh_liangzhu_life');
      await field('账号名称').fill(accountName);
      await field('账号主页网址（选填）').fill('https://mp.weixin.qq.com/liangzhu');
      await field('内容类别').selectOption('culture');
      await field('粉丝数（选填）').fill('5200');
      await snap(page, '06-account-form');
      await page.getByRole('button', { name: '提交审核' }).click();
      await page.waitForURL(/\/operator\/accounts\/[0-9a-f-]{36}\?done=account/);
      const main = await page.locator('main').textContent();
      expect(main).toContain(accountName);
      expect(main).toContain('待审核');
      expect(main).toContain('审核通过后赋予');
      await snap(page, '07-operator-account');
    });

    it('an officer made by the sysadmin approves it', async () => {
      const officer = await t.user('officer', { displayName: '李审核' });
      await browser.context.clearCookies();
      await go('/login');
      await field('用户名').fill(officer.username);
      await field('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/officer');
      await expect(page.locator('main').textContent()).resolves.toContain(accountName);
      await snap(page, '08-officer-desk');
      await page.getByRole('link', { name: accountName }).click();
      await page.waitForURL(/\/officer\/accounts\/[0-9a-f-]{36}$/);
      const review = await page.locator('main').textContent();
      // Officers see the whole ID number and phone.
      expect(review).toContain(idNumber);
      expect(review).toContain(phone);
      await snap(page, '09-officer-review');
      await field('通过，予以备案并赋予备案编号').check();
      await page.getByRole('button', { name: '提交审核结论' }).click();
      await page.waitForURL(/\?done=approve$/);
      const done = await page.getByRole('status').textContent();
      expect(done).toMatch(/已通过备案，备案编号 YH-ZMT-\d{4}-\d{6}/);
      filingNo = /YH-ZMT-\d{4}-\d{6}/.exec(done!)![0];
      await snap(page, '10-officer-approved');
    });

    it('the public lookup finds it, masked', async () => {
      await browser.context.clearCookies();
      await go('/');
      await field('查询已备案的自媒体账号').fill('良渚');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/registry\?q=/);
      const row = page.getByRole('row', { name: new RegExp(accountName) });
      await expect(row.count()).resolves.toBe(1);
      const rowText = await row.textContent();
      expect(rowText).toContain(filingNo);
      expect(rowText).toContain('已备案');
      expect(rowText).toContain('张**');
      const html = await page.content();
      expect(html).not.toContain(idNumber);
      expect(html).not.toContain(phone);
      expect(html).not.toContain('张良渚');
      await snap(page, '11-public-search');
      await page.getByRole('link', { name: accountName }).click();
      await page.waitForURL(`**/registry/${filingNo}`);
      const account = await page.content();
      expect(account).toContain(filingNo);
      expect(account).not.toContain(idNumber);
      expect(account).not.toContain(phone);
      await snap(page, '12-public-account');
    });
  });

  describe('keyboard only', () => {
    it('the skip link comes first, and the sign-in form is filled and sent with Tab and Enter', async () => {
      await browser.context.clearCookies();
      await go('/login');
      await page.keyboard.press('Tab');
      const first = await page.evaluate<{ text: string; left: number }>(
        '({ text: document.activeElement.textContent, left: document.activeElement.getBoundingClientRect().left })',
      );
      expect(first.text).toBe('跳到主要内容');
      // Visible when focused (it sits off-screen otherwise).
      expect(first.left).toBeGreaterThanOrEqual(0);
      await snap(page, '13-keyboard-skip-link');

      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if ((await activeId()) === 'username') break;
      }
      await expect(activeId()).resolves.toBe('username');
      // Focus is visible: the yellow outline.
      const outline = await page.evaluate<Record<string, string>>(
        '(() => { const s = getComputedStyle(document.activeElement); return { style: s.outlineStyle, color: s.outlineColor, width: s.outlineWidth }; })()',
      );
      expect(outline).toEqual({ style: 'solid', color: 'rgb(255, 221, 0)', width: '3px' });
      await page.keyboard.type(ADMIN.username);
      await page.keyboard.press('Tab');
      await expect(activeId()).resolves.toBe('password');
      await page.keyboard.type(ADMIN.password);
      await snap(page, '14-keyboard-login');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/admin/users');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('用户管理');
      // Signing out is a button in the header, reachable the same way.
      await page.getByRole('button', { name: '退出' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/login?signedOut=1');
      await expect(page.getByRole('status').textContent()).resolves.toContain('您已安全退出登录');
    });
  });
});
