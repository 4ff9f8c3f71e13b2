import { describe, expect, it } from '@jest/globals';
import type { BlacklistListing } from './blacklist-listing.entity.js';
import { blacklistDocument, listingDecision, listingNotice } from './blacklist-documents.js';
import type { CandidateFacts } from './blacklist.constants.js';

const R1: CandidateFacts = {
  rule: 'R1',
  threshold: 3,
  windowMonths: 12,
  windowFrom: '2025-11-23',
  asOf: '2026-11-23',
  violations: [
    { id: 'v1', category: 'C06', categoryLabel: '散布谣言，扰乱社会秩序，破坏社会稳定', source: 'inspection', sourceLabel: '日常巡查', occurredAt: '2026-03-01', summary: '转载“封控”谣言' },
    { id: 'v2', category: 'C08', categoryLabel: '侮辱或者诽谤他人，侵害他人合法权益', source: 'report', sourceLabel: '群众举报', occurredAt: '2026-06-01', summary: '' },
    { id: 'v3', category: 'C06', categoryLabel: '散布谣言，扰乱社会秩序，破坏社会稳定', source: 'platform_notice', sourceLabel: '平台通报', occurredAt: '2026-11-20', summary: '' },
  ],
};

function listing(over: Partial<BlacklistListing> = {}): BlacklistListing {
  return {
    id: 'l1',
    accountId: 'a1',
    openAccountId: 'a1',
    ownerId: 'u1',
    subjectId: 's1',
    accountName: '余杭热点速递',
    filingNo: 'YH-ZMT-2026-000001',
    platform: 'wechat',
    subjectName: '杭州余杭测试传媒有限公司',
    subjectKind: 'organization',
    rule: 'R1',
    facts: JSON.stringify(R1),
    basis: '《实施办法》第三部分第5条',
    policyKey: 'blacklistViolationThreshold',
    citation: '§03.5',
    policyVersion: '2019-12-22/1',
    status: 'proposed',
    proposedBy: 'o1',
    proposedByName: '王科员',
    noticeNo: 'YH-WXHMD-2026-0001',
    noticeDate: '2026-11-23',
    notifiedAt: new Date('2026-11-23T02:00:00Z'),
    defenceDeadline: '2026-11-30',
    defenceStatement: null,
    defendedAt: null,
    defendedBy: null,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    rejectReason: null,
    decisionNo: null,
    listedAt: null,
    endsAt: null,
    endedAt: null,
    endReason: null,
    createdAt: new Date('2026-11-23T02:00:00Z'),
    updatedAt: new Date('2026-11-23T02:00:00Z'),
    rowVersion: 1,
    ...over,
  };
}

describe('the notice of proposed listing (告知书)', () => {
  it('names the account, the facts, the rule, the term and the defence deadline', () => {
    const doc = listingNotice(listing());
    expect(doc).toMatchObject({ kind: 'blacklist-notice', number: 'YH-WXHMD-2026-0001', title: '拟列入违法违规黑名单告知书', addressee: '杭州余杭测试传媒有限公司', date: '2026-11-23' });
    const text = doc.paragraphs.join('');
    expect(text).toContain('你单位运营的自媒体账号“余杭热点速递”（微信公众号，备案编号YH-ZMT-2026-000001）');
    expect(text).toContain('经查实违法违规3次');
    expect(text).toContain('多次发布、转载违法违规信息');
    expect(text).toContain('期限12个月');
    expect(text).toContain('请于2026年11月30日前');
    expect(text).toContain('5个工作日内');
    expect(text).toContain('国办发〔2020〕49号');
    const facts = Object.fromEntries(doc.facts!.map((f) => [f.label, f.value]));
    expect(facts['违法违规事实'].split('\n')).toEqual([
      '1. 2026年3月1日，散布谣言，扰乱社会秩序，破坏社会稳定（日常巡查）：转载“封控”谣言',
      '2. 2026年6月1日，侮辱或者诽谤他人，侵害他人合法权益（群众举报）',
      '3. 2026年11月20日，散布谣言，扰乱社会秩序，破坏社会稳定（平台通报）',
    ]);
    expect(facts['法律依据']).toBe('《实施办法》第三部分第5条');
  });

  it('speaks to an individual as 你, and cites the failed rectification for R2', () => {
    const r2: CandidateFacts = { rule: 'R2', interviews: [{ id: 'i1', noticeNo: 'YH-WXYT-2026-0003', status: 'refused', statusLabel: '拒绝约谈', concludedAt: '2026-10-09T02:00:00.000Z' }] };
    const doc = listingNotice(listing({ subjectKind: 'individual', subjectName: '张小明', rule: 'R2', facts: JSON.stringify(r2) }));
    const text = doc.paragraphs.join('');
    expect(text).toContain('你运营的自媒体账号');
    expect(text).not.toContain('你单位');
    expect(text).toContain('约谈通知书YH-WXYT-2026-0003（拒绝约谈）');
    expect(text).toContain('发布、转载违法违规信息后拒不整改');
    expect(doc.facts!.find((f) => f.label === '违法违规事实')!.value).toBe('1. 约谈通知书YH-WXYT-2026-0003，拒绝约谈（2026年10月9日）');
  });
});

describe('the decision (决定书)', () => {
  it('does not exist before the approval', () => {
    expect(listingDecision(listing())).toBeNull();
    expect(blacklistDocument(listing(), 'decision')).toBeNull();
    expect(blacklistDocument(listing(), 'notice')).not.toBeNull();
  });

  it('states the defence, the term and the remedies', () => {
    const listed = listing({
      status: 'listed',
      decisionNo: 'YH-WXHMJ-2026-0001',
      decidedAt: new Date('2026-12-02T02:00:00Z'),
      listedAt: new Date('2026-12-02T02:00:00Z'),
      endsAt: new Date('2027-12-02T02:00:00Z'),
      defendedAt: new Date('2026-11-25T06:30:00Z'),
      defenceStatement: '已删除',
    });
    const doc = listingDecision(listed)!;
    expect(doc).toMatchObject({ kind: 'blacklist-decision', number: 'YH-WXHMJ-2026-0001', title: '列入违法违规黑名单决定书', date: '2026-12-02' });
    const text = doc.paragraphs.join('');
    expect(text).toContain('《拟列入违法违规黑名单告知书》（YH-WXHMD-2026-0001）');
    expect(text).toContain('提出了陈述、申辩意见');
    expect(text).toContain('期限自2026年12月2日至2027年12月2日');
    expect(text).toContain('六十日内');
    expect(listingDecision({ ...listed, defendedAt: null })!.paragraphs[0]).toContain('未提出陈述、申辩意见');
  });
});
