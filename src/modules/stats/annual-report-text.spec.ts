import { describe, expect, it } from '@jest/globals';
import type { AnnualFigures } from './annual-figures.js';
import { annualReportModel, PLACEHOLDER_MARK, reportPlainText } from './annual-report-text.js';
import { gradesChart, keyFigures, monthlyChart } from './dashboard-view.js';
import { annualNotes, annualTables, campaignReturnTable, campaignTable } from './figure-tables.js';
import type { CampaignSummary } from './campaign-summary.js';

const zero = { A: 0, B: 0, C: 0, D: 0, ungraded: 0 };
const cat = (category: string, count: number, shortLabel = category) => ({ category, label: `${category}全称`, shortLabel, count });

/** A year of figures, made up. */
function sampleFigures(over: Partial<AnnualFigures> = {}): AnnualFigures {
  return {
    year: 2026,
    office: '余杭区互联网信息办公室',
    period: { firstDay: '2026-01-01', lastDay: '2026-12-31' },
    asOf: '2027-01-10T02:00:00.000Z',
    accounts: {
      underManagement: 12,
      filedInYear: 4,
      byGrade: [
        { key: 'A', label: '优秀', count: 3 },
        { key: 'B', label: '良好', count: 4 },
        { key: 'C', label: '合格', count: 2 },
        { key: 'D', label: '不合格', count: 1 },
        { key: 'ungraded', label: '未定级', count: 2 },
      ],
      byPlatform: [
        { platform: 'wechat', label: '微信公众号', total: 5, byGrade: { ...zero, A: 3, B: 2 } },
        { platform: 'douyin', label: '抖音', total: 7, byGrade: { ...zero, B: 2, C: 2, D: 1, ungraded: 2 } },
        { platform: 'weibo', label: '微博', total: 0, byGrade: zero },
      ],
    },
    reports: {
      received: 30,
      concluded: 28,
      byOutcome: [
        { key: 'substantiated', label: '查证属实', count: 10 },
        { key: 'unsubstantiated', label: '查无实据', count: 15 },
        { key: 'transferred', label: '已移送', count: 3 },
      ],
      transferredToPolice: 1,
      open: 2,
      overdue: { total: 3, openPastDue: 1, concludedLate: 2 },
      receivedByCategory: [cat('C06', 20, '散布谣言'), cat('C08', 10, '侮辱诽谤他人')],
    },
    violations: {
      total: 11,
      byCategory: [cat('C06', 6, '散布谣言'), cat('C07', 2, '淫秽色情暴力'), cat('C08', 2, '侮辱诽谤他人'), cat('S05', 1, '未落实编辑责任制')],
      bySource: [
        { key: 'report', label: '群众举报', count: 10 },
        { key: 'inspection', label: '日常巡查', count: 1 },
        { key: 'upper_notice', label: '上级通报', count: 0 },
      ],
    },
    interviews: { noticesIssued: 5, held: 4, refused: 1, outcomes: { passed: 2, failed: 1, refused: 1, inProgress: 1, total: 5 } },
    measures: {
      total: 3,
      byKind: [
        { key: 'restrict', label: '限制发布', count: 2 },
        { key: 'suspend', label: '暂停更新', count: 1 },
        { key: 'close', label: '关闭账号', count: 0 },
        { key: 'lift', label: '解除措施', count: 0 },
      ],
    },
    blacklist: { listed: 2, exits: { total: 1, expired: 1, earlyExit: 0 }, inForceAtYearEnd: 3 },
    staff: { filings: { submitted: 9, accepted: 7, returned: 1 }, training: { sessions: 20, staffTrained: 12, hours: 45.5 } },
    ...over,
  };
}

