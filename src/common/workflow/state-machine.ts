import { AppException } from '../errors/app.exception.js';

/**
 * A workflow as data (style.md, after Vendure's finite-state-machine): the states, and for each
 * action the states it may start from and the state it leads to. `assertValid` runs at start-up.
 */
export interface WorkflowDefinition<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  initial: S;
  transitions: Record<A, { from: readonly S[]; to: S }>;
  /** Labels for people (Chinese). */
  labels: Record<S, string>;
  actionLabels: Record<A, string>;
}

export class Workflow<S extends string, A extends string> {
  constructor(readonly def: WorkflowDefinition<S, A>) {
    this.assertValid();
  }

  /** Every transition names known states; every state is reachable from the initial one. */
  assertValid(): void {
    const { states, initial, transitions, name } = this.def;
    const known = new Set<string>(states);
    if (!known.has(initial)) throw new Error(`${name}: initial state ${initial} is not a state`);
    for (const [action, t] of Object.entries(transitions) as [string, { from: readonly S[]; to: S }][]) {
      for (const s of [...t.from, t.to]) {
        if (!known.has(s)) throw new Error(`${name}: action ${action} names unknown state ${s}`);
      }
    }
    const reached = new Set<string>([initial]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of Object.values(transitions) as { from: readonly S[]; to: S }[]) {
        if (t.from.some((f) => reached.has(f)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    const unreachable = states.filter((s) => !reached.has(s));
    if (unreachable.length) throw new Error(`${name}: unreachable states ${unreachable.join(', ')}`);
  }

  can(from: S, action: A): boolean {
    return this.def.transitions[action]?.from.includes(from) ?? false;
  }

  /** The next state, or 409 ILLEGAL_TRANSITION. */
  next(from: S, action: A): S {
    if (!this.can(from, action)) {
      throw AppException.illegalTransition(this.def.labels[from] ?? from, this.def.actionLabels[action] ?? action);
    }
    return this.def.transitions[action].to;
  }

  actionsFrom(from: S): A[] {
    return (Object.keys(this.def.transitions) as A[]).filter((a) => this.can(from, a));
  }
}
