import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  AssignmentInfeasible,
  organizationKey,
  type PlannedAssignment,
  type PlannerAccount,
  type PlannerEvaluator,
  planAssignments,
} from './assignment-planner.js';

const RULES = { perAccount: 3, minOrganizations: 2, maxSpread: 1 };
const ASSOC = '余杭区网络文化协会';
const DREAM = '余杭区梦想驿站互联网文化服务中心';
const EXPERTS = '第三方专家库';

const ev = (id: string, organization: string, load = 0): PlannerEvaluator => ({ id, organization, load });
const acct = (id: string, subject = `某传媒公司${id}`, ownerId = `owner-${id}`): PlannerAccount => ({ id, label: `YH-ZMT-2026-${id}`, ownerId, relatedOrganizations: [subject] });

/** Checks every rule on a plan; returns the loads. */
function check(plan: PlannedAssignment[], accounts: PlannerAccount[], evaluators: PlannerEvaluator[]): Map<string, number> {
  const orgOf = new Map(evaluators.map((e) => [e.id, organizationKey(e.organization)]));
  const loads = new Map(evaluators.map((e) => [e.id, e.load]));
  for (const a of accounts) {
    const mine = plan.filter((p) => p.accountId === a.id);
    expect(mine).toHaveLength(RULES.perAccount);
    expect(new Set(mine.map((p) => p.evaluatorId)).size).toBe(RULES.perAccount);
    expect(new Set(mine.map((p) => orgOf.get(p.evaluatorId))).size).toBeGreaterThanOrEqual(RULES.minOrganizations);
    for (const p of mine) {
      expect(a.relatedOrganizations.map(organizationKey)).not.toContain(orgOf.get(p.evaluatorId));
      expect(p.evaluatorId).not.toBe(a.ownerId);
    }
  }
  for (const p of plan) loads.set(p.evaluatorId, loads.get(p.evaluatorId)! + 1);
  const values = [...loads.values()];
  expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(RULES.maxSpread);
  return loads;
}

