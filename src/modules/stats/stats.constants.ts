import { OFFICE_NAME } from '../../common/documents/official-document.js';
import { OPEN_REPORT_STATES } from '../reports/workflow/report.workflow.js';

export { OFFICE_NAME };

/** The first year the measures (seed 002, in force 2019-12-22) could have figures for. */
export const FIRST_FIGURES_YEAR = 2019;

/** A campaign summary covers at most this many days, both ends included (a leap year). */
export const CAMPAIGN_MAX_DAYS = 366;

/** Accounts under graded management (§04.4): filed, and publishing under a measure; not closed or deregistered. */
export const MANAGED_ACCOUNT_STATES = ['filed', 'restricted', 'suspended'] as const;

/** Reports still waiting for a conclusion. */
export const OPEN_REPORTS: readonly string[] = OPEN_REPORT_STATES;

/** Measures that took effect (approved, and perhaps answered by the upper-level office). */
export const EFFECTIVE_MEASURE_STATES = ['approved', 'replied'] as const;

/** The escalation steps of §03.3 (a lift is not a penalty). */
export const PENALTY_MEASURE_KINDS = ['restrict', 'suspend', 'close'] as const;

/** Interview states that are still running after the hold (the rectification is not judged yet). */
export const INTERVIEW_IN_PROGRESS_STATES = ['held', 'rectifying', 'assessing'] as const;

/** A report transferred to a department whose name says it is the police (seed 001 移交公安). */
export const POLICE_DEPARTMENT_MARK = '公安';

/** The dashboard's look-ahead for deadlines coming due. */
export const DASHBOARD_DUE_WORKING_DAYS = 5;

/** The label of accounts without a grade in force for the year. */
export const UNGRADED_LABEL = '未定级';

/** The label of the campaign row for actions that no violation of the account explains. */
export const UNATTRIBUTED_LABEL = '未关联违规类别';

/** Short names of the kinds of conduct, for chart axes and narrow table columns (the full names are §02.2's). */
export const CATEGORY_SHORT_LABELS: Record<string, string> = {
  C01: '违反宪法基本原则',
  C02: '危害国家安全',
  C03: '损害国家荣誉利益',
  C04: '破坏民族团结',
  C05: '宣扬邪教迷信',
  C06: '散布谣言',
  C07: '淫秽色情暴力',
  C08: '侮辱诽谤他人',
  C09: '危害未成年人',
  C10: '违背公序良俗',
  C11: '其他违法内容',
  S04: '未建内容管理制度',
  S05: '未落实编辑责任制',
  S06: '未组织从业培训',
  S07: '未报备人员记录',
};
