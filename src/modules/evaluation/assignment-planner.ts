/**
 * Who evaluates which account (§04.5 "网络社会组织配合、第三方参与"), pure: no Nest, no database.
 *
 * Rules: every account gets `perAccount` distinct evaluators from at least `minOrganizations`
 * organisations; nobody evaluates an account their own organisation runs (the evaluator's
 * organisation is the account's subject) or their own account; across the cycle no evaluator has
 * more than `maxSpread` accounts more than another.
 *
 * Method: greedy by current load. Evaluators wait in a queue ordered by load and, within a load, by
 * when they were last given an account (round robin); each account takes the first eligible
 * evaluators of the queue, keeping room for the organisations it still needs. Exclusions can push
 * a load past the spread; a repair pass then moves new assignments from the busiest to the idlest
 * evaluator where the rules allow (each move lowers Σ load², so it ends). Still unbalanced, or an
 * account with too few eligible evaluators: the plan is refused with the reasons.
 */
export interface PlannerEvaluator {
  id: string;
  organization: string;
  /** Assignments the evaluator already has in the cycle. */
  load: number;
}

export interface PlannerAccount {
  id: string;
  /** How the office names it in a refusal (the filing number). */
  label: string;
  ownerId: string;
  /** Organisation names related to the account: its subject's name. */
  relatedOrganizations: string[];
}

export interface PlanRules {
  perAccount: number;
  minOrganizations: number;
  maxSpread: number;
}

export interface PlannedAssignment {
  accountId: string;
  evaluatorId: string;
  evaluatorOrganization: string;
}

export interface PlanProblem {
  field: string;
  code: 'too_few_evaluators' | 'too_few_organizations' | 'no_eligible_panel' | 'load_unbalanced';
  message: string;
}

export class AssignmentInfeasible extends Error {
  constructor(
    message: string,
    readonly problems: PlanProblem[],
  ) {
    super(message);
  }
}

/** One spelling for one organisation: full-width forms, spaces and bracket styles evened out. */
export function organizationKey(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}

interface QueueItem extends PlannerEvaluator {
  key: string;
}

export function planAssignments(accounts: readonly PlannerAccount[], evaluators: readonly PlannerEvaluator[], rules: PlanRules): PlannedAssignment[] {
  const { perAccount: k, minOrganizations: minOrgs } = rules;
  const pool: QueueItem[] = evaluators.map((e) => ({ ...e, key: organizationKey(e.organization) }));
  const orgCount = new Set(pool.map((e) => e.key)).size;
  const global: PlanProblem[] = [];
  if (pool.length < k) {
    global.push({ field: 'evaluatorsPerAccount', code: 'too_few_evaluators', message: `每个账号需要${k}名评议人员，现有在岗评议人员${pool.length}名` });
  }
  if (orgCount < minOrgs) {
    global.push({ field: 'evaluatorsPerAccount', code: 'too_few_organizations', message: `评议人员须来自至少${minOrgs}个组织，现有${orgCount}个` });
  }
  if (global.length) throw new AssignmentInfeasible('评议人员不足，无法完成分配', global);

  // The queue: by load, then by id for a stable start.
  const queue = [...pool].sort((a, b) => a.load - b.load || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bump = (e: QueueItem) => {
    const at = queue.indexOf(e);
    queue.splice(at, 1);
    e.load += 1;
    let to = at;
    while (to < queue.length && queue[to].load <= e.load) to++;
    queue.splice(to, 0, e);
  };

  const eligible = (e: QueueItem, a: PlannerAccount, related: Set<string>) => e.id !== a.ownerId && !related.has(e.key);
  const planned: PlannedAssignment[] = [];
  const panels = new Map<string, QueueItem[]>();
  const blocked: string[] = [];
  for (const a of accounts) {
    const related = new Set(a.relatedOrganizations.map(organizationKey).filter(Boolean));
    const ok = pool.filter((e) => eligible(e, a, related));
    if (ok.length < k || new Set(ok.map((e) => e.key)).size < minOrgs) {
      blocked.push(a.label);
      continue;
    }
    const chosen: QueueItem[] = [];
    const orgs = new Set<string>();
    for (const e of queue) {
      if (chosen.length === k) break;
      if (!eligible(e, a, related)) continue;
      const remaining = k - chosen.length;
      const stillNeeded = Math.max(0, minOrgs - orgs.size);
      // Keep the last places for organisations the panel does not have yet.
      if (orgs.has(e.key) && stillNeeded >= remaining) continue;
      chosen.push(e);
      orgs.add(e.key);
    }
    for (const e of chosen) bump(e);
    panels.set(a.id, chosen);
    for (const e of chosen) planned.push({ accountId: a.id, evaluatorId: e.id, evaluatorOrganization: e.organization });
  }
  if (blocked.length) {
    throw new AssignmentInfeasible(`${blocked.length}个账号找不到足够的无关评议人员`, [
      {
        field: 'accounts',
        code: 'no_eligible_panel',
        message: `以下账号排除相关单位后，评议人员不足${k}名或不足${minOrgs}个组织：${blocked.slice(0, 20).join('、')}${blocked.length > 20 ? ` 等${blocked.length}个` : ''}`,
      },
    ]);
  }

  rebalance(planned, panels, pool, accounts, rules);
  return planned;
}

/** Moves new assignments from the busiest to the idlest evaluators until the spread holds. */
function rebalance(planned: PlannedAssignment[], panels: Map<string, QueueItem[]>, pool: QueueItem[], accounts: readonly PlannerAccount[], rules: PlanRules): void {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const spread = () => Math.max(...pool.map((e) => e.load)) - Math.min(...pool.map((e) => e.load));
  while (spread() > rules.maxSpread) {
    const max = Math.max(...pool.map((e) => e.load));
    const min = Math.min(...pool.map((e) => e.load));
    const his = pool.filter((e) => e.load === max);
    const los = pool.filter((e) => e.load === min);
    let moved = false;
    search: for (const hi of his) {
      for (let i = 0; i < planned.length; i++) {
        const p = planned[i];
        if (p.evaluatorId !== hi.id) continue;
        const a = byId.get(p.accountId)!;
        const panel = panels.get(a.id)!;
        const related = new Set(a.relatedOrganizations.map(organizationKey).filter(Boolean));
        for (const lo of los) {
          if (panel.includes(lo) || lo.id === a.ownerId || related.has(lo.key)) continue;
          const after = panel.map((e) => (e === hi ? lo : e));
          if (new Set(after.map((e) => e.key)).size < rules.minOrganizations) continue;
          panel.splice(panel.indexOf(hi), 1, lo);
          planned[i] = { accountId: a.id, evaluatorId: lo.id, evaluatorOrganization: lo.organization };
          hi.load -= 1;
          lo.load += 1;
          moved = true;
          break search;
        }
      }
    }
    if (!moved) {
      throw new AssignmentInfeasible('无法在满足回避和组织要求的同时均衡分配评议任务', [
        {
          field: 'evaluatorsPerAccount',
          code: 'load_unbalanced',
          message: `评议人员承担的账号数最多${max}个、最少${min}个，相差超过${rules.maxSpread}个；请增加与这些账号无关的评议人员`,
        },
      ]);
    }
  }
}
