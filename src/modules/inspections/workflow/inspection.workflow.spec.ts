import { describe, expect, it } from '@jest/globals';
import { INSPECTION_ACTIONS, INSPECTION_STATES, inspectionWorkflow } from './inspection.workflow.js';

describe('inspection workflow', () => {
  it('is a valid graph', () => {
    expect(() => inspectionWorkflow.assertValid()).not.toThrow();
  });

  it('allows recording the result of a planned inspection, once', () => {
    expect(inspectionWorkflow.next('planned', 'recordResult')).toBe('done');
    expect(inspectionWorkflow.can('done', 'recordResult')).toBe(false);
    expect(() => inspectionWorkflow.next('done', 'recordResult')).toThrow();
  });

  it('lists exactly the allowed actions from each state', () => {
    const allowed = Object.fromEntries(INSPECTION_STATES.map((s) => [s, INSPECTION_ACTIONS.filter((a) => inspectionWorkflow.can(s, a))]));
    expect(allowed).toEqual({ planned: ['recordResult'], done: [] });
  });
});
