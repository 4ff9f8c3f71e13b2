import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../../common/errors/app.exception.js';
import {
  EXIT_ACTIONS,
  EXIT_STATES,
  type ExitAction,
  type ExitState,
  exitWorkflow,
  LISTING_ACTIONS,
  LISTING_STATES,
  type ListingAction,
  type ListingState,
  listingWorkflow,
} from './blacklist.workflow.js';

function expectIllegal(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppException);
    expect((e as AppException).getStatus()).toBe(409);
    expect((e as AppException).code).toBe('ILLEGAL_TRANSITION');
    return;
  }
  throw new Error('expected a 409 ILLEGAL_TRANSITION');
}

describe('blacklist listing workflow', () => {
  const ALLOWED: Record<string, ListingState> = {
    'proposed:defend': 'defended',
    'proposed:approve': 'listed',
    'defended:approve': 'listed',
    'proposed:reject': 'rejected',
    'defended:reject': 'rejected',
    'listed:expire': 'ended',
    'listed:endEarly': 'ended',
  };
  const ALL = LISTING_STATES.flatMap((s) => LISTING_ACTIONS.map((a) => [s, a] as [ListingState, ListingAction]));

  it.each(ALL.filter(([s, a]) => ALLOWED[`${s}:${a}`]))('allows %s --%s-->', (state, action) => {
    expect(listingWorkflow.can(state, action)).toBe(true);
    expect(listingWorkflow.next(state, action)).toBe(ALLOWED[`${state}:${action}`]);
  });

  it.each(ALL.filter(([s, a]) => !ALLOWED[`${s}:${a}`]))('refuses %s --%s--> with 409 ILLEGAL_TRANSITION', (state, action) => {
    expect(listingWorkflow.can(state, action)).toBe(false);
    expectIllegal(() => listingWorkflow.next(state, action));
  });

  it('starts proposed; rejected and ended are final; one defence only', () => {
    expect(listingWorkflow.def.initial).toBe('proposed');
    expect(listingWorkflow.actionsFrom('rejected')).toEqual([]);
    expect(listingWorkflow.actionsFrom('ended')).toEqual([]);
    expect(listingWorkflow.actionsFrom('defended')).toEqual(['approve', 'reject']);
  });

  it('says every state and action in Chinese', () => {
    for (const s of LISTING_STATES) expect(listingWorkflow.def.labels[s]).toMatch(/[\u4e00-\u9fa5]/);
    for (const a of LISTING_ACTIONS) expect(listingWorkflow.def.actionLabels[a]).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('blacklist early-exit workflow', () => {
  const ALLOWED: Record<string, ExitState> = { 'proposed:approve': 'approved', 'proposed:reject': 'rejected', 'proposed:lapse': 'lapsed' };
  const ALL = EXIT_STATES.flatMap((s) => EXIT_ACTIONS.map((a) => [s, a] as [ExitState, ExitAction]));

  it.each(ALL.filter(([s, a]) => ALLOWED[`${s}:${a}`]))('allows %s --%s-->', (state, action) => {
    expect(exitWorkflow.next(state, action)).toBe(ALLOWED[`${state}:${action}`]);
  });

  it.each(ALL.filter(([s, a]) => !ALLOWED[`${s}:${a}`]))('refuses %s --%s--> with 409 ILLEGAL_TRANSITION', (state, action) => {
    expect(exitWorkflow.can(state, action)).toBe(false);
    expectIllegal(() => exitWorkflow.next(state, action));
  });

  it('only a proposal can be decided', () => {
    for (const s of ['approved', 'rejected', 'lapsed'] as const) expect(exitWorkflow.actionsFrom(s)).toEqual([]);
  });
});
