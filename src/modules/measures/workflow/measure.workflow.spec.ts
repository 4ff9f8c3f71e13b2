import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../../common/errors/app.exception.js';
import { MEASURE_ACTIONS, MEASURE_STATES, type MeasureAction, type MeasureState, measureWorkflow } from './measure.workflow.js';

const ALLOWED: Record<string, MeasureState> = {
  'proposed:approve': 'approved',
  'proposed:reject': 'rejected',
  'approved:recordReply': 'replied',
};
const ALL = MEASURE_STATES.flatMap((s) => MEASURE_ACTIONS.map((a) => [s, a] as [MeasureState, MeasureAction]));

describe('measure workflow', () => {
  it.each(ALL.filter(([s, a]) => ALLOWED[`${s}:${a}`]))('allows %s --%s-->', (state, action) => {
    expect(measureWorkflow.next(state, action)).toBe(ALLOWED[`${state}:${action}`]);
  });

  it.each(ALL.filter(([s, a]) => !ALLOWED[`${s}:${a}`]))('refuses %s --%s--> with 409 ILLEGAL_TRANSITION', (state, action) => {
    expect(measureWorkflow.can(state, action)).toBe(false);
    expect(() => measureWorkflow.next(state, action)).toThrow(AppException);
    try {
      measureWorkflow.next(state, action);
    } catch (e) {
      expect((e as AppException).getStatus()).toBe(409);
      expect((e as AppException).code).toBe('ILLEGAL_TRANSITION');
    }
  });

  it('starts proposed; rejected and replied are final', () => {
    expect(measureWorkflow.def.initial).toBe('proposed');
    expect(measureWorkflow.actionsFrom('rejected')).toEqual([]);
    expect(measureWorkflow.actionsFrom('replied')).toEqual([]);
  });
});
