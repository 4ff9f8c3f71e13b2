import { describe, expect, it } from '@jest/globals';
import { makeCreditCode, makeIdNumber, withWrongCheck } from '../../../test/factories/identifiers.js';
import { mapHeader, rowOf, type RawImportRow } from './import-columns.js';
import { accountKey, ImportLedger, type RegistryFacts, subjectKey } from './import-ledger.js';
import { type ImportRow, validateImportRow } from './import-row.js';

const TODAY = '2026-11-23';
const org = (over: RawImportRow = {}): RawImportRow => ({
  subjectKind: '企业',
  subjectName: '杭州某某文化传媒有限公司',
  creditCode: makeCreditCode(),
  contactPhone: '13812345678',
  platform: '抖音',
  accountName: '某某文化',
  platformAccountId: 'mm_001',
  ...over,
});
const person = (over: RawImportRow = {}): RawImportRow => ({
  subjectKind: '个人',
  subjectName: '王小明',
  idNumber: makeIdNumber(),
  contactPhone: '0571-88888888',
  platform: 'wechat',
  accountName: '小明说',
  platformAccountId: 'xm',
  ...over,
});
const faultsOf = (raw: RawImportRow) => {
  const r = validateImportRow(raw, TODAY);
  return r.ok ? [] : r.faults.map((f) => `${f.column}:${f.code}`);
};
const rowOfOk = (raw: RawImportRow): ImportRow => {
  const r = validateImportRow(raw, TODAY);
  if (!r.ok) throw new Error(JSON.stringify(r.faults));
  return r.row;
};

