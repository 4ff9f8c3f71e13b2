import type { OfficialDocument } from '../../common/documents/official-document.js';
import type { AccountAction, AccountState } from '../registry/workflow/account.workflow.js';
import { accountWorkflow } from '../registry/workflow/account.workflow.js';
import { LETTER_ADDRESSEES, LETTERS, type LetterKind } from './measure.constants.js';
import type { EscalationMeasure, MeasureLetter } from './measure.entity.js';
import { MEASURE_KIND_LABELS, type MeasureAction, type MeasureKind, type MeasureState, measureWorkflow } from './workflow/measure.workflow.js';

export interface MeasureLetterView {
  letter: LetterKind;
  number: string;
  addressee: string;
  title: string;
  html: string;
  docx: string;
}

export interface MeasureView {
  id: string;
  accountId: string;
  accountName: string;
  filingNo: string | null;
  kind: MeasureKind;
  kindLabel: string;
  interviewId: string | null;
  reason: string;
  status: MeasureState;
  statusLabel: string;
  proposedBy: { id: string; name: string };
  policy: { policyKey: string; citation: string; policyVersion: string };
  decidedBy: { id: string; name: string | null } | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  accountAction: AccountAction | null;
  accountStatusBefore: AccountState | null;
  accountStatusAfter: AccountState | null;
  accountStatusAfterLabel: string | null;
  liftsMeasureId: string | null;
  decisionNo: string | null;
  reply: { reference: string; repliedAt: string; note: string | null } | null;
  letters: MeasureLetterView[];
  actions: MeasureAction[];
  createdAt: Date;
  updatedAt: Date;
}

export function letterView(measureId: string, l: MeasureLetter): MeasureLetterView {
  const doc = JSON.parse(l.content) as OfficialDocument;
  const base = `/api/measures/${measureId}/letters/${l.letter}`;
  return { letter: l.letter, number: l.number, addressee: l.addressee || LETTER_ADDRESSEES[l.letter], title: doc.title, html: base, docx: `${base}.docx` };
}

export function measureView(x: EscalationMeasure, letters: MeasureLetter[] = []): MeasureView {
  const order = (l: MeasureLetter) => LETTERS.indexOf(l.letter);
  return {
    id: x.id,
    accountId: x.accountId,
    accountName: x.accountName,
    filingNo: x.filingNo,
    kind: x.kind,
    kindLabel: MEASURE_KIND_LABELS[x.kind],
    interviewId: x.interviewId,
    reason: x.reason,
    status: x.status,
    statusLabel: measureWorkflow.def.labels[x.status],
    proposedBy: { id: x.proposedBy, name: x.proposedByName },
    policy: { policyKey: x.policyKey, citation: x.citation, policyVersion: x.policyVersion },
    decidedBy: x.decidedBy ? { id: x.decidedBy, name: x.decidedByName } : null,
    decidedAt: x.decidedAt,
    rejectReason: x.rejectReason,
    accountAction: x.accountAction,
    accountStatusBefore: x.accountStatusBefore,
    accountStatusAfter: x.accountStatusAfter,
    accountStatusAfterLabel: x.accountStatusAfter ? accountWorkflow.def.labels[x.accountStatusAfter] : null,
    liftsMeasureId: x.liftsMeasureId,
    decisionNo: x.decisionNo,
    reply: x.replyReference && x.repliedAt ? { reference: x.replyReference, repliedAt: x.repliedAt, note: x.replyNote } : null,
    letters: [...letters].sort((a, b) => order(a) - order(b)).map((l) => letterView(x.id, l)),
    actions: measureWorkflow.actionsFrom(x.status),
    createdAt: x.createdAt,
    updatedAt: x.updatedAt,
  };
}

/** What the audit trail keeps of a measure (no personal data on it). */
export function measureAuditView(x: EscalationMeasure) {
  return {
    accountId: x.accountId,
    kind: x.kind,
    status: x.status,
    interviewId: x.interviewId,
    decisionNo: x.decisionNo,
    accountAction: x.accountAction,
    accountStatusAfter: x.accountStatusAfter,
    liftsMeasureId: x.liftsMeasureId,
    replyReference: x.replyReference,
    repliedAt: x.repliedAt,
  };
}
