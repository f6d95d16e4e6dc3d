/**
 * `chart` command output (a Chart.js description, reference §6.5) → data uPlot can draw. Pure: no DOM, no React.
 *
 * The engine writes `{visualization: "chartjs", type: "bar"|"line", data, options: {parsing: {xAxisKey, yAxisKey},
 * scales?: {x: {type: "time", time: {unit}}}}}` where `data` is either `{labels, datasets: [{label: Y, data: rows}]}`
 * or (with --by) `{datasets: [{label: value, data: [{X: x, Y: y}…]}…]}`. Plain Chart.js shapes (numbers with
 * labels, `[x, y]` pairs, `{x, y}` points) are read too.
 */
import type { ChartSpec } from './shape';
import { displayValue, getOwn, isRecord, parseIsoMs, toNumber } from './values';

export type SeriesKind = 'line' | 'bar' | 'area';
export type XKind = 'time' | 'number' | 'category';

export interface ChartSeries { label: string; kind: SeriesKind; values: (number | null)[] }
export interface ChartModel {
  ok: true;
  xKind: XKind;
  /** x positions: epoch seconds (time), numbers, or 0..n-1 (category). Ascending. */
  x: number[];
  /** Category labels by index (category axis only). */
  categories: string[] | null;
  /** Time values were plain dates (show them in UTC so a day stays that day). */
  utc: boolean;
  series: ChartSeries[];
  xKey: string;
  yKey: string;
  /** Points that shared an x with an earlier point of the same series (the last one is drawn). */
  duplicates: number;
  /** y values that were not numbers (drawn as gaps). */
  nonNumeric: number;
}
export interface ChartUnsupported { ok: false; reason: string }

export interface ChartPoint { series: string; x: unknown; y: unknown }

const DRAWABLE = new Set(['line', 'bar', 'area']);

/** `obj[key]`, else the `__` path (the query language's), else a dotted path (Chart.js's). */
export function resolveKey(obj: unknown, key: string): unknown {
  if (!isRecord(obj)) return undefined;
  if (Object.hasOwn(obj, key)) return obj[key];
  for (const sep of ['__', '.']) {
    if (!key.includes(sep)) continue;
    let cur: unknown = obj;
    for (const seg of key.split(sep)) {
      cur = getOwn(cur, seg);
      if (cur === undefined) break;
    }
    if (cur !== undefined) return cur;
  }
  return undefined;
}

function axisKeys(spec: ChartSpec): { xKey: string; yKey: string } {
  const parsing = spec.options['parsing'];
  const xKey = isRecord(parsing) && typeof parsing['xAxisKey'] === 'string' ? parsing['xAxisKey'] : 'x';
  const yKey = isRecord(parsing) && typeof parsing['yAxisKey'] === 'string' ? parsing['yAxisKey'] : 'y';
  return { xKey, yKey };
}

function seriesLabel(label: unknown, i: number): string {
  if (label === null || label === undefined || label === '') return `series ${i + 1}`;
  return displayValue(label);
}

/** Every point of every dataset as `{series, x, y}` (raw values); also used for the data table and exports. */
export function chartPoints(spec: ChartSpec): { xKey: string; yKey: string; points: ChartPoint[] } {
  const { xKey, yKey } = axisKeys(spec);
  const labels = spec.data.labels;
  const points: ChartPoint[] = [];
  spec.data.datasets.forEach((ds, si) => {
    const series = seriesLabel(ds.label, si);
    ds.data.forEach((el, i) => {
      const label = labels && i < labels.length ? labels[i] : undefined;
      if (isRecord(el)) {
        const x = resolveKey(el, xKey);
        points.push({ series, x: x === undefined ? (label ?? i) : x, y: resolveKey(el, yKey) ?? null });
      } else if (Array.isArray(el)) {
        points.push({ series, x: el[0] ?? null, y: el[1] ?? null });
      } else {
        points.push({ series, x: label ?? i, y: el ?? null });
      }
    });
  });
  return { xKey, yKey, points };
}

function timeScaleRequested(spec: ChartSpec): boolean {
  const scales = spec.options['scales'];
  const x = isRecord(scales) ? scales['x'] : undefined;
  return isRecord(x) && (x['type'] === 'time' || x['type'] === 'timeseries');
}

/** Epoch seconds for a time-like value (ISO text; numbers as s, ms or µs by magnitude), else null. */
export function toEpochSeconds(v: unknown): number | null {
  if (typeof v === 'string') {
    const ms = parseIsoMs(v);
    if (ms !== null) return ms / 1000;
    const n = toNumber(v);
    return n === null ? null : toEpochSeconds(n);
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    const a = Math.abs(v);
    return a >= 1e14 ? v / 1e6 : a >= 1e11 ? v / 1e3 : v;
  }
  return null;
}

const isDateOnly = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim());

