import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chineseDate } from '../../common/documents/official-document.js';
import type { AnnualReportModel, ReportBlock } from './annual-report-text.js';


// GB/T 9704-2012: title in 小标宋 (here 黑体 as the common substitute), first-level headings in 黑体,
// second-level in 楷体, body in 仿宋 三号 (16 pt), 28-point line spacing.
const FONT_BODY = 'FangSong';
const FONT_HEADING = 'SimHei';
const FONT_SECOND = 'KaiTi';
const PT = (n: number) => n * 2;
const LINE = 560;

const run = (text: string, opts: { size?: number; bold?: boolean; font?: string; highlight?: 'yellow' } = {}) =>
  new TextRun({ text, font: opts.font ?? FONT_BODY, size: PT(opts.size ?? 16), bold: opts.bold, highlight: opts.highlight });

function cell(text: string | number, opts: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(String(text), { size: 11, bold: opts.bold })] })],
  });
}

function block(b: ReportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          indent: { firstLine: 640 },
          spacing: { line: LINE, before: b.level === 1 ? 120 : 60 },
          children: [run(b.text, { font: b.level === 1 ? FONT_HEADING : FONT_SECOND })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 640 },
          spacing: { line: LINE },
          children: [...(b.lead ? [run(b.lead, { font: FONT_SECOND })] : []), run(b.text)],
        }),
      ];
    case 'placeholder':
      // Marked and highlighted: the office writes these parts itself before the report goes out.
      return [new Paragraph({ indent: { firstLine: 640 }, spacing: { line: LINE }, children: [run(b.text, { highlight: 'yellow' })] })];
    case 'table': {
      const t = b.table;
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: t.head.map((h) => cell(h, { bold: true })) }),
            ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, { right: typeof c === 'number' })) })),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
    }
  }
}

/** The annual enforcement report as a Word document: A4, official-document layout, editable. */
export async function annualReportDocx(model: AnnualReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: '' }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 480, line: 700 },
      children: [run(model.title, { size: 22, bold: true, font: FONT_HEADING })],
    }),
  ];
  const attachment = model.blocks.findIndex((b) => b.kind === 'heading' && b.text.startsWith('附件'));
  const body = attachment === -1 ? model.blocks : model.blocks.slice(0, attachment);
  const annex = attachment === -1 ? [] : model.blocks.slice(attachment);
  for (const b of body) children.push(...block(b));
  children.push(new Paragraph({ text: '' }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE }, children: [run(model.office)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE }, children: [run(chineseDate(model.date))] }));
  if (annex.length) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  for (const b of annex) children.push(...block(b));

  const doc = new Document({
    creator: model.office,
    title: model.title,
    styles: { default: { document: { run: { font: FONT_BODY, size: PT(16) } } } },
    sections: [
      {
        // A4 with the margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT_BODY, size: PT(14) })] })],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
