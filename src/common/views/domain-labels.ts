import { ROLE_LABELS } from '../auth/roles.js';
import { CATEGORY_LABELS, GRADE_LABELS, PLATFORM_LABELS, SUBJECT_KIND_LABELS } from '../../modules/registry/registry.constants.js';
import { accountWorkflow } from '../../modules/registry/workflow/account.workflow.js';
import { STAFF_RECORD_KIND_LABELS, STAFF_ROLE_LABELS, TRAINING_ORGANIZER_LABELS } from '../../modules/staff/staff.constants.js';
import { staffFilingWorkflow } from '../../modules/staff/workflow/staff-filing.workflow.js';
import { INTERVIEW_TRIGGER_LABELS } from '../../modules/interviews/interview.constants.js';
import { interviewWorkflow } from '../../modules/interviews/workflow/interview.workflow.js';
import { MEASURE_KIND_LABELS, measureWorkflow } from '../../modules/measures/workflow/measure.workflow.js';
import { reportWorkflow } from '../../modules/reports/workflow/report.workflow.js';
import { VIOLATION_CATEGORY_LABELS, VIOLATION_SOURCE_LABELS } from '../../modules/violations/violation-categories.js';

/**
 * Chinese names of the codes pages show, in one place so every page says the same thing. The
 * registry's own label maps are used where they exist; the rest are the portal's wording.
 */
export const REPORT_CATEGORY_LABELS: Record<string, string> = {
  C01: '反对宪法所确定的基本原则的',
  C02: '危害国家安全，泄露国家秘密，颠覆国家政权，破坏国家统一的',
  C03: '损害国家荣誉和利益的',
  C04: '煽动民族仇恨、民族歧视，破坏民族团结的',
  C05: '破坏国家宗教政策，宣扬邪教和封建迷信的',
  C06: '散布谣言，扰乱社会秩序，破坏社会稳定的',
  C07: '散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪的',
  C08: '侮辱或者诽谤他人，侵害他人合法权益的',
  C09: '含有引诱未成年人违法和有损未成年人身心健康的',
  C10: '违背社会公德和公序良俗的',
  C11: '有法律、行政法规、规章和国家禁止发布和转载的其他内容的',
};

export const USER_STATUS_LABELS: Record<string, string> = { active: '正常', disabled: '已停用' };

const LABELS: Record<string, Record<string, string>> = {
  platform: PLATFORM_LABELS,
  category: CATEGORY_LABELS,
  subjectKind: SUBJECT_KIND_LABELS,
  grade: GRADE_LABELS,
  accountState: accountWorkflow.def.labels,
  role: ROLE_LABELS,
  reportCategory: REPORT_CATEGORY_LABELS,
  staffRole: STAFF_ROLE_LABELS,
  staffFilingState: staffFilingWorkflow.def.labels,
  recordKind: STAFF_RECORD_KIND_LABELS,
  trainingOrganizer: TRAINING_ORGANIZER_LABELS,
  userStatus: USER_STATUS_LABELS,
  // Enforcement (issue 3): reports, violations, interviews, measures.
  reportState: reportWorkflow.def.labels,
  violationCategory: VIOLATION_CATEGORY_LABELS,
  violationSource: VIOLATION_SOURCE_LABELS,
  interviewState: interviewWorkflow.def.labels,
  interviewTrigger: INTERVIEW_TRIGGER_LABELS,
  measureState: measureWorkflow.def.labels,
  measureKind: MEASURE_KIND_LABELS,
};

export function labelOf(kind: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return LABELS[kind]?.[value] ?? String(value);
}

/** Tag colours: green done/in force, yellow waiting for someone, red refused or a measure, grey ended. */
const TAGS: Record<string, Record<string, string>> = {
  accountState: {
    pending: 'tag--yellow',
    filed: 'tag--green',
    rejected: 'tag--red',
    restricted: 'tag--orange',
    suspended: 'tag--red',
    closed: 'tag--grey',
    deregistered: 'tag--grey',
  },
  staffFilingState: { submitted: 'tag--yellow', accepted: 'tag--green', returned: 'tag--red' },
  recordKind: { reward: 'tag--green', punishment: 'tag--red' },
  userStatus: { active: 'tag--green', disabled: 'tag--grey' },
  grade: { A: 'tag--green', B: 'tag--blue', C: 'tag--yellow', D: 'tag--red' },
  reportState: { received: 'tag--yellow', verifying: 'tag--blue', substantiated: 'tag--red', unsubstantiated: 'tag--grey', transferred: 'tag--grey' },
  interviewState: {
    scheduled: 'tag--yellow',
    held: 'tag--blue',
    refused: 'tag--red',
    rectifying: 'tag--blue',
    assessing: 'tag--yellow',
    passed: 'tag--green',
    failed: 'tag--red',
  },
  measureState: { proposed: 'tag--yellow', approved: 'tag--orange', rejected: 'tag--grey', replied: 'tag--green' },
  measureKind: { restrict: 'tag--orange', suspend: 'tag--red', close: 'tag--red', lift: 'tag--green' },
};

export function tagClassOf(kind: string, value: string | null | undefined): string {
  return (value && TAGS[kind]?.[value]) || 'tag--blue';
}

/** Options of a select or radio group, in the label map's order. */
export function optionsOf(kind: string): { value: string; text: string }[] {
  return Object.entries(LABELS[kind] ?? {}).map(([value, text]) => ({ value, text }));
}
