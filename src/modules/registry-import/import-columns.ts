/**
 * The layout of an import file (the template the office downloads): one header row with these
 * Chinese column names, in any order, then one account per row. Columns the file lacks that are
 * required make the whole file refused (400 `missing_columns`); unknown columns are ignored.
 */
export const IMPORT_COLUMNS = [
  { key: 'subjectKind', header: '主体类型', required: true, hint: '企业（机构）或个人' },
  { key: 'subjectName', header: '主体名称', required: true, hint: '企业全称或个人姓名' },
  { key: 'creditCode', header: '统一社会信用代码', required: true, hint: '企业（机构）必填，18位' },
  { key: 'idNumber', header: '身份证号码', required: true, hint: '个人必填，18位' },
  { key: 'contactName', header: '联系人', required: false, hint: '不填时为主体名称' },
  { key: 'contactPhone', header: '联系电话', required: true, hint: '手机号码或带区号的固定电话' },
  { key: 'registeredAddress', header: '注册地址', required: false, hint: '' },
  { key: 'operatingAddress', header: '经营地址', required: false, hint: '不填时同注册地址' },
  { key: 'platform', header: '平台', required: true, hint: '微信公众号、微博、抖音、今日头条、快手、哔哩哔哩、小红书、其他平台' },
  { key: 'accountName', header: '账号名称', required: true, hint: '' },
  { key: 'platformAccountId', header: '平台账号ID', required: true, hint: '同一平台内唯一' },
  { key: 'category', header: '内容类别', required: false, hint: '不填为“其他”' },
  { key: 'filingNo', header: '备案编号', required: false, hint: 'YH-ZMT-年份-6位序号；不填由系统编号' },
  { key: 'filedOn', header: '备案日期', required: false, hint: '如 2024-05-20；不填为导入日期' },
  { key: 'grade', header: '管理等级', required: false, hint: 'A、B、C、D' },
  { key: 'gradeYear', header: '定级年度', required: false, hint: '填写管理等级时必填，如 2025' },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type RawImportRow = Partial<Record<ImportColumnKey, string>>;

const HEADER_TO_KEY = new Map<string, ImportColumnKey>(IMPORT_COLUMNS.map((c) => [normalizeHeader(c.header), c.key]));
const KEY_TO_HEADER = new Map<string, string>(IMPORT_COLUMNS.map((c) => [c.key, c.header]));

/** Header cells compared without spaces, full-width forms or letter case ("平台账号 id" is 平台账号ID). */
function normalizeHeader(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '').replace(/^\uFEFF/, '').toUpperCase();
}

export function headerOf(key: string): string {
  return KEY_TO_HEADER.get(key) ?? key;
}

/** Which column of the file holds which field; the required columns the file lacks. */
export interface ColumnMap {
  positions: [ImportColumnKey, number][];
  missing: string[];
  duplicated: string[];
}

export function mapHeader(cells: readonly string[]): ColumnMap {
  const positions: [ImportColumnKey, number][] = [];
  const seen = new Set<ImportColumnKey>();
  const duplicated: string[] = [];
  cells.forEach((cell, i) => {
    const key = HEADER_TO_KEY.get(normalizeHeader(cell ?? ''));
    if (!key) return;
    if (seen.has(key)) duplicated.push(headerOf(key));
    seen.add(key);
    positions.push([key, i]);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  return { positions, missing, duplicated };
}

/** A data row's cells as named fields (trimmed; empty cells left out). */
export function rowOf(map: ColumnMap, cells: readonly string[]): RawImportRow {
  const row: RawImportRow = {};
  for (const [key, i] of map.positions) {
    const v = (cells[i] ?? '').trim();
    if (v !== '') row[key] = v;
  }
  return row;
}
