import { Workflow } from '../../../common/workflow/state-machine.js';

/** domain.md "Account": pending → filed | rejected; filed → restricted → suspended → closed; lift steps back; deregistered by its operator. */
export const ACCOUNT_STATES = ['pending', 'filed', 'rejected', 'restricted', 'suspended', 'closed', 'deregistered'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const ACCOUNT_ACTIONS = [
  'approve',
  'reject',
  'resubmit',
  'restrict',
  'suspend',
  'close',
  'liftRestriction',
  'liftSuspension',
  'reopen',
  'deregister',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const accountWorkflow = new Workflow<AccountState, AccountAction>({
  name: 'account',
  states: ACCOUNT_STATES,
  initial: 'pending',
  transitions: {
    approve: { from: ['pending'], to: 'filed' },
    reject: { from: ['pending'], to: 'rejected' },
    // A rejected registration may be corrected and sent again.
    resubmit: { from: ['rejected'], to: 'pending' },
    // Measures of §03.3, one step at a time (issue 3 drives these with approval).
    restrict: { from: ['filed'], to: 'restricted' },
    suspend: { from: ['restricted'], to: 'suspended' },
    close: { from: ['suspended'], to: 'closed' },
    // Lifting restores the state below (§03.5 last sentence).
    liftRestriction: { from: ['restricted'], to: 'filed' },
    liftSuspension: { from: ['suspended'], to: 'restricted' },
    reopen: { from: ['closed'], to: 'suspended' },
    // The operator withdraws its own account; not while a measure is in force.
    deregister: { from: ['pending', 'filed', 'rejected'], to: 'deregistered' },
  },
  labels: {
    pending: '待审核',
    filed: '已备案',
    rejected: '未通过',
    restricted: '限制发布',
    suspended: '暂停更新',
    closed: '已关闭',
    deregistered: '已注销',
  },
  actionLabels: {
    approve: '通过备案',
    reject: '退回',
    resubmit: '重新提交',
    restrict: '限制发布',
    suspend: '暂停更新',
    close: '关闭账号',
    liftRestriction: '解除限制',
    liftSuspension: '解除暂停',
    reopen: '恢复账号',
    deregister: '注销',
  },
});
