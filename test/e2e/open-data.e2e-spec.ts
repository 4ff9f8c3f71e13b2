import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { maskIdNumber } from '../../src/common/crypto/mask.js';
import { BlacklistListing } from '../../src/modules/blacklist/blacklist-listing.entity.js';
import { addCalendarMonths } from '../../src/modules/blacklist/blacklist-term.js';
import { beijingDate } from '../../src/modules/calendar/deadline-calendar.js';
import { EscalationMeasure } from '../../src/modules/measures/measure.entity.js';
import { ACCOUNTS_DATASET, BLACKLIST_DATASET, CREDIT_PUBLICITY_DATASET, type DatasetDefinition } from '../../src/modules/open-data/datasets.js';
import { MediaAccount } from '../../src/modules/registry/account.entity.js';
import { CATEGORY_LABELS, PLATFORM_LABELS } from '../../src/modules/registry/registry.constants.js';
import { Subject } from '../../src/modules/registry/subject.entity.js';
import { accountWorkflow } from '../../src/modules/registry/workflow/account.workflow.js';
import { makeIdNumber } from '../factories/identifiers.js';
import { concludedInterview, type Office, office, type Person } from '../factories/interviews.js';
import { createAccount, createFiledAccount, createSubject, type FiledAccount, individualBody, organizationBody } from '../factories/registry.js';
import { csvRecords, parseCsv, unguard } from '../helpers/csv.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

type Row = Record<string, string | number | null>;
const BULK = 2345;
const DAY = 86_400_000;

/** A CSV download parsed back: the header must be the dataset's, every cell unguarded. */
function rowsOf(text: string, d: DatasetDefinition): Record<string, string>[] {
  const { header, records } = csvRecords(text);
  expect(header).toEqual(d.fields.map((f) => f.header));
  return records.map((r) => Object.fromEntries(d.fields.map((f) => [f.key, unguard(r[f.header])])));
}

/** JSON values as the CSV writes them (null → empty, numbers as text). */
const asCells = (items: Row[]) => items.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v === null ? '' : String(v)])));

