import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../src/modules/registry-import/import-columns.js';
import { makeCreditCode, makeIdNumber, makeMobile } from './identifiers.js';

/** One row of an import file, by Chinese header. */
export type ImportCells = Record<string, string>;

const run = randomBytes(3).toString('hex');
let serial = 0;

/** A valid organisation row (a new subject with a fresh credit code, a fresh platform account). */
export function orgRow(over: ImportCells = {}): ImportCells {
  serial += 1;
  return {
    主体类型: '企业',
    主体名称: `杭州导入测试${serial}号文化传媒有限公司`,
    统一社会信用代码: makeCreditCode(),
    联系电话: makeMobile(),
    注册地址: '杭州市余杭区文一西路1号',
    平台: '抖音',
    账号名称: `导入测试账号${serial}`,
    平台账号ID: `imp_${run}_${serial}`,
    ...over,
  };
}

/** A valid individual row. */
export function personRow(over: ImportCells = {}): ImportCells {
  serial += 1;
  return {
    主体类型: '个人',
    主体名称: `王导入${serial}`,
    身份证号码: makeIdNumber(),
    联系电话: makeMobile(),
    平台: '微信公众号',
    账号名称: `导入个人号${serial}`,
    平台账号ID: `imp_${run}_p${serial}`,
    ...over,
  };
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV file with the template's header (or `header`), UTF-8, with a BOM unless told otherwise. */
export function csvFile(rows: ImportCells[], opts: { bom?: boolean; header?: string[] } = {}): Buffer {
  const header = opts.header ?? IMPORT_COLUMNS.map((c) => c.header);
  const lines = [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => cells.map(quote).join(','));
  return Buffer.from(`${opts.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The same rows as an .xlsx workbook (identifiers as text cells). */
export async function xlsxFile(rows: ImportCells[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('备案数据');
  const header = IMPORT_COLUMNS.map((c) => c.header);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(header.map((h) => r[h] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}
