import { Injectable } from '@nestjs/common';
import type { Paragraph, Table } from 'docx';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../views/view-engine.js';
import { registerViewHelpers } from '../views/view-helpers.js';
import { chineseDate, type OfficialDocument } from './official-document.js';
import { loadDocx } from './lazy-libraries.js';

const FONT_BODY = 'FangSong'; // 仿宋, the body face of official documents
const FONT_TITLE = 'SimHei';
const PT = (n: number) => n * 2; // docx sizes are half-points

/** Renders official documents as printable HTML (A4) and as Word .docx (opens in Word and LibreOffice). */
@Injectable()
export class OfficialDocuments {
  private readonly page: HandlebarsTemplateDelegate;

  constructor() {
    const hbs = Handlebars.create();
    registerViewHelpers(hbs);
    this.page = hbs.compile(readFileSync(join(TEMPLATES_DIR, 'documents', 'official.hbs'), 'utf8'));
  }

  html(doc: OfficialDocument): string {
    return this.page({ ...doc, dateText: chineseDate(doc.date) });
  }

  fileName(doc: OfficialDocument, ext: 'docx' | 'html'): string {
    return `${doc.kind}-${doc.number}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
  }

  async docx(doc: OfficialDocument): Promise<Buffer> {
    const { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await loadDocx();
    const run = (text: string, opts: { size?: number; bold?: boolean; font?: string; color?: string } = {}) =>
      new TextRun({ text, font: opts.font ?? FONT_BODY, size: PT(opts.size ?? 16), bold: opts.bold, color: opts.color });
    const body = (text: string) =>
      new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: { line: 560 }, alignment: AlignmentType.JUSTIFIED });

    const children: (Paragraph | Table)[] = [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [run(doc.office, { size: 26, bold: true, font: FONT_TITLE, color: 'C00000' })] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 6 } },
        children: [run(doc.number)],
      }),
      new Paragraph({ text: '' }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(doc.title, { size: 22, bold: true, font: FONT_TITLE })] }),
    ];
    if (doc.addressee) children.push(new Paragraph({ children: [run(`${doc.addressee}：`)], spacing: { line: 560 } }));
    for (const p of doc.paragraphs) children.push(body(p));
    if (doc.facts?.length) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: doc.facts.map(
            (f) =>
              new TableRow({
                children: [
                  new TableCell({ width: { size: 25, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(f.label, { bold: true })] })] }),
                  new TableCell({ width: { size: 75, type: WidthType.PERCENTAGE }, children: f.value.split('\n').map((line) => new Paragraph({ children: [run(line)] })) }),
                ],
              }),
          ),
        }),
      );
    }
    for (const section of doc.sections ?? []) {
      children.push(new Paragraph({ children: [run(section.heading, { bold: true, font: FONT_TITLE })], spacing: { before: 240, line: 560 } }));
      section.items.forEach((item, i) => children.push(body(`${i + 1}. ${item}`)));
    }
    children.push(new Paragraph({ text: '' }));
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.signatureOffice)] }));
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(chineseDate(doc.date))] }));
    if (doc.note) children.push(new Paragraph({ children: [run(`（${doc.note}）`, { size: 14 })], spacing: { before: 240 } }));
    if (doc.copyTo) {
      children.push(
        new Paragraph({
          border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
          spacing: { before: 480 },
          children: [run(`抄送：${doc.copyTo}`, { size: 14 })],
        }),
      );
    }
    const file = new Document({
      creator: doc.office,
      title: `${doc.title} ${doc.number}`,
      styles: { default: { document: { run: { font: FONT_BODY, size: PT(16) } } } },
      sections: [
        {
          // A4 with the margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
          properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
          children,
        },
      ],
    });
    return Buffer.from(await Packer.toBuffer(file));
  }
}
