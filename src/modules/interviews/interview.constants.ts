import { POLICY } from '../../policy/policy-table.js';

/** The six situations of §03.2 in which the office interviews an account's principal responsible person. */
export const INTERVIEW_TRIGGERS = POLICY.interviewTriggers.value;
export type InterviewTrigger = (typeof INTERVIEW_TRIGGERS)[number];

export const INTERVIEW_TRIGGER_LABELS: Record<InterviewTrigger, string> = {
  T1: '未及时处理公民、法人和其他组织关于自媒体信息服务的投诉、举报，造成不利影响，情节严重',
  T2: '通过采编、转载未经权威部门证实的信息等获取流量或谋取不正当利益',
  T3: '未及时处置违法信息，情节严重',
  T4: '未及时落实监管措施，情节严重',
  T5: '自媒体日常考核中，问题突出',
  T6: '其他违反相关法律、法规规定需要约谈的情形',
};

/** §03.2: the person summoned is the principal responsible person unless the officer names another. */
export const DEFAULT_SUMMONED_TITLE = '主要负责人';

/** Accounts that can be interviewed: filed, or under a measure (a closed account may rectify to be reopened, §03.5). */
export const INTERVIEWABLE_ACCOUNT_STATES = ['filed', 'restricted', 'suspended', 'closed'] as const;

/** `YH-WXYT-2026-0007` (domain.md "Interviews"). */
export function formatNoticeNo(year: number, seq: number): string {
  return `${POLICY.interviewNoticePrefix.value}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The rectification order given at the hold: `YH-WXZG-2026-0003` (责令整改通知书, its own series). */
export const RECTIFICATION_ORDER_PREFIX = 'YH-WXZG';
export function formatOrderNo(year: number, seq: number): string {
  return `${RECTIFICATION_ORDER_PREFIX}-${year}-${String(seq).padStart(4, '0')}`;
}
