/**
 * A uPlot chart for a ChartModel: line / bar (grouped when several) / area series, a legend with live values, a
 * hover tooltip, a time axis for timestamps, categories by index. Follows its container's width (ResizeObserver)
 * and the theme (CSS variables, redrawn when `data-theme` changes). Text goes in via textContent only.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartModel } from './chart-data';
import { truncate } from './values';

const FALLBACK_PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5f3dc4'];

/** Redraw when the theme changes (the app sets data-theme on <html>; "system" follows the OS setting). */
function useThemeVersion(): number {
  const [v, setV] = useState(0);
  useEffect(() => {
    const bump = (): void => setV((n) => n + 1);
    const mo = new MutationObserver(bump);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    mq?.addEventListener('change', bump);
    return () => { mo.disconnect(); mq?.removeEventListener('change', bump); };
  }, []);
  return v;
}

function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m || !m[1]) return color;
  const hex = m[1].length === 3 ? m[1].split('').map((c) => c + c).join('') : m[1];
  const n = parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const numberFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
const fmtNum = (v: number): string => numberFmt.format(v);

/** Smallest distance between neighbouring x values (the width a bar group may take). */
function minGap(m: ChartModel): number {
  let gap = Infinity;
  for (let i = 1; i < m.x.length; i++) gap = Math.min(gap, (m.x[i] as number) - (m.x[i - 1] as number));
  if (Number.isFinite(gap) && gap > 0) return gap;
  return m.xKind === 'time' ? 3600 : 1;
}

function heightFor(width: number): number {
  return width < 500 ? 240 : 320;
}