function kindOf(spec: ChartSpec, ds: { type?: unknown; fill?: unknown }): string {
  const t = typeof ds.type === 'string' ? ds.type : spec.type;
  if (t === 'line' && ds.fill !== undefined && ds.fill !== false && ds.fill !== null) return 'area';
  return t;
}

/** The uPlot-ready model of a chart, or why it cannot be drawn (then the UI shows the data as a table). */
export function toChartModel(spec: ChartSpec): ChartModel | ChartUnsupported {
  const kinds = spec.data.datasets.map((ds) => kindOf(spec, ds));
  const bad = kinds.find((k) => !DRAWABLE.has(k));
  if (bad !== undefined) return { ok: false, reason: `A "${bad}" chart cannot be drawn here; its data is shown as a table.` };
  if (spec.data.datasets.length === 0) return { ok: false, reason: 'The chart has no data series.' };
  const { xKey, yKey, points } = chartPoints(spec);
  if (points.length === 0) return { ok: false, reason: 'The chart has no data points.' };

  const labels = spec.data.datasets.map((ds, i) => seriesLabel(ds.label, i));
  const xs = points.map((p) => p.x).filter((x) => x !== null && x !== undefined);
  let xKind: XKind = 'category';
  if (xs.length > 0 && xs.every((x) => (timeScaleRequested(spec) ? toEpochSeconds(x) !== null : typeof x === 'string' && parseIsoMs(x) !== null))) xKind = 'time';
  else if (xs.length > 0 && xs.every((x) => typeof x === 'number' && Number.isFinite(x))) xKind = 'number';
  const utc = xKind === 'time' && xs.every(isDateOnly);

  let nonNumeric = 0;
  const yOf = (y: unknown): number | null => {
    const n = toNumber(y);
    if (n === null && y !== null && y !== undefined) nonNumeric += 1;
    return n;
  };
  const bySeries = labels.map(() => [] as ChartPoint[]);
  let s = 0;
  spec.data.datasets.forEach((ds, si) => {
    for (let i = 0; i < ds.data.length; i++) (bySeries[si] as ChartPoint[]).push(points[s++] as ChartPoint);
  });

  const xPos = (x: unknown): number | null => (xKind === 'time' ? toEpochSeconds(x) : xKind === 'number' ? (x as number) : null);
  const single = bySeries.length === 1;
  const firstSeries = bySeries[0] as ChartPoint[];
  const keyOf = (x: unknown): string => displayValue(x);

  // One series on a category axis: every point keeps its own slot, in order (repeated labels included).
  const singleRepeats = single && xKind === 'category';
  if (singleRepeats) {
    const values = firstSeries.map((p) => yOf(p.y));
    if (values.every((v) => v === null)) return { ok: false, reason: `The y values (${yKey}) are not numbers, so there is nothing to plot.` };
    return {
      ok: true, xKind: 'category', x: firstSeries.map((_, i) => i), categories: firstSeries.map((p) => keyOf(p.x)), utc: false,
      series: [{ label: labels[0] as string, kind: kinds[0] as SeriesKind, values }],
      xKey, yKey, duplicates: 0, nonNumeric,
    };
  }

  // Aligned data: the union of x values (sorted for time/number axes, first-seen order for categories).
  const slots = new Map<string, number>();
  const slotX: number[] = [];
  const categories: string[] = [];
  for (const pts of bySeries) {
    for (const p of pts) {
      const pos = xPos(p.x);
      const key = xKind === 'category' ? keyOf(p.x) : pos === null ? null : String(pos);
      if (key === null || slots.has(key)) continue;
      slots.set(key, slotX.length);
      slotX.push(xKind === 'category' ? categories.length : (pos as number));
      if (xKind === 'category') categories.push(key);
    }
  }
  let order = slotX.map((_, i) => i);
  if (xKind !== 'category') order = order.sort((a, b) => (slotX[a] as number) - (slotX[b] as number));
  const rank = new Map<number, number>();
  order.forEach((slot, i) => rank.set(slot, i));
  const x = order.map((slot) => slotX[slot] as number);

  let duplicates = 0;
  const series: ChartSeries[] = bySeries.map((pts, si) => {
    const values: (number | null)[] = x.map(() => null);
    const filled = new Set<number>();
    for (const p of pts) {
      const pos = xPos(p.x);
      const key = xKind === 'category' ? keyOf(p.x) : pos === null ? null : String(pos);
      const slot = key === null ? undefined : slots.get(key);
      if (slot === undefined) continue;
      const idx = rank.get(slot) as number;
      if (filled.has(idx)) duplicates += 1;
      filled.add(idx);
      values[idx] = yOf(p.y);
    }
    return { label: labels[si] as string, kind: kinds[si] as SeriesKind, values };
  });
  if (series.every((sr) => sr.values.every((v) => v === null))) return { ok: false, reason: `The y values (${yKey}) are not numbers, so there is nothing to plot.` };
  return { ok: true, xKind, x, categories: xKind === 'category' ? categories : null, utc, series, xKey, yKey, duplicates, nonNumeric };
}
