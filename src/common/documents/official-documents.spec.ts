import { describe, expect, it } from '@jest/globals';
import { OfficialDocuments } from './official-documents.js';
import type { OfficialDocument } from './official-document.js';

const doc: OfficialDocument = {
  kind: 'interview-notice',
  office: '余杭区互联网信息办公室',
  number: 'YH-WXYT-2026-0001',
  title: '约谈通知书',
  addressee: '杭州<某某>文化传媒有限公司',
  paragraphs: ['你单位运营的自媒体账号存在下列问题。', '请按时参加约谈。'],
  facts: [
    { label: '约谈时间', value: '2026年11月30日 09:30' },
    { label: '约谈地点', value: '余杭区文一西路1500号' },
  ],
  sections: [{ heading: '整改要求', items: ['删除违规内容', '公开致歉'] }],
  signatureOffice: '余杭区互联网信息办公室',
  date: '2026-11-23',
  copyTo: '余杭区网络文化协会',
};

describe('OfficialDocuments', () => {
  const docs = new OfficialDocuments();

  it('renders a printable page with the parts of an official document, escaped', () => {
    const html = docs.html(doc);
    expect(html).toContain('约谈通知书');
    expect(html).toContain('YH-WXYT-2026-0001');
    expect(html).toContain('杭州&lt;某某&gt;文化传媒有限公司：');
    expect(html).toContain('2026年11月23日');
    expect(html).toContain('1. 删除违规内容');
    expect(html).toContain('抄送：余杭区网络文化协会');
    expect(html).not.toContain('<某某>');
  });

  it('builds a .docx (a zip with word/document.xml holding the text)', async () => {
    const buf = await docs.docx(doc);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('约谈通知书');
    expect(xml).toContain('YH-WXYT-2026-0001');
    expect(xml).toContain('2026年11月23日');
    expect(xml).toContain('删除违规内容');
    expect(docs.fileName(doc, 'docx')).toBe('interview-notice-YH-WXYT-2026-0001.docx');
  });
});
