import { Workflow } from '../../../common/workflow/state-machine.js';

/**
 * A roster filing (§02.7 "报区网信办备案"): the operator submits, an officer accepts (备案) or returns it
 * with reasons. Accepted and returned are final for that version: any later change is a new version.
 */
export const STAFF_FILING_STATES = ['submitted', 'accepted', 'returned'] as const;
export type StaffFilingState = (typeof STAFF_FILING_STATES)[number];

export const STAFF_FILING_ACTIONS = ['accept', 'return'] as const;
export type StaffFilingAction = (typeof STAFF_FILING_ACTIONS)[number];

export const staffFilingWorkflow = new Workflow<StaffFilingState, StaffFilingAction>({
  name: 'staffFiling',
  states: STAFF_FILING_STATES,
  initial: 'submitted',
  transitions: {
    accept: { from: ['submitted'], to: 'accepted' },
    return: { from: ['submitted'], to: 'returned' },
  },
  labels: { submitted: '待审核', accepted: '已备案', returned: '已退回' },
  actionLabels: { accept: '予以备案', return: '退回' },
});

/**
 * A staff member is on the roster until an end date is recorded; the history stays, frozen
 * (§02.7 keeps the record of who served when). Changes, trainings and records need an active member.
 */
export const STAFF_MEMBER_STATES = ['active', 'ended'] as const;
export type StaffMemberState = (typeof STAFF_MEMBER_STATES)[number];

export const STAFF_MEMBER_ACTIONS = ['change', 'end', 'addTraining', 'addRecord'] as const;
export type StaffMemberAction = (typeof STAFF_MEMBER_ACTIONS)[number];

export const staffMemberWorkflow = new Workflow<StaffMemberState, StaffMemberAction>({
  name: 'staffMember',
  states: STAFF_MEMBER_STATES,
  initial: 'active',
  transitions: {
    change: { from: ['active'], to: 'active' },
    end: { from: ['active'], to: 'ended' },
    addTraining: { from: ['active'], to: 'active' },
    addRecord: { from: ['active'], to: 'active' },
  },
  labels: { active: '在岗', ended: '已离岗' },
  actionLabels: { change: '修改人员信息', end: '登记离岗', addTraining: '登记培训', addRecord: '登记奖惩' },
});
