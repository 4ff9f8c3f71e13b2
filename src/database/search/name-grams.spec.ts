import { describe, expect, it } from '@jest/globals';
import { MAX_QUERY_GRAMS, nameGrams, queryGrams } from './name-grams.js';

const gram = (pair: string) => {
  const [a, b] = Array.from(pair, (c) => c.codePointAt(0)!);
  return a * 0x110000 + b;
};

describe('name grams', () => {
  it('are the distinct pairs of code points, Chinese and beyond the BMP included', () => {
    expect(nameGrams('良渚美食')).toEqual([gram('良渚'), gram('渚美'), gram('美食')]);
    expect(nameGrams('哈哈哈')).toEqual([gram('哈哈')]);
    expect(nameGrams('😀😁')).toEqual([gram('😀😁')]);
    expect(nameGrams('良')).toEqual([]);
  });

  it('fold case and width (NFKC) so that they never miss what LIKE finds', () => {
    expect(nameGrams('ＡＢ')).toEqual(nameGrams('ab'));
    expect(nameGrams('AB')).toEqual(nameGrams('ab'));
  });

  it('take at most a few of a long query, the first and the last among them', () => {
    const q = '余杭未来科技城融媒体中心';
    const picked = queryGrams(q);
    expect(picked.length).toBeLessThanOrEqual(MAX_QUERY_GRAMS);
    expect(picked).toContain(gram('余杭'));
    expect(picked).toContain(gram('中心'));
    expect(queryGrams('渚')).toEqual([]);
    expect(queryGrams('良渚')).toEqual([gram('良渚')]);
  });
});
