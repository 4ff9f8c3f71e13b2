import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AccountNameGram } from '../../src/database/search/account-name-gram.entity.js';
import { nameGrams } from '../../src/database/search/name-grams.js';
import { createAccount, createFiledAccount, createSubject, organizationBody, review } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * GET /api/public/accounts?q= through the bigram index (src/database/search): exact substring
 * results, Chinese included, on both dialects; the index follows creation and renaming.
 */
describe('public account search (name index)', () => {
  let t: TestApp;
  let op: { token: string };
  let officer: { token: string };
  let subjectId: string;
  const filed = new Map<string, string>();

  const search = async (q: string, extra = '') => {
    const res = await t.http.get(`/api/public/accounts?pageSize=100&q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: { filingNo: string; name: string }[] };
  };
  const names = async (q: string) => (await search(q)).items.map((i) => i.name).sort();

  beforeAll(async () => {
    t = await bootTestApp();
    op = await t.user('operator');
    officer = await t.user('officer');
    subjectId = (await createSubject(t, op.token, organizationBody({ name: '杭州搜索测试传媒有限公司' }))).id;
    for (const name of ['检索未来科技城融媒体', '检索技城科技快讯', '检索百分%之百', '检索下划_线号', '检索感叹!号', '检索ABC新闻', '检索😀😁😂开心号', '检索良渚文化']) {
      filed.set(name, (await createFiledAccount(t, op.token, officer.token, { name }, subjectId)).filingNo);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds any part of a Chinese name, and only true substrings', async () => {
    expect(await names('科技城融')).toEqual(['检索未来科技城融媒体']);
    expect(await names('城融媒体')).toEqual(['检索未来科技城融媒体']);
    // '检索技城科技快讯' holds the bigrams 科技 and 技城 but not the substring 科技城.
    expect(await names('科技城')).toEqual(['检索未来科技城融媒体']);
    expect(await names('科技')).toEqual(['检索技城科技快讯', '检索未来科技城融媒体']);
    // Every bigram of '科技融媒' but one is present somewhere: no match.
    expect(await names('科技融媒')).toEqual([]);
    const all = await search('检索');
    expect(all.total).toBe(filed.size);
    expect(all.items.map((i) => i.filingNo).sort()).toEqual([...filed.values()].sort());
  });

  it('answers two-character and one-character queries', async () => {
    expect(await names('良渚')).toEqual(['检索良渚文化']);
    expect(await names('渚')).toEqual(['检索良渚文化']);
    expect(await names('渚文')).toEqual(['检索良渚文化']);
    expect(await names('文渚')).toEqual([]);
  });

  it('takes LIKE wildcards and the escape character literally', async () => {
    expect(await names('%之')).toEqual(['检索百分%之百']);
    expect(await names('%')).toEqual(['检索百分%之百']);
    expect(await names('_')).toEqual(['检索下划_线号']);
    expect(await names('划_线')).toEqual(['检索下划_线号']);
    expect(await names('检索_')).toEqual([]);
    expect(await names('叹!号')).toEqual(['检索感叹!号']);
    expect(await names('!')).toEqual(['检索感叹!号']);
    expect(await names('百%')).toEqual([]);
  });

  it('matches Latin letters in any case, and names with characters outside the BMP', async () => {
    expect(await names('abc新')).toEqual(['检索ABC新闻']);
    expect(await names('BC新闻')).toEqual(['检索ABC新闻']);
    expect(await names('😁😂开')).toEqual(['检索😀😁😂开心号']);
  });

  it('keeps the platform filter and the paging with the index', async () => {
    const page = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('检索')}&pageSize=3&page=3`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: filed.size, page: 3, pageSize: 3 });
    expect(page.body.items).toHaveLength(filed.size - 6);
    expect((await search('检索', '&platform=weibo')).total).toBe(0);
  });

  it('follows a renamed account: the new name is found, the old one no longer', async () => {
    const account = await createAccount(t, op.token, subjectId, { name: '改名前的旧称号' });
    expect((await review(t, officer.token, account.id, 'reject', '名称不规范')).status).toBe(200);
    const resubmitted = await t.http.post(`/api/accounts/${account.id}/resubmit`).set(bearer(op.token)).send({ name: '改名后的新称号' });
    expect(resubmitted.status).toBe(200);
    const approved = await review(t, officer.token, account.id, 'approve');
    expect(approved.status).toBe(200);
    expect(await names('旧称')).toEqual([]);
    expect(await names('新称号')).toEqual(['改名后的新称号']);
    // The index holds exactly the new name's grams.
    const rows = await t.app.get(DataSource).getRepository(AccountNameGram).find({ where: { accountId: account.id } });
    expect(rows.map((r) => Number(r.gram)).sort()).toEqual(nameGrams('改名后的新称号').sort());
  });
});
