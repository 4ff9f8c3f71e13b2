/**
 * Bar charts as plain geometry, drawn as inline SVG by the dashboard template (no JavaScript, no
 * unescaped markup: the template writes every attribute through Handlebars' escaping). Each chart
 * keeps the numbers it was drawn from, so the page puts the same data beside it as a table.
 */

export interface ChartSeries {
  key: string;
  label: string;
  /** Fill colour, at least 3:1 against white (WCAG 2.1 1.4.11). */
  color: string;
  values: number[];
}

export interface ChartRect {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  /** Shown as the bar's tooltip (`<title>`) and read by screen readers that enter the chart. */
  label: string;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface BarChart {
  width: number;
  height: number;
  bars: ChartRect[];
  grid: ChartLine[];
  texts: ChartText[];
  /** Legend entries: a swatch (x, y: its top left, 12 × 12) and its text at (textX, textY). */
  legend: { x: number; y: number; color: string; text: string; textX: number; textY: number }[];
  /** The largest value on the axis. */
  axisMax: number;
}

/** Axis divisions: with the maxima below, every tick is a whole number. */
const TICKS = 5;

/** A round axis maximum at or above `max`: 1, 2, 2.5 or 5 × 10^k (at least 5, so ticks are whole numbers). */
export function niceMax(max: number, minimum = 5): number {
  if (!Number.isFinite(max) || max <= minimum) return minimum;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const round = (v: number) => Math.round(v * 10) / 10;

function legendOf(series: ChartSeries[], x0: number, y: number): BarChart['legend'] {
  let x = x0;
  return series.map((s) => {
    const item = { x, y: y - 10, color: s.color, text: s.label, textX: x + 16, textY: y };
    // A CJK label is about one em per character at the legend's size (12).
    x += 28 + s.label.length * 13;
    return item;
  });
}

/**
 * Vertical bars, one group per category (months), one bar per series side by side.
 * `unit` goes into the tooltips ("5月 举报 3件").
 */
export function groupedBarChart(categories: string[], series: ChartSeries[], unit: string, opts: { width?: number; height?: number } = {}): BarChart {
  const width = opts.width ?? 720;
  const height = opts.height ?? 280;
  const left = 44;
  const right = 12;
  const top = 36;
  const bottom = 28;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const axisMax = niceMax(max);
  const groupW = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, (groupW * 0.75) / Math.max(1, series.length));
  const bars: ChartRect[] = [];
  const texts: ChartText[] = [];
  categories.forEach((c, ci) => {
    const gx = left + ci * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, si) => {
      const v = s.values[ci] ?? 0;
      const h = (v / axisMax) * plotH;
      bars.push({ x: round(gx + si * barW), y: round(top + plotH - h), width: round(barW - 1), height: round(h), fill: s.color, label: `${c} ${s.label} ${v}${unit}` });
      if (v > 0) texts.push({ x: round(gx + si * barW + barW / 2), y: round(top + plotH - h - 3), text: String(v), anchor: 'middle' });
    });
    texts.push({ x: round(left + ci * groupW + groupW / 2), y: height - 8, text: c, anchor: 'middle' });
  });
  const grid: ChartLine[] = [];
  for (let k = 0; k <= TICKS; k++) {
    const y = round(top + plotH - (plotH * k) / TICKS);
    grid.push({ x1: left, y1: y, x2: width - right, y2: y });
    texts.push({ x: left - 6, y: y + 4, text: String(round((axisMax * k) / TICKS)), anchor: 'end' });
  }
  return { width, height, bars, grid, texts, legend: legendOf(series, left, 14), axisMax };
}

/**
 * Horizontal stacked bars, one per category (platforms), segments per series (grades), with the
 * row's total at the end of the bar.
 */
export function stackedBarChart(categories: string[], series: ChartSeries[], unit: string, opts: { width?: number; rowHeight?: number } = {}): BarChart {
  const width = opts.width ?? 720;
  const rowH = opts.rowHeight ?? 28;
  const left = 96;
  const right = 48;
  const top = 36;
  const bottom = 24;
  const height = top + bottom + rowH * categories.length;
  const plotW = width - left - right;
  const totals = categories.map((_, ci) => series.reduce((s, x) => s + (x.values[ci] ?? 0), 0));
  const axisMax = niceMax(Math.max(0, ...totals));
  const bars: ChartRect[] = [];
  const texts: ChartText[] = [];
  categories.forEach((c, ci) => {
    const y = top + ci * rowH + 4;
    let x = left;
    for (const s of series) {
      const v = s.values[ci] ?? 0;
      if (v <= 0) continue;
      const w = (v / axisMax) * plotW;
      bars.push({ x: round(x), y, width: round(w), height: rowH - 8, fill: s.color, label: `${c} ${s.label} ${v}${unit}` });
      x += w;
    }
    texts.push({ x: left - 6, y: y + rowH / 2, text: c, anchor: 'end' });
    texts.push({ x: round(x + 4), y: y + rowH / 2, text: String(totals[ci]), anchor: 'start' });
  });
  const grid: ChartLine[] = [];
  const plotBottom = top + rowH * categories.length;
  for (let k = 0; k <= TICKS; k++) {
    const x = round(left + (plotW * k) / TICKS);
    grid.push({ x1: x, y1: top, x2: x, y2: plotBottom });
    texts.push({ x, y: plotBottom + 16, text: String(round((axisMax * k) / TICKS)), anchor: 'middle' });
  }
  return { width, height, bars, grid, texts, legend: legendOf(series, left, 14), axisMax };
}
