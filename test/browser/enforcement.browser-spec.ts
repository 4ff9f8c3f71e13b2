import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { beijingIso } from '../factories/interviews.js';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { bootTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';
import { type ChromiumSession, launchChromium, snap } from './browser.js';

type Person = { id: string; token: string; username: string };

/**
 * The whole road of issue 3 in a real browser, every step through the portal's pages: the public
 * files a report through the form → an officer substantiates it → schedules an interview → holds
 * it → the operator submits a rectification → the evaluator (assigned as assessor) fails it → an
 * officer proposes restriction → an approver approves → the public registry shows the account
 * restricted. Screenshots of each step go to test-results/screenshots/enf-*.png.
 */
describe('enforcement road in Chromium', () => {
  let t: TestApp;
  let browser: ChromiumSession;
  let base: string;
  let page: Page;
  let officer: Person;
  let approver: Person;
  let evaluator: Person;
  let account: FiledAccount;
  let trackingCode = '';
  let interviewUrl = '';

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
    officer = await t.user('officer', { displayName: '李核查' });
    // The second officer of the panel (§03.1: at least two), chosen by name on the form.
    await t.user('officer', { displayName: '王约谈' });
    approver = await t.user('approver', { displayName: '陈主任' });
    evaluator = await t.user('evaluator', { displayName: '赵评估', organization: '余杭区网络文化协会' });
    account = await filedAccount(t, officer.token, { name: '余杭夜话' });
    browser = await launchChromium();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the public files a report through the form, one question per page', async () => {
    await go('/report/how');
    await page.getByRole('button', { name: '开始举报' }).click();
    await page.waitForURL('**/report');
    await snap(page, 'enf-01-report-start');
    await page.getByRole('button', { name: '开始举报' }).click();
    await page.waitForURL('**/report/target');
    // Nothing chosen: the summary names the question; its link moves the focus to it.
    await button('继续').click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('请选择您是否知道该账号的备案编号');
    await page.getByRole('alert').getByRole('link').click();
    await expect(page.evaluate<string | undefined>('document.activeElement?.id')).resolves.toBe('targetKind');
    // The filing number field appears once its answer is chosen (CSS only).
    await expect(field('备案编号').isVisible()).resolves.toBe(false);
    await field('知道该账号的备案编号').check();
    await expect(field('备案编号').isVisible()).resolves.toBe(true);
    await field('备案编号').fill(account.filingNo);
    await snap(page, 'enf-02-report-target');
    await button('继续').click();

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('举报的内容属于哪一类？');
    await field('散布谣言，扰乱社会秩序，破坏社会稳定').check();
    await snap(page, 'enf-03-report-category');
    await button('继续').click();

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('请说明情况并提供证据');
    await field('情况说明').fill('该账号11月20日发布“良渚封控”消息，系谣言，已引起恐慌。');
    await field('证据链接1').fill('https://mp.weixin.qq.com/s/rumour-example');
    await field('联系方式（选填）').fill('13900001111');
    await button('继续').click();

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('提交前请核对您的举报');
    const check = await main();
    expect(check).toContain(account.filingNo);
    expect(check).toContain('余杭夜话');
    expect(check).toContain('良渚封控');
    await snap(page, 'enf-04-report-check');
    // Change the category from the check page, and come back to it.
    await page.getByRole('button', { name: /^修改\s*举报类别$/ }).click();
    await field('散布谣言，扰乱社会秩序，破坏社会稳定').check();
    await button('继续').click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('提交前请核对您的举报');
    await button('提交举报').click();

    await page.waitForURL('**/report/done');
    trackingCode = (await page.locator('.tracking-code').textContent()) ?? '';
    expect(trackingCode).toMatch(/^JB(-[0-9A-Z]{4}){4}$/);
    expect(await main()).toContain('15个工作日');
    await snap(page, 'enf-05-report-done');
    await page.getByRole('link', { name: '查看处理状态' }).click();
    await page.waitForURL('**/report/track/**');
    expect(await main()).toContain('已受理');
  });

  it('an officer substantiates it', async () => {
    await signInAs(officer);
    await page.getByRole('link', { name: '举报处理' }).first().click();
    await page.waitForURL('**/officer/reports');
    await expect(main()).resolves.toMatch(/还剩\d+个工作日/);
    await snap(page, 'enf-06-officer-reports');
    await page.getByRole('link', { name: trackingCode }).click();
    await page.waitForURL(/\/officer\/reports\/[0-9a-f-]{36}$/);
    expect(await main()).toContain('13900001111');
    await button('开始核查').click();
    await page.waitForURL(/\?done=started$/);
    await field('查证属实：记入该账号的违规记录').check();
    await field('核查说明').fill('经核查，该消息系谣言，账号未及时删除。');
    await snap(page, 'enf-07-officer-report');
    await button('提交核查结论').click();
    await page.waitForURL(/\?done=concluded$/);
    expect(await page.getByRole('status').textContent()).toContain('已记入该账号的违规记录');
  });

  it('the officer schedules an interview from the account’s page', async () => {
    await page.getByRole('link', { name: '该账号的违规记录' }).first().click();
    await page.waitForURL(/\/violations$/);
    expect(await main()).toContain('群众举报');
    await page.getByRole('link', { name: '安排约谈' }).click();
    await page.waitForURL(/\/officer\/interviews\/new\?accountId=/);
    await field('（三）未及时处置违法信息，情节严重').check();
    await field('违法违规事实').fill('2026年11月多次转载未经证实的“封控”消息，经举报查实。');
    const when = beijingIso(26 * 3600_000);
    await field('日期').fill(when.slice(0, 10));
    await field('时间').fill('09:30');
    await field('约谈地点').fill('余杭区文一西路1500号区网信办302会议室');
    await field('王约谈').check();
    await snap(page, 'enf-08-interview-form');
    await button('安排约谈并生成通知书').click();
    await page.waitForURL(/\/officer\/interviews\/[0-9a-f-]{36}\?done=scheduled$/);
    interviewUrl = new URL(page.url()).pathname;
    const text = await main();
    expect(text).toMatch(/YH-WXYT-\d{4}-\d{4}/);
    expect(text).toContain('安排约谈 → 待约谈');
    await expect(page.getByRole('link', { name: /^下载 Word 文件\s*（约谈通知书）$/ }).getAttribute('href')).resolves.toMatch(/notice\.docx$/);
  });

  it('holds it: minutes, problems, requirements, the deadline 15 working days ahead', async () => {
    await field('约谈记录').fill('被约谈人承认转载未经证实的信息，承诺整改。');
    await field('指出的问题').fill('转载未经证实的信息\n接到通知后未及时删除');
    await field('整改要求').fill('删除相关内容并公开更正\n建立内容审核台账');
    await button('保存约谈记录并责令整改').click();
    await page.waitForURL(/\?done=held$/);
    const text = await main();
    expect(text).toContain('整改中');
    expect(text).toContain('还剩15个工作日');
    await snap(page, 'enf-09-interview-held');
  });

  it('the operator submits a rectification report', async () => {
    await signInAs(account.operator);
    await page.waitForURL('**/operator');
    expect(await main()).toContain('区网信办约谈了您的账号');
    await page.getByRole('link', { name: /约谈通知书 YH-WXYT/ }).click();
    await page.waitForURL(/\/operator\/interviews\/[0-9a-f-]{36}$/);
    expect(await main()).toContain('建立内容审核台账');
    await field('整改报告').fill('已删除相关内容并发布更正声明；正在建立审核台账。');
    await snap(page, 'enf-10-operator-rectification');
    await button('提交整改报告').click();
    await page.waitForURL(/\?done=report$/);
    expect(await main()).toContain('整改评估中');
  });

  it('the officer assigns the evaluator, who fails the rectification', async () => {
    await signInAs(officer);
    await go(interviewUrl);
    await field('评估人员').selectOption({ label: '赵评估（余杭区网络文化协会）' });
    await button('指定评估人员').click();
    await page.waitForURL(/\?done=assessor$/);

    await signInAs(evaluator);
    await page.waitForURL('**/evaluator');
    await page.getByRole('link', { name: '余杭夜话' }).click();
    await page.waitForURL(/\/evaluator\/interviews\/[0-9a-f-]{36}$/);
    expect(await main()).toContain('正在建立审核台账');
    await field('整改不合格：整改不到位或问题仍然存在').check();
    await field('评估意见').fill('审核台账未建立，整改不到位。');
    await snap(page, 'enf-11-evaluator-assessment');
    await button('提交评估结论').click();
    await page.waitForURL(/\?done=assessed$/);
    expect(await main()).toContain('评估结论已提交：整改不合格');
  });

  it('an officer proposes restriction; an approver approves it', async () => {
    await signInAs(officer);
    await go(interviewUrl);
    await field('限制发布：通报公安、新闻出版、文化旅游部门，并报请上级网信部门限制发布').check();
    await field('事实与理由').fill('约谈后整改不合格，依《实施办法》第三部分第3条限制发布。');
    await button('提交审批').click();
    await page.waitForURL(/\/officer\/measures\/[0-9a-f-]{36}\?done=proposed$/);
    expect(await main()).toContain('待审批');

    await signInAs(approver);
    await page.waitForURL('**/approver');
    await snap(page, 'enf-12-approver-desk');
    await page.getByRole('row', { name: /余杭夜话/ }).getByRole('link', { name: '限制发布' }).click();
    await page.waitForURL(/\/approver\/measures\/[0-9a-f-]{36}$/);
    await button('批准限制发布').click();
    await page.waitForURL(/\?done=approved$/);
    expect(await main()).toContain('账号状态已变更为“限制发布”');
    await snap(page, 'enf-13-approved');
  });

  it('the public registry shows the account restricted', async () => {
    await browser.context.clearCookies();
    await go(`/registry/${account.filingNo}`);
    const status = page.locator('dt', { hasText: '状态' }).locator('xpath=following-sibling::dd[1]');
    await expect(status.textContent()).resolves.toContain('限制发布');
    await snap(page, 'enf-14-public-restricted');
    await go(`/report/track/${trackingCode}`);
    expect(await main()).toContain('查证属实');
  });
});
