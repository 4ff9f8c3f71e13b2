import { describe, expect, it } from '@jest/globals';
import { AppException } from '../../../common/errors/app.exception.js';
import { Workflow } from '../../../common/workflow/state-machine.js';
import {
  FAILED_RECTIFICATION_STATES,
  INTERVIEW_ACTIONS,
  INTERVIEW_STATES,
  interviewWorkflow,
  type InterviewAction,
  type InterviewState,
} from './interview.workflow.js';

/** The allowed transitions, written out independently of the definition. */
const ALLOWED: Record<string, InterviewState> = {
  'scheduled:hold': 'held',
  'scheduled:refuse': 'refused',
  'held:orderRectification': 'rectifying',
  'rectifying:submitReport': 'assessing',
  'assessing:submitReport': 'assessing',
  'assessing:assignAssessor': 'assessing',
  'assessing:pass': 'passed',
  'assessing:fail': 'failed',
  'rectifying:expire': 'failed',
};

const ALL = INTERVIEW_STATES.flatMap((s) => INTERVIEW_ACTIONS.map((a) => [s, a] as [InterviewState, InterviewAction]));

describe('interview workflow', () => {
  it.each(ALL.filter(([s, a]) => ALLOWED[`${s}:${a}`]))('allows %s --%s-->', (state, action) => {
    expect(interviewWorkflow.can(state, action)).toBe(true);
    expect(interviewWorkflow.next(state, action)).toBe(ALLOWED[`${state}:${action}`]);
  });

  it.each(ALL.filter(([s, a]) => !ALLOWED[`${s}:${a}`]))('refuses %s --%s--> with 409 ILLEGAL_TRANSITION', (state, action) => {
    expect(interviewWorkflow.can(state, action)).toBe(false);
    let thrown: unknown;
    try {
      interviewWorkflow.next(state, action);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppException);
    expect((thrown as AppException).getStatus()).toBe(409);
    expect((thrown as AppException).code).toBe('ILLEGAL_TRANSITION');
    // The message names the state and the action in words.
    expect((thrown as AppException).message).toContain(interviewWorkflow.def.labels[state]);
  });

  it('covers every state-action pair exactly once', () => {
    expect(ALL).toHaveLength(INTERVIEW_STATES.length * INTERVIEW_ACTIONS.length);
    expect(Object.keys(ALLOWED).length).toBe(ALL.filter(([s, a]) => interviewWorkflow.can(s, a)).length);
  });

  it('starts scheduled; passed, failed and refused are final; refusal counts as failed rectification', () => {
    expect(interviewWorkflow.def.initial).toBe('scheduled');
    for (const s of ['passed', 'failed', 'refused'] as const) expect(interviewWorkflow.actionsFrom(s)).toEqual([]);
    expect(FAILED_RECTIFICATION_STATES).toEqual(['failed', 'refused']);
  });

  it('is checked at start-up: an unknown or unreachable state is refused', () => {
    const def = interviewWorkflow.def;
    expect(() => new Workflow({ ...def, transitions: { ...def.transitions, pass: { from: ['assessing'], to: 'nowhere' as InterviewState } } })).toThrow(/unknown state/);
    const { refuse: _refuse, ...withoutRefuse } = def.transitions;
    expect(() => new Workflow({ ...def, transitions: withoutRefuse as typeof def.transitions })).toThrow(/unreachable states refused/);
  });
});
