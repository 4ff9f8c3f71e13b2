import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../../common/errors/app.exception.js';
import { CYCLE_ACTIONS, CYCLE_STATES, type CycleAction, type CycleState, cycleWorkflow } from './evaluation-cycle.workflow.js';

/** Every allowed transition, written out by hand. */
const ALLOWED: [CycleState, CycleAction, CycleState][] = [
  ['draft', 'open', 'open'],
  ['open', 'assign', 'scoring'],
  ['scoring', 'assign', 'scoring'],
  ['scoring', 'score', 'scoring'],
  ['scoring', 'close', 'closed'],
  ['closed', 'publish', 'published'],
];

describe('evaluation cycle workflow', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(cycleWorkflow.next(from, action)).toBe(to);
  });

  it('forbids every other pair with 409 ILLEGAL_TRANSITION', () => {
    let forbidden = 0;
    for (const from of CYCLE_STATES) {
      for (const action of CYCLE_ACTIONS) {
        if (ALLOWED.some(([f, a]) => f === from && a === action)) continue;
        forbidden += 1;
        let thrown: unknown;
        try {
          cycleWorkflow.next(from, action);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(AppException);
        expect((thrown as AppException).getStatus()).toBe(409);
        expect((thrown as AppException).code).toBe('ILLEGAL_TRANSITION');
      }
    }
    expect(forbidden).toBe(CYCLE_STATES.length * CYCLE_ACTIONS.length - ALLOWED.length);
  });

  it('starts in draft, and published is final', () => {
    expect(cycleWorkflow.def.initial).toBe('draft');
    expect(cycleWorkflow.actionsFrom('published')).toEqual([]);
  });
});
