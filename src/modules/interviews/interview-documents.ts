import { chineseDate, OFFICE_NAME, type OfficialDocument } from '../../common/documents/official-document.js';
import { formatDateTimeZh } from '../../common/views/view-helpers.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { INTERVIEW_TRIGGER_LABELS, type InterviewTrigger } from './interview.constants.js';
import type { Interview, PanelOfficer } from './interview.entity.js';

/** The interview's documents: the notice (约谈通知书), the minutes (约谈记录) and the order (责令整改通知书). */
export const INTERVIEW_DOCUMENTS = ['notice', 'minutes', 'rectification-order'] as const;
export type InterviewDocumentKind = (typeof INTERVIEW_DOCUMENTS)[number];

const MEASURES = '《余杭区自媒体信息服务管理实施办法（试行）》';
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function officersOf(i: Interview): PanelOfficer[] {
  return JSON.parse(i.officers) as PanelOfficer[];
}

function listOf(json: string | null): string[] {
  return json ? (JSON.parse(json) as string[]) : [];
}

function triggersOf(i: Interview): InterviewTrigger[] {
  return i.triggers.split(',') as InterviewTrigger[];
}

function platformPart(i: Interview): string {
  const platform = PLATFORM_LABELS[i.platform as Platform] ?? i.platform;
  return `${platform}${i.filingNo ? `，备案编号${i.filingNo}` : ''}`;
}

function accountFact(i: Interview): string {
  return `${i.accountName}（${platformPart(i)}）`;
}

function accountLine(i: Interview): string {
  return `“${i.accountName}”（${platformPart(i)}）`;
}

function triggerText(i: Interview): string {
  return triggersOf(i)
    .map((t) => `（${CN_NUMBERS[Number(t.slice(1)) - 1]}）${INTERVIEW_TRIGGER_LABELS[t]}`)
    .join('；');
}

/** 约谈通知书: issued when the interview is scheduled (§03.1-2). */
export function interviewNotice(i: Interview): OfficialDocument {
  const officers = officersOf(i);
  return {
    kind: 'interview-notice',
    office: OFFICE_NAME,
    number: i.noticeNo,
    title: '约谈通知书',
    addressee: i.subjectName,
    paragraphs: [
      `你单位运营的自媒体账号${accountLine(i)}存在${MEASURES}第三部分第2条规定的下列情形：${triggerText(i)}。`,
      `依据该办法第三部分第1条、第2条的规定，我办决定对你单位${i.summonedTitle}${i.summonedName}进行约谈，警示谈话、指出问题、责令整改纠正。现将有关事项通知如下。`,
      `请被约谈人按时到场，携带身份证明、单位授权文书及相关情况说明材料。根据该办法第三部分第3条，你单位应当予以配合，不得拒绝、阻挠；无正当理由拒不到场的，按拒绝约谈处理，视为整改不合格。`,
    ],
    facts: [
      { label: '约谈时间', value: formatDateTimeZh(i.scheduledAt) },
      { label: '约谈地点', value: i.location },
      { label: '被约谈人', value: `${i.summonedName}（${i.summonedTitle}）` },
      { label: '约谈人员', value: officers.map((o) => o.name).join('、') },
      { label: '涉及账号', value: accountFact(i) },
      { label: '违法违规事实', value: i.facts },
    ],
    signatureOffice: OFFICE_NAME,
    date: i.noticeDate,
  };
}

/** 约谈记录: what was said at the interview, the problems and requirements, the deadline. */
export function interviewMinutes(i: Interview): OfficialDocument {
  const officers = officersOf(i);
  const heldDate = beijingDate(i.heldAt!);
  return {
    kind: 'interview-minutes',
    office: OFFICE_NAME,
    number: i.noticeNo,
    title: '约谈记录',
    paragraphs: i.minutes!.split(/\r?\n/).filter((p) => p.trim()),
    facts: [
      { label: '约谈时间', value: formatDateTimeZh(i.heldAt) },
      { label: '约谈地点', value: i.location },
      { label: '被约谈单位', value: i.subjectName },
      { label: '被约谈人', value: `${i.summonedName}（${i.summonedTitle}）` },
      { label: '约谈人员', value: officers.map((o) => o.name).join('、') },
      { label: '涉及账号', value: accountFact(i) },
      { label: '整改期限', value: chineseDate(i.deadline!) },
    ],
    sections: [
      { heading: '一、指出的问题', items: listOf(i.problems) },
      { heading: '二、整改要求', items: listOf(i.requirements) },
    ],
    signatureOffice: OFFICE_NAME,
    date: heldDate,
    note: '本记录经约谈双方核对无误后签字确认',
  };
}

/** 责令整改通知书: the order given at the interview, with the deadline and what follows a failure (§03.3). */
export function rectificationOrder(i: Interview): OfficialDocument {
  return {
    kind: 'rectification-order',
    office: OFFICE_NAME,
    number: i.orderNo!,
    title: '责令整改通知书',
    addressee: i.subjectName,
    paragraphs: [
      `我办于${chineseDate(beijingDate(i.heldAt!))}依据${MEASURES}第三部分第1条、第2条，对你单位运营的自媒体账号${accountLine(i)}进行了约谈（约谈通知书${i.noticeNo}）。经查，该账号存在下列问题，现责令你单位限期整改。`,
      `请于${chineseDate(i.deadline!)}前完成整改，并通过平台向我办提交书面整改报告。我办将委托行业协会或第三方单位对整改情况进行综合评估（第三部分第4条）。`,
      `逾期不予整改或整改不到位的，我办将依据第三部分第3条通报公安、新闻出版、文化旅游等相关部门，并报请上级网信部门予以限制发布、暂停更新直至关闭账号；拒不整改的，依据第三部分第5条纳入管理黑名单。`,
    ],
    sections: [
      { heading: '一、存在的问题', items: listOf(i.problems) },
      { heading: '二、整改要求', items: listOf(i.requirements) },
    ],
    signatureOffice: OFFICE_NAME,
    date: beijingDate(i.heldAt!),
  };
}

/** The document of a kind, or null while it does not exist yet (minutes and order come with the hold). */
export function interviewDocument(i: Interview, kind: InterviewDocumentKind): OfficialDocument | null {
  if (kind === 'notice') return interviewNotice(i);
  if (!i.heldAt || !i.deadline) return null;
  return kind === 'minutes' ? interviewMinutes(i) : rectificationOrder(i);
}
