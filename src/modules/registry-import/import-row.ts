/**
 * The row validator of the registry import: one raw row of the file in, either a clean row ready to
 * be written or the list of its faults (column, code, Chinese reason) out. Pure: the duplicate
 * checks that need the rest of the file or the database live in import-checks.ts.
 */
import { needsQualification } from '../registry/dto/account.dto.js';
import { isCalendarDate } from '../registry/dto/registry-validators.js';
import { isValidCreditCode, isValidIdNumber, isValidPhone } from '../registry/identifiers.js';
import {
  CATEGORY_LABELS,
  type ContentCategory,
  GRADE_LABELS,
  type Grade,
  PLATFORM_LABELS,
  type Platform,
  type SubjectKind,
} from '../registry/registry.constants.js';
import { FILING_NO_PATTERN } from '../registry/accounts.service.js';
import { headerOf, type ImportColumnKey, type RawImportRow } from './import-columns.js';

export interface ImportRow {
  kind: SubjectKind;
  subjectName: string;
  creditCode: string | null;
  idNumber: string | null;
  contactName: string;
  contactPhone: string;
  registeredAddress: string;
  operatingAddress: string;
  platform: Platform;
  accountName: string;
  platformAccountId: string;
  category: ContentCategory;
  filingNo: string | null;
  /** YYYY-MM-DD (Beijing date) or null: the import's own date. */
  filedOn: string | null;
  grade: Grade | null;
  gradeYear: number | null;
}

/** One reason a row is not imported. `column` is the Chinese header of the column at fault. */
export interface RowFault {
  column: string;
  code: string;
  reason: string;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; faults: RowFault[] };

/** The first year of the measures (2019) and the filing numbers' years before them, allowed for old registries. */
const FIRST_YEAR = 2000;
const KIND_WORDS: Record<string, SubjectKind> = {
  企业: 'organization',
  机构: 'organization',
  单位: 'organization',
  组织: 'organization',
  企业机构: 'organization',
  ORGANIZATION: 'organization',
  个人: 'individual',
  自然人: 'individual',
  INDIVIDUAL: 'individual',
};
const byLabel = <K extends string>(labels: Record<K, string>) =>
  new Map<string, K>((Object.entries(labels) as [K, string][]).flatMap(([code, label]) => [[label, code], [code.toUpperCase(), code]]));
const PLATFORM_WORDS = byLabel(PLATFORM_LABELS);
PLATFORM_WORDS.set('微信', 'wechat');
PLATFORM_WORDS.set('B站', 'bilibili');
PLATFORM_WORDS.set('头条', 'toutiao');
PLATFORM_WORDS.set('其他', 'other');
const CATEGORY_WORDS = byLabel(CATEGORY_LABELS);
const GRADE_WORDS = byLabel(GRADE_LABELS);
for (const g of Object.keys(GRADE_LABELS)) GRADE_WORDS.set(`${g}级`, g as Grade);

/** Control characters, and the replacement character a wrongly decoded file leaves behind. */
const BAD_CHARACTERS = /[\p{Cc}\uFFFD]/u;
const PLATFORM_ACCOUNT_ID = /^[^\s\p{Cc}]+$/u;
const FULL_WIDTH = (s: string) => s.normalize('NFKC');

