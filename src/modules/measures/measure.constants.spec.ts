import { describe, expect, it } from '@jest/globals';
import { ACCOUNT_STATES, accountWorkflow } from '../registry/workflow/account.workflow.js';
import { accountActionFor } from './measure.constants.js';
import { MEASURE_KINDS } from './workflow/measure.workflow.js';

describe('accountActionFor: one step at a time, lifting restores the state below', () => {
  const expected: Record<string, string> = {
    'restrict:filed': 'restrict',
    'suspend:restricted': 'suspend',
    'close:suspended': 'close',
    'lift:restricted': 'liftRestriction',
    'lift:suspended': 'liftSuspension',
    'lift:closed': 'reopen',
  };
  it.each(MEASURE_KINDS.flatMap((k) => ACCOUNT_STATES.map((s) => [k, s] as const)))('%s from %s', (kind, status) => {
    const action = accountActionFor(kind, status);
    expect(action).toBe(expected[`${kind}:${status}`] ?? null);
    // Every action it names is one the account workflow allows from that state.
    if (action) expect(accountWorkflow.can(status, action)).toBe(true);
  });

  it('lifting goes exactly one step down', () => {
    expect(accountWorkflow.next('closed', accountActionFor('lift', 'closed')!)).toBe('suspended');
    expect(accountWorkflow.next('suspended', accountActionFor('lift', 'suspended')!)).toBe('restricted');
    expect(accountWorkflow.next('restricted', accountActionFor('lift', 'restricted')!)).toBe('filed');
  });
});
