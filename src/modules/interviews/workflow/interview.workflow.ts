import { Workflow } from '../../../common/workflow/state-machine.js';

/**
 * The interview (约谈) of domain.md, §03.1-4:
 *   scheduled → held | refused; held → rectifying → assessing → passed | failed; rectifying → failed.
 *
 * Decisions (docs/decisions.md):
 * - `held` is transient: `POST /hold` records the minutes and the deadline and runs `hold` then
 *   `orderRectification` in one transaction, so a stored interview is never `held`; the timeline
 *   shows both steps. The state stays in the machine so the flow reads as the rules do.
 * - `refused` is final and *counts as failed rectification* (§03.3 不得拒绝、阻挠; domain.md
 *   "refusal is failed rectification"): escalation and blacklist rule R2 read
 *   FAILED_RECTIFICATION_STATES, so the record keeps saying what actually happened.
 * - The first rectification report moves `rectifying` → `assessing` (the ball is then with the
 *   office); more reports may follow while assessing, before the deadline. The assessor is
 *   assigned (or replaced) while `assessing`, so an assessment always has a report to judge.
 * - `expire` is the sweep's: `rectifying` past its deadline has no report by construction.
 */
export const INTERVIEW_STATES = ['scheduled', 'held', 'refused', 'rectifying', 'assessing', 'passed', 'failed'] as const;
export type InterviewState = (typeof INTERVIEW_STATES)[number];

export const INTERVIEW_ACTIONS = [
  'hold',
  'orderRectification',
  'refuse',
  'submitReport',
  'assignAssessor',
  'pass',
  'fail',
  'expire',
] as const;
export type InterviewAction = (typeof INTERVIEW_ACTIONS)[number];

/** Failed rectification (§03.3, §03.5 R2): failed by assessment or by the deadline, or refused. */
export const FAILED_RECTIFICATION_STATES: readonly InterviewState[] = ['failed', 'refused'];
/** The case is closed. */
export const FINAL_INTERVIEW_STATES: readonly InterviewState[] = ['passed', 'failed', 'refused'];
/** The operator may send rectification reports (before the deadline). */
export const REPORTABLE_INTERVIEW_STATES: readonly InterviewState[] = ['rectifying', 'assessing'];

export const interviewWorkflow = new Workflow<InterviewState, InterviewAction>({
  name: 'interview',
  states: INTERVIEW_STATES,
  initial: 'scheduled',
  transitions: {
    hold: { from: ['scheduled'], to: 'held' },
    orderRectification: { from: ['held'], to: 'rectifying' },
    // §03.3: refusing or not attending the interview.
    refuse: { from: ['scheduled'], to: 'refused' },
    submitReport: { from: ['rectifying', 'assessing'], to: 'assessing' },
    assignAssessor: { from: ['assessing'], to: 'assessing' },
    // §03.4: the association or third-party assessment.
    pass: { from: ['assessing'], to: 'passed' },
    fail: { from: ['assessing'], to: 'failed' },
    // §03.3 逾期不予整改: the deadline passed with no report.
    expire: { from: ['rectifying'], to: 'failed' },
  },
  labels: {
    scheduled: '待约谈',
    held: '已约谈',
    refused: '拒绝约谈',
    rectifying: '整改中',
    assessing: '整改评估中',
    passed: '整改合格',
    failed: '整改不合格',
  },
  actionLabels: {
    hold: '举行约谈',
    orderRectification: '责令整改',
    refuse: '记录拒绝约谈',
    submitReport: '提交整改报告',
    assignAssessor: '指定评估人员',
    pass: '评估合格',
    fail: '评估不合格',
    expire: '逾期未整改',
  },
});