describe('planAssignments', () => {
  it('gives every account three evaluators from two organisations and spreads the load', () => {
    const evaluators = [ev('a1', ASSOC), ev('a2', ASSOC), ev('d1', DREAM), ev('x1', EXPERTS), ev('x2', EXPERTS)];
    const accounts = Array.from({ length: 7 }, (_, i) => acct(String(i + 1)));
    const plan = planAssignments(accounts, evaluators, RULES);
    expect(plan).toHaveLength(21);
    const loads = check(plan, accounts, evaluators);
    // 21 assignments over 5 evaluators: four of 4 and one of 5.
    expect([...loads.values()].sort()).toEqual([4, 4, 4, 4, 5]);
  });

  it('never gives an account to its own organisation, whatever the spelling', () => {
    const evaluators = [ev('a1', ASSOC), ev('a2', ASSOC), ev('d1', DREAM), ev('d2', DREAM), ev('x1', EXPERTS), ev('x2', EXPERTS)];
    // The association runs an account; its name typed with full-width spaces and brackets.
    const accounts = [acct('1', ' 余杭区网络文化协会 '), acct('2'), acct('3', '余杭区梦想驿站互联网文化服务中心'), acct('4')];
    const plan = planAssignments(accounts, evaluators, RULES);
    check(plan, accounts, evaluators);
    expect(plan.filter((p) => p.accountId === '1').map((p) => p.evaluatorId)).not.toEqual(expect.arrayContaining(['a1']));
    expect(plan.filter((p) => p.accountId === '1').every((p) => !p.evaluatorId.startsWith('a'))).toBe(true);
    expect(plan.filter((p) => p.accountId === '3').every((p) => !p.evaluatorId.startsWith('d'))).toBe(true);
    expect(organizationKey('余杭区（东）协会')).toBe(organizationKey('余杭区(东) 协会'));
  });

  it('keeps a place for a second organisation when the queue starts with one organisation', () => {
    // The queue reads a1, a2, a3, x1 (equal loads, by id): the third place still goes to the expert.
    const evaluators = [ev('a1', ASSOC), ev('a2', ASSOC), ev('a3', ASSOC), ev('x1', EXPERTS)];
    const plan = planAssignments([acct('1')], evaluators, RULES);
    expect(plan.map((p) => p.evaluatorId).sort()).toEqual(['a1', 'a2', 'x1']);
  });

  it('counts the loads evaluators already have in the cycle (assigning accounts filed since)', () => {
    const evaluators = [ev('a1', ASSOC, 2), ev('d1', DREAM, 2), ev('x1', EXPERTS, 1), ev('x2', EXPERTS, 1)];
    const plan = planAssignments([acct('9')], evaluators, RULES);
    // Queue: x1(1), x2(1), a1(2), d1(2) → x1, x2, then a second organisation: a1.
    expect(plan.map((p) => p.evaluatorId).sort()).toEqual(['a1', 'x1', 'x2']);
    const loads = check(plan, [acct('9')], evaluators);
    expect(loads.get('x1')).toBe(2);
    expect(loads.get('x2')).toBe(2);
  });

  it('repairs a load that exclusions pushed past the spread', () => {
    // Accounts 1-2 are run by the association, so only d1/x1/x2 can take them; greedy alone would
    // leave a1/a2 idle. Later accounts are then moved onto a1/a2 until the spread holds.
    const evaluators = [ev('a1', ASSOC), ev('a2', ASSOC), ev('d1', DREAM), ev('x1', EXPERTS), ev('x2', EXPERTS)];
    const accounts = [acct('1', ASSOC), acct('2', ASSOC), acct('3'), acct('4'), acct('5')];
    const plan = planAssignments(accounts, evaluators, RULES);
    check(plan, accounts, evaluators);
  });

  it('refuses with the reason when there are too few evaluators or organisations', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AssignmentInfeasible);
        return (e as AssignmentInfeasible).problems.map((p) => p.code);
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(() => planAssignments([acct('1')], [ev('a1', ASSOC), ev('x1', EXPERTS)], RULES))).toEqual(['too_few_evaluators']);
    expect(refusal(() => planAssignments([acct('1')], [ev('a1', ASSOC), ev('a2', ASSOC), ev('a3', ASSOC)], RULES))).toEqual(['too_few_organizations']);
    // Only the association and one expert: an association-run account has one eligible evaluator.
    expect(refusal(() => planAssignments([acct('1', ASSOC)], [ev('a1', ASSOC), ev('a2', ASSOC), ev('x1', EXPERTS)], RULES))).toEqual(['no_eligible_panel']);
    // Everyone eligible but the only ones who can take accounts 1-3 are d1, x1, x2: a1-a4 stay idle.
    const many = [ev('a1', ASSOC), ev('a2', ASSOC), ev('a3', ASSOC), ev('a4', ASSOC), ev('d1', DREAM), ev('x1', EXPERTS), ev('x2', EXPERTS)];
    expect(refusal(() => planAssignments([acct('1', ASSOC), acct('2', ASSOC), acct('3', ASSOC)], many, RULES))).toEqual(['load_unbalanced']);
  });

  it('property: a plan satisfies every rule, or is refused', () => {
    const orgs = [ASSOC, DREAM, EXPERTS, '余杭区青年网络文明志愿者协会'];
    let planned = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ org: fc.integer({ min: 0, max: 3 }), load: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 25 }),
        (es, as) => {
          const evaluators = es.map((e, i) => ev(`e${i}`, orgs[e.org], e.load));
          const accounts = as.map((o, i) => acct(String(i), o === -1 ? `公司${i}` : orgs[o]));
          let plan: PlannedAssignment[];
          try {
            plan = planAssignments(accounts, evaluators.map((e) => ({ ...e })), RULES);
          } catch (e) {
            expect(e).toBeInstanceOf(AssignmentInfeasible);
            refused += 1;
            return;
          }
          check(plan, accounts, evaluators);
          planned += 1;
        },
      ),
      { numRuns: 300 },
    );
    // Both branches are exercised.
    expect(planned).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });
});
