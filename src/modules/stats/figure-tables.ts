import type { AnnualFigures } from './annual-figures.js';
import { GRADE_KEY_LABELS, GRADE_KEYS } from './annual-figures.js';
import type { CampaignSummary } from './campaign-summary.js';
import { chineseDate } from '../../common/documents/official-document.js';
import { POLICY } from '../../policy/policy-table.js';

export type Cell = string | number;

/** One table of figures: a workbook sheet, a table on the dashboard. Numbers stay numbers. */
export interface FigureTable {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  /** The title row: office, period and what the table shows. */
  title: string;
  head: string[];
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
}

const gradeHead = (k: (typeof GRADE_KEYS)[number]) => (k === 'ungraded' ? GRADE_KEY_LABELS[k] : `${k}级（${GRADE_KEY_LABELS[k]}）`);

/** The annual figures as tables, one per sheet of the workbook (titles carry the year and the office). */
export function annualTables(f: AnnualFigures): FigureTable[] {
  const title = (what: string) => `${f.office}${f.year}年度${what}`;
  const a = f.accounts;
  const r = f.reports;
  const i = f.interviews;
  const b = f.blacklist;
  const s = f.staff;
  return [
    {
      sheet: '账号分级分类',
      title: title('自媒体账号分级分类管理情况（个）'),
      head: ['平台', ...GRADE_KEYS.map(gradeHead), '合计'],
      rows: [
        ...a.byPlatform.map((p) => [p.label, ...GRADE_KEYS.map((k) => p.byGrade[k]), p.total]),
        ['合计', ...a.byGrade.map((g) => g.count), a.underManagement],
      ],
      widths: [14, 12, 12, 12, 14, 10, 10],
    },
    {
      sheet: '账号备案',
      title: title('自媒体账号备案情况（个）'),
      head: ['项目', '数量'],
      rows: [
        ['分级分类管理账号', a.underManagement],
        ['年度内新增备案账号', a.filedInYear],
      ],
      widths: [24, 10],
    },
    {
      sheet: '举报受理',
      title: title('网民举报受理处置情况（件）'),
      head: ['项目', '数量'],
      rows: [
        ['受理举报', r.received],
        ['办结', r.concluded],
        ...r.byOutcome.map((o): Cell[] => [`其中：${o.label}`, o.count]),
        ['其中：移送公安机关', r.transferredToPolice],
        ['本年受理、尚未办结', r.open],
        ['逾期（未在期限内办结）', r.overdue.total],
        ['其中：逾期未办结', r.overdue.openPastDue],
        ['其中：超期办结', r.overdue.concludedLate],
      ],
      widths: [28, 10],
    },
    {
      sheet: '举报类别',
      title: title('受理举报类别（件）'),
      head: ['代码', '类别', '数量'],
      rows: [...r.receivedByCategory.map((c): Cell[] => [c.category, c.label, c.count]), ['', '合计', r.received]],
      widths: [8, 56, 10],
    },
    {
      sheet: '违法违规类别',
      title: title('查实违法违规行为类别（起）'),
      head: ['代码', '类别', '数量'],
      rows: [...f.violations.byCategory.map((c): Cell[] => [c.category, c.label, c.count]), ['', '合计', f.violations.total]],
      widths: [8, 56, 10],
    },
    {
      sheet: '违法违规来源',
      title: title('查实违法违规行为发现渠道（起）'),
      head: ['来源', '数量'],
      rows: [...f.violations.bySource.map((c): Cell[] => [c.label, c.count]), ['合计', f.violations.total]],
      widths: [16, 10],
    },
    {
      sheet: '约谈整改',
      title: title('约谈及整改情况（次）'),
      head: ['项目', '数量'],
      rows: [
        ['发出约谈通知书', i.noticesIssued],
        ['举行约谈（下达责令整改通知书）', i.held],
        ['拒绝约谈', i.refused],
        ['约谈结果合计', i.outcomes.total],
        ['其中：整改合格', i.outcomes.passed],
        ['其中：整改不合格', i.outcomes.failed],
        ['其中：拒绝约谈', i.outcomes.refused],
        ['其中：正在整改', i.outcomes.inProgress],
      ],
      widths: [32, 10],
    },
    {
      sheet: '处置措施',
      title: title('批准的处置措施（项）'),
      head: ['措施', '数量'],
      rows: [...f.measures.byKind.map((k): Cell[] => [k.label, k.count]), ['合计', f.measures.total]],
      widths: [16, 10],
    },
    {
      sheet: '黑名单',
      title: title('黑名单列入和移出情况（个）'),
      head: ['项目', '数量'],
      rows: [
        ['列入黑名单', b.listed],
        ['移出黑名单', b.exits.total],
        ['其中：期满移出', b.exits.expired],
        ['其中：整改有效，提前移出', b.exits.earlyExit],
        ['年末仍在黑名单', b.inForceAtYearEnd],
      ],
      widths: [28, 10],
    },
    {
      sheet: '编辑人员备案和培训',
      title: title('编辑人员备案和从业人员培训情况'),
      head: ['项目', '数量'],
      rows: [
        ['报备编辑人员名单（份）', s.filings.submitted],
        ['予以备案（份）', s.filings.accepted],
        ['退回（份）', s.filings.returned],
        ['培训（人次）', s.training.sessions],
        ['参加培训（人）', s.training.staffTrained],
        ['培训学时（小时）', s.training.hours],
      ],
      widths: [24, 10],
    },
  ];
}

