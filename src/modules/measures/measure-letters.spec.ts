import { describe, expect, it } from '@jest/globals';
import { buildLetter, type LetterContext, lettersFor } from './measure-letters.js';

const base: LetterContext = {
  kind: 'restrict',
  accountAction: 'restrict',
  accountName: '余杭生活圈',
  filingNo: 'YH-ZMT-2026-000012',
  platformLabel: '微信公众号',
  platformAccountId: 'gh_1',
  subjectName: '杭州某某传媒有限公司',
  reason: '逾期未整改',
  basis: { noticeNo: 'YH-WXYT-2026-0007', outcomeLabel: '整改不合格' },
  lifted: null,
  date: '2026-12-01',
  proposerName: '张三',
  numbers: { 'upper-request': 'YH-WXQS-2026-0001', police: 'YH-WXTB-2026-0001', press: 'YH-WXTB-2026-0002', culture: 'YH-WXTB-2026-0003' },
};

describe('measure letters', () => {
  it('a restriction issues the request and three referrals; other steps the request only', () => {
    expect(lettersFor('restrict')).toEqual(['upper-request', 'police', 'press', 'culture']);
    for (const kind of ['suspend', 'close', 'lift'] as const) expect(lettersFor(kind)).toEqual(['upper-request']);
  });

  it('the request asks the upper-level office to act, citing §03.3 and the interview', () => {
    const doc = buildLetter(base, 'upper-request');
    expect(doc).toMatchObject({ number: 'YH-WXQS-2026-0001', addressee: '杭州市互联网信息办公室', title: '关于对自媒体账号“余杭生活圈”限制发布的请示' });
    const text = doc.paragraphs.join('');
    expect(text).toContain('第三部分第3条');
    expect(text).toContain('约谈通知书YH-WXYT-2026-0007');
    expect(text).toContain('通报公安、新闻出版、文化旅游');
    expect(doc.paragraphs.at(-1)).toBe('妥否，请批示。');
  });

  it('a lift cites §03.5 and names the decision it lifts', () => {
    const doc = buildLetter({ ...base, kind: 'lift', accountAction: 'liftRestriction', lifted: { decisionNo: 'YH-WXQS-2026-0001', actionWords: '限制发布' } }, 'upper-request');
    expect(doc.title).toBe('关于对自媒体账号“余杭生活圈”解除限制发布的请示');
    expect(doc.paragraphs.join('')).toContain('第三部分第5条');
    expect(doc.paragraphs.join('')).toContain('YH-WXQS-2026-0001');
  });

  it.each([
    ['police', '杭州市公安局余杭区分局', 'YH-WXTB-2026-0001'],
    ['press', '中共杭州市余杭区委宣传部（区新闻出版局）', 'YH-WXTB-2026-0002'],
    ['culture', '杭州市余杭区文化和广电旅游体育局', 'YH-WXTB-2026-0003'],
  ] as const)('the referral to %s', (letter, addressee, number) => {
    const doc = buildLetter(base, letter);
    expect(doc).toMatchObject({ addressee, number, copyTo: '杭州市互联网信息办公室' });
    expect(doc.paragraphs.join('')).toContain('请示YH-WXQS-2026-0001');
  });
});
