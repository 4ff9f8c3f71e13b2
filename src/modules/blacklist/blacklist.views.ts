import { maskPersonName } from '../../common/crypto/mask.js';
import { PLATFORM_LABELS, type Platform, SUBJECT_KIND_LABELS } from '../registry/registry.constants.js';
import { factsOf } from './blacklist-documents.js';
import type { BlacklistExit, BlacklistListing } from './blacklist-listing.entity.js';
import type { JointRestriction } from './blacklist-term.js';
import { type BlacklistRule, type CandidateFacts, RULE_LABELS } from './blacklist.constants.js';
import { END_REASON_LABELS, type ExitState, exitWorkflow, type ListingAction, type ListingState, listingWorkflow } from './workflow/blacklist.workflow.js';

export interface ExitView {
  id: string;
  listingId: string;
  status: ExitState;
  statusLabel: string;
  reason: string;
  assessment: string | null;
  proposedBy: { id: string; name: string };
  proposedAt: Date;
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  policy: { policyKey: string; citation: string; policyVersion: string };
}

/** Where the defence window stands (Beijing dates, working days). */
export interface DefenceWindow {
  deadline: string;
  /** The operator may still state a defence (today ≤ deadline, nothing stated, not decided). */
  open: boolean;
  /** "还剩3个工作日" / "今天到期" / "已逾期2个工作日". */
  words: string;
}

export interface ListingView {
  id: string;
  accountId: string;
  filingNo: string;
  accountName: string;
  platform: string;
  platformLabel: string;
  subjectName: string;
  subjectKind: string;
  subjectKindLabel: string;
  rule: BlacklistRule;
  ruleLabel: string;
  facts: CandidateFacts;
  basis: string;
  policy: { policyKey: string; citation: string; policyVersion: string };
  status: ListingState;
  statusLabel: string;
  proposedBy: { id: string; name: string };
  proposedAt: Date;
  noticeNo: string;
  noticeDate: string;
  notifiedAt: Date;
  defenceDeadline: string;
  defenceWindow: DefenceWindow;
  defence: { statement: string; at: Date } | null;
  /** An approver may decide now: the window has passed or a defence was stated. */
  readyForDecision: boolean;
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  decisionNo: string | null;
  listedAt: Date | null;
  endsAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  endReasonLabel: string | null;
  /** Listed and its term not over: on the public list. */
  inForce: boolean;
  /** The open early-exit proposal, or the last decided one. */
  exit: ExitView | null;
  documents: { notice: string; noticeDocx: string; decision: string | null; decisionDocx: string | null };
  actions: ListingAction[];
  createdAt: Date;
  updatedAt: Date;
}

/** What the public list shows of a listing in force: nothing else (domain.md "Blacklist"). */
export interface PublicListingView {
  filingNo: string;
  accountName: string;
  platform: string;
  platformLabel: string;
  /** Organisations by name; individuals keep only the surname (张*). */
  subjectName: string;
  rule: BlacklistRule;
  ruleLabel: string;
  basis: string;
  listedAt: Date;
  endsAt: Date;
}

export interface JointRestrictionView {
  active: boolean;
  listingsInWindow: number;
  since: Date | null;
  until: Date | null;
  policy: { listings: number; windowYears: number; citation: string };
}

export function exitView(x: BlacklistExit): ExitView {
  return {
    id: x.id,
    listingId: x.listingId,
    status: x.status,
    statusLabel: exitWorkflow.def.labels[x.status],
    reason: x.reason,
    assessment: x.assessment,
    proposedBy: { id: x.proposedBy, name: x.proposedByName },
    proposedAt: x.createdAt,
    decidedBy: x.decidedBy ? { id: x.decidedBy, name: x.decidedByName } : null,
    decidedAt: x.decidedAt,
    rejectReason: x.rejectReason,
    policy: { policyKey: x.policyKey, citation: x.citation, policyVersion: x.policyVersion },
  };
}

export function isInForce(l: BlacklistListing, now: Date = new Date()): boolean {
  return l.status === 'listed' && !!l.endsAt && l.endsAt.getTime() > now.getTime();
}

