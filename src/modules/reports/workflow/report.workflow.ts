import { Workflow } from '../../../common/workflow/state-machine.js';

/** domain.md "Reports": received → verifying → substantiated | unsubstantiated | transferred. */
export const REPORT_STATES = ['received', 'verifying', 'substantiated', 'unsubstantiated', 'transferred'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const OPEN_REPORT_STATES: readonly ReportState[] = ['received', 'verifying'];

export const REPORT_ACTIONS = ['start', 'substantiate', 'dismiss', 'transfer'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export const reportWorkflow = new Workflow<ReportState, ReportAction>({
  name: 'report',
  states: REPORT_STATES,
  initial: 'received',
  transitions: {
    start: { from: ['received'], to: 'verifying' },
    // An officer may conclude straight from the queue: concluding implies the verification.
    substantiate: { from: ['received', 'verifying'], to: 'substantiated' },
    dismiss: { from: ['received', 'verifying'], to: 'unsubstantiated' },
    transfer: { from: ['received', 'verifying'], to: 'transferred' },
  },
  labels: {
    received: '已受理',
    verifying: '核查中',
    substantiated: '查证属实',
    unsubstantiated: '查无实据',
    transferred: '已移送',
  },
  actionLabels: { start: '开始核查', substantiate: '认定属实', dismiss: '认定不属实', transfer: '移送' },
});

export const OUTCOME_ACTIONS = { substantiated: 'substantiate', unsubstantiated: 'dismiss', transferred: 'transfer' } as const;
export type ReportOutcome = keyof typeof OUTCOME_ACTIONS;
