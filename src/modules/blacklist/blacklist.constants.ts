import { POLICY, type PolicyKey } from '../../policy/policy-table.js';

/**
 * The two rules of §03.5 that make an account a blacklist candidate:
 * R1 多次发布、转载违法违规信息 (policy: 3 substantiated violations within 12 months);
 * R2 发布、转载违法违规信息后拒不整改 (a failed rectification: failed, overdue, or refused).
 */
export const BLACKLIST_RULES = ['R1', 'R2'] as const;
export type BlacklistRule = (typeof BLACKLIST_RULES)[number];

export const RULE_LABELS: Record<BlacklistRule, string> = {
  R1: '多次发布、转载违法违规信息',
  R2: '发布、转载违法违规信息后拒不整改',
};

/** The policy entry each rule rests on (kept on the listing with its citation and version). */
export const RULE_POLICY: Record<BlacklistRule, PolicyKey> = {
  R1: 'blacklistViolationThreshold',
  R2: 'blacklistRefusedRectification',
};

export const MEASURES_TITLE = '《余杭区自媒体信息服务管理实施办法（试行）》';

/** The legal basis the propose form starts from (§03.5), the officer may complete it. */
export function defaultBasis(rule: BlacklistRule): string {
  const article = `${MEASURES_TITLE}第三部分第5条：“多次发布、转载违法违规信息，或发布、转载违法违规信息后拒不整改的自媒体将被纳入管理黑名单。”`;
  return rule === 'R1'
    ? `${article}该账号${POLICY.blacklistViolationWindowMonths.value}个月内经查实发布、转载违法违规信息${POLICY.blacklistViolationThreshold.value}次及以上，属于多次发布、转载违法违规信息。`
    : `${article}该账号发布、转载违法违规信息，经约谈责令整改后逾期不予整改、整改不到位或拒绝约谈，属于拒不整改。`;
}

function numbered(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/** 拟列入黑名单告知书: `YH-WXHMD-2026-0001`, gap-free per year. */
export function formatNoticeNo(year: number, seq: number): string {
  return numbered(POLICY.blacklistNoticePrefix.value, year, seq);
}

/** 列入黑名单决定书: `YH-WXHMJ-2026-0001`, gap-free per year. */
export function formatDecisionNo(year: number, seq: number): string {
  return numbered(POLICY.blacklistDecisionPrefix.value, year, seq);
}

/** One violation as cited by an R1 candidacy (a snapshot: what the office saw when it proposed). */
export interface ViolationFact {
  id: string;
  category: string;
  categoryLabel: string;
  source: string;
  sourceLabel: string;
  occurredAt: string;
  /** The recorded facts, cut to 200 characters. */
  summary: string;
}

/** One failed rectification as cited by an R2 candidacy. */
export interface InterviewFact {
  id: string;
  noticeNo: string;
  status: string;
  statusLabel: string;
  /** When the case closed (ISO instant), null if unknown. */
  concludedAt: string | null;
}

/** The facts that make an account a candidate, stored on the listing as JSON. */
export type CandidateFacts =
  | { rule: 'R1'; threshold: number; windowMonths: number; windowFrom: string; asOf: string; violations: ViolationFact[] }
  | { rule: 'R2'; interviews: InterviewFact[] };

/** The facts in one sentence, for notices and pages. */
export function factsSentence(facts: CandidateFacts): string {
  if (facts.rule === 'R1') {
    const list = facts.violations.map((v) => `${v.occurredAt}（${v.categoryLabel}）`).join('；');
    return `自${facts.windowFrom}至${facts.asOf}期间经查实违法违规${facts.violations.length}次：${list}`;
  }
  const list = facts.interviews.map((i) => `约谈通知书${i.noticeNo}（${i.statusLabel}）`).join('；');
  return `经约谈责令整改，整改不合格：${list}`;
}
