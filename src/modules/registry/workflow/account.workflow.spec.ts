import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../../common/errors/app.exception.js';
import { ACCOUNT_ACTIONS, ACCOUNT_STATES, type AccountAction, type AccountState, accountWorkflow } from './account.workflow.js';

/** Every allowed transition of domain.md "Account", written out by hand. */
const ALLOWED: [AccountState, AccountAction, AccountState][] = [
  ['pending', 'approve', 'filed'],
  ['pending', 'reject', 'rejected'],
  ['rejected', 'resubmit', 'pending'],
  ['filed', 'restrict', 'restricted'],
  ['restricted', 'suspend', 'suspended'],
  ['suspended', 'close', 'closed'],
  ['restricted', 'liftRestriction', 'filed'],
  ['suspended', 'liftSuspension', 'restricted'],
  ['closed', 'reopen', 'suspended'],
  ['pending', 'deregister', 'deregistered'],
  ['filed', 'deregister', 'deregistered'],
  ['rejected', 'deregister', 'deregistered'],
];

describe('account workflow', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(accountWorkflow.can(from, action)).toBe(true);
    expect(accountWorkflow.next(from, action)).toBe(to);
  });

  it('forbids every other pair with 409 ILLEGAL_TRANSITION', () => {
    let forbidden = 0;
    for (const from of ACCOUNT_STATES) {
      for (const action of ACCOUNT_ACTIONS) {
        if (ALLOWED.some(([f, a]) => f === from && a === action)) continue;
        forbidden += 1;
        expect(accountWorkflow.can(from, action)).toBe(false);
        let thrown: unknown;
        try {
          accountWorkflow.next(from, action);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(AppException);
        expect((thrown as AppException).getStatus()).toBe(409);
        expect((thrown as AppException).code).toBe('ILLEGAL_TRANSITION');
      }
    }
    expect(forbidden).toBe(ACCOUNT_STATES.length * ACCOUNT_ACTIONS.length - ALLOWED.length);
  });

  it('a measure in force cannot be escaped by deregistering; deregistered and closed are ends for the operator', () => {
    for (const s of ['restricted', 'suspended', 'closed', 'deregistered'] as const) expect(accountWorkflow.can(s, 'deregister')).toBe(false);
    expect(accountWorkflow.actionsFrom('deregistered')).toEqual([]);
  });

  it('labels every state and action in Chinese', () => {
    for (const s of ACCOUNT_STATES) expect(accountWorkflow.def.labels[s]).toMatch(/[\u4e00-\u9fff]/);
    for (const a of ACCOUNT_ACTIONS) expect(accountWorkflow.def.actionLabels[a]).toMatch(/[\u4e00-\u9fff]/);
  });
});
