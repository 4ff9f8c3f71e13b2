import { expect } from '@jest/globals';
import { bearer, type TestApp } from '../helpers/test-app.js';
import { makeCreditCode, makeIdNumber } from './identifiers.js';

let serial = 0;
const next = () => (serial += 1);

/** A valid POST /api/subjects body for an organisation in Yuhang. */
export function organizationBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  const n = next();
  return {
    kind: 'organization',
    name: `杭州余杭测试传媒有限公司${n}`,
    creditCode: makeCreditCode(),
    regionCode: '330110',
    registeredAddress: '浙江省杭州市余杭区文一西路969号',
    operatingAddress: '浙江省杭州市余杭区五常街道',
    businessScope: '文化艺术交流活动策划；广告设计、制作',
    contactName: '王经理',
    contactPhone: '13812345678',
    ...over,
  };
}

/** A valid POST /api/subjects body for an individual in Yuhang. */
export function individualBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'individual',
    name: '张小明',
    idNumber: makeIdNumber(),
    regionCode: '330110',
    registeredAddress: '浙江省杭州市余杭区良渚街道',
    operatingAddress: '浙江省杭州市余杭区良渚街道',
    contactName: '张小明',
    contactPhone: '13987654321',
    ...over,
  };
}

/** A valid POST /api/accounts body (a category that needs no qualification). */
export function accountBody(subjectId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const n = next();
  return {
    subjectId,
    platform: 'wechat',
    platformAccountId: `gh_test_${Date.now().toString(36)}_${n}`,
    name: `余杭生活圈${n}`,
    url: 'https://mp.weixin.qq.com/s/example',
    category: 'lifestyle',
    followers: 1200,
    ...over,
  };
}

/** Registers a subject as the operator and returns the answer's body. */
export async function createSubject(t: TestApp, operatorToken: string, body: Record<string, unknown> = organizationBody()) {
  const res = await t.http.post('/api/subjects').set(bearer(operatorToken)).send(body);
  expect(res.status).toBe(201);
  return res.body as { id: string; [k: string]: unknown };
}

/** Registers an account (pending) as the operator and returns the answer's body. */
export async function createAccount(t: TestApp, operatorToken: string, subjectId: string, over: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/accounts').set(bearer(operatorToken)).send(accountBody(subjectId, over));
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string; [k: string]: unknown };
}

/** An officer's decision; returns the answer. */
export function review(t: TestApp, officerToken: string, accountId: string, decision: 'approve' | 'reject', reason?: string) {
  return t.http
    .post(`/api/accounts/${accountId}/review`)
    .set(bearer(officerToken))
    .send(reason === undefined ? { decision } : { decision, reason });
}

/** A subject and a filed account of the operator: what most features start from. */
export async function createFiledAccount(t: TestApp, operatorToken: string, officerToken: string, over: Record<string, unknown> = {}, subjectId?: string) {
  const sid = subjectId ?? (await createSubject(t, operatorToken)).id;
  const account = await createAccount(t, operatorToken, sid, over);
  const res = await review(t, officerToken, account.id, 'approve');
  expect(res.status).toBe(200);
  return res.body as { id: string; filingNo: string; subjectId: string; name: string; platform: string; platformAccountId: string; [k: string]: unknown };
}

/** What `filedAccount` makes: a new operator, its subject and a filed account. */
export interface FiledAccount {
  accountId: string;
  filingNo: string;
  subjectId: string;
  name: string;
  platform: string;
  platformAccountId: string;
  operator: { id: string; token: string; username: string };
}

/**
 * An operator (a new one unless given) with an organisation and one filed account, approved by the
 * officer through the API: the usual starting point of the reports, violations, interviews and
 * evaluation tests. Other options override fields of the account body (name, platform, category...).
 */
export async function filedAccount(
  t: TestApp,
  officerToken: string,
  opts: { name?: string; operator?: FiledAccount['operator']; [field: string]: unknown } = {},
): Promise<FiledAccount> {
  const { operator: given, ...over } = opts;
  const operator = given ?? (await t.user('operator'));
  const a = await createFiledAccount(t, operator.token, officerToken, over);
  return {
    accountId: a.id,
    filingNo: a.filingNo,
    subjectId: a.subjectId,
    name: a.name,
    platform: a.platform,
    platformAccountId: a.platformAccountId,
    operator,
  };
}
