import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { buildFiguresFixture, type FiguresFixture } from '../factories/figures.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

/** The text of <main>, tags removed, spaces collapsed. */
function mainText(html: string): string {
  return (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** The section of the page about one chart (from its heading to the end of its section). */
function chartSection(html: string, id: string): string {
  const m = new RegExp(`<section class="dashboard-chart" aria-labelledby="${id}-heading">[\\s\\S]*?</section>`).exec(html);
  if (!m) throw new Error(`no chart ${id}`);
  return m[0];
}

/** A table row as its cell texts. */
const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);

function tableRows(section: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]));
}

describe('portal: the officers’ and approvers’ dashboard (统计与报表)', () => {
  let t: TestApp;
  let fx: FiguresFixture;
  let F: number;

  beforeAll(async () => {
    t = await bootTestApp();
    fx = await buildFiguresFixture(t);
    F = fx.year;
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  const page = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));

  it('the officer sees the year in charts drawn as inline SVG, each with its title, summary and data table', async () => {
    const res = await page(`/dashboard?year=${F}`, fx.o.officer.token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.text;
    expect(html).toContain(`<h1>统计与报表（${F}年）</h1>`);
    expect(html).not.toMatch(/<script/i);

    const monthly = chartSection(html, 'chart-monthly');
    expect(monthly).toMatch(/<svg role="img" aria-labelledby="chart-monthly-title chart-monthly-desc"/);
    expect(monthly).toContain(`<title id="chart-monthly-title">${F}年各月受理举报和查实违规</title>`);
    expect(monthly).toContain(`<p id="chart-monthly-summary">${F}年受理举报7件、查实违规6起。举报最多的是6月（2件），违规最多的是1月（1起）。</p>`);
    // The bars carry their numbers as tooltips.
    expect(monthly).toContain('<title>6月 受理举报（件） 2</title>');
    const months = tableRows(monthly);
    expect(months).toHaveLength(13);
    expect(months.map((r) => [r[1], r[2]].map(Number))).toEqual([
      [1, 1], // r7 at 00:00 Beijing on 1 January; the violation of 1 January
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 1],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 1],
      [7, 6],
    ]);

    const grades = chartSection(html, 'chart-grades');
    expect(grades).toContain(`<title id="chart-grades-title">${F}年各平台账号分级分类情况</title>`);
    expect(grades).toContain('分级分类管理账号6个：A级（优秀）1个、B级（良好）1个、C级（合格）0个、D级（不合格）1个、未定级3个。');
    expect(grades).toContain('<title>抖音 D级 1个</title>');
    const matrix = tableRows(grades);
    expect(matrix[0]).toEqual(['微信公众号', '1', '1', '0', '0', '0', '2']);
    expect(matrix[2]).toEqual(['抖音', '0', '0', '0', '1', '1', '2']);
    expect(matrix[matrix.length - 1]).toEqual(['合计', '1', '1', '0', '1', '3', '6']);

    const text = mainText(html);
    expect(text).toContain('受理举报 7 件 办结6件，逾期2件');
    expect(text).toContain('约谈 4 次 拒绝约谈1次');
    expect(html).toContain(`href="/api/stats/annual.xlsx?year=${F}"`);
    expect(html).toContain(`href="/api/stats/annual-report.docx?year=${F}"`);
    expect(html).toMatch(/<form method="get" action="\/api\/stats\/campaign.xlsx"/);
  });

  it('deadlines coming due in the next 5 working days, in words, linked for the officer', async () => {
    const html = (await page('/dashboard', fx.o.officer.token)).text;
    const text = mainText(html);
    expect(text).toContain(`${Number(beijingDate().slice(0, 4))}年`);
    expect(html).toContain('<h3 id="due-reports">即将到期的举报（1）</h3>');
    expect(html).toContain(`<a href="/officer/reports/${fx.reports.r8}">${fx.acc.A.name}</a>`);
    expect(html).toContain('<a href="/officer/reports?overdue&#x3D;true">查看</a>');
    expect(text).toContain('已逾期1件');
    expect(text).toContain('还剩2个工作日');
    expect(html).toContain('<h3 id="due-rectifications">即将到期的整改（1）</h3>');
    expect(html).toContain(`<a href="/officer/interviews/${fx.interviews.i4}">${fx.acc.B.name}</a>`);
    expect(text).toContain('还剩3个工作日');
    expect(text).toContain('已逾期2件');
    expect(html).toContain('<h3 id="due-defences">即将届满的陈述申辩期（1）</h3>');
    expect(html).toContain(`<a href="/officer/blacklist/${fx.openProposal}">${fx.acc.C.name}</a>`);
    expect(text).toContain('还剩5个工作日');
    // The desk's own links: this page is current.
    expect(html).toMatch(/<a href="\/dashboard" aria-current="page">统计与报表<\/a>/);
  });

  it('the approver sees the same figures; items link only where the approver has a page', async () => {
    const res = await page(`/dashboard?year=${F}`, fx.o.approver.token);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<svg role="img"');
    expect(tableRows(chartSection(res.text, 'chart-monthly')).at(-1)).toEqual(['合计', '7', '6']);
    const now = (await page('/dashboard', fx.o.approver.token)).text;
    expect(now).toContain(`<a href="/approver/blacklist/${fx.openProposal}">`);
    expect(now).not.toContain(`/officer/reports/${fx.reports.r8}`);
    expect(now).toContain(fx.acc.A.name);
    expect(now).toMatch(/<a href="\/dashboard" aria-current="page">统计与报表<\/a>/);
  });

  it('the desks link to it', async () => {
    expect((await page('/officer', fx.o.officer.token)).text).toContain('<a href="/dashboard">统计与报表</a>');
    expect((await page('/approver', fx.o.approver.token)).text).toContain('<a href="/dashboard">统计与报表</a>');
  });

  it('the year selector is a GET form; a bad year shows this year with a notice', async () => {
    const html = (await page(`/dashboard?year=${F}`, fx.o.officer.token)).text;
    expect(html).toMatch(/<form method="get" action="\/dashboard"/);
    expect(html).toContain(`<option value="${F}" selected>${F}年</option>`);
    for (const bad of ['1999', 'abc', '20261', `${F + 5}`]) {
      const res = await page(`/dashboard?year=${bad}`, fx.o.officer.token);
      expect(res.status).toBe(200);
      expect(res.text).toContain('年度无效');
      expect(res.text).toContain(`<h1>统计与报表（${F + 1}年）</h1>`);
    }
  });

  it('others get 403; anonymous visitors are sent to sign in', async () => {
    const tokens = [fx.acc.A.operator.token, fx.o.evaluator.token, await t.adminToken(), (await t.user('auditor')).token];
    for (const token of tokens) expect((await page('/dashboard', token)).status).toBe(403);
    const anon = await page(`/dashboard?year=${F}`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(`/dashboard?year=${F}`)}`);
  });
});
