import { chineseDate } from '../../common/documents/official-document.js';
import { POLICY } from '../../policy/policy-table.js';
import type { AnnualFigures } from './annual-figures.js';
import { type FigureTable } from './figure-tables.js';
import { GRADE_KEY_LABELS } from './annual-figures.js';

/** A piece of the report: headings, sentences filled from the figures, text the office must write, tables. */
export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; lead?: string }
  | { kind: 'placeholder'; text: string }
  | { kind: 'table'; table: FigureTable };

export interface AnnualReportModel {
  title: string;
  office: string;
  /** The report's date (Beijing, YYYY-MM-DD). */
  date: string;
  blocks: ReportBlock[];
}

/** The mark on text the office must edit before sending the report. */
export const PLACEHOLDER_MARK = '【待编辑】';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "A 3个、B 0个" → only the non-zero parts, joined with 、; `none` when all are zero. */
function listOf(parts: [string, number][], unit: string, none = ''): string {
  const shown = parts.filter(([, count]) => count > 0).map(([label, count]) => `${label}${count}${unit}`);
  return shown.length ? shown.join('、') : none;
}

/**
 * The annual enforcement report in the shape of seed 003 (渝北区网信办 2023年行政执法总体情况的报告):
 * the overall figures in sentences, the measures taken, then the problems and next year's plan as
 * marked text for the office to write, and the figures as an attachment.
 */
