import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../../common/errors/app.exception.js';
import {
  STAFF_FILING_ACTIONS,
  STAFF_FILING_STATES,
  STAFF_MEMBER_ACTIONS,
  STAFF_MEMBER_STATES,
  staffFilingWorkflow,
  staffMemberWorkflow,
} from './staff-filing.workflow.js';

describe('staff filing workflow', () => {
  const allowed: Record<string, string> = { 'submitted:accept': 'accepted', 'submitted:return': 'returned' };

  it.each(STAFF_FILING_STATES.flatMap((s) => STAFF_FILING_ACTIONS.map((a) => [s, a] as const)))('%s --%s-->', (state, action) => {
    const key = `${state}:${action}`;
    if (allowed[key]) {
      expect(staffFilingWorkflow.next(state, action)).toBe(allowed[key]);
    } else {
      expect(staffFilingWorkflow.can(state, action)).toBe(false);
      try {
        staffFilingWorkflow.next(state, action);
        throw new Error('expected a refusal');
      } catch (e) {
        expect(e).toBeInstanceOf(AppException);
        expect((e as AppException).getStatus()).toBe(409);
        expect((e as AppException).code).toBe('ILLEGAL_TRANSITION');
      }
    }
  });

  it('starts submitted, and accepted and returned are final', () => {
    expect(staffFilingWorkflow.def.initial).toBe('submitted');
    expect(staffFilingWorkflow.actionsFrom('accepted')).toEqual([]);
    expect(staffFilingWorkflow.actionsFrom('returned')).toEqual([]);
  });
});

describe('staff member workflow', () => {
  it.each(STAFF_MEMBER_STATES.flatMap((s) => STAFF_MEMBER_ACTIONS.map((a) => [s, a] as const)))('%s --%s-->', (state, action) => {
    if (state === 'active') {
      expect(staffMemberWorkflow.next(state, action)).toBe(action === 'end' ? 'ended' : 'active');
    } else {
      expect(() => staffMemberWorkflow.next(state, action)).toThrow(AppException);
    }
  });
});
