import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { runDraw } from '../../src/modules/inspections/inspection-draw.js';
import { Inspection, InspectionDraw } from '../../src/modules/inspections/inspection.entity.js';
import { MediaAccount } from '../../src/modules/registry/account.entity.js';
import { User } from '../../src/modules/users/user.entity.js';
import { Violation } from '../../src/modules/violations/violation.entity.js';
import { createAccount, createFiledAccount, createSubject } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { summaryOf, Visitor } from '../helpers/visitor.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
type Person = { id: string; token: string; username: string };

interface DrawBody {
  id: string;
  drawNo: string;
  algorithm: string;
  seed: string;
  seedGenerated: boolean;
  parameters: { share: number; shareBasisPoints: number; weights: Record<string, number>; officersPerInspection: number };
  populationSize: number;
  sampleSize: number;
  populationHash: string;
  officerPoolSize: number;
  officerPoolHash: string;
  population: { position: number; accountId: string; filingNo: string; grade: 'A' | 'B' | 'C' | 'D' | null }[];
  officerIds: string[];
  inspections: { id: string; drawOrder: number; accountId: string; filingNo: string; officerIds: [string, string]; status: string; violationId: string | null }[];
}

describe('inspection draws (双随机一公开, seed 000)', () => {
  let t: TestApp;
  let db: DataSource;
  let officers: Person[];
  let approver: Person;
  let operator: Person;
  let evaluator: Person;
  let auditor: Person;
  let sysadmin: string;
  let disabledOfficer: Person;
  /** Filed accounts by grade, in creation order. */
  const filed: { id: string; filingNo: string; grade: 'A' | 'B' | 'C' | 'D' | null }[] = [];
  let pendingId: string;
  let closedId: string;

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const post = (path: string, token: string | undefined, body: unknown = {}) =>
    token ? t.http.post(path).set(bearer(token)).send(body as object) : t.http.post(path).send(body as object);
  const draw = (body: unknown, token = officers[0].token) => post('/api/inspections/draws', token, body);
  const expect400 = (res: { status: number; body: { code: string; details: { field: string; code: string }[] } }, field: string, code?: string) => {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining(code ? { field, code } : { field })]));
  };

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    officers = [await t.user('officer'), await t.user('officer'), await t.user('officer')];
    approver = await t.user('approver');
    operator = await t.user('operator');
    evaluator = await t.user('evaluator', { organization: '余杭区网络文化协会' });
    auditor = await t.user('auditor');
    sysadmin = await t.adminToken();
    disabledOfficer = await t.user('officer');
    expect((await t.http.patch(`/api/users/${disabledOfficer.id}`).set(bearer(sysadmin)).send({ status: 'disabled' })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to draw when no account is filed (409)', async () => {
    const res = await draw({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect(res.body.message).toContain('没有可抽查');
    expect(await db.getRepository(InspectionDraw).count()).toBe(0);
  });

  describe('with filed accounts', () => {
    beforeAll(async () => {
      const subject = await createSubject(t, operator.token);
      const grades = ['A', 'B', 'C', 'D', null, 'C', 'D', 'D', 'A', null, 'C', 'B', 'D'] as const;
      for (const grade of grades) {
        const a = await createFiledAccount(t, operator.token, officers[0].token, {}, subject.id);
        if (grade) await db.getRepository(MediaAccount).update(a.id, { grade, gradeYear: 2025 });
        filed.push({ id: a.id, filingNo: a.filingNo, grade });
      }
      pendingId = (await createAccount(t, operator.token, subject.id)).id;
      const closed = await createFiledAccount(t, operator.token, officers[0].token, {}, subject.id);
      await db.getRepository(MediaAccount).update(closed.id, { status: 'closed' });
      closedId = closed.id;
    });

    let first: DrawBody;

    it('draws ⌈share × N⌉ accounts with two distinct active officers each, and records everything needed to run it again', async () => {
      const res = await draw({ seed: '2026-11-23 福彩3D 518', share: 0.5 });
      expect(res.status).toBe(201);
      first = res.body as DrawBody;
      expect(first.drawNo).toMatch(new RegExp(`^YH-WXCC-${beijingDate().slice(0, 4)}-0001$`));
      expect(first).toMatchObject({
        algorithm: 'yh-inspection-draw/v1',
        seed: '2026-11-23 福彩3D 518',
        seedGenerated: false,
        parameters: { share: 0.5, shareBasisPoints: 5000, weights: { A: 1, B: 1, C: 2, D: 3, ungraded: 1 }, officersPerInspection: 2 },
        populationSize: 13,
        sampleSize: 7,
        officerPoolSize: 3,
      });
      // The population: filed accounts only (not pending, not closed), in filing-number order, with their grades.
      const sorted = [...filed].sort((a, b) => (a.filingNo < b.filingNo ? -1 : 1));
      expect(first.population).toEqual(sorted.map((a, position) => ({ position, accountId: a.id, filingNo: a.filingNo, grade: a.grade })));
      expect(first.population.map((p) => p.accountId)).not.toContain(pendingId);
      expect(first.population.map((p) => p.accountId)).not.toContain(closedId);
      // The officer pool: active officers sorted by id (the disabled one left out).
      expect(first.officerIds).toEqual(officers.map((o) => o.id).sort());
      expect(first.officerIds).not.toContain(disabledOfficer.id);
      expect(first.officerPoolHash).toBe(createHash('sha256').update(first.officerIds.join('\n')).digest('hex'));
      expect(first.populationHash).toBe(createHash('sha256').update(first.population.map((p) => `${p.filingNo}:${p.grade ?? '-'}`).join('\n')).digest('hex'));
      // Each inspection: planned, two distinct officers of the pool, distinct accounts.
      expect(first.inspections).toHaveLength(7);
      expect(new Set(first.inspections.map((i) => i.accountId)).size).toBe(7);
      for (const i of first.inspections) {
        expect(i.status).toBe('planned');
        expect(i.officerIds[0]).not.toBe(i.officerIds[1]);
        for (const o of i.officerIds) expect(first.officerIds).toContain(o);
      }
      const rows = await db.getRepository(Inspection).find({ where: { drawId: first.id } });
      expect(rows).toHaveLength(7);
    });

    it('is reproduced exactly by the pure function from what GET /api/inspections/draws/:id shows', async () => {
      const res = await get(`/api/inspections/draws/${first.id}`, officers[1].token);
      expect(res.status).toBe(200);
      const d = res.body as DrawBody;
      const again = runDraw({
        seed: d.seed,
        accounts: d.population.map((p) => ({ id: p.accountId, grade: p.grade })),
        officers: d.officerIds,
        shareBasisPoints: d.parameters.shareBasisPoints,
        weights: d.parameters.weights as never,
      });
      expect(again.sampleSize).toBe(d.sampleSize);
      expect(again.picks.map((p) => ({ drawOrder: p.order, accountId: p.id, officerIds: p.officerIds }))).toEqual(
        d.inspections.map((i) => ({ drawOrder: i.drawOrder, accountId: i.accountId, officerIds: i.officerIds })),
      );
    });

    it('is published (公开) without personal data, and anyone can re-run it from the public page alone', async () => {
      const res = await get(`/api/public/inspections/draws/${first.id}`);
      expect(res.status).toBe(200);
      const pub = res.body as { seed: string; parameters: DrawBody['parameters']; population: { filingNo: string; grade: DrawBody['population'][number]['grade'] }[]; officerPoolSize: number; populationHash: string; drawn: { order: number; filingNo: string; status: string; violationFound: boolean }[] };
      expect(pub).toMatchObject({ drawNo: first.drawNo, seed: first.seed, populationSize: 13, sampleSize: 7, officerPoolSize: 3, populationHash: first.populationHash });
      const text = JSON.stringify(pub);
      for (const secret of [...officers.map((o) => o.id), ...filed.map((a) => a.id)]) expect(text).not.toContain(secret);
      expect(pub).not.toHaveProperty('officerIds');
      // Re-run with filing numbers for ids and placeholders for the officers (only their number matters to the accounts drawn).
      const again = runDraw({
        seed: pub.seed,
        accounts: pub.population.map((p) => ({ id: p.filingNo, grade: p.grade })),
        officers: Array.from({ length: pub.officerPoolSize }, (_, i) => `officer-${i}`),
        shareBasisPoints: pub.parameters.shareBasisPoints,
        weights: pub.parameters.weights as never,
      });
      expect(again.picks.map((p) => p.id)).toEqual(pub.drawn.map((d) => d.filingNo));
      expect(pub.drawn.map((d) => d.filingNo)).toEqual(first.inspections.map((i) => i.filingNo));
      expect(createHash('sha256').update(pub.population.map((p) => `${p.filingNo}:${p.grade ?? '-'}`).join('\n')).digest('hex')).toBe(pub.populationHash);

      const list = await get('/api/public/inspections/draws');
      expect(list.status).toBe(200);
      expect(list.body.items[0]).toMatchObject({ id: first.id, drawNo: first.drawNo, seed: first.seed, share: 0.5, populationSize: 13, sampleSize: 7, done: 0 });
      expect400(await get('/api/public/inspections/draws?pageSize=500'), 'pageSize', 'max');
      expect400(await get('/api/public/inspections/draws?seed=x'), 'seed', 'unknown_field');
      expect((await get(`/api/public/inspections/draws/${UNKNOWN_ID}`)).status).toBe(404);
      expect((await get('/api/public/inspections/draws/not-a-uuid')).status).toBe(404);
    });

    it('the same seed on the same population draws the same; another seed draws differently', async () => {
      const same = await draw({ seed: '2026-11-23 福彩3D 518' }, officers[2].token);
      expect(same.status).toBe(201);
      expect(same.body.drawNo).not.toBe(first.drawNo);
      expect(same.body.inspections.map((i: DrawBody['inspections'][number]) => [i.accountId, ...i.officerIds])).toEqual(first.inspections.map((i) => [i.accountId, ...i.officerIds]));
      const other = await draw({ seed: '2026-11-24 福彩3D 007' });
      expect(other.status).toBe(201);
      expect(other.body.inspections.map((i: DrawBody['inspections'][number]) => i.accountId)).not.toEqual(first.inspections.map((i) => i.accountId));
    });

    it('generates, stores and publishes a seed when none is given; honours share and weights', async () => {
      const res = await draw({ share: 0.75, weighting: { D: 10, ungraded: 2 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ seedGenerated: true, sampleSize: 10, parameters: { share: 0.75, shareBasisPoints: 7500, weights: { A: 1, B: 1, C: 2, D: 10, ungraded: 2 } } });
      expect(res.body.seed).toMatch(/^[0-9a-f]{32}$/);
      const all = await draw({ share: 1 });
      expect(all.body.sampleSize).toBe(13);
      expect(new Set(all.body.inspections.map((i: { accountId: string }) => i.accountId))).toEqual(new Set(filed.map((a) => a.id)));
      const odd = await draw({ share: 0.5385 });
      expect(odd.body.sampleSize).toBe(Math.ceil(0.5385 * 13));
    });

    it('refuses bad input with 400 and the field', async () => {
      const before = await db.getRepository(InspectionDraw).count();
      expect400(await draw({ share: 0.4 }), 'share', 'min');
      expect((await draw({ share: 0.4 })).body.details[0].message).toContain('50%');
      expect400(await draw({ share: 1.5 }), 'share', 'max');
      expect400(await draw({ share: '0.5' }), 'share', 'isNumber');
      expect400(await draw({ share: 0.51234 }), 'share', 'isNumber');
      expect400(await draw({ share: null, seed: '' }), 'seed', 'isNotEmpty');
      expect400(await draw({ seed: ' leading' }), 'seed', 'matches');
      expect400(await draw({ seed: 'a\u0000b' }), 'seed', 'matches');
      expect400(await draw({ seed: 'x'.repeat(129) }), 'seed', 'maxLength');
      expect400(await draw({ seed: 42 }), 'seed', 'isString');
      expect400(await draw({ weighting: { E: 1 } }), 'weighting.E', 'unknown_field');
      expect400(await draw({ weighting: { C: 0 } }), 'weighting.C', 'min');
      expect400(await draw({ weighting: { D: 1.5 } }), 'weighting.D', 'isInt');
      expect400(await draw({ weighting: { A: '2' } }), 'weighting.A', 'isInt');
      expect400(await draw({ weighting: { B: 1001 } }), 'weighting.B', 'max');
      expect400(await draw({ weighting: 'heavy' }), 'weighting', 'isObject');
      expect400(await draw({ weighting: [1, 2] }), 'weighting', 'isObject');
      expect400(await draw({ officers: 3 }), 'officers', 'unknown_field');
      expect(await db.getRepository(InspectionDraw).count()).toBe(before);
    });

    it('needs at least two active officers (409)', async () => {
      const others = officers.slice(1).map((o) => o.id);
      await db.getRepository(User).update({ id: In(others) }, { status: 'disabled' });
      try {
        const res = await draw({});
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CONFLICT');
        expect(res.body.message).toContain('不足2名');
      } finally {
        await db.getRepository(User).update({ id: In(others) }, { status: 'active' });
      }
    });

    it('only officers draw and read draws; the public reads the published part only', async () => {
      for (const token of [approver.token, operator.token, evaluator.token, auditor.token, sysadmin]) {
        for (const res of [await draw({}, token), await get('/api/inspections/draws', token), await get(`/api/inspections/draws/${first.id}`, token), await get('/api/inspections', token)]) {
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
      }
      for (const res of [await post('/api/inspections/draws', undefined, {}), await get('/api/inspections/draws'), await get(`/api/inspections/draws/${first.id}`), await get('/api/inspections')]) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      expect((await get(`/api/inspections/draws/${UNKNOWN_ID}`, officers[0].token)).body.code).toBe('NOT_FOUND');
      expect((await get('/api/inspections/draws/123', officers[0].token)).status).toBe(404);
      const list = await get('/api/inspections/draws?pageSize=2', officers[1].token);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 6, page: 1, pageSize: 2 });
      expect(list.body.items[0]).not.toHaveProperty('population');
      expect400(await get('/api/inspections/draws?pageSize=500', officers[0].token), 'pageSize', 'max');
    });

    describe('inspections and their results', () => {
      let mineId: string;
      let mine: DrawBody['inspections'][number];
      let outsider: Person;
      let pairOf: (i: DrawBody['inspections'][number]) => Person[];

      beforeAll(() => {
        pairOf = (i) => officers.filter((o) => i.officerIds.includes(o.id));
        mine = first.inspections[0];
        mineId = mine.id;
        outsider = officers.find((o) => !mine.officerIds.includes(o.id))!;
      });

      it('lists an officer their own inspections (?mine=true), filters by state and draw', async () => {
        const [a] = pairOf(mine);
        const res = await get(`/api/inspections?mine=true&drawId=${first.id}&pageSize=100`, a.token);
        expect(res.status).toBe(200);
        const expected = first.inspections.filter((i) => i.officerIds.includes(a.id)).map((i) => i.id);
        expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(expected.sort());
        expect(res.body.items[0]).toMatchObject({ status: 'planned', statusLabel: '待检查', officers: expect.any(Array) });
        expect((await get(`/api/inspections?drawId=${first.id}&pageSize=100`, outsider.token)).body.total).toBe(7);
        expect((await get(`/api/inspections?drawId=${first.id}&status=done`, a.token)).body.total).toBe(0);
        expect400(await get('/api/inspections?mine=yes', a.token), 'mine', 'isIn');
        expect400(await get('/api/inspections?status=finished', a.token), 'status', 'isIn');
        expect400(await get('/api/inspections?drawId=abc', a.token), 'drawId', 'matches');
        expect400(await get('/api/inspections?colour=red', a.token), 'colour', 'unknown_field');
        const one = await get(`/api/inspections/${mineId}`, outsider.token);
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({ id: mineId, drawNo: first.drawNo, filingNo: mine.filingNo, actions: ['recordResult'] });
        expect((await get(`/api/inspections/${UNKNOWN_ID}`, a.token)).status).toBe(404);
      });

      it('refuses bad results with 400 and changes nothing', async () => {
        const [a] = pairOf(mine);
        const path = `/api/inspections/${mineId}/result`;
        const violation = { category: 'C06', facts: '转载未经证实的消息', occurredAt: beijingDate() };
        expect400(await post(path, a.token, {}), 'findings');
        expect400(await post(path, a.token, { findings: '   ' }), 'findings', 'isNotEmpty');
        expect400(await post(path, a.token, { findings: 12 }), 'findings', 'isString');
        expect400(await post(path, a.token, { findings: 'x'.repeat(5001) }), 'findings', 'maxLength');
        expect400(await post(path, a.token, { findings: '检查', status: 'done' }), 'status', 'unknown_field');
        expect400(await post(path, a.token, { findings: '检查', violation: 'yes' }), 'violation', 'isObject');
        expect400(await post(path, a.token, { findings: '检查', violation: { ...violation, category: 'C99' } }), 'violation.category', 'isIn');
        expect400(await post(path, a.token, { findings: '检查', violation: { ...violation, facts: '' } }), 'violation.facts', 'isNotEmpty');
        expect400(await post(path, a.token, { findings: '检查', violation: { ...violation, occurredAt: '2026-13-01' } }), 'violation.occurredAt', 'isIso8601');
        expect400(await post(path, a.token, { findings: '检查', violation: { ...violation, occurredAt: '2026-11-01T10:00:00Z' } }), 'violation.occurredAt', 'matches');
        expect400(await post(path, a.token, { findings: '检查', violation: { ...violation, source: 'report' } }), 'violation.source', 'unknown_field');
        // A date in the future: the service's check, inside the transaction (nothing is recorded).
        const future = beijingDate(new Date(Date.now() + 3 * 86_400_000));
        expect400(await post(path, a.token, { findings: '检查', violation: { ...violation, occurredAt: future } }), 'violation.occurredAt', 'future_date');
        expect(await db.getRepository(Violation).count({ where: { accountId: mine.accountId } })).toBe(0);
        expect((await db.getRepository(Inspection).findOneByOrFail({ id: mineId })).status).toBe('planned');
      });

      it('only one of its two officers records the result (others 403, unknown 404)', async () => {
        const body = { findings: '检查了近三个月发布的内容' };
        const res = await post(`/api/inspections/${mineId}/result`, outsider.token, body);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
        for (const token of [approver.token, operator.token, evaluator.token, auditor.token, sysadmin]) {
          expect((await post(`/api/inspections/${mineId}/result`, token, body)).status).toBe(403);
        }
        expect((await post(`/api/inspections/${mineId}/result`, undefined, body)).status).toBe(401);
        expect((await post(`/api/inspections/${UNKNOWN_ID}/result`, officers[0].token, body)).status).toBe(404);
        expect((await post('/api/inspections/nope/result', officers[0].token, body)).status).toBe(404);
      });

      it('records the findings and the violation found (source: inspection), once', async () => {
        const [, b] = pairOf(mine);
        const occurredAt = beijingDate(new Date(Date.now() - 2 * 86_400_000));
        const res = await post(`/api/inspections/${mineId}/result`, b.token, {
          findings: '  检查了近三个月发布的内容，发现转载未经证实的消息。  ',
          violation: { category: 'C06', facts: '转载未经证实的“封控”消息', occurredAt },
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'done', statusLabel: '已检查', findings: '检查了近三个月发布的内容，发现转载未经证实的消息。', doneBy: b.id, actions: [] });
        const violationId = res.body.violationId as string;
        const v = await get(`/api/accounts/${mine.accountId}/violations`, officers[0].token);
        expect(v.body.items).toEqual([expect.objectContaining({ id: violationId, category: 'C06', source: 'inspection', occurredAt, facts: '转载未经证实的“封控”消息' })]);

        const again = await post(`/api/inspections/${mineId}/result`, b.token, { findings: '再次登记' });
        expect(again.status).toBe(409);
        expect(again.body.code).toBe('ILLEGAL_TRANSITION');

        // Without a violation: the result alone.
        const second = first.inspections[1];
        const [c] = pairOf(second);
        const ok = await post(`/api/inspections/${second.id}/result`, c.token, { findings: '未发现问题' });
        expect(ok.status).toBe(200);
        expect(ok.body).toMatchObject({ status: 'done', violationId: null });
        expect(await db.getRepository(Violation).count({ where: { accountId: second.accountId } })).toBe(0);

        const pub = await get(`/api/public/inspections/draws/${first.id}`);
        expect(pub.body.drawn[0]).toMatchObject({ filingNo: mine.filingNo, status: 'done', violationFound: true });
        expect(pub.body.drawn[1]).toMatchObject({ filingNo: second.filingNo, status: 'done', violationFound: false });
        expect(JSON.stringify(pub.body)).not.toContain('封控');
      });

      it('audits the draw and each result', async () => {
        const draws = await get(`/api/audit?action=inspection.draw&entityId=${first.id}`, auditor.token);
        expect(draws.body.items).toEqual([
          expect.objectContaining({
            actorId: officers[0].id,
            entity: 'inspection_draw',
            after: expect.objectContaining({ drawNo: first.drawNo, seed: first.seed, populationHash: first.populationHash, sampleSize: 7, policyKey: 'inspectionMinShare' }),
          }),
        ]);
        const results = await get(`/api/audit?action=inspection.result&entityId=${mineId}`, auditor.token);
        expect(results.body.items).toEqual([expect.objectContaining({ before: expect.objectContaining({ status: 'planned' }), after: expect.objectContaining({ status: 'done' }) })]);
        const violations = await get(`/api/audit?action=violation.record`, auditor.token);
        expect(violations.body.items[0].after).toMatchObject({ accountId: mine.accountId, source: 'inspection' });
      });
    });

    describe('pages', () => {
      let officer: Visitor;

      beforeAll(async () => {
        officer = await new Visitor(t).signIn(officers[0].username);
      });

      it('the officer desk links the inspections page, which has the draw form, the draws and my inspections', async () => {
        const desk = await officer.get('/officer');
        expect(desk.text).toContain('<a href="/officer/inspections">双随机抽查</a>');
        const res = await officer.get('/officer/inspections');
        expect(res.status).toBe(200);
        expect(res.text).toMatch(/<a href="\/officer\/inspections" aria-current="page">双随机抽查<\/a>/);
        expect(res.text).toContain('<h1>双随机抽查</h1>');
        expect(res.text).toContain('action="/officer/inspections/draws"');
        expect(res.text).toContain(first.drawNo);
        expect(res.text).toMatch(/id="sharePercent"[^>]*value="50"/);
        expect(res.text).toMatch(/id="weightD"[^>]*value="3"/);
      });

      it('other roles get the 403 page; anonymous visitors are sent to sign in', async () => {
        for (const p of [approver, operator, auditor]) {
          const v = await new Visitor(t).signIn(p.username);
          expect((await v.get('/officer/inspections')).status).toBe(403);
          expect((await v.get(`/officer/inspections/draws/${first.id}`)).status).toBe(403);
        }
        const anon = await new Visitor(t).get('/officer/inspections');
        expect(anon.status).toBe(303);
        expect(anon.headers.location).toBe('/login?next=%2Fofficer%2Finspections');
      });

      it('a draw form with errors comes back with the summary and what was typed', async () => {
        const low = await officer.post('/officer/inspections/draws', { sharePercent: '40', seed: '我的种子', weightC: '2' });
        expect(low.status).toBe(400);
        expect(summaryOf(low.text)).toEqual([['#sharePercent', expect.stringContaining('不得低于50%')]]);
        expect(low.text).toMatch(/id="seed"[^>]*value="我的种子"/);
        const bad = await officer.post('/officer/inspections/draws', { sharePercent: 'half', weightD: '0', extra: 'x' });
        expect(bad.status).toBe(400);
        expect(summaryOf(bad.text).map((e) => e[0])).toEqual(['#extra', '#sharePercent']);
        const weights = await officer.post('/officer/inspections/draws', { sharePercent: '60', weightD: '0', weightA: 'x' });
        expect(summaryOf(weights.text).map((e) => e[0]).sort()).toEqual(['#weightA', '#weightD']);
        const noCsrf = await officer.post('/officer/inspections/draws', { sharePercent: '60' }, { csrf: false });
        expect(noCsrf.status).toBe(403);
      });

      let pageDrawId: string;
      it('draws from the form and shows the draw with how to run it again', async () => {
        const res = await officer.post('/officer/inspections/draws', { sharePercent: '60', seed: 'page-seed', weightD: '4' });
        expect(res.status).toBe(303);
        const m = /^\/officer\/inspections\/draws\/([0-9a-f-]{36})\?done=drawn$/.exec(res.headers.location);
        expect(m).not.toBeNull();
        pageDrawId = m![1];
        const page = await officer.get(res.headers.location);
        expect(page.status).toBe(200);
        expect(page.text).toContain('已抽取');
        expect(page.text).toContain('page-seed');
        expect(page.text).toContain('60%');
        expect(page.text).toContain('D（不合格）：4');
        expect(page.text).toContain(`/api/inspections/draws/${pageDrawId}`);
        const api = await get(`/api/inspections/draws/${pageDrawId}`, officers[0].token);
        expect(api.body).toMatchObject({ seed: 'page-seed', sampleSize: 8, parameters: { shareBasisPoints: 6000, weights: { D: 4 } } });
        expect((await officer.get(`/officer/inspections/draws/${UNKNOWN_ID}`)).status).toBe(404);
      });

      it('the result form: only for the two officers, with errors kept, then the result', async () => {
        const d = (await get(`/api/inspections/draws/${pageDrawId}`, officers[0].token)).body as DrawBody;
        const target = d.inspections[0];
        const [assigned] = officers.filter((o) => target.officerIds.includes(o.id));
        const other = officers.find((o) => !target.officerIds.includes(o.id))!;
        const mineV = await new Visitor(t).signIn(assigned.username);
        const otherV = await new Visitor(t).signIn(other.username);
        const otherPage = await otherV.get(`/officer/inspections/${target.id}`);
        expect(otherPage.status).toBe(200);
        expect(otherPage.text).not.toContain(`action="/officer/inspections/${target.id}/result"`);
        expect(otherPage.text).toContain('只有本次抽中的两名检查人员');
        expect((await otherV.post(`/officer/inspections/${target.id}/result`, { findings: '检查', violationFound: 'no' })).status).toBe(403);

        const page = await mineV.get(`/officer/inspections/${target.id}`);
        expect(page.text).toContain(`action="/officer/inspections/${target.id}/result"`);
        const missing = await mineV.post(`/officer/inspections/${target.id}/result`, { findings: '', violationFound: 'yes', violationCategory: 'C06', violationFacts: '', violationOccurredAt: '昨天' });
        expect(missing.status).toBe(400);
        expect(summaryOf(missing.text).map((e) => e[0]).sort()).toEqual(['#findings', '#violationFacts', '#violationOccurredAt']);
        expect(summaryOf(missing.text).find((e) => e[0] === '#findings')![1]).toBe('请填写检查情况');
        const noChoice = await mineV.post(`/officer/inspections/${target.id}/result`, { findings: '检查' });
        expect(summaryOf(noChoice.text)).toEqual([['#violationFound', '请选择是否发现违规']]);
        const ok = await mineV.post(`/officer/inspections/${target.id}/result`, {
          findings: '检查了账号主页',
          violationFound: 'yes',
          violationCategory: 'C10',
          violationFacts: '发布低俗内容',
          violationOccurredAt: beijingDate(),
        });
        expect(ok.status).toBe(303);
        expect(ok.headers.location).toBe(`/officer/inspections/${target.id}?done=recorded`);
        const done = await mineV.get(ok.headers.location);
        expect(done.text).toContain('已登记');
        expect(done.text).toContain('发现违规，已记入');
        expect((await db.getRepository(Violation).find({ where: { accountId: target.accountId, source: 'inspection' } })).map((v) => v.category)).toContain('C10');
      });

      it('the public pages show the draws and a draw, without a login', async () => {
        const list = await t.http.get('/inspections');
        expect(list.status).toBe(200);
        expect(list.text).toContain('双随机抽查公开');
        expect(list.text).toContain(first.drawNo);
        const one = await t.http.get(`/inspections/draws/${first.id}`);
        expect(one.status).toBe(200);
        expect(one.text).toContain(first.seed);
        expect(one.text).toContain(first.inspections[0].filingNo);
        expect(one.text).toContain('发现违规');
        expect(one.text).toContain('如何重新计算这次抽取');
        expect(one.text).toContain(`/api/public/inspections/draws/${first.id}`);
        expect((await t.http.get(`/inspections/draws/${UNKNOWN_ID}`)).status).toBe(404);
      });
    });
  });
});
