import { describe, expect, it } from '@jest/globals';
import { OfficialDocuments } from '../../common/documents/official-documents.js';
import { interviewDocument } from './interview-documents.js';
import type { Interview } from './interview.entity.js';
import { sameOrganization } from './interviews.service.js';

const scheduled = {
  id: 'i1',
  noticeNo: 'YH-WXYT-2026-0007',
  accountName: '余杭生活圈',
  subjectName: '杭州某某传媒有限公司',
  filingNo: 'YH-ZMT-2026-000012',
  platform: 'wechat',
  triggers: 'T1,T3',
  facts: '多次转载不实信息',
  scheduledAt: new Date('2026-11-30T01:30:00Z'),
  location: '区网信办302会议室',
  officers: JSON.stringify([
    { id: 'a', name: '张三' },
    { id: 'b', name: '李四' },
  ]),
  summonedName: '王经理',
  summonedTitle: '主要负责人',
  noticeDate: '2026-11-23',
  heldAt: null,
  minutes: null,
  problems: null,
  requirements: null,
  deadline: null,
  orderNo: null,
} as unknown as Interview;

const held = {
  ...scheduled,
  heldAt: new Date('2026-11-30T02:00:00Z'),
  minutes: '第一段\n第二段',
  problems: JSON.stringify(['问题甲']),
  requirements: JSON.stringify(['要求乙']),
  deadline: '2026-12-21',
  orderNo: 'YH-WXZG-2026-0003',
} as Interview;

describe('interview documents', () => {
  const docs = new OfficialDocuments();

  it('the notice names the account, the triggers of §03.2 in words, time (Beijing), place, panel and summoned person', () => {
    const notice = interviewDocument(scheduled, 'notice')!;
    expect(notice).toMatchObject({ number: 'YH-WXYT-2026-0007', title: '约谈通知书', addressee: '杭州某某传媒有限公司', date: '2026-11-23' });
    const html = docs.html(notice);
    expect(html).toContain('“余杭生活圈”（微信公众号，备案编号YH-ZMT-2026-000012）');
    expect(html).toContain('（一）未及时处理公民');
    expect(html).toContain('（三）未及时处置违法信息');
    expect(html).toContain('2026年11月30日 09:30');
    expect(html).toContain('张三、李四');
    expect(html).toContain('王经理（主要负责人）');
  });

  it('minutes and order exist only once held; they carry problems, requirements and the deadline', () => {
    expect(interviewDocument(scheduled, 'minutes')).toBeNull();
    expect(interviewDocument(scheduled, 'rectification-order')).toBeNull();
    const minutes = interviewDocument(held, 'minutes')!;
    expect(minutes.paragraphs).toEqual(['第一段', '第二段']);
    expect(minutes.sections).toEqual([
      { heading: '一、指出的问题', items: ['问题甲'] },
      { heading: '二、整改要求', items: ['要求乙'] },
    ]);
    expect(minutes.date).toBe('2026-11-30');
    const order = interviewDocument(held, 'rectification-order')!;
    expect(order).toMatchObject({ number: 'YH-WXZG-2026-0003', title: '责令整改通知书' });
    expect(order.paragraphs.join('')).toContain('请于2026年12月21日前完成整改');
    expect(order.paragraphs.join('')).toContain('限制发布、暂停更新直至关闭账号');
  });
});

describe('sameOrganization', () => {
  it.each([
    ['杭州某某传媒有限公司', ' 杭州某某传媒有限公司 ', true],
    ['杭州某某(传媒)有限公司', '杭州某某（传媒）有限公司', true],
    ['ＡＢＣ文化', 'abc文化', true],
    ['余杭区网络文化协会', '杭州某某传媒有限公司', false],
    [null, '杭州某某传媒有限公司', false],
    ['', '', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(sameOrganization(a, b)).toBe(same);
  });
});
