import { describe, expect, it } from '@jest/globals';
import { groupedBarChart, niceMax, stackedBarChart } from './bar-charts.js';

describe('niceMax: a round axis maximum', () => {
  it('rounds up to 1, 2, 2.5 or 5 × 10^k, at least 5', () => {
    expect([0, 1, 5, 6, 10, 11, 21, 26, 51, 99, 101, 240, 251, 999].map((v) => niceMax(v))).toEqual([5, 5, 5, 10, 10, 20, 25, 50, 100, 100, 200, 250, 500, 1000]);
  });
  it('every tick of a 5-division axis is a whole number', () => {
    for (let v = 0; v < 3000; v += 7) {
      const max = niceMax(v);
      expect(max).toBeGreaterThanOrEqual(v);
      for (let k = 0; k <= 5; k++) expect(Number.isInteger((max * k) / 5)).toBe(true);
    }
  });
  it('copes with nonsense', () => {
    expect(niceMax(Number.NaN)).toBe(5);
    expect(niceMax(-3)).toBe(5);
  });
});

describe('groupedBarChart', () => {
  const series = [
    { key: 'r', label: '举报', color: '#1d70b8', values: [10, 0, 5] },
    { key: 'v', label: '违规', color: '#d4351c', values: [2, 4, 0] },
  ];
  const chart = groupedBarChart(['1月', '2月', '3月'], series, '件', { width: 400, height: 200 });

  it('one bar per series and category, heights proportional to the values, standing on the axis', () => {
    expect(chart.axisMax).toBe(10);
    expect(chart.bars).toHaveLength(6);
    const plotBottom = 200 - 28;
    const full = plotBottom - 36;
    const heights = chart.bars.map((b) => b.height);
    expect(heights[0]).toBeCloseTo(full, 0);
    expect(heights[2]).toBeCloseTo(0, 5);
    expect(heights[4]).toBeCloseTo(full / 2, 0);
    for (const b of chart.bars) expect(b.y + b.height).toBeCloseTo(plotBottom, 0);
    // Side by side within a group, groups left to right.
    expect(chart.bars[0].x).toBeLessThan(chart.bars[1].x);
    expect(chart.bars[1].x).toBeLessThan(chart.bars[2].x);
  });

  it('tooltips and value labels carry the numbers; zero bars get no label', () => {
    expect(chart.bars.map((b) => b.label)).toEqual(['1月 举报 10件', '1月 违规 2件', '2月 举报 0件', '2月 违规 4件', '3月 举报 5件', '3月 违规 0件']);
    const values = chart.texts.filter((t) => t.anchor === 'middle' && /^\d+$/.test(t.text)).map((t) => t.text);
    expect(values).toEqual(['10', '2', '4', '5']);
    expect(chart.texts.filter((t) => t.anchor === 'end').map((t) => t.text)).toEqual(['0', '2', '4', '6', '8', '10']);
  });

  it('a legend entry per series', () => {
    expect(chart.legend.map((l) => [l.text, l.color])).toEqual([
      ['举报', '#1d70b8'],
      ['违规', '#d4351c'],
    ]);
    expect(chart.legend[1].x).toBeGreaterThan(chart.legend[0].textX);
  });

  it('all zeros: flat bars, a default axis, no NaN anywhere', () => {
    const empty = groupedBarChart(['1月'], [{ key: 'r', label: '举报', color: '#000', values: [0] }], '件');
    expect(empty.axisMax).toBe(5);
    expect(JSON.stringify(empty)).not.toContain('null');
    expect(empty.bars[0].height).toBe(0);
  });
});

describe('stackedBarChart', () => {
  const chart = stackedBarChart(
    ['微信公众号', '抖音'],
    [
      { key: 'A', label: 'A级', color: '#00703c', values: [3, 0] },
      { key: 'B', label: 'B级', color: '#1d70b8', values: [2, 5] },
    ],
    '个',
    { width: 600 },
  );

  it('segments follow each other along the row; zero segments are left out', () => {
    expect(chart.axisMax).toBe(5);
    expect(chart.bars.map((b) => b.label)).toEqual(['微信公众号 A级 3个', '微信公众号 B级 2个', '抖音 B级 5个']);
    const [a, b, c] = chart.bars;
    expect(b.x).toBeCloseTo(a.x + a.width, 1);
    expect(a.width + b.width).toBeCloseTo(c.width, 1);
    expect(a.y).toBe(b.y);
    expect(c.y).toBeGreaterThan(a.y);
  });

  it('each row ends with its total; the height grows with the rows', () => {
    expect(chart.texts.filter((t) => t.anchor === 'start').map((t) => t.text)).toEqual(['5', '5']);
    expect(chart.texts.filter((t) => t.anchor === 'end').map((t) => t.text)).toEqual(['微信公众号', '抖音']);
    expect(stackedBarChart(['a', 'b', 'c'], [], '个').height).toBeGreaterThan(stackedBarChart(['a'], [], '个').height);
  });
});
