import { loadExcel } from '../../common/documents/lazy-libraries.js';
import type { FigureTable } from './figure-tables.js';
import { OFFICE_NAME } from './stats.constants.js';


/**
 * A workbook of figure tables, one sheet each: row 1 the title (merged across the table), row 2 the
 * Chinese headers, then the rows; numbers are written as numbers. The tables are small (tens of
 * rows), so the workbook is built in memory.
 */
export async function figuresWorkbook(tables: FigureTable[], title: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = OFFICE_NAME;
  wb.title = title;
  wb.created = new Date();
  for (const t of tables) {
    const sheet = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const width = t.head.length;
    sheet.addRow([t.title]);
    sheet.mergeCells(1, 1, 1, width);
    const titleRow = sheet.getRow(1);
    titleRow.font = { bold: true, size: 14 };
    titleRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    titleRow.height = 36;
    const head = sheet.addRow(t.head);
    head.font = { bold: true };
    head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (const r of t.rows) {
      const row = sheet.addRow(r);
      row.alignment = { vertical: 'middle', wrapText: true };
    }
    // The last row of a table that ends in a total is drawn bold.
    const last = t.rows[t.rows.length - 1];
    if (last && last.some((c) => c === '合计')) sheet.getRow(t.rows.length + 2).font = { bold: true };
    (t.widths ?? t.head.map(() => 14)).forEach((w, i) => {
      sheet.getColumn(i + 1).width = w;
    });
    for (let r = 2; r <= t.rows.length + 2; r++) {
      for (let c = 1; c <= width; c++) {
        sheet.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
