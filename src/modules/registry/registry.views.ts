import { maskPersonName } from '../../common/crypto/mask.js';
import type { MediaAccount } from './account.entity.js';
import {
  CATEGORY_LABELS,
  type ContentCategory,
  GRADE_LABELS,
  type Grade,
  PLATFORM_LABELS,
  type Platform,
  SUBJECT_KIND_LABELS,
  type SubjectKind,
} from './registry.constants.js';
import type { Subject } from './subject.entity.js';
import { type AccountAction, type AccountState, accountWorkflow } from './workflow/account.workflow.js';

/** A subject as the API answers it: ID number and phone masked unless `revealed`. */
export interface SubjectView {
  id: string;
  kind: SubjectKind;
  kindLabel: string;
  name: string;
  creditCode: string | null;
  idNumber: string | null;
  regionCode: string;
  registeredAddress: string;
  operatingAddress: string;
  businessScope: string | null;
  contactName: string;
  contactPhone: string;
  /** True when idNumber and contactPhone are shown whole (owner or officer, ?reveal=true). */
  revealed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** An account for its owner, officers and approvers. Carries no personal data of the subject. */
export interface AccountView {
  id: string;
  status: AccountState;
  statusLabel: string;
  filingNo: string | null;
  grade: Grade | null;
  gradeLabel: string | null;
  gradeYear: number | null;
  subjectId: string;
  subjectName: string | null;
  subjectKind: SubjectKind | null;
  platform: Platform;
  platformLabel: string;
  platformAccountId: string;
  name: string;
  url: string | null;
  category: ContentCategory;
  categoryLabel: string;
  followers: number;
  qualificationType: string | null;
  qualificationNumber: string | null;
  qualificationExpiry: string | null;
  filedAt: Date | null;
  reviewedAt: Date | null;
  rejectReason: string | null;
  /** What the workflow allows from here (the portal shows the matching buttons to those entitled). */
  actions: AccountAction[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * An account as anyone may see it (public lookup). Only the states with a measure in force or a
 * filing are public; no ids, no phones, no ID numbers; an individual's name keeps only the surname.
 */
export interface PublicAccountView {
  filingNo: string;
  name: string;
  platform: Platform;
  platformLabel: string;
  category: ContentCategory;
  categoryLabel: string;
  subjectName: string | null;
  status: AccountState;
  statusLabel: string;
  grade: Grade | null;
  gradeLabel: string | null;
  filedAt: Date | null;
}

/** The states the public lookup shows: filed, and the measures in force (§03.3). */
export const PUBLIC_ACCOUNT_STATES = ['filed', 'restricted', 'suspended', 'closed'] as const satisfies readonly AccountState[];

/** Whether the public lookup and search show the account: a public state and a filing number. */
export function isPubliclyListed(a: Pick<MediaAccount, 'status' | 'filingNo'>): boolean {
  return a.filingNo !== null && a.filingNo !== undefined && (PUBLIC_ACCOUNT_STATES as readonly string[]).includes(a.status);
}

export function accountView(a: MediaAccount, subject: Pick<Subject, 'name' | 'kind'> | null | undefined): AccountView {
  return {
    id: a.id,
    status: a.status,
    statusLabel: accountWorkflow.def.labels[a.status],
    filingNo: a.filingNo,
    grade: a.grade,
    gradeLabel: a.grade ? GRADE_LABELS[a.grade] : null,
    gradeYear: a.gradeYear,
    subjectId: a.subjectId,
    subjectName: subject?.name ?? null,
    subjectKind: subject?.kind ?? null,
    platform: a.platform,
    platformLabel: PLATFORM_LABELS[a.platform] ?? a.platform,
    platformAccountId: a.platformAccountId,
    name: a.name,
    url: a.url,
    category: a.category,
    categoryLabel: CATEGORY_LABELS[a.category] ?? a.category,
    followers: a.followers,
    qualificationType: a.qualificationType,
    qualificationNumber: a.qualificationNumber,
    qualificationExpiry: a.qualificationExpiry,
    filedAt: a.filedAt,
    reviewedAt: a.reviewedAt,
    rejectReason: a.rejectReason,
    actions: accountWorkflow.actionsFrom(a.status),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function publicAccountView(a: MediaAccount, subject: Pick<Subject, 'name' | 'kind'> | null | undefined): PublicAccountView {
  return {
    filingNo: a.filingNo!,
    name: a.name,
    platform: a.platform,
    platformLabel: PLATFORM_LABELS[a.platform] ?? a.platform,
    category: a.category,
    categoryLabel: CATEGORY_LABELS[a.category] ?? a.category,
    subjectName: !subject ? null : subject.kind === 'individual' ? maskPersonName(subject.name) : subject.name,
    status: a.status,
    statusLabel: accountWorkflow.def.labels[a.status],
    grade: a.grade,
    gradeLabel: a.grade ? GRADE_LABELS[a.grade] : null,
    filedAt: a.filedAt,
  };
}

/** What the audit trail keeps of an account (no personal data on it). */
export function accountAuditView(a: MediaAccount) {
  return {
    status: a.status,
    filingNo: a.filingNo,
    subjectId: a.subjectId,
    platform: a.platform,
    platformAccountId: a.platformAccountId,
    name: a.name,
    url: a.url,
    category: a.category,
    followers: a.followers,
    qualificationType: a.qualificationType,
    qualificationNumber: a.qualificationNumber,
    qualificationExpiry: a.qualificationExpiry,
    rejectReason: a.rejectReason,
    grade: a.grade,
    gradeYear: a.gradeYear,
  };
}

export function subjectKindLabel(kind: SubjectKind): string {
  return SUBJECT_KIND_LABELS[kind] ?? kind;
}
