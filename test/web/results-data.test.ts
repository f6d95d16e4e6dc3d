import { describe, expect, it } from 'vitest';
import { chartPoints, resolveKey, toChartModel, toEpochSeconds, type ChartModel } from '../../web/src/features/results/chart-data';
import { asChartSpec, type ChartSpec } from '../../web/src/features/results/shape';
import { topValues } from '../../web/src/features/results/top-values';

const spec = (v: Record<string, unknown>): ChartSpec => asChartSpec({ visualization: 'chartjs', ...v }) as ChartSpec;
const ok = (m: ReturnType<typeof toChartModel>): ChartModel => {
  if (!m.ok) throw new Error(m.reason);
  return m;
};

describe('chart model', () => {
  const rows = [{ day: 'mon', n: 1, host: 'b' }, { day: 'mon', n: 2, host: 'a' }, { day: 'tue', n: 3, host: 'b' }];
  it('reads the engine shape without --by (categories keep every point)', () => {
    const m = ok(toChartModel(spec({ type: 'bar', data: { labels: ['mon', 'mon', 'tue'], datasets: [{ label: 'n', data: rows }] }, options: { plugins: {}, parsing: { xAxisKey: 'day', yAxisKey: 'n' } } })));
    expect(m.xKind).toBe('category');
    expect(m.categories).toEqual(['mon', 'mon', 'tue']);
    expect(m.series).toEqual([{ label: 'n', kind: 'bar', values: [1, 2, 3] }]);
  });
  it('reads the engine shape with --by: aligned series over the union of x', () => {
    const m = ok(toChartModel(spec({
      type: 'line',
      data: { datasets: [{ label: 'a', data: [{ day: 'mon', n: 2 }] }, { label: 'b', data: [{ day: 'mon', n: 1 }, { day: 'tue', n: 3 }] }] },
      options: { parsing: { xAxisKey: 'day', yAxisKey: 'n' } },
    })));
    expect(m.categories).toEqual(['mon', 'tue']);
    expect(m.x).toEqual([0, 1]);
    expect(m.series.map((s) => s.values)).toEqual([[2, null], [1, 3]]);
    expect(m.series[0]?.kind).toBe('line');
  });
  it('uses a sorted time axis for ISO x values (time scale requested or not), UTC for plain dates', () => {
    const m = ok(toChartModel(spec({
      type: 'line',
      data: { labels: [], datasets: [{ label: 'n', data: [{ t: '2024-06-15T10:00:00.000000Z', n: '5' }, { t: '2024-06-15T09:00:00.000000Z', n: 4 }] }] },
      options: { parsing: { xAxisKey: 't', yAxisKey: 'n' }, scales: { x: { type: 'time', time: { unit: 'hour' } } } },
    })));
    expect(m.xKind).toBe('time');
    expect(m.x).toEqual([Date.UTC(2024, 5, 15, 9) / 1000, Date.UTC(2024, 5, 15, 10) / 1000]);
    expect(m.series[0]?.values).toEqual([4, 5]);
    expect(m.utc).toBe(false);
    const d = ok(toChartModel(spec({ type: 'bar', data: { labels: ['2024-06-14', '2024-06-13'], datasets: [{ label: 'c', data: [3, 2] }] }, options: {} })));
    expect(d.xKind).toBe('time');
    expect(d.utc).toBe(true);
    expect(d.series[0]?.values).toEqual([2, 3]);
  });
  it('numeric x, area (line with fill), duplicates and non-numbers', () => {
    const m = ok(toChartModel(spec({ type: 'line', data: { datasets: [{ label: 's', fill: true, data: [{ x: 2, y: 1 }, { x: 1, y: 'a' }, { x: 2, y: 7 }] }, { label: 't', data: [[1, 1]] }] }, options: {} })));
    expect(m.xKind).toBe('number');
    expect(m.x).toEqual([1, 2]);
    expect(m.series[0]).toEqual({ label: 's', kind: 'area', values: [null, 7] });
    expect(m.duplicates).toBe(1);
    expect(m.nonNumeric).toBe(1);
  });
  it('refuses what uPlot cannot draw', () => {
    expect(toChartModel(spec({ type: 'pie', data: { labels: ['a'], datasets: [{ label: 'x', data: [1] }] }, options: {} })).ok).toBe(false);
    expect(toChartModel(spec({ type: 'bar', data: { datasets: [] }, options: {} })).ok).toBe(false);
    expect(toChartModel(spec({ type: 'bar', data: { labels: ['a'], datasets: [{ label: 'x', data: ['zz'] }] }, options: {} })).ok).toBe(false);
  });
  it('helpers', () => {
    expect(resolveKey({ extracted_fields: { n: 4 } }, 'extracted_fields__n')).toBe(4);
    expect(resolveKey({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(resolveKey({ 'a__b': 2 }, 'a__b')).toBe(2);
    expect(resolveKey({}, 'constructor')).toBeUndefined();
    expect(toEpochSeconds(1_700_000_000_000)).toBe(1_700_000_000);
    expect(toEpochSeconds(1_700_000_000_000_000)).toBe(1_700_000_000);
    expect(toEpochSeconds('2024-01-01')).toBe(Date.UTC(2024, 0, 1) / 1000);
    expect(chartPoints(spec({ type: 'bar', data: { labels: ['a', 'b'], datasets: [{ label: null, data: [1, null] }] }, options: {} })).points)
      .toEqual([{ series: 'series 1', x: 'a', y: 1 }, { series: 'series 1', x: 'b', y: null }]);
  });
});

describe('topValues', () => {
  it('counts top values per field, extracted fields as extracted_fields__key', () => {
    const rows = [
      { host: 'a', n: 1, extracted_fields: { user: 'x' } },
      { host: 'b', n: 1, extracted_fields: { user: 'x', tags: ['t'] } },
      { host: 'a', n: null },
    ];
    const t = topValues(rows);
    expect(t).toMatchObject({ scanned: 3, total: 3, sampled: false });
    const by = Object.fromEntries(t.fields.map((f) => [f.field, f]));
    expect(Object.keys(by)).toEqual(['host', 'n', 'extracted_fields__user', 'extracted_fields__tags']);
    expect(by['host']).toEqual({ field: 'host', present: 3, distinct: 2, values: [{ value: 'a', count: 2, filterable: true }, { value: 'b', count: 1, filterable: true }] });
    expect(by['n']?.values).toEqual([{ value: 1, count: 2, filterable: true }, { value: null, count: 1, filterable: true }]);
    expect(by['extracted_fields__user']?.values).toEqual([{ value: 'x', count: 2, filterable: true }]);
    expect(by['extracted_fields__tags']?.values).toEqual([{ value: '["t"]', count: 1, filterable: false }]);
  });
  it('keeps number and text apart, caps values and samples big results', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ v: i % 20, s: i % 2 ? '1' : 1 }));
    const t = topValues(rows, { sample: 40, top: 3 });
    expect(t).toMatchObject({ scanned: 40, total: 50, sampled: true });
    const v = t.fields.find((f) => f.field === 'v');
    expect(v?.values.map((x) => x.value)).toEqual([0, 1, 2]);
    expect(v?.distinct).toBe(20);
    expect(t.fields.find((f) => f.field === 's')?.values).toEqual([{ value: 1, count: 20, filterable: true }, { value: '1', count: 20, filterable: true }]);
  });
});