describe('open data and the credit publicity export', () => {
  let t: TestApp;
  let db: DataSource;
  let o: Office;
  let auditor: Person;
  let sysadmin: string;
  let orgOperator: Person;
  let org: { id: string; name: string; creditCode: string };
  let orgAcc: FiledAccount;
  let indAcc: FiledAccount;
  const ID_NUMBER = makeIdNumber();
  let pendingId: string;
  let listingId: string;
  let restrictOrg: { id: string; decisionNo: string };
  let restrictInd: { id: string; decisionNo: string };
  let liftInd: { id: string; decisionNo: string };

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));
  const post = (path: string, token: string, body: Record<string, unknown> = {}) => t.http.post(path).set(bearer(token)).send(body);
  const today = () => beijingDate();
  async function enact(a: FiledAccount, kind: string) {
    const p = await post('/api/measures', o.officer.token, { accountId: a.accountId, kind, reason: '逾期不予整改，问题内容仍在传播。' });
    expect(p.status).toBe(201);
    const res = await post(`/api/measures/${p.body.id}/approve`, o.approver.token);
    expect(res.status).toBe(200);
    return res.body as { id: string; decisionNo: string };
  }

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    o = await office(t);
    auditor = await t.user('auditor');
    sysadmin = await t.adminToken();

    orgOperator = await t.user('operator');
    const orgBody = organizationBody();
    org = { ...(await createSubject(t, orgOperator.token, orgBody)), name: orgBody.name as string, creditCode: orgBody.creditCode as string };
    const oa = await createFiledAccount(t, orgOperator.token, o.officer.token, { name: '余杭新闻眼' }, org.id);
    orgAcc = { accountId: oa.id, filingNo: oa.filingNo, subjectId: org.id, name: oa.name, platform: oa.platform, platformAccountId: oa.platformAccountId, operator: orgOperator };
    pendingId = (await createAccount(t, orgOperator.token, org.id, { name: '尚未审核的账号' })).id;

    const indOperator = await t.user('operator');
    const ind = await createSubject(t, indOperator.token, individualBody({ name: '张小明', idNumber: ID_NUMBER }));
    const ia = await createFiledAccount(t, indOperator.token, o.officer.token, { name: '小明说余杭', platform: 'douyin' }, ind.id);
    indAcc = { accountId: ia.id, filingNo: ia.filingNo, subjectId: ind.id, name: ia.name, platform: ia.platform, platformAccountId: ia.platformAccountId, operator: indOperator };

    // The organisation's account: a failed rectification, restricted (in force).
    await concludedInterview(t, o, orgAcc, 'fail');
    restrictOrg = await enact(orgAcc, 'restrict');
    // The individual's account: restricted, blacklisted (R2), then the restriction lifted after a passed rectification.
    await concludedInterview(t, o, indAcc, 'fail');
    restrictInd = await enact(indAcc, 'restrict');
    const proposal = await post('/api/blacklist', o.officer.token, { accountId: indAcc.accountId, rule: 'R2', basis: '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条' });
    expect(proposal.status).toBe(201);
    listingId = proposal.body.id;
    await db.getRepository(BlacklistListing).update(listingId, { defenceDeadline: beijingDate(new Date(Date.now() - DAY)) });
    expect((await post(`/api/blacklist/${listingId}/approve`, o.approver.token)).status).toBe(200);
    await concludedInterview(t, o, indAcc, 'pass');
    liftInd = await enact(indAcc, 'lift');

    // History written straight to the tables: a listing ended early in 2024 and a suspension decided in 2021.
    const base = await db.getRepository(BlacklistListing).findOneByOrFail({ id: listingId });
    await db.getRepository(BlacklistListing).insert({
      ...base,
      id: undefined,
      accountId: orgAcc.accountId,
      openAccountId: null,
      ownerId: orgOperator.id,
      subjectId: org.id,
      accountName: '余杭新闻眼',
      filingNo: orgAcc.filingNo,
      platform: 'wechat',
      subjectName: org.name,
      subjectKind: 'organization',
      rule: 'R1',
      noticeNo: 'YH-WXHMD-2024-0001',
      noticeDate: '2024-02-20',
      defenceDeadline: '2024-02-27',
      decisionNo: 'YH-WXHMJ-2024-0001',
      decidedAt: new Date('2024-03-01T10:00:00+08:00'),
      listedAt: new Date('2024-03-01T10:00:00+08:00'),
      endsAt: new Date('2025-03-01T10:00:00+08:00'),
      endedAt: new Date('2024-09-01T10:00:00+08:00'),
      endReason: 'early_exit',
      status: 'ended',
      createdAt: undefined,
      updatedAt: undefined,
      rowVersion: undefined,
    } as never);
    const m = await db.getRepository(EscalationMeasure).findOneByOrFail({ id: restrictOrg.id });
    await db.getRepository(EscalationMeasure).insert({
      ...m,
      id: undefined,
      openAccountId: null,
      kind: 'suspend',
      status: 'replied',
      decisionNo: 'YH-WXQS-2021-0001',
      decidedAt: new Date('2021-05-10T09:00:00+08:00'),
      createdAt: undefined,
      updatedAt: undefined,
      rowVersion: undefined,
    } as never);

    // Many accounts, so the export runs over several chunks of 1,000; some names a spreadsheet would take for formulas.
    const tricky = ['=HYPERLINK("http://evil.example","点我")', '+86 热线', '-减肥秘籍', '@余杭', '说"好"的,逗号\r\n换行'];
    const grades = ['A', 'B', 'C', 'D', null] as const;
    const rows = Array.from({ length: BULK }, (_, i) => ({
      subjectId: org.id,
      ownerId: orgOperator.id,
      platform: 'weibo' as const,
      platformAccountId: `bulk_${i}`,
      name: tricky[i - 1] ?? `批量账号${i}`,
      category: 'culture' as const,
      status: i % 7 === 0 ? ('pending' as const) : i % 11 === 0 ? ('suspended' as const) : ('filed' as const),
      filingNo: i % 7 === 0 ? null : `YH-ZMT-2019-${String(i + 1).padStart(6, '0')}`,
      filedAt: i % 7 === 0 ? null : new Date(Date.UTC(2019, 0, 1) + i * 3600_000),
      grade: i % 7 === 0 ? null : grades[i % 5],
      gradeYear: i % 7 === 0 || grades[i % 5] === null ? null : 2024,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.getRepository(MediaAccount).insert(rows.slice(i, i + 500));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The open registry as the database has it: public states, filed, in filing-number order. */
  async function expectedAccounts(): Promise<Row[]> {
    const accounts = await db.getRepository(MediaAccount).find({ where: { status: In(['filed', 'restricted', 'suspended', 'closed']), filingNo: Not(IsNull()) } });
    const subjects = new Map((await db.getRepository(Subject).find()).map((s) => [s.id, s]));
    return accounts
      .sort((a, b) => (a.filingNo! < b.filingNo! ? -1 : 1))
      .map((a) => {
        const s = subjects.get(a.subjectId)!;
        return {
          filingNo: a.filingNo,
          name: a.name,
          platform: a.platform,
          platformLabel: PLATFORM_LABELS[a.platform],
          category: a.category,
          categoryLabel: CATEGORY_LABELS[a.category],
          subjectKind: s.kind,
          subjectName: s.kind === 'individual' ? `${s.name[0]}**` : s.name,
          status: a.status,
          statusLabel: accountWorkflow.def.labels[a.status],
          grade: a.grade,
          gradeYear: a.gradeYear,
          filedDate: a.filedAt ? beijingDate(a.filedAt) : null,
        };
      });
  }

  describe('the registry of filed accounts (public)', () => {
    it('streams the CSV: UTF-8 with BOM, CRLF, quoted, formulas guarded, every filed account once in filing-number order', async () => {
      const res = await get('/api/open-data/accounts.csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="accounts-${today()}.csv"`);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.text.startsWith('\uFEFF"备案编号","账号名称"')).toBe(true);
      expect(res.text.endsWith('\r\n')).toBe(true);

      const expected = await expectedAccounts();
      expect(expected.length).toBeGreaterThan(2000);
      expect(rowsOf(res.text, ACCOUNTS_DATASET)).toEqual(asCells(expected));
      // The formula guard: the raw cells start with an apostrophe; quotes are doubled; line breaks stay inside the cell.
      expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
      expect(res.text).toContain(`"'+86 热线"`);
      expect(res.text).toContain(`"'-减肥秘籍"`);
      expect(res.text).toContain(`"'@余杭"`);
      expect(res.text).toContain('"说""好""的,逗号\r\n换行"');
      // Never a pending account; individuals by surname only; no ID number.
      const pending = await db.getRepository(MediaAccount).findOneByOrFail({ id: pendingId });
      expect(pending).toMatchObject({ status: 'pending', name: '尚未审核的账号' });
      expect(res.text).not.toContain(pending.name);
      expect(res.text).toContain('"小明说余杭"');
      expect(res.text).toContain('"张**"');
      expect(res.text).not.toContain('张小明');
      expect(res.text).not.toContain(ID_NUMBER);
    });

    it('answers the same records as JSON, matching the CSV cell for cell', async () => {
      const res = await get('/api/open-data/accounts.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`inline; filename="accounts-${today()}.json"`);
      const expected = await expectedAccounts();
      expect(res.body).toMatchObject({ dataset: 'accounts', title: ACCOUNTS_DATASET.title, count: expected.length });
      expect(res.body.items).toEqual(expected);
      const csv = await get('/api/open-data/accounts.csv');
      expect(asCells(res.body.items)).toEqual(rowsOf(csv.text, ACCOUNTS_DATASET));
      expect(res.text).not.toContain(ID_NUMBER);
      expect(res.text).not.toContain('张小明');
      // Signed-in callers get the same public data.
      expect((await get('/api/open-data/accounts.json', o.officer.token)).body.count).toBe(expected.length);
    });
  });

  describe('the blacklist in force (public)', () => {
    it('lists only listings in force, as CSV and JSON, individuals by surname', async () => {
      const csv = await get('/api/open-data/blacklist.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="blacklist-${today()}.csv"`);
      const l = await db.getRepository(BlacklistListing).findOneByOrFail({ id: listingId });
      const expected = [
        {
          decisionNo: l.decisionNo,
          filingNo: indAcc.filingNo,
          accountName: '小明说余杭',
          platform: 'douyin',
          platformLabel: '抖音',
          subjectName: '张**',
          rule: 'R2',
          ruleLabel: '发布、转载违法违规信息后拒不整改',
          basis: '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条',
          listedDate: beijingDate(l.listedAt!),
          endsDate: beijingDate(l.endsAt!),
        },
      ];
      expect(l.decisionNo).toMatch(/^YH-WXHMJ-\d{4}-0001$/);
      expect(rowsOf(csv.text, BLACKLIST_DATASET)).toEqual(asCells(expected));
      const json = await get('/api/open-data/blacklist.json');
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ dataset: 'blacklist', count: 1, items: expected });
      // The ended listing (2024) is not on the public list.
      for (const text of [csv.text, json.text]) {
        expect(text).not.toContain('YH-WXHMJ-2024-0001');
        expect(text).not.toContain(ID_NUMBER);
        expect(text).not.toContain('张小明');
      }
    });

    it('an empty list is still a valid document', async () => {
      await db.getRepository(BlacklistListing).update(listingId, { endsAt: new Date(Date.now() - 1000) });
      try {
        const csv = await get('/api/open-data/blacklist.csv');
        expect(parseCsv(csv.text)).toEqual([BLACKLIST_DATASET.fields.map((f) => f.header)]);
        const json = await get('/api/open-data/blacklist.json');
        expect(json.body).toMatchObject({ dataset: 'blacklist', items: [], count: 0 });
      } finally {
        const l = await db.getRepository(BlacklistListing).findOneByOrFail({ id: listingId });
        await db.getRepository(BlacklistListing).update(listingId, { endsAt: new Date(l.listedAt!.getTime() + 365 * DAY) });
      }
    });
  });

  describe('the credit publicity export (行政处罚信息公示)', () => {
    async function expectedRows(): Promise<Row[]> {
      const l = await db.getRepository(BlacklistListing).findOneByOrFail({ id: listingId });
      const measures = new Map((await db.getRepository(EscalationMeasure).find()).map((x) => [x.decisionNo, x]));
      const decided = (no: string) => beijingDate(measures.get(no)!.decidedAt!);
      const orgParty = { partyName: org.name, partyType: '法人及非法人组织', creditCode: org.creditCode, idType: null, idNumber: null };
      const indParty = { partyName: '张**', partyType: '自然人', creditCode: null, idType: '身份证', idNumber: maskIdNumber(ID_NUMBER) };
      const office = { decidingOffice: '余杭区互联网信息办公室', dataSource: '余杭区互联网信息办公室' };
      const measureBasis = '《余杭区自媒体信息服务管理实施办法（试行）》第三部分第3条';
      const conduct = '约谈后逾期不予整改或整改不到位';
      return [
        {
          recordType: 'blacklist',
          decisionNo: 'YH-WXHMJ-2024-0001',
          ...orgParty,
          accountName: '余杭新闻眼',
          filingNo: orgAcc.filingNo,
          platformLabel: '微信公众号',
          conductType: '多次发布、转载违法违规信息',
          basis: l.basis,
          penaltyType: '列入黑名单',
          content: '列入余杭区自媒体管理黑名单，期限12个月（2024-03-01至2025-03-01）',
          decisionDate: '2024-03-01',
          publicityEndDate: '2024-09-01',
          status: '已提前移出',
          ...office,
        },
        {
          recordType: 'blacklist',
          decisionNo: l.decisionNo,
          ...indParty,
          accountName: '小明说余杭',
          filingNo: indAcc.filingNo,
          platformLabel: '抖音',
          conductType: '发布、转载违法违规信息后拒不整改',
          basis: l.basis,
          penaltyType: '列入黑名单',
          content: `列入余杭区自媒体管理黑名单，期限12个月（${beijingDate(l.listedAt!)}至${beijingDate(l.endsAt!)}）`,
          decisionDate: beijingDate(l.decidedAt!),
          publicityEndDate: beijingDate(l.endsAt!),
          status: '生效中',
          ...office,
        },
        {
          recordType: 'measure',
          decisionNo: 'YH-WXQS-2021-0001',
          ...orgParty,
          accountName: orgAcc.name,
          filingNo: orgAcc.filingNo,
          platformLabel: '微信公众号',
          conductType: conduct,
          basis: measureBasis,
          penaltyType: '暂停更新',
          content: '报请上级网信部门对该账号暂停更新',
          decisionDate: '2021-05-10',
          publicityEndDate: '2024-05-10',
          status: '公示期满',
          ...office,
        },
        ...[restrictOrg, restrictInd]
          .sort((a, b) => (a.decisionNo < b.decisionNo ? -1 : 1))
          .map((x) => {
            const isOrg = x === restrictOrg;
            const d = decided(x.decisionNo);
            return {
              recordType: 'measure',
              decisionNo: x.decisionNo,
              ...(isOrg ? orgParty : indParty),
              accountName: isOrg ? orgAcc.name : '小明说余杭',
              filingNo: isOrg ? orgAcc.filingNo : indAcc.filingNo,
              platformLabel: isOrg ? '微信公众号' : '抖音',
              conductType: conduct,
              basis: measureBasis,
              penaltyType: '限制发布',
              content: '报请上级网信部门对该账号限制发布，并通报公安、新闻出版、文化旅游等部门',
              decisionDate: d,
              // In force: 3 years from the decision; lifted: until the day it was lifted.
              publicityEndDate: isOrg ? addCalendarMonths(d, 36) : decided(liftInd.decisionNo),
              status: isOrg ? '生效中' : '已解除',
              ...office,
            };
          }),
      ];
    }

    it('gives officers the approved measures and blacklist decisions in the publicity format, identifiers of individuals masked', async () => {
      const expected = await expectedRows();
      const json = await get('/api/open-data/credit-publicity.json', o.officer.token);
      expect(json.status).toBe(200);
      expect(json.headers['cache-control']).toBe('no-store');
      expect(json.body).toMatchObject({ dataset: 'credit-publicity', from: null, to: null, count: 5 });
      expect(json.body.items).toEqual(expected);
      // The lift itself is not a penalty; the lifted measure says so instead.
      expect(json.text).not.toContain(liftInd.decisionNo);
      const csv = await get('/api/open-data/credit-publicity.csv', o.approver.token);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="credit-publicity.csv"');
      expect(csv.text.startsWith('\uFEFF"信息类别","决定文书号","行政相对人名称","行政相对人类别","统一社会信用代码"')).toBe(true);
      expect(rowsOf(csv.text, CREDIT_PUBLICITY_DATASET)).toEqual(asCells(expected));
      // The whole ID number appears nowhere; its masked form does.
      for (const text of [csv.text, json.text]) {
        expect(text).not.toContain(ID_NUMBER);
        expect(text).not.toContain(ID_NUMBER.slice(6, 14));
        expect(text).toContain(maskIdNumber(ID_NUMBER)!);
        expect(text).not.toContain('张小明');
      }
      // Every effective decision in the database is there, and nothing else.
      const listings = await db.getRepository(BlacklistListing).find({ where: { status: In(['listed', 'ended']) } });
      const measures = await db.getRepository(EscalationMeasure).find({ where: { status: In(['approved', 'replied']), kind: In(['restrict', 'suspend', 'close']) } });
      expect(json.body.items.map((r: Row) => r.decisionNo).sort()).toEqual([...listings, ...measures].map((x) => x.decisionNo).sort());
    });

    it('filters on the decision date, both days included', async () => {
      const only2021 = await get('/api/open-data/credit-publicity.json?from=2021-05-10&to=2021-05-10', o.officer.token);
      expect(only2021.body.items.map((r: Row) => r.decisionNo)).toEqual(['YH-WXQS-2021-0001']);
      expect(only2021.body).toMatchObject({ from: '2021-05-10', to: '2021-05-10' });
      const before2025 = await get('/api/open-data/credit-publicity.json?to=2024-12-31', o.officer.token);
      expect(before2025.body.items.map((r: Row) => r.decisionNo)).toEqual(['YH-WXHMJ-2024-0001', 'YH-WXQS-2021-0001']);
      const todayOnly = await get(`/api/open-data/credit-publicity.json?from=${today()}&to=${today()}`, o.officer.token);
      expect(todayOnly.body.count).toBe(3);
      const tomorrow = beijingDate(new Date(Date.now() + DAY));
      const none = await get(`/api/open-data/credit-publicity.csv?from=${tomorrow}`, o.officer.token);
      expect(none.status).toBe(200);
      expect(none.headers['content-disposition']).toBe(`attachment; filename="credit-publicity-${tomorrow}.csv"`);
      expect(parseCsv(none.text)).toEqual([CREDIT_PUBLICITY_DATASET.fields.map((f) => f.header)]);
    });

    it('refuses bad ranges with 400 on the field', async () => {
      const cases: [string, string, string][] = [
        ['from=2026-13-01', 'from', 'isIso8601'],
        ['from=yesterday', 'from', 'isIso8601'],
        ['to=2026-02-30', 'to', 'isIso8601'],
        ['from=2026-01-01T00:00:00Z', 'from', 'matches'],
        ['from=2026-03-01&to=2026-02-01', 'to', 'before_from'],
        ['page=2', 'page', 'unknown_field'],
        ['from=2026-01-01&from=2026-02-01', 'from', 'isString'],
      ];
      for (const [query, field, code] of cases) {
        for (const suffix of ['csv', 'json']) {
          const res = await get(`/api/open-data/credit-publicity.${suffix}?${query}`, o.officer.token);
          expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
          expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
        }
      }
    });

    it('is for officers and approvers only', async () => {
      for (const token of [orgOperator.token, o.evaluator.token, auditor.token, sysadmin]) {
        for (const suffix of ['csv', 'json']) {
          const res = await get(`/api/open-data/credit-publicity.${suffix}`, token);
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
      }
      const anon = await get('/api/open-data/credit-publicity.csv');
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('UNAUTHENTICATED');
      expect((await get('/api/open-data/credit-publicity.xml', o.officer.token)).status).toBe(404);
      expect((await get('/api/open-data/accounts.xlsx')).status).toBe(404);
    });
  });

  describe('the /open-data page', () => {
    it('describes each dataset with its links and field dictionary, without a login', async () => {
      const res = await get('/open-data');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<a href="\/open-data" aria-current="page">开放数据<\/a>/);
      for (const d of [ACCOUNTS_DATASET, BLACKLIST_DATASET, CREDIT_PUBLICITY_DATASET]) {
        expect(res.text).toContain(`<h2 id="dataset-${d.name}">${d.title}</h2>`);
        expect(res.text).toContain(`href="${d.path}.csv"`);
        expect(res.text).toContain(`href="${d.path}.json"`);
        for (const f of d.fields) expect(res.text).toContain(`<td class="mono">${f.key}</td>`);
      }
      expect(res.text).toContain('统一社会信用代码');
      expect(res.text).toContain('公示截止期');
    });
  });

  describe('rate limit', () => {
    it('the open datasets are rate limited as public endpoints (429 after the limit)', async () => {
      const limited = await bootTestApp({ RATE_LIMIT: 'true', RATE_LIMIT_PUBLIC: '2' });
      try {
        // Each route counts on its own (per source address).
        for (const path of ['/api/open-data/accounts.csv', '/api/open-data/accounts.json', '/api/open-data/blacklist.csv', '/api/open-data/blacklist.json']) {
          const answers = [await limited.http.get(path), await limited.http.get(path), await limited.http.get(path)];
          expect({ path, statuses: answers.map((r) => r.status) }).toEqual({ path, statuses: [200, 200, 429] });
          expect(answers[2].body.code).toBe('RATE_LIMITED');
        }
      } finally {
        await limited.close();
      }
    });
  });
});
