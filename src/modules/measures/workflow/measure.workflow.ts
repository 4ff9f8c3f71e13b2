import { Workflow } from '../../../common/workflow/state-machine.js';

/**
 * An escalation measure (§03.3): proposed by an officer, approved or rejected by an approver (not
 * the proposer); approved, it is the office's decision and its request to the upper-level office,
 * whose reply (reference and date) the officer records.
 */
export const MEASURE_STATES = ['proposed', 'approved', 'rejected', 'replied'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export const MEASURE_ACTIONS = ['approve', 'reject', 'recordReply'] as const;
export type MeasureAction = (typeof MEASURE_ACTIONS)[number];

export const measureWorkflow = new Workflow<MeasureState, MeasureAction>({
  name: 'measure',
  states: MEASURE_STATES,
  initial: 'proposed',
  transitions: {
    approve: { from: ['proposed'], to: 'approved' },
    reject: { from: ['proposed'], to: 'rejected' },
    recordReply: { from: ['approved'], to: 'replied' },
  },
  labels: { proposed: '待审批', approved: '已批准（待上级答复）', rejected: '未批准', replied: '上级已答复' },
  actionLabels: { approve: '批准', reject: '不予批准', recordReply: '登记上级答复' },
});

/** The kinds of measure: the three steps of §03.3 and lifting one step (§03.5 last sentence). */
export const MEASURE_KINDS = ['restrict', 'suspend', 'close', 'lift'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  restrict: '限制发布',
  suspend: '暂停更新',
  close: '关闭账号',
  lift: '解除措施',
};
