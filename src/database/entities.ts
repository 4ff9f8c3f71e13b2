import { AuditEntry, AuditHead } from '../modules/audit/audit-entry.entity.js';
import { BlacklistExit, BlacklistListing } from '../modules/blacklist/blacklist-listing.entity.js';
import { EvaluationAssignment, EvaluationCycle, EvaluationResult, EvaluationScore, EvaluatorFlag } from '../modules/evaluation/evaluation.entity.js';
import { Inspection, InspectionDraw, InspectionDrawCandidate } from '../modules/inspections/inspection.entity.js';
import { Interview, InterviewEvent, RectificationReport } from '../modules/interviews/interview.entity.js';
import { EscalationMeasure, MeasureLetter } from '../modules/measures/measure.entity.js';
import { MediaAccount } from '../modules/registry/account.entity.js';
import { Subject } from '../modules/registry/subject.entity.js';
import { ImportBatch, ImportRejection } from '../modules/registry-import/import-batch.entity.js';
import { PublicReport } from '../modules/reports/report.entity.js';
import { Violation } from '../modules/violations/violation.entity.js';
import { StaffFiling } from '../modules/staff/staff-filing.entity.js';
import { StaffMember } from '../modules/staff/staff-member.entity.js';
import { StaffRecord } from '../modules/staff/staff-record.entity.js';
import { StaffTraining } from '../modules/staff/staff-training.entity.js';
import { LoginAttempt, User } from '../modules/users/user.entity.js';
import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity.js';
import { JobLockRow } from './job-lock.entity.js';
import { SequenceCounter } from './sequence.entity.js';
import { AccountNameGram } from './search/account-name-gram.entity.js';

/** Every entity, in one list: the data source, the migration generator and the schema check use it. */
export const ENTITIES = [
  SequenceCounter,
  JobLockRow,
  IdempotencyRecord,
  AuditEntry,
  AuditHead,
  User,
  LoginAttempt,
  // registry
  Subject,
  MediaAccount,
  AccountNameGram,
  // registry import (batches and their rejected-rows reports)
  ImportBatch,
  ImportRejection,
  // staff (editorial responsibility)
  StaffMember,
  StaffTraining,
  StaffRecord,
  StaffFiling,
  // reports and violations
  PublicReport,
  Violation,
  // interviews, rectification and escalation
  Interview,
  InterviewEvent,
  RectificationReport,
  EscalationMeasure,
  MeasureLetter,
  // blacklist (§03.5)
  BlacklistListing,
  BlacklistExit,
  // annual evaluation
  EvaluationCycle,
  EvaluationAssignment,
  EvaluationScore,
  EvaluationResult,
  EvaluatorFlag,
  // 双随机 inspections (issue 5)
  InspectionDraw,
  InspectionDrawCandidate,
  Inspection,
];