/** What each figure counts (the workbook's last sheet; docs/decisions.md "Figures" says the same). */
export function annualNotes(f: AnnualFigures): FigureTable {
  return {
    sheet: '说明',
    title: `${f.office}${f.year}年度统计口径说明`,
    head: ['项目', '口径'],
    rows: [
      ['统计期间', `${chineseDate(f.period.firstDay)}至${chineseDate(f.period.lastDay)}（北京时间）`],
      ['统计时点', `${f.asOf}（尚未办结、逾期、年末在列等按此时点计算）`],
      ['分级分类管理账号', '年底前已备案、现为已备案、限制发布或暂停更新状态的账号；等级为该年度或以前年度评议公布的等级，其余计为未定级'],
      ['受理举报', '年度内收到的举报'],
      ['办结', '年度内作出核查结论的举报（不论何时受理）'],
      ['逾期', `年度内受理、未在${POLICY.reportConcludeWorkingDays.value}个工作日期限内办结的举报：尚未办结且已过期限，或在期限之后办结`],
      ['查实违法违规行为', '违法违规行为发生日期在年度内的违规记录'],
      ['约谈', '年度内举行的约谈，以及年度内拒绝约谈的；结果按当前办理情况统计'],
      ['处置措施', '年度内批准的限制发布、暂停更新、关闭账号和解除措施'],
      ['黑名单', '列入：年度内生效的列入决定；移出：年度内期满或经批准提前移出'],
      ['编辑人员备案', '报备：年度内提交的名单（每一版本计一份）；予以备案、退回：年度内作出的审核决定'],
      ['培训', '培训日期在年度内的培训记录；学时按登记的学时合计'],
    ],
    widths: [22, 90],
  };
}

/** The campaign summary as a table: one row per kind of conduct, the unattributed row, the total. */
export function campaignTable(c: CampaignSummary): FigureTable {
  return {
    sheet: '汇总表',
    title: `${c.office}专项行动情况汇总表（${chineseDate(c.from)}至${chineseDate(c.to)}）`,
    head: ['代码', '违法违规行为类别', ...c.columns.map((col) => `${col.label}（${col.unit}）`)],
    rows: [
      ...c.rows.map((row): Cell[] => [row.category ?? '', row.label, ...c.columns.map((col) => row[col.key])]),
      ['', c.total.label, ...c.columns.map((col) => c.total[col.key])],
    ],
    widths: [8, 56, 14, 14, 14, 14],
  };
}

/** The same counts in the layout of seed 001's attachment: 内容 / 处罚形式 / 数量 / 单位名称. */
export function campaignReturnTable(c: CampaignSummary): FigureTable {
  const rows: Cell[][] = [];
  for (const row of [...c.rows, { ...c.total, category: null }]) {
    c.columns.forEach((col, k) => rows.push([k === 0 ? row.label : '', `${k + 1}、${col.label}`, row[col.key], `（${col.unit}）`]));
  }
  return {
    sheet: '报送格式',
    title: `专项行动情况汇总表（${chineseDate(c.from)}至${chineseDate(c.to)}） 填报单位：${c.office}`,
    head: ['内容', '处罚形式', '数量', '单位名称'],
    rows,
    widths: [56, 14, 10, 10],
  };
}

export function campaignNotes(c: CampaignSummary): FigureTable {
  const months = POLICY.campaignAttributionMonths.value;
  return {
    sheet: '说明',
    title: `${c.office}专项行动情况汇总表统计口径`,
    head: ['项目', '口径'],
    rows: [
      ['统计期间', `${chineseDate(c.from)}至${chineseDate(c.to)}（北京时间，含首尾两日）`],
      ['责令整改', '违法违规行为发生在期间内、且已责令整改的违规记录：记录时责令更正并公开道歉（§02.3），或该账号在期间内、违规发生之后被约谈并下达责令整改通知书'],
      ['行政约谈', `期间内举行的约谈（拒绝约谈的不计），按该账号约谈前${months}个月内查实违规的类别归类`],
      ['行政处罚', `期间内批准的限制发布、暂停更新、关闭账号措施，按该账号措施批准前${months}个月内查实违规的类别归类`],
      ['移交公安', `期间内核查结论为移送、且移送部门为公安机关的举报（按举报类别），加上期间内批准的限制发布措施（依§03.3通报公安机关，按违规类别归类）`],
      [c.rows[c.rows.length - 1].label, `约谈、措施前${months}个月内该账号没有违规记录的，计入此行`],
      ['合计', '每起案件只计一次：同一次约谈或措施涉及两类违规的，在两行中各计一次，合计中计一次'],
    ],
    widths: [16, 100],
  };
}
