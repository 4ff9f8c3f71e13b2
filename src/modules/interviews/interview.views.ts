import { maskPersonName } from '../../common/crypto/mask.js';
import { PLATFORM_LABELS, type Platform } from '../registry/registry.constants.js';
import { INTERVIEW_TRIGGER_LABELS, type InterviewTrigger } from './interview.constants.js';
import type { Interview, InterviewEvent, PanelOfficer, RectificationReport } from './interview.entity.js';
import {
  FAILED_RECTIFICATION_STATES,
  type InterviewAction,
  type InterviewState,
  interviewWorkflow,
  REPORTABLE_INTERVIEW_STATES,
} from './workflow/interview.workflow.js';

export interface InterviewView {
  id: string;
  noticeNo: string;
  status: InterviewState;
  statusLabel: string;
  accountId: string;
  accountName: string;
  filingNo: string | null;
  platform: string;
  platformLabel: string;
  subjectName: string;
  triggers: { code: InterviewTrigger; label: string }[];
  facts: string;
  scheduledAt: Date;
  location: string;
  officers: PanelOfficer[];
  summonedPerson: { name: string; title: string };
  noticeDate: string;
  heldAt: Date | null;
  minutes: string | null;
  problems: string[];
  requirements: string[];
  deadline: string | null;
  /** "还剩3个工作日" / "已逾期2个工作日" while the operator may still report. */
  deadlineText: string | null;
  orderNo: string | null;
  refusalNote: string | null;
  assessor: { id: string; name: string | null; organization: string | null } | null;
  assessment: { result: 'pass' | 'fail'; comment: string | null } | null;
  concludedAt: Date | null;
  /** Failed, by assessment or deadline, or refused (§03.3, §03.5 R2). */
  failedRectification: boolean;
  actions: InterviewAction[];
  documents: { notice: string; minutes: string | null; rectificationOrder: string | null };
  createdAt: Date;
  updatedAt: Date;
}

export interface InterviewEventView {
  seq: number;
  at: Date;
  action: string;
  actionLabel: string;
  fromStatus: InterviewState | null;
  toStatus: InterviewState;
  toStatusLabel: string;
  actor: { id: string | null; name: string; role: string };
  note: string | null;
  policyKey: string;
  citation: string;
  policyVersion: string;
}

export interface RectificationReportView {
  id: string;
  interviewId: string;
  /** The first, second … report of the interview. */
  seq: number;
  report: string;
  submittedBy: string;
  submittedAt: Date;
}

const list = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

export function interviewView(i: Interview, deadlineText: (deadline: string) => string): InterviewView {
  const base = `/api/interviews/${i.id}`;
  const held = !!i.heldAt;
  return {
    id: i.id,
    noticeNo: i.noticeNo,
    status: i.status,
    statusLabel: interviewWorkflow.def.labels[i.status],
    accountId: i.accountId,
    accountName: i.accountName,
    filingNo: i.filingNo,
    platform: i.platform,
    platformLabel: PLATFORM_LABELS[i.platform as Platform] ?? i.platform,
    subjectName: i.subjectName,
    triggers: (i.triggers.split(',') as InterviewTrigger[]).map((code) => ({ code, label: INTERVIEW_TRIGGER_LABELS[code] })),
    facts: i.facts,
    scheduledAt: i.scheduledAt,
    location: i.location,
    officers: JSON.parse(i.officers) as PanelOfficer[],
    summonedPerson: { name: i.summonedName, title: i.summonedTitle },
    noticeDate: i.noticeDate,
    heldAt: i.heldAt,
    minutes: i.minutes,
    problems: list(i.problems),
    requirements: list(i.requirements),
    deadline: i.deadline,
    deadlineText: i.deadline && REPORTABLE_INTERVIEW_STATES.includes(i.status) ? deadlineText(i.deadline) : null,
    orderNo: i.orderNo,
    refusalNote: i.refusalNote,
    assessor: i.assessorId ? { id: i.assessorId, name: i.assessorName, organization: i.assessorOrganization } : null,
    assessment: i.assessmentResult ? { result: i.assessmentResult, comment: i.assessmentComment } : null,
    concludedAt: i.concludedAt,
    failedRectification: FAILED_RECTIFICATION_STATES.includes(i.status),
    actions: interviewWorkflow.actionsFrom(i.status),
    documents: {
      notice: `${base}/notice`,
      minutes: held ? `${base}/minutes` : null,
      rectificationOrder: held ? `${base}/rectification-order` : null,
    },
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

export function eventView(e: InterviewEvent): InterviewEventView {
  return {
    seq: e.seq,
    at: e.createdAt,
    action: e.action,
    actionLabel: interviewWorkflow.def.actionLabels[e.action as InterviewAction] ?? (e.action === 'schedule' ? '安排约谈' : e.action),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    toStatusLabel: interviewWorkflow.def.labels[e.toStatus],
    actor: { id: e.actorId, name: e.actorName, role: e.actorRole },
    note: e.note,
    policyKey: e.policyKey,
    citation: e.citation,
    policyVersion: e.policyVersion,
  };
}

export function reportView(r: RectificationReport): RectificationReportView {
  return { id: r.id, interviewId: r.interviewId, seq: r.seq, report: r.report, submittedBy: r.submittedBy, submittedAt: r.createdAt };
}

/** What the audit trail keeps of an interview: the summoned person's name masked. */
export function interviewAuditView(i: Interview) {
  return {
    noticeNo: i.noticeNo,
    status: i.status,
    accountId: i.accountId,
    triggers: i.triggers,
    scheduledAt: i.scheduledAt,
    location: i.location,
    officers: (JSON.parse(i.officers) as PanelOfficer[]).map((o) => o.id),
    summoned: `${maskPersonName(i.summonedName)}（${i.summonedTitle}）`,
    deadline: i.deadline,
    orderNo: i.orderNo,
    assessorId: i.assessorId,
    assessmentResult: i.assessmentResult,
  };
}
