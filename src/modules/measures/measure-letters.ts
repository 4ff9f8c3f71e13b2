import { OFFICE_NAME, type OfficialDocument } from '../../common/documents/official-document.js';
import { POLICY } from '../../policy/policy-table.js';
import type { AccountAction } from '../registry/workflow/account.workflow.js';
import { ACTION_WORDS, LETTER_ADDRESSEES, type LetterKind, REFERRAL_LETTERS, UPPER_OFFICE } from './measure.constants.js';
import type { MeasureKind } from './workflow/measure.workflow.js';

const MEASURES = '《余杭区自媒体信息服务管理实施办法（试行）》';

/** What the letters of one approved measure say. */
export interface LetterContext {
  kind: MeasureKind;
  accountAction: AccountAction;
  accountName: string;
  filingNo: string | null;
  platformLabel: string;
  platformAccountId: string;
  subjectName: string;
  reason: string;
  /** The interview the measure rests on (notice number and its outcome in words). */
  basis: { noticeNo: string; outcomeLabel: string } | null;
  /** A lift: the decision it lifts. */
  lifted: { decisionNo: string | null; actionWords: string } | null;
  /** The approval date (Beijing). */
  date: string;
  proposerName: string;
  numbers: Partial<Record<LetterKind, string>>;
}

/** The letters an approval issues: the request to the upper-level office, and on a restriction the three referrals (§03.3). */
export function lettersFor(kind: MeasureKind): LetterKind[] {
  return kind === 'restrict' ? ['upper-request', ...REFERRAL_LETTERS] : ['upper-request'];
}

function accountFacts(c: LetterContext): { label: string; value: string }[] {
  return [
    { label: '账号名称', value: c.accountName },
    { label: '平台', value: `${c.platformLabel}（账号ID：${c.platformAccountId}）` },
    { label: '备案编号', value: c.filingNo ?? '—' },
    { label: '运营主体', value: c.subjectName },
  ];
}

function basisSentence(c: LetterContext): string {
  return c.basis ? `经我办约谈（约谈通知书${c.basis.noticeNo}），该账号${c.basis.outcomeLabel}。` : '';
}

/** 请示: the district office asks the upper-level office to act on the platform (§03.3), or to lift (§03.5). */
export function upperRequest(c: LetterContext): OfficialDocument {
  const words = ACTION_WORDS[c.accountAction];
  const lifting = c.kind === 'lift';
  const paragraphs = lifting
    ? [
        `${c.subjectName}运营的自媒体账号“${c.accountName}”（${c.platformLabel}${c.filingNo ? `，备案编号${c.filingNo}` : ''}）此前经你办${c.lifted?.actionWords ?? '采取措施'}${c.lifted?.decisionNo ? `（我办请示${c.lifted.decisionNo}）` : ''}。${basisSentence(c)}`,
        `依据${MEASURES}第三部分第5条“对整改期内积极有效提升整改的自媒体账号，经区网信办评估同意的，可结束处罚”，我办经审批同意，报请你办对该账号${words}。`,
        `事实与理由：${c.reason}`,
        '妥否，请批示。',
      ]
    : [
        `${c.subjectName}运营的自媒体账号“${c.accountName}”（${c.platformLabel}${c.filingNo ? `，备案编号${c.filingNo}` : ''}）逾期不予整改或整改不到位。${basisSentence(c)}`,
        `依据${MEASURES}第三部分第3条，我办经审批决定，报请你办对该账号予以${words}。${c.kind === 'restrict' ? '我办已同时将有关情况通报公安、新闻出版、文化旅游等相关部门。' : ''}`,
        `事实与理由：${c.reason}`,
        '妥否，请批示。',
      ];
  return {
    kind: 'measure-request',
    office: OFFICE_NAME,
    number: c.numbers['upper-request']!,
    title: `关于对自媒体账号“${c.accountName}”${words}的请示`,
    addressee: UPPER_OFFICE,
    paragraphs,
    facts: [...accountFacts(c), { label: '请示事项', value: words }, { label: '依据', value: lifting ? POLICY.measureLift.citation : POLICY.escalationSteps.citation }],
    signatureOffice: OFFICE_NAME,
    date: c.date,
    note: `联系人：${c.proposerName}`,
  };
}

const REFERRAL_ASK: Record<(typeof REFERRAL_LETTERS)[number], string> = {
  police: '请你单位依职责关注，发现涉嫌违法犯罪线索的，依法查处。',
  press: '请你单位依职责关注该账号涉及的出版、新闻传播活动，依法处理。',
  culture: '请你单位依职责关注该账号涉及的网络文化经营活动，依法处理。',
};

/** 通报: the referral to a department (§03.3 "通报公安、新闻出版、文化旅游等相关部门"). */
export function referralLetter(c: LetterContext, letter: (typeof REFERRAL_LETTERS)[number]): OfficialDocument {
  return {
    kind: `referral-${letter}`,
    office: OFFICE_NAME,
    number: c.numbers[letter]!,
    title: `关于自媒体账号“${c.accountName}”整改不合格情况的通报`,
    addressee: LETTER_ADDRESSEES[letter],
    paragraphs: [
      `${c.subjectName}运营的自媒体账号“${c.accountName}”（${c.platformLabel}${c.filingNo ? `，备案编号${c.filingNo}` : ''}）存在违法违规行为，逾期不予整改或整改不到位。${basisSentence(c)}`,
      `依据${MEASURES}第三部分第3条，我办已报请上级网信部门对该账号予以限制发布（请示${c.numbers['upper-request']}），现将有关情况通报你单位。${REFERRAL_ASK[letter]}`,
      `事实与理由：${c.reason}`,
    ],
    facts: accountFacts(c),
    signatureOffice: OFFICE_NAME,
    date: c.date,
    copyTo: UPPER_OFFICE,
    note: `联系人：${c.proposerName}`,
  };
}

export function buildLetter(c: LetterContext, letter: LetterKind): OfficialDocument {
  return letter === 'upper-request' ? upperRequest(c) : referralLetter(c, letter);
}