function buildOptions(m: ChartModel, wrap: HTMLElement, width: number, tip: HTMLDivElement): uPlot.Options {
  const css = getComputedStyle(wrap);
  const cv = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const axisColor = cv('--muted', '#5b6470');
  const gridColor = cv('--border', '#d5d9e0');
  const palette = FALLBACK_PALETTE.map((c, i) => cv(`--chart-${i + 1}`, c));
  const colorOf = (i: number): string => palette[i % palette.length] as string;

  const n = m.x.length;
  const xMin = m.x[0] ?? 0;
  const xMax = m.x[n - 1] ?? 0;
  const gap = minGap(m);
  const bars = m.series.map((s, i) => (s.kind === 'bar' ? i : -1)).filter((i) => i >= 0);
  const hasBars = bars.length > 0;
  const categories = m.categories ?? [];
  const fmtTime = uPlot.fmtDate(m.utc ? '{YYYY}-{MM}-{DD}' : '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}');
  const toDate = (ts: number): Date => (m.utc ? uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') : new Date(ts * 1e3));
  const xText = (v: number | null | undefined): string => {
    if (v === null || v === undefined) return '–';
    if (m.xKind === 'time') return fmtTime(toDate(v));
    if (m.xKind === 'category') return categories[Math.round(v)] ?? '';
    return fmtNum(v);
  };

  const barPaths = (j: number): uPlot.Series.PathBuilder | undefined => {
    const factory = uPlot.paths.bars;
    if (!factory) return undefined;
    if (bars.length === 1) return factory({ size: [0.7, 90], align: 0 });
    const group = 0.8 * gap;
    const w = group / bars.length;
    const unit = 1 as uPlot.Series.BarsPathBuilderFacetUnit; // scale values
    return factory({
      disp: {
        x0: { unit, values: (u) => (u.data[0] as number[]).map((x) => x - group / 2 + j * w) },
        size: { unit, values: (u) => (u.data[0] as number[]).map(() => w) },
      },
    });
  };

  const series: uPlot.Series[] = [
    { label: m.xKey, value: (_u, v) => xText(v) },
    ...m.series.map((s, i): uPlot.Series => {
      const color = colorOf(i);
      const base: uPlot.Series = { label: s.label, stroke: color, width: 2, spanGaps: true, value: (_u, v) => (v === null || v === undefined ? '–' : fmtNum(v)) };
      if (s.kind === 'bar') {
        const paths = barPaths(bars.indexOf(i));
        return { ...base, width: 1, fill: withAlpha(color, 0.7), points: { show: false }, ...(paths ? { paths } : {}) };
      }
      if (s.kind === 'area') return { ...base, fill: withAlpha(color, 0.18) };
      return { ...base, points: { show: n <= 60, size: 5 } };
    }),
  ];

  const axisBase = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
  const xAxis: uPlot.Axis = m.xKind === 'category'
    ? {
        ...axisBase,
        space: 70,
        splits: (u, _axisIdx, min, max) => {
          const lo = Math.max(0, Math.ceil(min));
          const hi = Math.min(n - 1, Math.floor(max));
          const maxTicks = Math.max(1, Math.floor((u.width - 60) / 90));
          const step = Math.max(1, Math.ceil((hi - lo + 1) / maxTicks));
          const out: number[] = [];
          for (let i = lo; i <= hi; i += step) out.push(i);
          return out;
        },
        values: (_u, splits) => splits.map((i) => truncate(categories[i] ?? '', 14)),
      }
    : m.xKind === 'number'
      ? { ...axisBase, values: (_u: uPlot, splits: number[]) => splits.map(fmtNum) }
      // Plain dates: ticks on whole days (or more), never hours.
      : { ...axisBase, ...(m.utc ? { incrs: [1, 2, 7, 14, 30, 91, 182, 365, 730, 1825, 3650].map((d) => d * 86400) } : {}) };
  const yAxis: uPlot.Axis = {
    ...axisBase,
    values: (_u, splits) => splits.map(fmtNum),
    size: (_u, values) => Math.max(44, ...(values ?? []).map((s) => String(s).length * 7 + 20)),
  };

  const padX = m.xKind === 'category' || hasBars;
  return {
    width,
    height: heightFor(width),
    ...(m.utc ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') } : {}),
    scales: {
      x: {
        time: m.xKind === 'time',
        ...(padX ? {
          range: (_u: uPlot, lo: number, hi: number): uPlot.Range.MinMax => {
            const half = m.xKind === 'category' ? 0.5 : gap / 2;
            return lo === xMin && hi === xMax ? [lo - half, hi + half] : [lo, hi];
          },
        } : {}),
      },
      y: {
        range: (_u, lo, hi): uPlot.Range.MinMax => {
          let a = lo ?? 0;
          let b = hi ?? 0;
          if (hasBars) { a = Math.min(0, a); b = Math.max(0, b); }
          const pad = (b - a) * 0.08 || Math.abs(b) * 0.1 || 1;
          return [hasBars && a === 0 ? 0 : a - pad, hasBars && b === 0 ? 0 : b + pad];
        },
      },
    },
    series,
    axes: [xAxis, yAxis],
    legend: { live: true },
    cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 7 } },
    hooks: {
      init: [(u) => { u.over.appendChild(tip); }],
      setCursor: [(u) => {
        const { idx, left, top } = u.cursor;
        if (idx === null || idx === undefined || left === undefined || left < 0 || top === undefined) {
          tip.hidden = true;
          return;
        }
        const head = document.createElement('div');
        head.className = 'chart-tip-x';
        head.textContent = xText(u.data[0][idx]);
        const lines: HTMLElement[] = [head];
        u.series.forEach((s, si) => {
          if (si === 0 || s.show === false) return;
          const v = u.data[si]?.[idx];
          if (v === null || v === undefined) return;
          const line = document.createElement('div');
          const sw = document.createElement('span');
          sw.className = 'chart-tip-swatch';
          sw.style.background = colorOf(si - 1);
          const text = document.createElement('span');
          text.textContent = `${truncate(String(s.label ?? ''), 40)}: ${fmtNum(v)}`;
          line.append(sw, text);
          lines.push(line);
        });
        tip.replaceChildren(...lines);
        tip.hidden = false;
        const ow = u.over.clientWidth;
        const tw = tip.offsetWidth;
        const x = left + 14 + tw > ow ? Math.max(0, left - 14 - tw) : left + 14;
        const y = Math.max(0, Math.min(top + 10, u.over.clientHeight - tip.offsetHeight));
        tip.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      }],
    },
  };
}

export function UPlotChart({ model, label }: { model: ChartModel; label: string }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const tip = document.createElement('div');
    tip.className = 'chart-tip';
    tip.hidden = true;
    tip.setAttribute('aria-hidden', 'true');
    let width = Math.max(240, Math.floor(wrap.clientWidth));
    const data = [model.x, ...model.series.map((s) => s.values)] as uPlot.AlignedData;
    let u: uPlot;
    try {
      u = new uPlot(buildOptions(model, wrap, width, tip), data, wrap);
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
      return;
    }
    setFailed(null);
    const ro = new ResizeObserver(() => {
      const w = Math.max(240, Math.floor(wrap.clientWidth));
      if (w === width) return;
      width = w;
      u.setSize({ width: w, height: heightFor(w) });
    });
    ro.observe(wrap);
    return () => { ro.disconnect(); u.destroy(); };
  }, [model, theme]);
  return (
    <>
      {failed ? <div className="alert alert-error" role="alert">The chart could not be drawn ({failed}); see the data table below.</div> : null}
      <div ref={wrapRef} className="chart-plot" role="img" aria-label={label} />
    </>
  );
}