export function listingView(l: BlacklistListing, window: DefenceWindow, exit: BlacklistExit | null = null, now: Date = new Date()): ListingView {
  const base = `/api/blacklist/${l.id}`;
  const pending = l.status === 'proposed' || l.status === 'defended';
  return {
    id: l.id,
    accountId: l.accountId,
    filingNo: l.filingNo,
    accountName: l.accountName,
    platform: l.platform,
    platformLabel: PLATFORM_LABELS[l.platform as Platform] ?? l.platform,
    subjectName: l.subjectName,
    subjectKind: l.subjectKind,
    subjectKindLabel: SUBJECT_KIND_LABELS[l.subjectKind] ?? l.subjectKind,
    rule: l.rule,
    ruleLabel: RULE_LABELS[l.rule],
    facts: factsOf(l),
    basis: l.basis,
    policy: { policyKey: l.policyKey, citation: l.citation, policyVersion: l.policyVersion },
    status: l.status,
    statusLabel: listingWorkflow.def.labels[l.status],
    proposedBy: { id: l.proposedBy, name: l.proposedByName },
    proposedAt: l.createdAt,
    noticeNo: l.noticeNo,
    noticeDate: l.noticeDate,
    notifiedAt: l.notifiedAt,
    defenceDeadline: l.defenceDeadline,
    defenceWindow: window,
    defence: l.defenceStatement && l.defendedAt ? { statement: l.defenceStatement, at: l.defendedAt } : null,
    readyForDecision: pending && (l.status === 'defended' || !window.open),
    decidedBy: l.decidedBy ? { id: l.decidedBy, name: l.decidedByName } : null,
    decidedAt: l.decidedAt,
    rejectReason: l.rejectReason,
    decisionNo: l.decisionNo,
    listedAt: l.listedAt,
    endsAt: l.endsAt,
    endedAt: l.endedAt,
    endReason: l.endReason,
    endReasonLabel: l.endReason ? END_REASON_LABELS[l.endReason] : null,
    inForce: isInForce(l, now),
    exit: exit ? exitView(exit) : null,
    documents: {
      notice: `${base}/notice`,
      noticeDocx: `${base}/notice.docx`,
      decision: l.decisionNo ? `${base}/decision` : null,
      decisionDocx: l.decisionNo ? `${base}/decision.docx` : null,
    },
    actions: listingWorkflow.actionsFrom(l.status),
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export function publicListingView(l: BlacklistListing): PublicListingView {
  return {
    filingNo: l.filingNo,
    accountName: l.accountName,
    platform: l.platform,
    platformLabel: PLATFORM_LABELS[l.platform as Platform] ?? l.platform,
    subjectName: (l.subjectKind === 'individual' ? maskPersonName(l.subjectName) : l.subjectName) ?? '',
    rule: l.rule,
    ruleLabel: RULE_LABELS[l.rule],
    basis: l.basis,
    listedAt: l.listedAt!,
    endsAt: l.endsAt!,
  };
}

export function jointRestrictionView(j: JointRestriction, policy: JointRestrictionView['policy']): JointRestrictionView {
  return { active: j.active, listingsInWindow: j.listingsInWindow, since: j.since, until: j.until, policy };
}

/** What the audit trail keeps of a listing (no personal data: the subject's name is left out for individuals). */
export function listingAuditView(l: BlacklistListing) {
  return {
    accountId: l.accountId,
    filingNo: l.filingNo,
    rule: l.rule,
    status: l.status,
    noticeNo: l.noticeNo,
    defenceDeadline: l.defenceDeadline,
    defended: !!l.defendedAt,
    decisionNo: l.decisionNo,
    listedAt: l.listedAt,
    endsAt: l.endsAt,
    endedAt: l.endedAt,
    endReason: l.endReason,
  };
}

export function exitAuditView(x: BlacklistExit) {
  return { listingId: x.listingId, accountId: x.accountId, status: x.status, decidedBy: x.decidedBy };
}
