import { Workflow } from '../../../common/workflow/state-machine.js';

/** An inspection (双随机抽查): planned when drawn, done when one of its two officers records the result. */
export const INSPECTION_STATES = ['planned', 'done'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

export const INSPECTION_ACTIONS = ['recordResult'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export const inspectionWorkflow = new Workflow<InspectionState, InspectionAction>({
  name: 'inspection',
  states: INSPECTION_STATES,
  initial: 'planned',
  transitions: {
    recordResult: { from: ['planned'], to: 'done' },
  },
  labels: { planned: '待检查', done: '已检查' },
  actionLabels: { recordResult: '登记检查结果' },
});
