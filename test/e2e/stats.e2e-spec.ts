import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildFiguresFixture, expectedAnnual, expectedCampaignYear, type FiguresFixture } from '../factories/figures.js';
import type { Person } from '../factories/interviews.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CATEGORIES = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11', 'S04', 'S05', 'S06', 'S07'];
const COLUMNS = ['ordered', 'interviewed', 'penalised', 'police'] as const;

function findSoffice(): string | null {
  for (const cmd of ['soffice', 'libreoffice']) {
    if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0) return cmd;
  }
  return null;
}
const SOFFICE = findSoffice();

/** A binary answer's body (supertest buffers unknown types only when asked). */
const binary = (req: ReturnType<TestApp['http']['get']>) =>
  req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  expect(body.subarray(0, 2).toString()).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as arrays of cell values (1-based columns → 0-based). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    out[n - 1] = values.slice(1);
  });
  return out;
}

async function docxText(body: Buffer): Promise<string> {
  expect(body.subarray(0, 2).toString()).toBe('PK');
  const zip = await JSZip.loadAsync(body);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

const byKey = (list: { category?: string; key?: string; count: number }[]) =>
  Object.fromEntries(list.filter((x) => x.count !== 0).map((x) => [x.category ?? x.key, x.count]));

describe('the office figures (issue 5): annual figures, campaign summary, workbooks, annual report', () => {
  let t: TestApp;
  let fx: FiguresFixture;
  let F: number;
  let officer: Person;
  let approver: Person;
  let others: [string, string][];

  beforeAll(async () => {
    t = await bootTestApp();
    fx = await buildFiguresFixture(t);
    F = fx.year;
    officer = fx.o.officer;
    approver = fx.o.approver;
    others = [
      ['operator', fx.acc.A.operator.token],
      ['evaluator', fx.o.evaluator.token],
      ['sysadmin', await t.adminToken()],
      ['auditor', (await t.user('auditor')).token],
    ];
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));

  describe('GET /api/stats/annual', () => {
    it('every figure of the fixture year, exactly (officer and approver alike)', async () => {
      for (const token of [officer.token, approver.token]) {
        const res = await get(`/api/stats/annual?year=${F}`, token);
        expect(res.status).toBe(200);
        const e = expectedAnnual(F);
        const b = res.body;
        expect(b).toMatchObject({ year: e.year, office: e.office, period: e.period });
        expect(Date.parse(b.asOf)).not.toBeNaN();
        expect(b.accounts).toEqual(e.accounts);
        expect({ ...b.reports, receivedByCategory: byKey(b.reports.receivedByCategory) }).toEqual(e.reports);
        expect(b.reports.receivedByCategory).toHaveLength(11);
        expect(b.reports.receivedByCategory[5]).toEqual({ category: 'C06', label: '散布谣言，扰乱社会秩序，破坏社会稳定', shortLabel: '散布谣言', count: 3 });
        expect({ total: b.violations.total, byCategory: byKey(b.violations.byCategory), bySource: byKey(b.violations.bySource) }).toEqual(e.violations);
        expect(b.violations.byCategory.map((c: { category: string }) => c.category)).toEqual(CATEGORIES);
        expect(b.violations.bySource.map((s: { label: string }) => s.label)).toEqual(['群众举报', '日常巡查', '上级通报', '平台通报']);
        expect(b.interviews).toEqual(e.interviews);
        expect({ total: b.measures.total, byKind: Object.fromEntries(b.measures.byKind.map((k: { key: string; count: number }) => [k.key, k.count])) }).toEqual(e.measures);
        expect(b.measures.byKind.map((k: { label: string }) => k.label)).toEqual(['限制发布', '暂停更新', '关闭账号', '解除措施']);
        expect(b.blacklist).toEqual(e.blacklist);
        expect(b.staff).toEqual(e.staff);
      }
    });

    it('the rows a minute either side of the Beijing new year count in the next year', async () => {
      const res = await get(`/api/stats/annual?year=${F + 1}`, officer.token);
      expect(res.status).toBe(200);
      const b = res.body;
      // r8 filed at 00:00 Beijing on 1 January (16:00 UTC the day before), open, due in 2 working days.
      expect(b.reports).toMatchObject({ received: 1, concluded: 0, open: 1, overdue: { total: 0, openPastDue: 0, concludedLate: 0 } });
      expect(b.violations.total).toBe(1);
      expect(b.interviews).toMatchObject({ held: 1, refused: 0, outcomes: { inProgress: 1, total: 1 } });
      expect(byKey(b.measures.byKind)).toEqual({ suspend: 1 });
      // D listed at 00:30 Beijing on 1 January F+1; E's term ran out on 1 August F+1, not yet swept: expired.
      expect(b.blacklist).toEqual({ listed: 1, exits: { total: 1, expired: 1, earlyExit: 0 }, inForceAtYearEnd: 1 });
      expect(b.staff).toEqual({ filings: { submitted: 0, accepted: 0, returned: 1 }, training: { sessions: 1, staffTrained: 1, hours: 4 } });
      // G was filed at 00:30 Beijing on 1 January F+1.
      expect(b.accounts.filedInYear).toBe(1);
      // D's grade comes from F+1's evaluation: graded in F+1, not in F.
      expect(b.accounts.byPlatform.find((p: { platform: string }) => p.platform === 'douyin').byGrade).toMatchObject({ C: 1, D: 1, ungraded: 0 });
      expect(b.accounts.underManagement).toBe(7);
    });

    it('a year with nothing in it answers zeros, not an error', async () => {
      const res = await get('/api/stats/annual?year=2019', officer.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: 2019, reports: { received: 0, concluded: 0 }, violations: { total: 0 }, measures: { total: 0 }, staff: { training: { hours: 0 } } });
      expect(res.body.accounts.underManagement).toBe(0);
    });

    it('bad years: 400 on field year', async () => {
      const next = Number(new Date().toISOString().slice(0, 4)) + 1;
      const cases: [string, string][] = [
        ['', 'isDefined'],
        ['?year=', 'yearRange'],
        ['?year=abc', 'isInt'],
        ['?year=2026.5', 'isInt'],
        ['?year=2018', 'yearRange'],
        [`?year=${next + 2}`, 'yearRange'],
        ['?year=1e3', 'yearRange'],
        ['?year=2025&year=2026', 'isInt'],
      ];
      for (const [query, code] of cases) {
        const res = await get(`/api/stats/annual${query}`, officer.token);
        expect({ query, status: res.status, code: res.body.code, field: res.body.details?.[0]?.field, detail: res.body.details?.[0]?.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
          field: 'year',
          detail: code,
        });
      }
      const extra = await get(`/api/stats/annual?year=${F}&office=x`, officer.token);
      expect(extra.status).toBe(400);
      expect(extra.body.details).toEqual([expect.objectContaining({ field: 'office', code: 'unknown_field' })]);
      // Next year is allowed (plans are drawn up in advance).
      expect((await get(`/api/stats/annual?year=${F + 2}`, officer.token)).status).toBe(200);
    });

    it('only officers and approvers: others 403, anonymous 401', async () => {
      for (const path of [`/api/stats/annual?year=${F}`, `/api/stats/annual.xlsx?year=${F}`, `/api/stats/annual-report.docx?year=${F}`]) {
        for (const [role, token] of others) {
          const res = await get(path, token);
          expect({ path, role, status: res.status, code: res.body.code }).toEqual({ path, role, status: 403, code: 'FORBIDDEN' });
        }
        const anon = await get(path);
        expect({ path, status: anon.status, code: anon.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
      }
    });
  });

  describe('GET /api/stats/annual.xlsx', () => {
    it('one sheet per table, a title row with the year and the office, Chinese headers, numbers as numbers', async () => {
      const json = (await get(`/api/stats/annual?year=${F}`, approver.token)).body;
      const res = await binary(get(`/api/stats/annual.xlsx?year=${F}`, approver.token));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-figures-${F}.xlsx"`);
      expect(res.headers['cache-control']).toBe('no-store');
      const wb = await workbook(res.body as Buffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual([
        '账号分级分类',
        '账号备案',
        '举报受理',
        '举报类别',
        '违法违规类别',
        '违法违规来源',
        '约谈整改',
        '处置措施',
        '黑名单',
        '编辑人员备案和培训',
        '说明',
      ]);
      for (const sheet of wb.worksheets) {
        const title = String(sheet.getCell(1, 1).value);
        expect(title).toContain('余杭区互联网信息办公室');
        expect(title).toContain(String(F));
      }

      // The grade × platform matrix, cell by cell against the JSON.
      const matrix = rowsOf(wb.getWorksheet('账号分级分类')!);
      expect(matrix[1]).toEqual(['平台', 'A级（优秀）', 'B级（良好）', 'C级（合格）', 'D级（不合格）', '未定级', '合计']);
      json.accounts.byPlatform.forEach((p: { label: string; total: number; byGrade: Record<string, number> }, k: number) => {
        expect(matrix[2 + k]).toEqual([p.label, p.byGrade.A, p.byGrade.B, p.byGrade.C, p.byGrade.D, p.byGrade.ungraded, p.total]);
      });
      expect(matrix[2 + json.accounts.byPlatform.length]).toEqual(['合计', 1, 1, 0, 1, 3, 6]);
      expect(typeof matrix[2][1]).toBe('number');

      const reports = rowsOf(wb.getWorksheet('举报受理')!);
      expect(reports.slice(1)).toEqual([
        ['项目', '数量'],
        ['受理举报', 7],
        ['办结', 6],
        ['其中：查证属实', 3],
        ['其中：查无实据', 1],
        ['其中：已移送', 2],
        ['其中：移送公安机关', 1],
        ['本年受理、尚未办结', 2],
        ['逾期（未在期限内办结）', 2],
        ['其中：逾期未办结', 1],
        ['其中：超期办结', 1],
      ]);
      const categories = rowsOf(wb.getWorksheet('违法违规类别')!);
      json.violations.byCategory.forEach((c: { category: string; label: string; count: number }, k: number) => expect(categories[2 + k]).toEqual([c.category, c.label, c.count]));
      expect(categories[2 + 15]).toEqual(['', '合计', 6]);
      expect(rowsOf(wb.getWorksheet('约谈整改')!).slice(2).map((r) => r[1])).toEqual([6, 4, 1, 5, 1, 1, 1, 2]);
      expect(rowsOf(wb.getWorksheet('处置措施')!).slice(2)).toEqual([['限制发布', 1], ['暂停更新', 0], ['关闭账号', 0], ['解除措施', 0], ['合计', 1]]);
      expect(rowsOf(wb.getWorksheet('黑名单')!).slice(2).map((r) => r[1])).toEqual([2, 3, 2, 1, 1]);
      expect(rowsOf(wb.getWorksheet('编辑人员备案和培训')!).slice(2).map((r) => r[1])).toEqual([3, 1, 0, 3, 2, 6.5]);
    });

    it('bad year: 400 on field year', async () => {
      const res = await get('/api/stats/annual.xlsx?year=nope', officer.token);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'year' })] });
    });
  });

  describe('GET /api/stats/campaign', () => {
    function expectTable(body: { rows: { category: string | null; [k: string]: unknown }[]; total: Record<string, unknown> }, e: ReturnType<typeof expectedCampaignYear>) {
      expect(body.rows.map((r) => r.category)).toEqual([...CATEGORIES, null]);
      for (const row of body.rows) {
        const want = row.category === null ? e.unattributed : (e.rows[row.category] ?? [0, 0, 0, 0]);
        expect({ category: row.category, counts: COLUMNS.map((c) => row[c]) }).toEqual({ category: row.category, counts: want });
      }
      expect(COLUMNS.map((c) => body.total[c])).toEqual(e.total);
    }

    it('the whole fixture year: per kind of conduct, ordered to rectify, interviewed, penalised, referred to the police', async () => {
      const res = await get(`/api/stats/campaign?from=${F}-01-01&to=${F}-12-31`, officer.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        office: '余杭区互联网信息办公室',
        from: `${F}-01-01`,
        to: `${F}-12-31`,
        columns: [
          { key: 'ordered', label: '责令整改', unit: '起' },
          { key: 'interviewed', label: '行政约谈', unit: '次' },
          { key: 'penalised', label: '行政处罚', unit: '起' },
          { key: 'police', label: '移交公安', unit: '起' },
        ],
        total: { label: '合计' },
      });
      expect(res.body.rows[5]).toMatchObject({ category: 'C06', label: '散布谣言，扰乱社会秩序，破坏社会稳定', shortLabel: '散布谣言' });
      expect(res.body.rows[15]).toMatchObject({ category: null, label: '未关联违规类别' });
      expectTable(res.body, expectedCampaignYear());
    });

    it('a narrow range: actions in it count under violations before it (12-month look-back); violations outside it are not ordered', async () => {
      const res = await get(`/api/stats/campaign?from=${F}-06-16&to=${F}-07-31`, approver.token);
      expect(res.status).toBe(200);
      expectTable(res.body, { rows: { C07: [0, 1, 1, 1], S05: [0, 1, 1, 1] }, unattributed: [0, 0, 0, 0], total: [0, 1, 1, 1] });
    });

    it('a day range on the Beijing new year: the interview held at 00:00 Beijing on 1 January F+1 falls in F+1', async () => {
      const last = await get(`/api/stats/campaign?from=${F}-12-31&to=${F}-12-31`, officer.token);
      expect(last.body.total).toMatchObject({ interviewed: 1 }); // i4, 23:00 Beijing on 31 December
      const first = await get(`/api/stats/campaign?from=${F + 1}-01-01&to=${F + 1}-01-01`, officer.token);
      expect(first.body.total).toMatchObject({ interviewed: 1, penalised: 1, police: 0 }); // i5; the suspension
    });

    it('bad ranges: 400 with the field at fault', async () => {
      const cases: [string, string, string][] = [
        [`to=${F}-12-31`, 'from', 'isDefined'],
        [`from=${F}-01-01`, 'to', 'isDefined'],
        [`from=${F}/01/01&to=${F}-12-31`, 'from', 'isoDate'],
        [`from=${F}-01-01T00:00:00Z&to=${F}-12-31`, 'from', 'isoDate'],
        [`from=${F}-02-30&to=${F}-12-31`, 'from', 'isoDate'],
        [`from=${F}-01-01&to=${F}-13-01`, 'to', 'isoDate'],
        [`from=&to=${F}-12-31`, 'from', 'isoDate'],
        [`from=${F}-05-02&to=${F}-05-01`, 'to', 'before_from'],
        [`from=${F - 1}-01-01&to=${F}-01-02`, 'to', 'range_too_long'],
        [`from=${F}-01-01&from=${F}-01-02&to=${F}-12-31`, 'from', 'isString'],
      ];
      for (const [query, field, code] of cases) {
        const res = await get(`/api/stats/campaign?${query}`, officer.token);
        expect({ query, status: res.status, code: res.body.code, detail: res.body.details?.[0] && { field: res.body.details[0].field, code: res.body.details[0].code } }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: { field, code },
        });
      }
      const extra = await get(`/api/stats/campaign?from=${F}-01-01&to=${F}-01-31&kind=x`, officer.token);
      expect(extra.status).toBe(400);
      expect(extra.body.details[0]).toMatchObject({ field: 'kind', code: 'unknown_field' });
      // 366 days (a leap year, both ends included) is the longest range.
      expect((await get('/api/stats/campaign?from=2024-01-01&to=2024-12-31', officer.token)).status).toBe(200);
      expect((await get('/api/stats/campaign?from=2023-01-01&to=2024-01-01', officer.token)).status).toBe(200);
      expect((await get('/api/stats/campaign?from=2023-01-01&to=2024-01-02', officer.token)).status).toBe(400);
      const xlsx = await get(`/api/stats/campaign.xlsx?from=${F}-05-02&to=${F}-05-01`, officer.token);
      expect(xlsx.status).toBe(400);
      expect(xlsx.body.details[0]).toMatchObject({ field: 'to', code: 'before_from' });
    });

    it('only officers and approvers: others 403, anonymous 401', async () => {
      for (const path of [`/api/stats/campaign?from=${F}-01-01&to=${F}-12-31`, `/api/stats/campaign.xlsx?from=${F}-01-01&to=${F}-12-31`]) {
        for (const [role, token] of others) {
          const res = await get(path, token);
          expect({ path, role, status: res.status, code: res.body.code }).toEqual({ path, role, status: 403, code: 'FORBIDDEN' });
        }
        const anon = await get(path);
        expect({ path, status: anon.status, code: anon.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
      }
    });
  });

  describe('GET /api/stats/campaign.xlsx', () => {
    it('read back with exceljs: every cell equals the JSON, and the return in seed 001 layout adds up', async () => {
      const range = `from=${F}-01-01&to=${F}-12-31`;
      const json = (await get(`/api/stats/campaign?${range}`, officer.token)).body;
      const res = await binary(get(`/api/stats/campaign.xlsx?${range}`, officer.token));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${F}-01-01-${F}-12-31.xlsx"`);
      const wb = await workbook(res.body as Buffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总表', '报送格式', '说明']);

      const table = rowsOf(wb.getWorksheet('汇总表')!);
      expect(table[0][0]).toBe(`余杭区互联网信息办公室专项行动情况汇总表（${F}年1月1日至${F}年12月31日）`);
      expect(table[1]).toEqual(['代码', '违法违规行为类别', '责令整改（起）', '行政约谈（次）', '行政处罚（起）', '移交公安（起）']);
      expect(table).toHaveLength(2 + json.rows.length + 1);
      json.rows.forEach((row: Record<string, unknown>, k: number) => {
        const cells = table[2 + k];
        expect(cells).toEqual([row.category ?? '', row.label, ...COLUMNS.map((c) => row[c])]);
        for (const v of cells.slice(2)) expect(typeof v).toBe('number');
      });
      expect(table[2 + json.rows.length]).toEqual(['', '合计', ...COLUMNS.map((c) => json.total[c])]);

      const form = rowsOf(wb.getWorksheet('报送格式')!);
      expect(form[1]).toEqual(['内容', '处罚形式', '数量', '单位名称']);
      expect(form.slice(2, 6)).toEqual([
        [json.rows[0].label, '1、责令整改', json.rows[0].ordered, '（起）'],
        ['', '2、行政约谈', json.rows[0].interviewed, '（次）'],
        ['', '3、行政处罚', json.rows[0].penalised, '（起）'],
        ['', '4、移交公安', json.rows[0].police, '（起）'],
      ]);
      const c07 = form.findIndex((r) => r[0] === json.rows[6].label);
      expect(form.slice(c07, c07 + 4).map((r) => r[2])).toEqual([1, 1, 1, 2]);
      expect(form.slice(-4).map((r) => r[2])).toEqual([5, 4, 1, 2]);
      expect(form[form.length - 4][0]).toBe('合计');
    });
  });

  describe('GET /api/stats/annual-report.docx', () => {
    it('the report in the shape of seed 003, its sentences filled from the figures, the rest marked for editing', async () => {
      const res = await binary(get(`/api/stats/annual-report.docx?year=${F}`, officer.token));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-${F}.docx"`);
      const text = await docxText(res.body as Buffer);
      for (const s of [
        `余杭区互联网信息办公室关于${F}年行政执法总体情况的报告`,
        `现将我办${F}年行政执法总体情况报告如下`,
        `一、${F}年行政执法总体情况`,
        `截至${F}年底，对6个属地自媒体账号实行分级分类管理，其中A级（优秀）1个、B级（良好）1个、C级（合格）0个、D级（不合格）1个，未定级3个`,
        '全年新增备案账号6个',
        '全年受理网民举报7件，办结6件，其中查证属实3件、查无实据1件、移送有关部门2件（其中移送公安机关1件）',
        '未在15个工作日内办结2件（逾期未办结1件、超期办结1件）',
        '全年查实违法违规行为6起，主要类型为散布谣言2起、',
        '全年发出约谈通知书6份，约谈账号主要负责人4次',
        '整改合格1次、整改不合格1次、正在整改2次',
        '限制发布1个、暂停更新0个、关闭账号0个',
        '全年纳入违法违规黑名单2个，移出3个（期满移出2个、整改有效提前移出1个），年末仍在黑名单1个',
        '登记从业人员培训3人次（2人），累计6.5学时',
        '二、采取的主要措施',
        '三、存在的主要问题',
        `四、${F + 1}年工作打算`,
        '【待编辑】',
        `附件：${F}年度主要数据统计表`,
      ]) {
        expect(text).toContain(s);
      }
      // The placeholders are highlighted for the office to find and replace.
      const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
      expect(xml).toMatch(/<w:highlight w:val="yellow"\/>/);
    });

    (SOFFICE || process.env.CI === 'true' ? it : it.skip)('LibreOffice opens the report and reads its figures (headless conversion)', async () => {
      if (!SOFFICE) throw new Error('soffice is missing: install libreoffice-writer-nogui (CI must check the .docx with LibreOffice)');
      const res = await binary(get(`/api/stats/annual-report.docx?year=${F}`, approver.token));
      const dir = mkdtempSync(join(tmpdir(), 'lo-'));
      try {
        const file = join(dir, 'report.docx');
        writeFileSync(file, res.body as Buffer);
        await promisify(execFile)(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, file], { timeout: 120_000 });
        const text = readFileSync(join(dir, 'report.txt'), 'utf8');
        expect(text).toContain(`余杭区互联网信息办公室关于${F}年行政执法总体情况的报告`);
        expect(text).toContain('全年受理网民举报7件，办结6件');
        expect(text).toContain('约谈账号主要负责人4次');
        expect(text).toContain('【待编辑】');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);

    it('bad year: 400 on field year', async () => {
      const res = await get('/api/stats/annual-report.docx?year=2018', officer.token);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'year', code: 'yearRange' })] });
    });
  });
});
