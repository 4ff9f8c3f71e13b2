import type { FieldCipher } from '../../common/crypto/field-cipher.js';
import { maskIdNumber, maskPhone } from '../../common/crypto/mask.js';
import { hoursOf } from './roster-snapshot.js';
import {
  STAFF_RECORD_KIND_LABELS,
  STAFF_ROLE_LABELS,
  TRAINING_ORGANIZER_LABELS,
  type StaffRecordKind,
  type StaffRole,
  type TrainingOrganizer,
} from './staff.constants.js';
import type { StaffFiling } from './staff-filing.entity.js';
import type { StaffMember } from './staff-member.entity.js';
import type { StaffRecord } from './staff-record.entity.js';
import type { StaffTraining } from './staff-training.entity.js';
import { staffFilingWorkflow, type StaffFilingState } from './workflow/staff-filing.workflow.js';

/** What the API shows of a staff member: ID number and phone always masked. */
export interface StaffMemberView {
  id: string;
  accountId: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  role: StaffRole;
  roleLabel: string;
  fullTime: boolean;
  startDate: string;
  endDate: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StaffTrainingView {
  id: string;
  staffId: string;
  date: string;
  organizer: TrainingOrganizer;
  organizerLabel: string;
  topic: string;
  hours: number;
  createdAt: Date;
}

export interface StaffRecordView {
  id: string;
  staffId: string;
  kind: StaffRecordKind;
  kindLabel: string;
  date: string;
  description: string;
  createdAt: Date;
}

export interface StaffFilingSummary {
  id: string;
  accountId: string;
  version: number;
  status: StaffFilingState;
  statusLabel: string;
  submittedBy: string;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reason: string | null;
}

export function memberView(m: StaffMember, cipher: FieldCipher): StaffMemberView {
  return {
    id: m.id,
    accountId: m.accountId,
    name: m.name,
    idNumber: maskIdNumber(cipher.decrypt(m.idNumberEnc)),
    phone: maskPhone(cipher.decrypt(m.phoneEnc)),
    role: m.role,
    roleLabel: STAFF_ROLE_LABELS[m.role] ?? m.role,
    fullTime: m.fullTime,
    startDate: m.startDate,
    endDate: m.endDate,
    active: m.endDate === null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

/** The audit trail's copy: personal data masked (audit.service contract). */
export function memberAuditView(m: StaffMember, cipher: FieldCipher) {
  return {
    accountId: m.accountId,
    name: m.name,
    idNumber: maskIdNumber(cipher.decrypt(m.idNumberEnc)),
    phone: maskPhone(cipher.decrypt(m.phoneEnc)),
    role: m.role,
    fullTime: m.fullTime,
    startDate: m.startDate,
    endDate: m.endDate,
  };
}

export function trainingView(t: StaffTraining): StaffTrainingView {
  return {
    id: t.id,
    staffId: t.staffId,
    date: t.date,
    organizer: t.organizer,
    organizerLabel: TRAINING_ORGANIZER_LABELS[t.organizer] ?? t.organizer,
    topic: t.topic,
    hours: hoursOf(t.halfHours),
    createdAt: t.createdAt,
  };
}

export function recordView(r: StaffRecord): StaffRecordView {
  return {
    id: r.id,
    staffId: r.staffId,
    kind: r.kind,
    kindLabel: STAFF_RECORD_KIND_LABELS[r.kind] ?? r.kind,
    date: r.date,
    description: r.description,
    createdAt: r.createdAt,
  };
}

export function filingSummary(f: Omit<StaffFiling, 'snapshot'>): StaffFilingSummary {
  return {
    id: f.id,
    accountId: f.accountId,
    version: f.version,
    status: f.status,
    statusLabel: staffFilingWorkflow.def.labels[f.status] ?? f.status,
    submittedBy: f.submittedBy,
    submittedAt: f.createdAt,
    reviewedBy: f.reviewedBy,
    reviewedAt: f.reviewedAt,
    reason: f.reason,
  };
}