/** A name as compared for "the same subject": NFKC (full-width brackets are ASCII ones), no spaces. */
export function comparableName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** Validates one row. `today` is the Beijing date (YYYY-MM-DD) the import runs on. */
export function validateImportRow(raw: RawImportRow, today: string): RowResult {
  const faults: RowFault[] = [];
  const fault = (key: ImportColumnKey, code: string, reason: string) => {
    faults.push({ column: headerOf(key), code, reason });
    return null;
  };
  const text = (key: ImportColumnKey, max: number, label: string, required: boolean): string | null => {
    const v = raw[key];
    if (v === undefined) return required ? fault(key, 'required', `请填写${label}`) : null;
    if (BAD_CHARACTERS.test(v)) return fault(key, 'invalid_characters', `${label}含有控制字符或无法识别的字符（请用UTF-8保存文件）`);
    if ([...v].length > max) return fault(key, 'too_long', `${label}不能超过${max}个字`);
    return v;
  };
  const thisYear = Number(today.slice(0, 4));

  const kindText = raw.subjectKind;
  const kind = kindText === undefined ? fault('subjectKind', 'required', '请填写主体类型（企业或个人）') : (KIND_WORDS[FULL_WIDTH(kindText).toUpperCase()] ?? fault('subjectKind', 'invalid_kind', `主体类型“${kindText}”无法识别，应为企业（机构）或个人`));
  const subjectName = text('subjectName', 128, '主体名称', true);

  const creditCodeText = raw.creditCode === undefined ? undefined : FULL_WIDTH(raw.creditCode).toUpperCase();
  const idNumberText = raw.idNumber === undefined ? undefined : FULL_WIDTH(raw.idNumber).toUpperCase();
  let creditCode: string | null = null;
  let idNumber: string | null = null;
  if (kind === 'organization') {
    if (creditCodeText === undefined) fault('creditCode', 'required', '企业（机构）主体须填写统一社会信用代码');
    else if (!isValidCreditCode(creditCodeText)) fault('creditCode', 'invalid_credit_code', '统一社会信用代码不正确（应为18位，校验位须相符，GB 32100-2015）');
    else creditCode = creditCodeText;
    if (idNumberText !== undefined) fault('idNumber', 'not_applicable', '企业（机构）主体不填写身份证号码');
  } else if (kind === 'individual') {
    if (idNumberText === undefined) fault('idNumber', 'required', '个人主体须填写身份证号码');
    else if (!isValidIdNumber(idNumberText)) fault('idNumber', 'invalid_id_number', '身份证号码不正确（应为18位，出生日期与校验位须有效，GB 11643-1999）');
    else idNumber = idNumberText;
    if (creditCodeText !== undefined) fault('creditCode', 'not_applicable', '个人主体不填写统一社会信用代码');
  }

  const contactName = text('contactName', 64, '联系人', false);
  const phoneText = raw.contactPhone === undefined ? undefined : FULL_WIDTH(raw.contactPhone).replace(/\s+/g, '');
  let contactPhone: string | null = null;
  if (phoneText === undefined) fault('contactPhone', 'required', '请填写联系电话');
  else if (!isValidPhone(phoneText)) fault('contactPhone', 'invalid_phone', '联系电话应为11位手机号码或带区号的固定电话（如 0571-88888888）');
  else contactPhone = phoneText;
  const registeredAddress = text('registeredAddress', 255, '注册地址', false);
  const operatingAddress = text('operatingAddress', 255, '经营地址', false);

  const platformText = raw.platform;
  const platform =
    platformText === undefined
      ? fault('platform', 'required', '请填写平台')
      : (PLATFORM_WORDS.get(FULL_WIDTH(platformText).toUpperCase()) ?? PLATFORM_WORDS.get(platformText) ?? fault('platform', 'invalid_platform', `平台“${platformText}”不在可选范围内`));
  const accountName = text('accountName', 128, '账号名称', true);
  const platformAccountId = text('platformAccountId', 128, '平台账号ID', true);
  if (platformAccountId !== null && !PLATFORM_ACCOUNT_ID.test(platformAccountId)) fault('platformAccountId', 'invalid_platform_account_id', '平台账号ID不能含空格');

  let category: ContentCategory = 'other';
  if (raw.category !== undefined) {
    const c = CATEGORY_WORDS.get(raw.category) ?? CATEGORY_WORDS.get(raw.category.toUpperCase());
    if (!c) fault('category', 'invalid_category', `内容类别“${raw.category}”不在可选范围内`);
    else if (needsQualification(c)) fault('category', 'qualification_required', `${CATEGORY_LABELS[c]}类账号须具备相应资质，请通过备案页面登记资质后备案`);
    else category = c;
  }

  let filingNo: string | null = null;
  if (raw.filingNo !== undefined) {
    const f = FULL_WIDTH(raw.filingNo).toUpperCase();
    const year = Number(f.slice(7, 11));
    if (!FILING_NO_PATTERN.test(f) || year < FIRST_YEAR || year > thisYear || f.endsWith('000000')) {
      fault('filingNo', 'invalid_filing_no', `备案编号应为 YH-ZMT-年份-6位序号（年份${FIRST_YEAR}至${thisYear}）`);
    } else filingNo = f;
  }
  let filedOn: string | null = null;
  if (raw.filedOn !== undefined) {
    const d = FULL_WIDTH(raw.filedOn).replace(/[/.]/g, '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-').replace(/-(\d)$/, '-0$1');
    if (!isCalendarDate(d) || d < `${FIRST_YEAR}-01-01`) fault('filedOn', 'invalid_date', '备案日期应为日期（如 2024-05-20）');
    else if (d > today) fault('filedOn', 'future_date', '备案日期不能晚于今天');
    else if (filingNo && filingNo.slice(7, 11) !== d.slice(0, 4)) fault('filedOn', 'year_mismatch', '备案日期的年份与备案编号中的年份不一致');
    else filedOn = d;
  }

  let grade: Grade | null = null;
  let gradeYear: number | null = null;
  if (raw.grade !== undefined) {
    grade = GRADE_WORDS.get(FULL_WIDTH(raw.grade).toUpperCase()) ?? GRADE_WORDS.get(raw.grade) ?? fault('grade', 'invalid_grade', '管理等级应为A、B、C或D');
  }
  if (raw.gradeYear !== undefined) {
    const y = FULL_WIDTH(raw.gradeYear);
    if (!/^\d{4}$/.test(y) || Number(y) < 2019 || Number(y) > thisYear) fault('gradeYear', 'invalid_year', `定级年度应为2019至${thisYear}之间的年份`);
    else gradeYear = Number(y);
    if (raw.grade === undefined) fault('grade', 'required', '填写定级年度时须填写管理等级');
  } else if (raw.grade !== undefined) fault('gradeYear', 'required', '填写管理等级时须填写定级年度');

  if (faults.length) return { ok: false, faults };
  const name = subjectName!;
  return {
    ok: true,
    row: {
      kind: kind!,
      subjectName: name,
      creditCode,
      idNumber,
      contactName: contactName ?? [...name].slice(0, 64).join(''),
      contactPhone: contactPhone!,
      registeredAddress: registeredAddress ?? operatingAddress ?? '',
      operatingAddress: operatingAddress ?? registeredAddress ?? '',
      platform: platform!,
      accountName: accountName!,
      platformAccountId: platformAccountId!,
      category,
      filingNo,
      filedOn,
      grade,
      gradeYear,
    },
  };
}
