import { expect } from '@jest/globals';
import { bearer, type TestApp } from '../helpers/test-app.js';
import { type FiledAccount, filedAccount } from './registry.js';

export type Person = { id: string; token: string; username: string };

/** An instant `ms` from now written as Beijing time with its offset (2026-11-30T09:30:00+08:00). */
export function beijingIso(ms = 24 * 3600_000): string {
  const d = new Date(Date.now() + ms + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/** A valid POST /api/interviews body. */
export function interviewBody(accountId: string, officerIds: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId,
    triggers: ['T3', 'T1'],
    facts: '该账号2026年11月多次转载未经证实的“封控”消息，经通知后仍未及时删除。',
    scheduledAt: beijingIso(),
    location: '余杭区文一西路1500号区网信办302会议室',
    officerIds,
    ...over,
  };
}

export function holdBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    minutes: '约谈人员通报了账号存在的问题，被约谈人表示接受并承诺整改。\n被约谈人对事实无异议。',
    problems: ['转载未经证实的信息', '未及时处置违法信息'],
    requirements: '删除相关内容并公开更正\n建立内容审核台账',
    ...over,
  };
}

/** Schedules an interview as the officer; returns the answer's body. */
export async function scheduleInterview(t: TestApp, officer: Person, accountId: string, panel: string[], over: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/interviews').set(bearer(officer.token)).send(interviewBody(accountId, panel, over));
  expect(res.status).toBe(201);
  return res.body as { id: string; noticeNo: string; status: string; [k: string]: unknown };
}

export async function holdInterview(t: TestApp, officer: Person, id: string, over: Record<string, unknown> = {}) {
  const res = await t.http.post(`/api/interviews/${id}/hold`).set(bearer(officer.token)).send(holdBody(over));
  expect(res.status).toBe(200);
  return res.body as { id: string; status: string; deadline: string; orderNo: string; [k: string]: unknown };
}

/** The office: two officers for the panel, an approver, and an association evaluator. */
export interface Office {
  officer: Person;
  officer2: Person;
  approver: Person;
  evaluator: Person;
}

export async function office(t: TestApp): Promise<Office> {
  return {
    officer: await t.user('officer'),
    officer2: await t.user('officer'),
    approver: await t.user('approver'),
    evaluator: await t.user('evaluator', { organization: '余杭区网络文化协会' }),
  };
}

/**
 * Takes a new interview of the account to its end: scheduled, held, reported, assessed by the
 * evaluator (`pass` or `fail`); or `refused`. Returns the interview id.
 */
export async function concludedInterview(t: TestApp, o: Office, account: FiledAccount, outcome: 'pass' | 'fail' | 'refused'): Promise<string> {
  const i = await scheduleInterview(t, o.officer, account.accountId, [o.officer.id, o.officer2.id]);
  if (outcome === 'refused') {
    const r = await t.http.post(`/api/interviews/${i.id}/refusal`).set(bearer(o.officer.token)).send({ note: '被约谈人无正当理由未到场' });
    expect(r.status).toBe(200);
    return i.id;
  }
  await holdInterview(t, o.officer, i.id);
  const rep = await t.http.post(`/api/interviews/${i.id}/rectifications`).set(bearer(account.operator.token)).send({ report: '已删除相关内容，建立审核台账。' });
  expect(rep.status).toBe(201);
  const a = await t.http.post(`/api/interviews/${i.id}/assessor`).set(bearer(o.officer.token)).send({ evaluatorId: o.evaluator.id });
  expect(a.status).toBe(200);
  const r = await t.http.post(`/api/interviews/${i.id}/assessment`).set(bearer(o.evaluator.token)).send({ result: outcome, comment: outcome === 'pass' ? '整改到位' : '整改不到位，问题仍存在' });
  expect(r.status).toBe(200);
  expect(r.body.status).toBe(outcome === 'pass' ? 'passed' : 'failed');
  return i.id;
}

export { filedAccount };
