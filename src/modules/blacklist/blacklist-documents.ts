import { chineseDate, OFFICE_NAME, type OfficialDocument } from '../../common/documents/official-document.js';
import { formatDateTimeZh } from '../../common/views/view-helpers.js';
import { POLICY } from '../../policy/policy-table.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import type { BlacklistListing } from './blacklist-listing.entity.js';
import { type CandidateFacts, factsSentence, MEASURES_TITLE, RULE_LABELS } from './blacklist.constants.js';

/** The listing's documents: the notice of proposed listing (告知书) and the decision (决定书). */
export const BLACKLIST_DOCUMENTS = ['notice', 'decision'] as const;
export type BlacklistDocumentKind = (typeof BLACKLIST_DOCUMENTS)[number];

export function factsOf(l: BlacklistListing): CandidateFacts {
  return JSON.parse(l.facts) as CandidateFacts;
}

function you(l: BlacklistListing): string {
  return l.subjectKind === 'individual' ? '你' : '你单位';
}

function accountLine(l: BlacklistListing): string {
  const platform = PLATFORM_LABELS[l.platform as Platform] ?? l.platform;
  return `“${l.accountName}”（${platform}，备案编号${l.filingNo}）`;
}

/** The facts as the documents list them, one per line. */
function factLines(facts: CandidateFacts): string {
  if (facts.rule === 'R1') {
    return facts.violations.map((v, n) => `${n + 1}. ${chineseDate(v.occurredAt)}，${v.categoryLabel}（${v.sourceLabel}）${v.summary ? `：${v.summary}` : ''}`).join('\n');
  }
  return facts.interviews.map((i, n) => `${n + 1}. 约谈通知书${i.noticeNo}，${i.statusLabel}${i.concludedAt ? `（${chineseDate(beijingDate(new Date(i.concludedAt)))}）` : ''}`).join('\n');
}

/** 拟列入违法违规黑名单告知书: issued with the proposal; the operator may state a defence (国办发〔2020〕49号). */
export function listingNotice(l: BlacklistListing): OfficialDocument {
  const facts = factsOf(l);
  const term = POLICY.blacklistTermMonths.value;
  const days = POLICY.blacklistDefenceWorkingDays.value;
  return {
    kind: 'blacklist-notice',
    office: OFFICE_NAME,
    number: l.noticeNo,
    title: '拟列入违法违规黑名单告知书',
    addressee: l.subjectName,
    paragraphs: [
      `${you(l)}运营的自媒体账号${accountLine(l)}${factsSentence(facts)}，属于${MEASURES_TITLE}第三部分第5条规定的“${RULE_LABELS[l.rule]}”情形。`,
      `依据该办法第三部分第5条的规定，我办拟将该账号列入违法违规黑名单，期限${term}个月。`,
      `根据《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号），${you(l)}享有陈述、申辩的权利。请于${chineseDate(l.defenceDeadline)}前（收到本告知书之日起${days}个工作日内），通过余杭区自媒体账号备案与信用评价平台“黑名单告知”页面提交书面陈述、申辩意见；逾期未提出的，视为放弃陈述、申辩的权利。`,
      `列入黑名单期间，对整改期内积极有效提升整改的，经我办评估同意，可提前移出。${POLICY.jointRestrictionWindowYears.value}年内被${POLICY.jointRestrictionListings.value}次及以上列入黑名单的，我办将联合相关部门及有关平台，限制其享受余杭区相关奖励政策。`,
    ],
    facts: [
      { label: '涉及账号', value: `${l.accountName}（${PLATFORM_LABELS[l.platform as Platform] ?? l.platform}）` },
      { label: '备案编号', value: l.filingNo },
      { label: '运营主体', value: l.subjectName },
      { label: '认定情形', value: RULE_LABELS[l.rule] },
      { label: '违法违规事实', value: factLines(facts) },
      { label: '法律依据', value: l.basis },
      { label: '陈述申辩期限', value: `${chineseDate(l.defenceDeadline)}前` },
    ],
    signatureOffice: OFFICE_NAME,
    date: l.noticeDate,
    note: `经办人：${l.proposedByName}`,
  };
}

/** 列入违法违规黑名单决定书: issued on approval, with the term and the remedies. */
export function listingDecision(l: BlacklistListing): OfficialDocument | null {
  if (!l.decisionNo || !l.listedAt || !l.endsAt) return null;
  const defence = l.defendedAt
    ? `${you(l)}于${formatDateTimeZh(l.defendedAt)}提出了陈述、申辩意见，我办已予复核。`
    : `${you(l)}在规定期限内（${chineseDate(l.defenceDeadline)}前）未提出陈述、申辩意见。`;
  const from = chineseDate(beijingDate(l.listedAt));
  const to = chineseDate(beijingDate(l.endsAt));
  return {
    kind: 'blacklist-decision',
    office: OFFICE_NAME,
    number: l.decisionNo,
    title: '列入违法违规黑名单决定书',
    addressee: l.subjectName,
    paragraphs: [
      `我办于${chineseDate(l.noticeDate)}向${you(l)}送达《拟列入违法违规黑名单告知书》（${l.noticeNo}）。${defence}`,
      `经审查，${you(l)}运营的自媒体账号${accountLine(l)}${factsSentence(factsOf(l))}，属于${MEASURES_TITLE}第三部分第5条规定的“${RULE_LABELS[l.rule]}”情形。依据该条规定，我办决定将该账号列入违法违规黑名单，期限自${from}至${to}。列入期间，该账号的名称、备案编号、列入依据和期限向社会公示。`,
      `列入期间，对整改期内积极有效提升整改的，经我办评估同意，可提前移出；期限届满自动移出。`,
      `如不服本决定，可在收到本决定书之日起六十日内向杭州市余杭区人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`,
    ],
    facts: [
      { label: '涉及账号', value: `${l.accountName}（${PLATFORM_LABELS[l.platform as Platform] ?? l.platform}）` },
      { label: '备案编号', value: l.filingNo },
      { label: '认定情形', value: RULE_LABELS[l.rule] },
      { label: '法律依据', value: l.basis },
      { label: '列入期限', value: `${from}至${to}` },
    ],
    signatureOffice: OFFICE_NAME,
    date: beijingDate(l.decidedAt ?? l.listedAt),
  };
}

/** The document of a kind, or null while it does not exist (the decision comes with the approval). */
export function blacklistDocument(l: BlacklistListing, kind: BlacklistDocumentKind): OfficialDocument | null {
  return kind === 'notice' ? listingNotice(l) : listingDecision(l);
}