export function annualReportModel(f: AnnualFigures, date: string, tables: FigureTable[]): AnnualReportModel {
  const y = f.year;
  const a = f.accounts;
  const r = f.reports;
  const v = f.violations;
  const i = f.interviews;
  const m = f.measures;
  const b = f.blacklist;
  const s = f.staff;
  const count = (key: string) => m.byKind.find((k) => k.key === key)?.count ?? 0;
  const grade = (key: string) => a.byGrade.find((g) => g.key === key)?.count ?? 0;
  const outcome = (key: string) => r.byOutcome.find((o) => o.key === key)?.count ?? 0;
  const days = POLICY.reportConcludeWorkingDays.value;

  const platforms = [...a.byPlatform].filter((p) => p.total > 0).sort((p, q) => q.total - p.total);
  const accountsText =
    `截至${y}年底，对${a.underManagement}个属地自媒体账号实行分级分类管理，其中` +
    `A级（${GRADE_KEY_LABELS.A}）${grade('A')}个、B级（${GRADE_KEY_LABELS.B}）${grade('B')}个、C级（${GRADE_KEY_LABELS.C}）${grade('C')}个、` +
    `D级（${GRADE_KEY_LABELS.D}）${grade('D')}个，${GRADE_KEY_LABELS.ungraded}${grade('ungraded')}个` +
    (platforms.length ? `；按平台分，${platforms.map((p) => `${p.label}${p.total}个`).join('、')}` : '') +
    `。全年新增备案账号${a.filedInYear}个。` +
    `受理编辑人员备案名单${s.filings.submitted}份，予以备案${s.filings.accepted}份，退回补正${s.filings.returned}份；` +
    `登记从业人员培训${s.training.sessions}人次（${s.training.staffTrained}人），累计${s.training.hours}学时。`;

  const overdueText =
    r.overdue.total === 0
      ? `年度内受理的举报均在${days}个工作日内办结或仍在办理期限内`
      : `年度内受理的举报中，未在${days}个工作日内办结${r.overdue.total}件（逾期未办结${r.overdue.openPastDue}件、超期办结${r.overdue.concludedLate}件）`;
  const reportsText =
    `全年受理网民举报${r.received}件，办结${r.concluded}件，其中查证属实${outcome('substantiated')}件、查无实据${outcome('unsubstantiated')}件、` +
    `移送有关部门${outcome('transferred')}件（其中移送公安机关${r.transferredToPolice}件）；${overdueText}；` +
    `年度内受理、尚未办结${r.open}件。`;

  const topCategories = [...v.byCategory].filter((c) => c.count > 0).sort((p, q) => q.count - p.count || p.category.localeCompare(q.category));
  const violationsText =
    v.total === 0
      ? '全年未查实违法违规行为。'
      : `全年查实违法违规行为${v.total}起，主要类型为${topCategories
          .slice(0, 3)
          .map((c) => `${c.shortLabel}${c.count}起`)
          .join('、')}${topCategories.length > 3 ? '等' : ''}；` +
        `从发现渠道看，${listOf(v.bySource.map((x) => [x.label, x.count]), '起')}。`;

  const interviewsText =
    `全年发出约谈通知书${i.noticesIssued}份，约谈账号主要负责人${i.held}次，当场下达责令整改通知书${i.held}份；拒绝约谈${i.refused}次。` +
    `上述${i.outcomes.total}次约谈中，整改合格${i.outcomes.passed}次、整改不合格${i.outcomes.failed}次、正在整改${i.outcomes.inProgress}次。`;

  const escalations = count('restrict') + count('suspend') + count('close');
  const measuresText =
    (escalations === 0
      ? '全年未对账号采取限制发布、暂停更新或关闭账号措施'
      : `对逾期不予整改或整改不到位的账号，经审批报请上级网信部门限制发布${count('restrict')}个、暂停更新${count('suspend')}个、关闭账号${count('close')}个` +
        (count('restrict') > 0 ? '，并通报公安、新闻出版、文化旅游等部门' : '')) +
    `；整改合格后解除措施${count('lift')}个。` +
    `全年纳入违法违规黑名单${b.listed}个，移出${b.exits.total}个（期满移出${b.exits.expired}个、整改有效提前移出${b.exits.earlyExit}个），年末仍在黑名单${b.inForceAtYearEnd}个。`;

  const hints = [
    r.overdue.total > 0 ? `${r.overdue.total}件举报未在期限内办结` : null,
    grade('D') > 0 ? `评议等级为D（不合格）的账号${grade('D')}个` : null,
    i.outcomes.failed + i.outcomes.refused > 0 ? `整改不合格或拒绝约谈${i.outcomes.failed + i.outcomes.refused}次` : null,
    grade('ungraded') > 0 ? `未定级账号${grade('ungraded')}个` : null,
  ].filter((h): h is string => h !== null);

  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: `按照有关规定，现将我办${y}年行政执法总体情况报告如下：` },
    { kind: 'heading', level: 1, text: `一、${y}年行政执法总体情况` },
    {
      kind: 'paragraph',
      text: `${y}年，${f.office}依据《余杭区自媒体信息服务管理实施办法（试行）》，对属地自媒体账号实行备案管理、分级分类管理和信用评价，依法受理处置网民举报，约谈、处置违法违规账号，认真落实行政执法各项工作。`,
    },
    { kind: 'paragraph', lead: '（一）账号备案和分级分类管理。', text: accountsText },
    { kind: 'paragraph', lead: '（二）网民举报受理处置。', text: reportsText },
    { kind: 'paragraph', lead: '（三）违法违规行为查处。', text: violationsText },
    { kind: 'paragraph', lead: '（四）约谈和责令整改。', text: interviewsText },
    { kind: 'paragraph', lead: '（五）处置措施和黑名单管理。', text: measuresText },
    { kind: 'heading', level: 1, text: '二、采取的主要措施' },
    {
      kind: 'placeholder',
      text: `${PLACEHOLDER_MARK}请办公室填写本年度采取的主要措施（制度建设、专项行动、普法宣传、队伍建设等），参照上文数据。`,
    },
    { kind: 'heading', level: 1, text: '三、存在的主要问题' },
    {
      kind: 'placeholder',
      text:
        `${PLACEHOLDER_MARK}一是……；二是……。请办公室根据实际情况填写。` +
        (hints.length ? `系统数据提示：${hints.join('；')}。` : ''),
    },
    { kind: 'heading', level: 1, text: `四、${y + 1}年工作打算` },
    ...['（一）……', '（二）……', '（三）……'].map((t): ReportBlock => ({ kind: 'placeholder', text: `${PLACEHOLDER_MARK}${t}请办公室填写下一年度工作打算。` })),
    { kind: 'heading', level: 1, text: `附件：${y}年度主要数据统计表` },
    ...tables.flatMap((t, k): ReportBlock[] => [
      { kind: 'heading', level: 2, text: `${ORDINALS[k] ?? k + 1}、${t.title.replace(`${f.office}${y}年度`, '')}` },
      { kind: 'table', table: t },
    ]),
  ];
  return { title: `${f.office}关于${y}年行政执法总体情况的报告`, office: f.office, date, blocks };
}

/** The report as plain text (the figures' sentences; for tests and previews). */
export function reportPlainText(model: AnnualReportModel): string {
  return [
    model.title,
    ...model.blocks.map((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.join('\t')).join('\n') : b.kind === 'paragraph' ? `${b.lead ?? ''}${b.text}` : b.text)),
    model.office,
    chineseDate(model.date),
  ].join('\n');
}
