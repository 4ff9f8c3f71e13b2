import { bearer, type TestApp } from '../helpers/test-app.js';
import { makeCreditCode, makeMobile } from './identifiers.js';

let seq = 0;

export interface FiledAccount {
  accountId: string;
  filingNo: string;
  subjectId: string;
  operator: { id: string; token: string; username: string };
  platform: string;
  platformAccountId: string;
  name: string;
}

/** An operator with an organisation subject and one account, approved by the officer: through the API. */
export async function filedAccount(t: TestApp, officerToken: string, opts: { name?: string; operator?: FiledAccount['operator'] } = {}): Promise<FiledAccount> {
  seq += 1;
  const operator = opts.operator ?? (await t.user('operator'));
  const subject = await t.http
    .post('/api/subjects')
    .set(bearer(operator.token))
    .send({
      kind: 'organization',
      name: `杭州余杭测试传媒有限公司${seq}`,
      creditCode: makeCreditCode(),
      regionCode: '330110',
      registeredAddress: '杭州市余杭区文一西路1号',
      operatingAddress: '杭州市余杭区文一西路1号',
      businessScope: '文化传媒',
      contactName: '王小明',
      contactPhone: makeMobile(),
    });
  if (subject.status !== 201) throw new Error(`subject: ${subject.status} ${JSON.stringify(subject.body)}`);
  const platformAccountId = `yh_test_${seq}_${Math.random().toString(36).slice(2, 8)}`;
  const name = opts.name ?? `余杭生活圈${seq}`;
  const account = await t.http
    .post('/api/accounts')
    .set(bearer(operator.token))
    .send({ subjectId: subject.body.id, platform: 'wechat', platformAccountId, name, category: 'lifestyle', followers: 1000 });
  if (account.status !== 201) throw new Error(`account: ${account.status} ${JSON.stringify(account.body)}`);
  const review = await t.http.post(`/api/accounts/${account.body.id}/review`).set(bearer(officerToken)).send({ decision: 'approve' });
  if (review.status !== 200) throw new Error(`review: ${review.status} ${JSON.stringify(review.body)}`);
  return { accountId: account.body.id, filingNo: review.body.filingNo, subjectId: subject.body.id, operator, platform: 'wechat', platformAccountId, name };
}