describe('import row validator', () => {
  it('accepts an organisation and an individual, normalising identifiers, labels and defaults', () => {
    const code = makeCreditCode();
    const o = rowOfOk(org({ creditCode: code.toLowerCase(), platform: '微信公众号', category: '美食', grade: 'b', gradeYear: '2025', filingNo: 'yh-zmt-2024-000123', filedOn: '2024/5/7' }));
    expect(o).toMatchObject({ kind: 'organization', creditCode: code, idNumber: null, platform: 'wechat', category: 'food', grade: 'B', gradeYear: 2025, filingNo: 'YH-ZMT-2024-000123', filedOn: '2024-05-07' });
    expect(o.contactName).toBe('杭州某某文化传媒有限公司');
    const id = makeIdNumber();
    const p = rowOfOk(person({ idNumber: id.replace(/X$/, 'x'), subjectKind: '个人', registeredAddress: '余杭区文一西路' }));
    expect(p).toMatchObject({ kind: 'individual', idNumber: id, creditCode: null, category: 'other', grade: null, operatingAddress: '余杭区文一西路' });
  });

  it('checks the GB 32100 and GB 11643 check characters', () => {
    expect(faultsOf(org({ creditCode: withWrongCheck(makeCreditCode()) }))).toEqual(['统一社会信用代码:invalid_credit_code']);
    expect(faultsOf(person({ idNumber: withWrongCheck(makeIdNumber()) }))).toEqual(['身份证号码:invalid_id_number']);
    // A real-looking ID number with an impossible birth date.
    expect(faultsOf(person({ idNumber: '33011019990231001X' }))).toEqual(['身份证号码:invalid_id_number']);
  });

  it('names every fault of a row, with Chinese reasons', () => {
    const r = validateImportRow({ subjectKind: '合伙', platform: '脸书', platformAccountId: 'a b', contactPhone: '123', accountName: 'x'.repeat(129) }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.faults.map((f) => `${f.column}:${f.code}`)).toEqual([
      '主体类型:invalid_kind',
      '主体名称:required',
      '联系电话:invalid_phone',
      '平台:invalid_platform',
      '账号名称:too_long',
      '平台账号ID:invalid_platform_account_id',
    ]);
    for (const f of r.faults) expect(f.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps identifiers to their kind of subject', () => {
    expect(faultsOf(org({ idNumber: makeIdNumber() }))).toEqual(['身份证号码:not_applicable']);
    expect(faultsOf(person({ creditCode: makeCreditCode() }))).toEqual(['统一社会信用代码:not_applicable']);
    expect(faultsOf(org({ creditCode: undefined }))).toEqual(['统一社会信用代码:required']);
    expect(faultsOf(person({ idNumber: undefined }))).toEqual(['身份证号码:required']);
  });

  it('checks filing numbers, dates, grades and categories', () => {
    expect(faultsOf(org({ filingNo: 'YH-ZMT-2026-12345' }))).toEqual(['备案编号:invalid_filing_no']);
    expect(faultsOf(org({ filingNo: 'YH-ZMT-2027-000001' }))).toEqual(['备案编号:invalid_filing_no']);
    expect(faultsOf(org({ filingNo: 'YH-ZMT-2026-000000' }))).toEqual(['备案编号:invalid_filing_no']);
    expect(faultsOf(org({ filedOn: '2026-02-30' }))).toEqual(['备案日期:invalid_date']);
    expect(faultsOf(org({ filedOn: '2026-12-01' }))).toEqual(['备案日期:future_date']);
    expect(faultsOf(org({ filingNo: 'YH-ZMT-2024-000001', filedOn: '2025-01-01' }))).toEqual(['备案日期:year_mismatch']);
    expect(faultsOf(org({ grade: 'A' }))).toEqual(['定级年度:required']);
    expect(faultsOf(org({ gradeYear: '2025' }))).toEqual(['管理等级:required']);
    expect(faultsOf(org({ grade: 'E', gradeYear: '2018' }))).toEqual(['管理等级:invalid_grade', '定级年度:invalid_year']);
    expect(faultsOf(org({ category: '财经金融' }))).toEqual(['内容类别:qualification_required']);
    expect(faultsOf(org({ category: '八卦' }))).toEqual(['内容类别:invalid_category']);
  });

  it('refuses control characters and the replacement character of a wrongly decoded file', () => {
    expect(faultsOf(org({ accountName: 'a\u0000b' }))).toEqual(['账号名称:invalid_characters']);
    expect(faultsOf(org({ subjectName: '杭州\uFFFD\uFFFD公司' }))).toEqual(['主体名称:invalid_characters']);
  });
});

describe('import columns', () => {
  it('maps headers in any order, tolerating spaces and full-width forms, and lists missing required ones', () => {
    const map = mapHeader(['平台账号 ID', '主体名称', '主体类型', '备注', '联系电话']);
    expect(map.missing).toEqual(['统一社会信用代码', '身份证号码', '平台', '账号名称']);
    expect(rowOf(map, ['  abc ', '某公司', '企业', '忽略', ''])).toEqual({ platformAccountId: 'abc', subjectName: '某公司', subjectKind: '企业' });
    expect(mapHeader(['主体名称', '主体名称']).duplicated).toEqual(['主体名称']);
  });
});

describe('import ledger', () => {
  const none = (): RegistryFacts => ({ subjects: new Map(), accountKeys: new Set(), filingNos: new Set() });
  const key = (r: ImportRow) => subjectKey(r, (id) => `idx(${id})`);

  it('accepts the first row of a key and rejects the later ones, pointing at the first', () => {
    const ledger = new ImportLedger();
    const code = makeCreditCode();
    const a = rowOfOk(org({ creditCode: code, filingNo: 'YH-ZMT-2025-000009' }));
    const b = rowOfOk(org({ creditCode: code, platformAccountId: 'MM_001' }));
    const c = rowOfOk(org({ creditCode: code, subjectName: '别的公司', platformAccountId: 'other', filingNo: 'YH-ZMT-2025-000009' }));
    expect(ledger.judge(2, a, key(a), none())).toEqual([]);
    expect(ledger.judge(3, b, key(b), none()).map((f) => [f.code, f.reason])).toEqual([['duplicate_account_in_file', '与第2行重复（同一平台的账号ID只能登记一次）']]);
    expect(ledger.judge(4, c, key(c), none()).map((f) => f.code)).toEqual(['subject_name_conflict_in_file', 'duplicate_filing_no_in_file']);
    expect(ledger.accepted).toBe(1);
    expect([...ledger.rejectedRows]).toEqual([3, 4]);
    expect(ledger.maxGivenSeq.get(2025)).toBe(9);
  });

  it('reuses a registered subject of the same name and refuses registered accounts and filing numbers', () => {
    const ledger = new ImportLedger();
    const code = makeCreditCode();
    const facts = none();
    facts.subjects.set(`C:${code}`, { id: 's1', name: '杭州某某文化传媒有限公司', ownerId: 'op1' });
    facts.accountKeys.add(accountKey('douyin', 'taken'));
    facts.filingNos.add('YH-ZMT-2024-000001');
    const same = rowOfOk(org({ creditCode: code, subjectName: '杭州某某文化传媒 有限公司' }));
    expect(ledger.judge(2, same, key(same), facts)).toEqual([]);
    expect(ledger.subjects.get(`C:${code}`)).toMatchObject({ existingId: 's1', ownerId: 'op1' });
    const other = rowOfOk(org({ creditCode: makeCreditCode(), platformAccountId: 'TAKEN', filingNo: 'YH-ZMT-2024-000001' }));
    expect(ledger.judge(3, other, key(other), facts).map((f) => f.code)).toEqual(['duplicate_account', 'duplicate_filing_no']);
    const renamed = rowOfOk(org({ creditCode: code, subjectName: '另一个名字', platformAccountId: 'new' }));
    expect(ledger.judge(4, renamed, key(renamed), facts).map((f) => f.code)).toEqual(['subject_name_conflict']);
  });
});
