import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { EvaluationCycle } from '../../src/modules/evaluation/evaluation.entity.js';
import { holdInterview, scheduleInterview } from '../factories/interviews.js';
import { createFiledAccount, createSubject, type FiledAccount, filedAccount, organizationBody } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

type Person = { id: string; token: string; username: string };
type Marks = { D1: number; D2: number; D3: number; D4: number; D5: number };
const DIMS = ['D1', 'D2', 'D3', 'D4', 'D5'] as const;
const ASSOC = '余杭区网络文化协会';
const DREAM = '余杭区梦想驿站互联网文化服务中心';
const EXPERTS = '第三方专家库';
const m = (D1: number, D2 = D1, D3 = D1, D4 = D1, D5 = D1): Marks => ({ D1, D2, D3, D4, D5 });

/**
 * The whole road on one database: a 2024 cycle that cannot be assigned (too few evaluators, one
 * organisation, an account run by an evaluator organisation), the 2026 cycle worked by hand
 * (custom weights, deductions, a boundary total, accounts filed after assignment), publication, the
 * public list and the registry; then a 2025 cycle in which everyone scores everything and one
 * evaluator is far from the others (trimmed means, outlier flag, an older year published later).
 */
describe('annual evaluation', () => {
  let t: TestApp;
  let officer: Person;
  let officer2: Person;
  let approver: Person;
  let auditor: Person;
  /** E1, E2 association; E3, E4 梦想驿站; E5, E6 expert pool. */
  const E: Person[] = [];
  const orgOf = new Map<string, string>();
  let acc1: FiledAccount;
  let acc2: FiledAccount;
  let acc4: FiledAccount;
  let acc5: FiledAccount;
  /** Blacklisted in 2026 (R2: it refused its interview). */
  let acc6: FiledAccount;
  /** Run by 梦想驿站, an evaluator organisation. */
  let acc3: { accountId: string; filingNo: string; name: string; platform: string; operator: Person };
  let cycle2024: string;
  let cycle2026: string;
  let cycle2025: string;
  /** An evaluator of an ad-hoc group, disabled before the real pool is formed. */
  let temporary: Person;

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const post = (path: string, token: string | undefined, body: Record<string, unknown> = {}) =>
    token ? t.http.post(path).set(bearer(token)).send(body) : t.http.post(path).send(body);
  const evaluator = async (organization: string, displayName: string) => {
    const p = await t.user('evaluator', { organization, displayName });
    orgOf.set(p.id, organization);
    return p;
  };

  /** account id → the evaluators (persons) assigned, from each evaluator's own list. */
  async function panels(cycleId: string, people: Person[]): Promise<Map<string, { person: Person; assignmentId: string }[]>> {
    const out = new Map<string, { person: Person; assignmentId: string }[]>();
    for (const p of people) {
      const res = await get(`/api/evaluation-assignments?cycleId=${cycleId}&pageSize=100`, p.token);
      expect(res.status).toBe(200);
      for (const a of res.body.items as { id: string; accountId: string }[]) {
        if (!out.has(a.accountId)) out.set(a.accountId, []);
        out.get(a.accountId)!.push({ person: p, assignmentId: a.id });
      }
    }
    for (const list of out.values()) list.sort((a, b) => E.indexOf(a.person) - E.indexOf(b.person));
    return out;
  }

  async function score(p: Person, assignmentId: string, marks: Marks, expected = 201) {
    const res = await post(`/api/evaluation-assignments/${assignmentId}/scores`, p.token, { ...marks, comment: '按评议细则打分' });
    expect(res.status).toBe(expected);
    return res;
  }

  beforeAll(async () => {
    t = await bootTestApp();
    officer = await t.user('officer');
    officer2 = await t.user('officer');
    approver = await t.user('approver');
    auditor = await t.user('auditor');
    acc1 = await filedAccount(t, officer.token, { name: '余杭发布生活' });
    acc2 = await filedAccount(t, officer.token, { name: '良渚文化圈', platform: 'douyin' });
    const dreamOperator = await t.user('operator');
    const dreamSubject = await createSubject(t, dreamOperator.token, organizationBody({ name: DREAM }));
    const a3 = await createFiledAccount(t, dreamOperator.token, officer.token, { name: '梦想驿站' }, dreamSubject.id);
    acc3 = { accountId: a3.id, filingNo: a3.filingNo, name: a3.name, platform: a3.platform, operator: dreamOperator };
    acc4 = await filedAccount(t, officer.token, { name: '未来科技城资讯', platform: 'weibo' });
    acc6 = await filedAccount(t, officer.token, { name: '塘栖古镇', platform: 'kuaishou' });

    // Conduct: acc1 one violation in 2025 (not in 2026); acc2 two violations and one held interview
    // in 2026; acc4 one refused interview in 2026.
    const violation = (accountId: string, occurredAt: string) =>
      post(`/api/accounts/${accountId}/violations`, officer.token, { category: 'C06', source: 'inspection', facts: '转载未经证实的信息。', occurredAt });
    for (const [id, day] of [
      [acc1.accountId, '2025-06-01'],
      [acc2.accountId, '2026-03-01'],
      [acc2.accountId, '2026-05-10'],
    ]) {
      expect((await violation(id, day)).status).toBe(201);
    }
    const held = await scheduleInterview(t, officer, acc2.accountId, [officer.id, officer2.id]);
    await holdInterview(t, officer, held.id);
    const refused = await scheduleInterview(t, officer, acc4.accountId, [officer.id, officer2.id]);
    expect((await post(`/api/interviews/${refused.id}/refusal`, officer.token, { note: '无正当理由未到场' })).status).toBe(200);
    // acc6 refuses its interview too, and is blacklisted for it (R2) with due process: proposal,
    // defence, an approver's decision.
    const refused6 = await scheduleInterview(t, officer, acc6.accountId, [officer.id, officer2.id]);
    expect((await post(`/api/interviews/${refused6.id}/refusal`, officer.token, { note: '无正当理由未到场' })).status).toBe(200);
    const proposal = await post('/api/blacklist', officer.token, { accountId: acc6.accountId, rule: 'R2', basis: '《余杭区自媒体信息服务管理实施办法（试行）》第三章第五条：拒不整改。' });
    expect(proposal.status).toBe(201);
    expect((await post(`/api/blacklist/${proposal.body.id}/defence`, acc6.operator.token, { statement: '当日另有安排，未能到场。' })).status).toBe(200);
    const listed = await post(`/api/blacklist/${proposal.body.id}/approve`, approver.token);
    expect(listed.status).toBe(200);
    expect(listed.body.status).toBe('listed');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('an officer creates a cycle; bad input is refused with the field at fault', async () => {
    const created = await post('/api/evaluation-cycles', officer.token, { year: 2024 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      year: 2024,
      status: 'draft',
      statusLabel: '草稿',
      weights: { D1: 20, D2: 20, D3: 20, D4: 20, D5: 20 },
      actions: ['open'],
      policyVersion: expect.any(String),
      counts: { accounts: 0, assignments: 0, results: 0, grades: { A: 0, B: 0, C: 0, D: 0 } },
    });
    expect(created.body.dimensions.map((d: { label: string }) => d.label)).toEqual(['守法守规', '坚持正确舆论导向', '参加行业协会活动', '企业内部员工培训和团队建设', '配合网信部门工作']);
    cycle2024 = created.body.id;

    const dup = await post('/api/evaluation-cycles', officer.token, { year: 2024 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DUPLICATE');
    expect(dup.body.details[0].field).toBe('year');

    const w = (over: Record<string, unknown>) => ({ year: 2023, weights: { D1: 20, D2: 20, D3: 20, D4: 20, D5: 20, ...over } });
    const cases: [Record<string, unknown>, string, string][] = [
      [w({ D5: 25 }), 'weights', 'weights_invalid'], // sums to 105
      [w({ D1: 10 }), 'weights', 'weights_invalid'], // sums to 90
      [w({ D1: 20.5, D2: 19.5 }), 'weights', 'weights_invalid'], // not integers
      [w({ D1: -10, D2: 50 }), 'weights', 'weights_invalid'], // negative
      [w({ D1: '20' }), 'weights', 'weights_invalid'],
      [{ year: 2023, weights: { D1: 25, D2: 25, D3: 25, D4: 25 } }, 'weights', 'weights_invalid'], // D5 missing
      [w({ D6: 0 }), 'weights', 'weights_invalid'], // unknown dimension
      [{ year: 2023, weights: [20, 20, 20, 20, 20] }, 'weights', 'weights_invalid'],
      [{ year: 2018 }, 'year', 'min'],
      [{ year: 2030 }, 'year', 'too_late'],
      [{ year: '2023' }, 'year', 'isInt'],
      [{ year: 2023.5 }, 'year', 'isInt'],
      [{}, 'year', 'isInt'],
      [{ year: 2023, extra: 1 }, 'extra', 'unknown_field'],
    ];
    for (const [body, field, code] of cases) {
      const res = await post('/api/evaluation-cycles', officer.token, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      expect({ body, detail: res.body.details.find((d: { field: string }) => d.field === field)?.code }).toEqual({ body, detail: code });
    }
    const sumMessage = await post('/api/evaluation-cycles', officer.token, w({ D5: 25 }));
    expect(sumMessage.body.details[0].message).toContain('105');

    temporary = await t.user('evaluator', { organization: '临时评议组' });
    for (const who of [approver, temporary, acc1.operator, auditor]) {
      const res = await post('/api/evaluation-cycles', who.token, { year: 2023 });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const anon = await post('/api/evaluation-cycles', undefined, { year: 2023 });
    expect(anon.status).toBe(401);
    // Nothing was created by the refused requests.
    expect((await get('/api/evaluation-cycles', officer.token)).body.total).toBe(1);
  });

  it('cycles are read by officers and approvers only; unknown ids are 404', async () => {
    for (const who of [officer, approver]) {
      const list = await get('/api/evaluation-cycles', who.token);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id: cycle2024, year: 2024 }] });
      const one = await get(`/api/evaluation-cycles/${cycle2024}`, who.token);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: cycle2024, counts: { scored: 0, pending: 0 } });
    }
    expect((await get('/api/evaluation-cycles?status=draft', officer.token)).body.total).toBe(1);
    expect((await get('/api/evaluation-cycles?status=published', officer.token)).body.total).toBe(0);
    const badStatus = await get('/api/evaluation-cycles?status=nope', officer.token);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.details[0].field).toBe('status');
    const badPage = await get('/api/evaluation-cycles?pageSize=101', officer.token);
    expect(badPage.status).toBe(400);
    for (const who of [acc1.operator, auditor]) {
      expect((await get('/api/evaluation-cycles', who.token)).status).toBe(403);
      expect((await get(`/api/evaluation-cycles/${cycle2024}`, who.token)).status).toBe(403);
    }
    expect((await get('/api/evaluation-cycles')).status).toBe(401);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await get(`/api/evaluation-cycles/${id}`, officer.token);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('assignment needs an open cycle, enough evaluators, two organisations and unrelated ones', async () => {
    const assign = (token: string, body: Record<string, unknown> = {}) => post(`/api/evaluation-cycles/${cycle2024}/assignments`, token, body);
    const draft = await assign(officer.token);
    expect(draft.status).toBe(409);
    expect(draft.body.code).toBe('ILLEGAL_TRANSITION');

    expect((await post(`/api/evaluation-cycles/${cycle2024}/open`, approver.token)).status).toBe(403);
    const opened = await post(`/api/evaluation-cycles/${cycle2024}/open`, officer.token);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', statusLabel: '已启动', actions: ['assign'], openedAt: expect.any(String) });
    const again = await post(`/api/evaluation-cycles/${cycle2024}/open`, officer.token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');

    for (const [body, field, code] of [
      [{ evaluatorsPerAccount: 2 }, 'evaluatorsPerAccount', 'min'],
      [{ evaluatorsPerAccount: 11 }, 'evaluatorsPerAccount', 'max'],
      [{ evaluatorsPerAccount: '3' }, 'evaluatorsPerAccount', 'isInt'],
      [{ evaluatorsPerAccount: 3, extra: true }, 'extra', 'unknown_field'],
    ] as [Record<string, unknown>, string, string][]) {
      const res = await assign(officer.token, body);
      expect({ body, status: res.status, field: res.body.details?.[0]?.field, code: res.body.details?.[0]?.code }).toEqual({ body, status: 400, field, code });
    }
    expect((await assign(approver.token)).status).toBe(403);
    expect((await post('/api/evaluation-cycles/00000000-0000-4000-8000-000000000000/assignments', officer.token)).status).toBe(404);

    // The temporary evaluator made by the previous test is the only one: too few.
    const few = await assign(officer.token);
    expect(few.status).toBe(409);
    expect(few.body.code).toBe('CONFLICT');
    // One evaluator of one organisation: both shortfalls are named.
    expect(few.body.details.map((d: { code: string }) => d.code)).toEqual(['too_few_evaluators', 'too_few_organizations']);
    expect(few.body.details[0]).toMatchObject({ field: 'evaluatorsPerAccount', message: expect.stringContaining('现有在岗评议人员1名') });

    // Three from one organisation (after disabling the temporary one): not two organisations.
    const admin = await t.adminToken();
    expect((await t.http.patch(`/api/users/${temporary.id}`).set(bearer(admin)).send({ status: 'disabled' })).status).toBe(200);
    E.push(await evaluator(ASSOC, '评议员1'), await evaluator(ASSOC, '评议员2'));
    const extraAssoc = await evaluator(ASSOC, '协会备用评议员');
    const oneOrg = await assign(officer.token);
    expect(oneOrg.status).toBe(409);
    expect(oneOrg.body.details).toEqual([expect.objectContaining({ code: 'too_few_organizations' })]);

    // A 梦想驿站 evaluator joins: the account 梦想驿站 runs has only association evaluators left.
    E.push(await evaluator(DREAM, '评议员3'));
    const related = await assign(officer.token);
    expect(related.status).toBe(409);
    expect(related.body.details).toEqual([expect.objectContaining({ field: 'accounts', code: 'no_eligible_panel' })]);
    expect(related.body.details[0].message).toContain(acc3.filingNo);
    expect(related.body.details[0].message).not.toContain(acc1.filingNo);

    // The pool of the rest of the file: E1-E2 association, E3-E4 梦想驿站, E5-E6 expert pool.
    expect((await t.http.patch(`/api/users/${extraAssoc.id}`).set(bearer(admin)).send({ status: 'disabled' })).status).toBe(200);
    E.push(await evaluator(DREAM, '评议员4'), await evaluator(EXPERTS, '评议员5'), await evaluator(EXPERTS, '评议员6'));
    // Nothing was assigned by the refusals; the 2024 cycle stays open.
    const still = await get(`/api/evaluation-cycles/${cycle2024}`, officer.token);
    expect(still.body).toMatchObject({ status: 'open', counts: { accounts: 0, assignments: 0, pending: 0 } });
  });

  it('2026: every filed account gets three evaluators from two organisations, none related, load even', async () => {
    const created = await post('/api/evaluation-cycles', officer.token, { year: 2026, weights: { D1: 30, D2: 20, D3: 10, D4: 20, D5: 20 } });
    expect(created.status).toBe(201);
    cycle2026 = created.body.id;
    expect((await post(`/api/evaluation-cycles/${cycle2026}/open`, officer.token)).status).toBe(200);
    const res = await post(`/api/evaluation-cycles/${cycle2026}/assignments`, officer.token, {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'scoring', actions: ['assign', 'close'], evaluatorsPerAccount: 3, counts: { accounts: 5, assignments: 15, pending: 15, scored: 0 } });
    expect(res.body.assigned).toMatchObject({ accounts: 5, assignments: 15, evaluatorsPerAccount: 3 });
    // 15 assignments over 6 evaluators: three have 3, three have 2.
    expect(res.body.assigned.evaluators.map((e: { load: number }) => e.load).sort()).toEqual([2, 2, 2, 3, 3, 3]);
    expect(res.body.assigned.evaluators.map((e: { organization: string }) => e.organization).sort()).toEqual([ASSOC, ASSOC, EXPERTS, EXPERTS, DREAM, DREAM].sort());

    // Accounts filed after the assignment are assigned by running it again.
    acc5 = await filedAccount(t, officer.token, { name: '径山茶事', platform: 'xiaohongshu' });
    const topUp = await post(`/api/evaluation-cycles/${cycle2026}/assignments`, officer.token, {});
    expect(topUp.status).toBe(201);
    expect(topUp.body.assigned).toMatchObject({ accounts: 1, assignments: 3 });
    expect(topUp.body.counts).toMatchObject({ accounts: 6, assignments: 18 });
    expect(topUp.body.assigned.evaluators.map((e: { load: number }) => e.load)).toEqual([3, 3, 3, 3, 3, 3]);
    const none = await post(`/api/evaluation-cycles/${cycle2026}/assignments`, officer.token, {});
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('CONFLICT');

    // The rules, checked on the assignments as the evaluators see them.
    const p = await panels(cycle2026, E);
    expect([...p.keys()].sort()).toEqual([acc1, acc2, acc3, acc4, acc5, acc6].map((a) => a.accountId).sort());
    for (const [accountId, panel] of p) {
      expect(panel).toHaveLength(3);
      expect(new Set(panel.map((x) => x.person.id)).size).toBe(3);
      expect(new Set(panel.map((x) => orgOf.get(x.person.id))).size).toBeGreaterThanOrEqual(2);
      if (accountId === acc3.accountId) expect(panel.map((x) => orgOf.get(x.person.id))).not.toContain(DREAM);
    }
    const loads = E.map((e) => [...p.values()].filter((panel) => panel.some((x) => x.person.id === e.id)).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((s, n) => s + n, 0)).toBe(18);
  });

  it('an evaluator lists only their own assignments, with the account', async () => {
    const mine = await get(`/api/evaluation-assignments?cycleId=${cycle2026}`, E[0].token);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
    const first = mine.body.items[0];
    expect(first).toMatchObject({
      cycleId: cycle2026,
      year: 2026,
      cycleStatus: 'scoring',
      status: 'pending',
      statusLabel: '待评分',
      evaluatorOrganization: ASSOC,
      score: null,
      account: { name: expect.any(String), platform: expect.any(String), platformLabel: expect.any(String), filingNo: expect.stringMatching(/^YH-ZMT-\d{4}-\d{6}$/) },
    });
    const paged = await get(`/api/evaluation-assignments?pageSize=1&page=2`, E[0].token);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: mine.body.total });
    expect(paged.body.items).toHaveLength(1);
    expect((await get('/api/evaluation-assignments?status=scored', E[0].token)).body.total).toBe(0);
    expect((await get('/api/evaluation-assignments?status=done', E[0].token)).status).toBe(400);
    expect((await get('/api/evaluation-assignments?cycleId=x', E[0].token)).status).toBe(400);

    const one = await get(`/api/evaluation-assignments/${first.id}`, E[0].token);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(first.id);
    // Another evaluator's assignment does not exist for them.
    const other = E.find((e) => e !== E[0])!;
    const theirs = (await get(`/api/evaluation-assignments?cycleId=${cycle2026}`, other.token)).body.items.map((a: { id: string }) => a.id);
    expect(theirs).not.toContain(first.id);
    expect((await get(`/api/evaluation-assignments/${first.id}`, other.token)).status).toBe(404);
    for (const who of [officer, approver, acc1.operator]) {
      expect((await get('/api/evaluation-assignments', who.token)).status).toBe(403);
    }
  });

  it('scores: bad input, another evaluator, other roles', async () => {
    const p = await panels(cycle2026, E);
    const { person, assignmentId } = p.get(acc1.accountId)![0];
    const url = `/api/evaluation-assignments/${assignmentId}/scores`;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...m(80), D1: 101 }, 'D1', 'max'],
      [{ ...m(80), D2: -1 }, 'D2', 'min'],
      [{ ...m(80), D3: 50.5 }, 'D3', 'isInt'],
      [{ ...m(80), D4: '80' }, 'D4', 'isInt'],
      [{ ...m(80), D5: null }, 'D5', 'isDefined'],
      [{ D1: 80, D2: 80, D4: 80, D5: 80 }, 'D3', 'isDefined'],
      [{ ...m(80), D6: 80 }, 'D6', 'unknown_field'],
      [{ ...m(80), comment: 'x'.repeat(2001) }, 'comment', 'maxLength'],
      [{ ...m(80), comment: 5 }, 'comment', 'isString'],
    ];
    for (const [body, field, code] of cases) {
      const res = await post(url, person.token, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      expect({ body, detail: res.body.details.find((d: { field: string }) => d.field === field)?.code }).toEqual({ body, detail: code });
    }
    const other = E.find((e) => !p.get(acc1.accountId)!.some((x) => x.person.id === e.id))!;
    const foreign = await post(url, other.token, m(80));
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    for (const who of [officer, approver, acc1.operator]) expect((await post(url, who.token, m(80))).status).toBe(403);
    expect((await post(url, undefined, m(80))).status).toBe(401);
    expect((await post('/api/evaluation-assignments/00000000-0000-4000-8000-000000000000/scores', person.token, m(80))).status).toBe(404);
    expect((await post('/api/evaluation-assignments/abc/scores', person.token, m(80))).status).toBe(404);
    // Nothing was stored.
    expect((await get(`/api/evaluation-assignments/${assignmentId}`, person.token)).body).toMatchObject({ status: 'pending', score: null });
  });

  it('closing waits for every score; only an officer closes', async () => {
    const early = await post(`/api/evaluation-cycles/${cycle2026}/close`, officer.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONFLICT');
    expect(early.body.details).toEqual([expect.objectContaining({ field: 'assignments', code: 'scores_pending' })]);
    expect(early.body.message).toContain('18');
    expect((await post(`/api/evaluation-cycles/${cycle2026}/close`, approver.token)).status).toBe(403);
    expect((await post(`/api/evaluation-cycles/${cycle2024}/close`, officer.token)).status).toBe(409);
  });

  /** The 2026 marks, worked by hand below (weights D1 30, D2 20, D3 10, D4 20, D5 20). */
  const MARKS_2026 = (): Map<string, Marks[]> =>
    new Map([
      // D1 (80+90+85)/3 = 85; D2 85; D3 (70+75+80)/3 = 75; D4 85; D5 75
      // 30×85 + 20×85 + 10×75 + 20×85 + 20×75 = 2550 + 1700 + 750 + 1700 + 1500 = 8200 → 82.00; its
      // violation of 2025-06-01 is not in 2026 → 82.00 B
      [acc1.accountId, [m(80, 85, 70, 90, 75), m(90, 80, 75, 85, 80), m(85, 90, 80, 80, 70)]],
      // every dimension (95+90+100)/3 = 95 → 95.00; 2 violations × 5 + 1 held interview × 10 = 20 → 75.00 B (the bound)
      [acc2.accountId, [m(95), m(90), m(100)]],
      // (92+91+90)/3 = 91 → 91.00 A
      [acc3.accountId, [m(92), m(91), m(90)]],
      // 70; one refused interview × 10 → 60.00 C (the bound)
      [acc4.accountId, [m(70), m(70), m(70)]],
      // (80+81+81)/3 = 80.666… → 80.67 per dimension; Σ weights 100 → 80.67 B
      [acc5.accountId, [m(80), m(81), m(81)]],
      // 95; one refused interview × 10 → 85.00, but blacklisted during 2026 → D whatever the score
      [acc6.accountId, [m(95), m(95), m(95)]],
    ]);

  it('three evaluators score each account; a re-submission replaces the first and is audited', async () => {
    const p = await panels(cycle2026, E);
    const marks = MARKS_2026();
    for (const [accountId, panel] of p) {
      for (const [i, x] of panel.entries()) {
        if (accountId === acc1.accountId && i === 0) {
          // First a slip, then the real marks.
          await score(x.person, x.assignmentId, m(10));
          const again = await score(x.person, x.assignmentId, marks.get(accountId)![i], 200);
          expect(again.body).toMatchObject({ status: 'scored', score: { ...marks.get(accountId)![i], revision: 2, comment: '按评议细则打分' } });
          continue;
        }
        const res = await score(x.person, x.assignmentId, marks.get(accountId)![i]);
        expect(res.body).toMatchObject({ status: 'scored', statusLabel: '已评分', score: { ...marks.get(accountId)![i], revision: 1 } });
      }
    }
    const audit = await get('/api/audit?action=evaluation.score.replace', auditor.token);
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({
      entity: 'evaluation_score',
      role: 'evaluator',
      before: { ...m(10), revision: 1, accountId: acc1.accountId },
      after: { ...m(80, 85, 70, 90, 75), revision: 2, accountId: acc1.accountId },
    });
    expect((await get('/api/audit?action=evaluation.score.submit', auditor.token)).body.total).toBe(18);
    const cycle = await get(`/api/evaluation-cycles/${cycle2026}`, approver.token);
    expect(cycle.body.counts).toMatchObject({ scored: 18, pending: 0 });
  });

  it('closing computes each result as worked by hand', async () => {
    expect((await get(`/api/evaluation-cycles/${cycle2026}/results`, officer.token)).body.total).toBe(0);
    const closed = await post(`/api/evaluation-cycles/${cycle2026}/close`, officer.token);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: officer.id, actions: ['publish'], counts: { results: 6, grades: { A: 1, B: 3, C: 1, D: 1 } } });
    expect((await post(`/api/evaluation-cycles/${cycle2026}/close`, officer.token)).status).toBe(409);

    const res = await get(`/api/evaluation-cycles/${cycle2026}/results?pageSize=100`, approver.token);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(6);
    const by = new Map((res.body.items as { accountId: string }[]).map((r) => [r.accountId, r as Record<string, unknown>]));
    expect(by.get(acc1.accountId)).toMatchObject({ filingNo: acc1.filingNo, name: '余杭发布生活', scoreCount: 3, dimensions: { D1: 85, D2: 85, D3: 75, D4: 85, D5: 75 }, weighted: 82, violations: 0, interviews: 0, deduction: 0, blacklisted: false, total: 82, grade: 'B', gradeLabel: '良好' });
    expect(by.get(acc2.accountId)).toMatchObject({ platform: 'douyin', dimensions: m(95), weighted: 95, violations: 2, interviews: 1, deduction: 20, total: 75, grade: 'B' });
    expect(by.get(acc3.accountId)).toMatchObject({ dimensions: m(91), weighted: 91, total: 91, grade: 'A', gradeLabel: '优秀' });
    expect(by.get(acc4.accountId)).toMatchObject({ dimensions: m(70), weighted: 70, violations: 0, interviews: 1, deduction: 10, total: 60, grade: 'C', gradeLabel: '合格' });
    expect(by.get(acc5.accountId)).toMatchObject({ dimensions: m(80.67), weighted: 80.67, total: 80.67, grade: 'B' });
    expect(by.get(acc6.accountId)).toMatchObject({ dimensions: m(95), weighted: 95, interviews: 1, deduction: 10, blacklisted: true, total: 85, grade: 'D', gradeLabel: '不合格' });
    expect(by.get(acc6.accountId)!.computation).toMatchObject({ gradeBasis: 'blacklisted', gradeRule: '年度内被列入黑名单，评议等级为不合格（D）' });
    expect(by.get(acc1.accountId)!.computation).toMatchObject({
      weightedFormula: '30%×85.00 + 20%×85.00 + 10%×75.00 + 20%×85.00 + 20%×75.00 = 82.00',
      deductionFormula: '0次违规×5分 + 0次约谈×10分 = 0分',
      grade: 'B',
      gradeBasis: 'score',
    });
    // Ordered by filing number.
    expect(res.body.items.map((r: { filingNo: string }) => r.filingNo)).toEqual([...res.body.items.map((r: { filingNo: string }) => r.filingNo)].sort());
    expect((await get(`/api/evaluation-cycles/${cycle2026}/results?grade=B`, officer.token)).body.total).toBe(3);
    expect((await get(`/api/evaluation-cycles/${cycle2026}/results?q=${encodeURIComponent('良渚')}`, officer.token)).body.items.map((r: { accountId: string }) => r.accountId)).toEqual([acc2.accountId]);
    expect((await get(`/api/evaluation-cycles/${cycle2026}/results?grade=E`, officer.token)).status).toBe(400);

    // One account with each evaluator's marks: the office only.
    const one = await get(`/api/evaluation-cycles/${cycle2026}/results/${acc2.accountId}`, officer.token);
    expect(one.status).toBe(200);
    expect(one.body.scores.map((s: Marks) => s.D1).sort()).toEqual([100, 90, 95]);
    expect(one.body.scores[0]).toMatchObject({ evaluatorId: expect.any(String), evaluatorName: expect.stringMatching(/^评议员/), evaluatorOrganization: expect.any(String) });
    expect((await get(`/api/evaluation-cycles/${cycle2026}/results/00000000-0000-4000-8000-000000000000`, officer.token)).status).toBe(404);
    for (const who of [E[0], acc1.operator, auditor]) {
      expect((await get(`/api/evaluation-cycles/${cycle2026}/results`, who.token)).status).toBe(403);
      expect((await get(`/api/evaluation-cycles/${cycle2026}/results/${acc2.accountId}`, who.token)).status).toBe(403);
    }
    expect((await get(`/api/evaluation-cycles/00000000-0000-4000-8000-000000000000/results`, officer.token)).status).toBe(404);
  });

  it('nobody scores outside the scoring state', async () => {
    const p = await panels(cycle2026, E);
    const { person, assignmentId } = p.get(acc4.accountId)![0];
    const res = await post(`/api/evaluation-assignments/${assignmentId}/scores`, person.token, m(99));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    expect((await get(`/api/evaluation-assignments/${assignmentId}`, person.token)).body.score).toMatchObject(m(70));
  });

  it('the results as a workbook, read back cell by cell', async () => {
    const res = await get(`/api/evaluation-cycles/${cycle2026}/results.xlsx`, approver.token).responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="evaluation-results-2026.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.getWorksheet('评议结果')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual(['备案编号', '账号名称', '平台', 'D1 守法守规', 'D2 坚持正确舆论导向', 'D3 参加行业协会活动', 'D4 企业内部员工培训和团队建设', 'D5 配合网信部门工作', '评分人数', '加权得分', '违规次数', '约谈次数', '扣分', '年度内列入黑名单', '总分', '等级', '等级名称']);
    expect(sheet.actualRowCount).toBe(7);
    const rows = [2, 3, 4, 5, 6, 7].map(row);
    expect(rows.map((r) => r[0])).toEqual([acc1, acc2, acc3, acc4, acc5, acc6].map((a) => a.filingNo).sort());
    const r1 = rows.find((r) => r[0] === acc1.filingNo)!;
    expect(r1).toEqual([acc1.filingNo, '余杭发布生活', '微信公众号', 85, 85, 75, 85, 75, 3, 82, 0, 0, 0, '否', 82, 'B', '良好']);
    const r2 = rows.find((r) => r[0] === acc2.filingNo)!;
    expect(r2).toEqual([acc2.filingNo, '良渚文化圈', '抖音', 95, 95, 95, 95, 95, 3, 95, 2, 1, 20, '否', 75, 'B', '良好']);
    const r5 = rows.find((r) => r[0] === acc5.filingNo)!;
    expect(r5.slice(3, 8)).toEqual([80.67, 80.67, 80.67, 80.67, 80.67]);
    const r6 = rows.find((r) => r[0] === acc6.filingNo)!;
    expect(r6.slice(9)).toEqual([95, 0, 1, 10, '是', 85, 'D', '不合格']);
    expect(sheet.getCell('D2').numFmt).toBe('0.00');
    const about = wb.getWorksheet('说明')!;
    const aboutRows = Array.from({ length: about.actualRowCount }, (_, i) => (about.getRow(i + 1).values as unknown[]).slice(1));
    expect(aboutRows).toEqual(expect.arrayContaining([['评议年度', 2026], ['D1 守法守规 权重', '30%'], ['D3 参加行业协会活动 权重', '10%']]));

    expect((await get(`/api/evaluation-cycles/${cycle2026}/results.xlsx`, E[0].token)).status).toBe(403);
    expect((await get(`/api/evaluation-cycles/00000000-0000-4000-8000-000000000000/results.xlsx`, officer.token)).status).toBe(404);
  });

  it('flags: the office sees evaluators far from the others (computed here independently)', async () => {
    const res = await get(`/api/evaluation-cycles/${cycle2026}/flags`, officer.token);
    expect(res.status).toBe(200);
    expect(res.body.rule).toMatchObject({ stdDevs: 2, citation: expect.any(String) });
    // δ(e,d) = mean over e's accounts of (e's mark − the account's mean); flagged when |δ − μ| > 2σ.
    const p = await panels(cycle2026, E);
    const marks = MARKS_2026();
    const sums = new Map<string, number[]>();
    const counts = new Map<string, number>();
    for (const [accountId, panel] of p) {
      const ms = marks.get(accountId)!;
      for (const [i, x] of panel.entries()) {
        const s = sums.get(x.person.id) ?? [0, 0, 0, 0, 0];
        DIMS.forEach((d, k) => (s[k] += ms[i][d] - ms.reduce((a, b) => a + b[d], 0) / ms.length));
        sums.set(x.person.id, s);
        counts.set(x.person.id, (counts.get(x.person.id) ?? 0) + 1);
      }
    }
    const expected: string[] = [];
    DIMS.forEach((d, k) => {
      const v = [...sums].map(([id, s]) => [id, s[k] / counts.get(id)!] as const);
      const mu = v.reduce((a, [, x]) => a + x, 0) / v.length;
      const sigma = Math.sqrt(v.reduce((a, [, x]) => a + (x - mu) ** 2, 0) / v.length);
      for (const [id, x] of v) if (sigma > 1e-9 && Math.abs(x - mu) > 2 * sigma + 1e-9) expected.push(`${id}:${d}`);
    });
    expect(res.body.items.map((f: { evaluatorId: string; dimension: string }) => `${f.evaluatorId}:${f.dimension}`).sort()).toEqual(expected.sort());
    expect(res.body.total).toBe(expected.length);
    expect((await get(`/api/evaluation-cycles/${cycle2026}/flags`, approver.token)).status).toBe(403);
    expect((await get(`/api/evaluation-cycles/${cycle2026}/flags`, E[0].token)).status).toBe(403);
  });

  it('an approver other than the officer who closed it publishes; the registry takes the grades', async () => {
    expect((await get('/api/public/evaluations/2026')).status).toBe(404);
    const early = await get(`/api/evaluation-cycles/${cycle2026}/commendations`, officer.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONFLICT');
    expect((await post(`/api/evaluation-cycles/${cycle2026}/publish`, officer.token)).status).toBe(403);
    expect((await post(`/api/evaluation-cycles/${cycle2024}/publish`, approver.token)).status).toBe(409);

    // Maker-checker: had this approver closed the cycle, they could not publish it.
    const repo = t.app.get(DataSource).getRepository(EvaluationCycle);
    await repo.update({ id: cycle2026 }, { closedBy: approver.id });
    const own = await post(`/api/evaluation-cycles/${cycle2026}/publish`, approver.token);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('FORBIDDEN');
    await repo.update({ id: cycle2026 }, { closedBy: officer.id });

    const res = await post(`/api/evaluation-cycles/${cycle2026}/publish`, approver.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', statusLabel: '已公布', publishedBy: approver.id, publishedAt: expect.any(String), actions: [], published: { gradesSet: 6, laterGradesKept: 0 } });
    expect((await post(`/api/evaluation-cycles/${cycle2026}/publish`, approver.token)).status).toBe(409);

    for (const [a, grade] of [
      [acc1, 'B'],
      [acc2, 'B'],
      [acc3, 'A'],
      [acc4, 'C'],
      [acc5, 'B'],
      [acc6, 'D'],
    ] as const) {
      const acc = await get(`/api/accounts/${a.accountId}`, a.operator.token);
      expect(acc.status).toBe(200);
      expect(acc.body).toMatchObject({ grade, gradeYear: 2026 });
    }
    const gradeAudit = await get(`/api/audit?action=account.grade&entityId=${acc3.accountId}`, auditor.token);
    expect(gradeAudit.body.items[0]).toMatchObject({ actorId: approver.id, after: expect.objectContaining({ grade: 'A' }) });
  });

  it('the public sees each account’s grade for the year, and nothing else', async () => {
    const res = await get('/api/public/evaluations/2026');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const expected = [
      [acc1, 'B'],
      [acc2, 'B'],
      [acc3, 'A'],
      [acc4, 'C'],
      [acc5, 'B'],
      [acc6, 'D'],
    ]
      .map(([a, grade]) => {
        const x = a as FiledAccount;
        return { filingNo: x.filingNo, name: x.name, platform: x.platform, grade };
      })
      .sort((a, b) => (a.filingNo < b.filingNo ? -1 : 1));
    expect(res.body).toEqual(expected);
    expect(JSON.stringify(res.body)).not.toMatch(/total|weighted|D1|evaluator|accountId/);
    for (const year of ['2025', '2019', 'abcd', '20260']) {
      const r = await get(`/api/public/evaluations/${year}`);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
    }
  });

  it('an account’s grades and how each was computed: owner, officer, approver', async () => {
    const own = await get(`/api/accounts/${acc2.accountId}/evaluations`, acc2.operator.token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ total: 1, page: 1, items: [{ year: 2026, cycleId: cycle2026, grade: 'B', gradeLabel: '良好', total: 75, weighted: 95, deduction: 20, violations: 2, interviews: 1, dimensions: m(95) }] });
    expect(own.body.items[0].computation).toMatchObject({ deductionFormula: '2次违规×5分 + 1次约谈×10分 = 20分', dimensions: expect.any(Array) });
    // Never a single evaluator's marks or identity to the operator.
    expect(JSON.stringify(own.body)).not.toMatch(/evaluatorId|evaluatorName|"scores"|comment|100,/);
    for (const who of [officer, approver]) expect((await get(`/api/accounts/${acc2.accountId}/evaluations`, who.token)).status).toBe(200);
    const foreign = await get(`/api/accounts/${acc2.accountId}/evaluations`, acc1.operator.token);
    expect(foreign.status).toBe(404);
    for (const who of [E[0], auditor]) expect((await get(`/api/accounts/${acc2.accountId}/evaluations`, who.token)).status).toBe(403);
    expect((await get(`/api/accounts/00000000-0000-4000-8000-000000000000/evaluations`, officer.token)).status).toBe(404);
    expect((await get(`/api/accounts/${acc2.accountId}/evaluations`)).status).toBe(401);
  });

  it('commendations: the grade-A accounts of a published cycle', async () => {
    for (const who of [officer, approver]) {
      const res = await get(`/api/evaluation-cycles/${cycle2026}/commendations`, who.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: 2026, total: 1, items: [{ accountId: acc3.accountId, filingNo: acc3.filingNo, name: '梦想驿站', grade: 'A', gradeLabel: '优秀', total: 91 }], rule: { grade: 'A', citation: '§04.5' } });
    }
    expect((await get(`/api/evaluation-cycles/${cycle2026}/commendations`, E[0].token)).status).toBe(403);
  });

  it('2025, published later: six marks per account are trimmed, the far-off evaluator is flagged, later grades stay', async () => {
    // 梦想驿站's account leaves the registry: every remaining account can take all six evaluators.
    expect((await post(`/api/accounts/${acc3.accountId}/deregister`, acc3.operator.token, {})).status).toBe(200);
    const created = await post('/api/evaluation-cycles', officer.token, { year: 2025 });
    cycle2025 = created.body.id;
    await post(`/api/evaluation-cycles/${cycle2025}/open`, officer.token);
    const assigned = await post(`/api/evaluation-cycles/${cycle2025}/assignments`, officer.token, { evaluatorsPerAccount: 6 });
    expect(assigned.status).toBe(201);
    expect(assigned.body.assigned).toMatchObject({ accounts: 5, assignments: 30, evaluatorsPerAccount: 6 });

    // E6 gives 40 on D5 everywhere, everyone else 80 on everything.
    const p = await panels(cycle2025, E);
    const twice = p.get(acc1.accountId)![0];
    expect(twice.person).not.toBe(E[5]);
    for (const panel of p.values()) {
      expect(panel).toHaveLength(6);
      for (const x of panel) if (x !== twice) await score(x.person, x.assignmentId, x.person === E[5] ? m(80, 80, 80, 80, 40) : m(80));
    }
    // An evaluator sends the same first form twice at once: one score (created, then replaced), no error.
    const both = await Promise.all([1, 2].map(() => post(`/api/evaluation-assignments/${twice.assignmentId}/scores`, twice.person.token, m(80))));
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect((await get(`/api/evaluation-assignments/${twice.assignmentId}`, twice.person.token)).body).toMatchObject({ status: 'scored', score: { ...m(80), revision: 2 } });

    // Two officers close at once: one computes, the other is told it is closed.
    const closes = await Promise.all([officer, officer2].map((o) => post(`/api/evaluation-cycles/${cycle2025}/close`, o.token)));
    expect(closes.map((r) => r.status).sort()).toEqual([200, 409]);
    const closed = closes.find((r) => r.status === 200)!;
    expect(closed.body.counts.results).toBe(5);
    const results = (await get(`/api/evaluation-cycles/${cycle2025}/results`, officer.token)).body.items as Record<string, unknown>[];
    // D5: 40 80 80 80 80 80 → without 40 and one 80 → 80. Default weights → 80.00; acc1's violation
    // of 2025-06-01 → 75.00. The 2026 violations, interviews and listing do not count for 2025.
    for (const r of results) {
      expect(r).toMatchObject({ scoreCount: 6, dimensions: m(80), weighted: 80, interviews: 0, blacklisted: false, grade: 'B' });
      expect(r.total).toBe(r.accountId === acc1.accountId ? 75 : 80);
    }
    expect((results[0].computation as { dimensions: { trimmed: boolean; method: string }[] }).dimensions[4]).toMatchObject({ trimmed: true, method: '6个评分去掉一个最高分和一个最低分后取平均' });

    // D5 account mean (5×80 + 40)/6 = 73.33: E6 −33.33, the others +6.67; μ 0, σ = √((5×6.67² + 33.33²)/6) = 14.91
    // → z(E6) = −33.33/14.91 = −2.24: flagged; nobody on D1-D4 (σ = 0).
    const flags = await get(`/api/evaluation-cycles/${cycle2025}/flags`, officer.token);
    expect(flags.body.items).toEqual([
      expect.objectContaining({ evaluatorId: E[5].id, evaluatorName: '评议员6', evaluatorOrganization: EXPERTS, dimension: 'D5', dimensionLabel: '配合网信部门工作', deviation: -33.33, zScore: -2.24, accounts: 5, direction: '偏低' }),
    ]);
    expect((await get(`/api/evaluation-cycles/${cycle2025}`, officer.token)).body.counts.flags).toBe(1);

    const published = await post(`/api/evaluation-cycles/${cycle2025}/publish`, approver.token);
    expect(published.status).toBe(200);
    // Every account already has its 2026 grade: the older year does not overwrite it.
    expect(published.body.published).toEqual({ gradesSet: 0, laterGradesKept: 5 });
    expect((await get(`/api/accounts/${acc1.accountId}`, officer.token)).body).toMatchObject({ grade: 'B', gradeYear: 2026 });
    expect((await get(`/api/accounts/${acc4.accountId}`, officer.token)).body).toMatchObject({ grade: 'C', gradeYear: 2026 });
    const history = await get(`/api/accounts/${acc1.accountId}/evaluations`, acc1.operator.token);
    expect(history.body.items.map((x: { year: number; total: number }) => [x.year, x.total])).toEqual([
      [2026, 82],
      [2025, 75],
    ]);
    expect((await get('/api/public/evaluations/2025')).body).toHaveLength(5);
    expect((await get(`/api/accounts/${acc6.accountId}`, officer.token)).body).toMatchObject({ grade: 'D', gradeYear: 2026 });
    const list = await get('/api/evaluation-cycles', approver.token);
    expect(list.body.items.map((c: { year: number; status: string }) => [c.year, c.status])).toEqual([
      [2026, 'published'],
      [2025, 'published'],
      [2024, 'open'],
    ]);
  });
});
