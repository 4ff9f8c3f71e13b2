import { describe, expect, it } from '@jest/globals';
import { AppException } from '../errors/app.exception.js';
import { Workflow, type WorkflowDefinition } from './state-machine.js';

type S = 'draft' | 'open' | 'closed';
type A = 'open' | 'close' | 'reopen';

const def: WorkflowDefinition<S, A> = {
  name: 'demo',
  states: ['draft', 'open', 'closed'],
  initial: 'draft',
  transitions: {
    open: { from: ['draft'], to: 'open' },
    close: { from: ['open'], to: 'closed' },
    reopen: { from: ['closed'], to: 'open' },
  },
  labels: { draft: '草稿', open: '进行中', closed: '已结束' },
  actionLabels: { open: '开始', close: '结束', reopen: '重新开始' },
};

describe('Workflow', () => {
  const wf = new Workflow(def);

  it('allows exactly the listed transitions (every pair checked)', () => {
    const allowed = new Set(['draft:open', 'open:close', 'closed:reopen']);
    for (const s of def.states) {
      for (const a of Object.keys(def.transitions) as A[]) {
        expect(wf.can(s, a)).toBe(allowed.has(`${s}:${a}`));
      }
    }
  });

  it('next() gives the target state', () => {
    expect(wf.next('draft', 'open')).toBe('open');
    expect(wf.next('open', 'close')).toBe('closed');
    expect(wf.next('closed', 'reopen')).toBe('open');
  });

  it('next() refuses a forbidden transition with 409 ILLEGAL_TRANSITION, in Chinese labels', () => {
    let caught: unknown;
    try {
      wf.next('draft', 'close');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppException);
    const ex = caught as AppException;
    expect(ex.getStatus()).toBe(409);
    expect(ex.code).toBe('ILLEGAL_TRANSITION');
    expect(ex.message).toContain('草稿');
    expect(ex.message).toContain('结束');
  });

  it('an unknown action is never allowed', () => {
    expect(wf.can('draft', 'explode' as A)).toBe(false);
    expect(() => wf.next('draft', 'explode' as A)).toThrow(AppException);
  });

  it('actionsFrom() lists what may be done next', () => {
    expect(wf.actionsFrom('draft')).toEqual(['open']);
    expect(wf.actionsFrom('open')).toEqual(['close']);
    expect(wf.actionsFrom('closed')).toEqual(['reopen']);
  });

  describe('checks the graph when it is built', () => {
    it('refuses an initial state that is not a state', () => {
      expect(() => new Workflow({ ...def, initial: 'nowhere' as S })).toThrow(/initial state nowhere/);
    });

    it('refuses a transition naming an unknown state', () => {
      expect(
        () => new Workflow({ ...def, transitions: { ...def.transitions, close: { from: ['open'], to: 'archived' as S } } }),
      ).toThrow(/close names unknown state archived/);
      expect(
        () => new Workflow({ ...def, transitions: { ...def.transitions, open: { from: ['limbo' as S], to: 'open' } } }),
      ).toThrow(/unknown state limbo/);
    });

    it('refuses a state no path reaches', () => {
      expect(
        () =>
          new Workflow({
            ...def,
            transitions: { open: { from: ['draft'], to: 'open' }, close: { from: ['closed'], to: 'open' }, reopen: { from: ['closed'], to: 'open' } },
          }),
      ).toThrow(/unreachable states closed/);
    });
  });
});
