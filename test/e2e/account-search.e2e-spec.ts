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

  it('follows the listing: pending and rejected accounts never show, a deregistered one leaves, newest filing first', async () => {
    const pending = await createAccount(t, op.token, subjectId, { name: '列示待审核账号' });
    const rejected = await createAccount(t, op.token, subjectId, { name: '列示被驳回账号' });
    expect((await review(t, officer.token, rejected.id, 'reject', '名称不规范')).status).toBe(200);
    const older = await createFiledAccount(t, op.token, officer.token, { name: '列示较早备案' }, subjectId);
    const newer = await createFiledAccount(t, op.token, officer.token, { name: '列示较晚备案' }, subjectId);
    // Two characters (the index alone) and three (index + LIKE) agree, in the public order.
    for (const q of ['列示', '列示较']) {
      const found = await search(q);
      expect(found.items.map((i) => i.filingNo)).toEqual([newer.filingNo, older.filingNo]);
      expect(found.total).toBe(2);
    }
    expect(await names('待审核')).toEqual([]);
    expect(await names('被驳回')).toEqual([]);
    expect(pending.id).toBeTruthy();

    const gone = await t.http.post(`/api/accounts/${newer.id}/deregister`).set(bearer(op.token)).send({ reason: '不再运营' });
    expect(gone.status).toBe(200);
    expect((await search('列示')).items.map((i) => i.filingNo)).toEqual([older.filingNo]);
    expect((await search('较晚备案')).total).toBe(0);
    const rows = await t.app.get(DataSource).getRepository(AccountNameGram).find({ where: { accountId: newer.id } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => !r.listed && r.filingNo === newer.filingNo)).toBe(true);
  });

  it('keys the index by account, then gram (a search counts and pages from its one secondary index)', async () => {
    const ds = t.app.get(DataSource);
    const key =
      ds.options.type === 'better-sqlite3'
        ? ((await ds.query(`SELECT name FROM pragma_table_info('account_name_gram') WHERE pk > 0 ORDER BY pk`)) as { name: string }[]).map((r) => r.name)
        : ((await ds.query(`SELECT COLUMN_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'account_name_gram' AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX`)) as { name: string }[]).map((r) => r.name);
    expect(key).toEqual(['accountId', 'gram']);
  });

  it('remembers a query’s total until this process changes the index (a write made behind its back shows only after one)', async () => {
    const first = await createFiledAccount(t, op.token, officer.token, { name: '记忆测试甲号' }, subjectId);
    await createFiledAccount(t, op.token, officer.token, { name: '记忆测试乙号' }, subjectId);
    expect((await search('记忆测试')).total).toBe(2);
    // Behind the app's back (no subscriber): the remembered total stands.
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE account_name_gram SET listed = 0 WHERE accountId = ?`, [first.id]);
    expect((await search('记忆测试')).total).toBe(2);
    // Any change through the app ends what was remembered: the next search counts again.
    await createFiledAccount(t, op.token, officer.token, { name: '无关的新账号' }, subjectId);
    const fresh = await search('记忆测试');
    expect(fresh.total).toBe(1);
    expect(fresh.items.map((i) => i.name)).toEqual(['记忆测试乙号']);
  });
});