describe('the annual report (seed 003 shape)', () => {
  const f = sampleFigures();
  const model = annualReportModel(f, '2027-01-15', annualTables(f));
  const text = reportPlainText(model);

  it('is titled and signed by the office, dated', () => {
    expect(model.title).toBe('余杭区互联网信息办公室关于2026年行政执法总体情况的报告');
    expect(text.endsWith('余杭区互联网信息办公室\n2027年1月15日')).toBe(true);
  });

  it('writes the figures as sentences', () => {
    for (const s of [
      '截至2026年底，对12个属地自媒体账号实行分级分类管理，其中A级（优秀）3个、B级（良好）4个、C级（合格）2个、D级（不合格）1个，未定级2个；按平台分，抖音7个、微信公众号5个。',
      '全年新增备案账号4个。受理编辑人员备案名单9份，予以备案7份，退回补正1份；登记从业人员培训20人次（12人），累计45.5学时。',
      '全年受理网民举报30件，办结28件，其中查证属实10件、查无实据15件、移送有关部门3件（其中移送公安机关1件）；年度内受理的举报中，未在15个工作日内办结3件（逾期未办结1件、超期办结2件）；年度内受理、尚未办结2件。',
      '全年查实违法违规行为11起，主要类型为散布谣言6起、淫秽色情暴力2起、侮辱诽谤他人2起等；从发现渠道看，群众举报10起、日常巡查1起。',
      '全年发出约谈通知书5份，约谈账号主要负责人4次，当场下达责令整改通知书4份；拒绝约谈1次。上述5次约谈中，整改合格2次、整改不合格1次、正在整改1次。',
      '经审批报请上级网信部门限制发布2个、暂停更新1个、关闭账号0个，并通报公安、新闻出版、文化旅游等部门；整改合格后解除措施0个。',
      '全年纳入违法违规黑名单2个，移出1个（期满移出1个、整改有效提前移出0个），年末仍在黑名单3个。',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('leaves the measures, problems and plan to the office, marked, with hints from the data', () => {
    const placeholders = model.blocks.filter((b) => b.kind === 'placeholder');
    expect(placeholders.length).toBe(5);
    for (const p of placeholders) expect(p.kind === 'placeholder' && p.text.startsWith(PLACEHOLDER_MARK)).toBe(true);
    expect(text).toContain('系统数据提示：3件举报未在期限内办结；评议等级为D（不合格）的账号1个；整改不合格或拒绝约谈2次；未定级账号2个。');
    expect(model.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b.kind === 'heading' ? b.text : ''))).toEqual([
      '一、2026年行政执法总体情况',
      '二、采取的主要措施',
      '三、存在的主要问题',
      '四、2027年工作打算',
      '附件：2026年度主要数据统计表',
    ]);
  });

  it('says so plainly when there was nothing', () => {
    const none = sampleFigures({
      violations: { total: 0, byCategory: [], bySource: [] },
      measures: { total: 0, byKind: [] },
      reports: { ...sampleFigures().reports, overdue: { total: 0, openPastDue: 0, concludedLate: 0 } },
    });
    const t = reportPlainText(annualReportModel(none, '2027-01-15', []));
    expect(t).toContain('全年未查实违法违规行为。');
    expect(t).toContain('全年未对账号采取限制发布、暂停更新或关闭账号措施；整改合格后解除措施0个。');
    expect(t).toContain('年度内受理的举报均在15个工作日内办结或仍在办理期限内');
  });
});

describe('figure tables', () => {
  const f = sampleFigures();

  it('sheet names fit Excel (≤ 31 characters, no []:*?/\\) and are unique', () => {
    const names = [...annualTables(f), annualNotes(f)].map((t) => t.sheet);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });

  it('every row is as wide as the header; totals add up', () => {
    for (const t of annualTables(f)) for (const r of t.rows) expect(r).toHaveLength(t.head.length);
    const matrix = annualTables(f)[0];
    expect(matrix.rows.at(-1)).toEqual(['合计', 3, 4, 2, 1, 2, 12]);
  });

  it('the campaign table and its return in seed 001 layout hold the same numbers', () => {
    const c: CampaignSummary = {
      office: '余杭区互联网信息办公室',
      from: '2026-05-01',
      to: '2026-10-31',
      columns: [
        { key: 'ordered', label: '责令整改', unit: '起' },
        { key: 'interviewed', label: '行政约谈', unit: '次' },
        { key: 'penalised', label: '行政处罚', unit: '起' },
        { key: 'police', label: '移交公安', unit: '起' },
      ],
      rows: [
        { category: 'C06', label: '散布谣言', shortLabel: '散布谣言', ordered: 3, interviewed: 2, penalised: 1, police: 0 },
        { category: null, label: '未关联违规类别', shortLabel: '未关联违规类别', ordered: 0, interviewed: 1, penalised: 0, police: 0 },
      ],
      total: { label: '合计', ordered: 3, interviewed: 3, penalised: 1, police: 0 },
    };
    const wide = campaignTable(c);
    expect(wide.title).toBe('余杭区互联网信息办公室专项行动情况汇总表（2026年5月1日至2026年10月31日）');
    expect(wide.rows).toEqual([
      ['C06', '散布谣言', 3, 2, 1, 0],
      ['', '未关联违规类别', 0, 1, 0, 0],
      ['', '合计', 3, 3, 1, 0],
    ]);
    const long = campaignReturnTable(c);
    expect(long.rows).toHaveLength(12);
    expect(long.rows.slice(0, 4)).toEqual([
      ['散布谣言', '1、责令整改', 3, '（起）'],
      ['', '2、行政约谈', 2, '（次）'],
      ['', '3、行政处罚', 1, '（起）'],
      ['', '4、移交公安', 0, '（起）'],
    ]);
  });
});

describe('the dashboard’s charts and figures', () => {
  const f = sampleFigures();

  it('the grades chart draws platforms that have accounts; its table lists them all', () => {
    const c = gradesChart(f);
    expect(c.chart.texts.filter((t) => t.anchor === 'end').map((t) => t.text)).toEqual(['微信公众号', '抖音']);
    expect(c.table.rows.map((r) => r[0])).toEqual(['微信公众号', '抖音', '微博', '合计']);
    expect(c.summary).toBe('分级分类管理账号12个：A级（优秀）3个、B级（良好）4个、C级（合格）2个、D级（不合格）1个、未定级2个。账号最多的平台是抖音（7个）。');
  });

  it('the monthly chart sums up the year in words', () => {
    const months = Array.from({ length: 12 }, (_, k) => ({ month: k + 1, reports: k === 4 ? 5 : 1, violations: k === 9 ? 3 : 0 }));
    const c = monthlyChart(2026, months);
    expect(c.summary).toBe('2026年受理举报16件、查实违规3起。举报最多的是5月（5件），违规最多的是10月（3起）。');
    expect(c.table.rows.at(-1)).toEqual(['合计', 16, 3]);
    expect(monthlyChart(2026, months.map((m) => ({ ...m, reports: 0, violations: 0 }))).summary).toBe('2026年没有受理举报，也没有查实违规。');
  });

  it('key figures', () => {
    expect(keyFigures(f).map((k) => [k.label, k.value])).toEqual([
      ['分级分类管理账号', 12],
      ['受理举报', 30],
      ['查实违规', 11],
      ['约谈', 4],
      ['处置措施', 3],
      ['列入黑名单', 2],
    ]);
  });
});
