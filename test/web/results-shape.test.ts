import { describe, expect, it } from 'vitest';
import { detectShape } from '../../web/src/features/results/shape';
import { columnUnion, fieldNames, nextSort, sortedOrder } from '../../web/src/features/results/rows';
import { cellText, displayValue, formatTimestamp, getOwn, parseIsoMs, truncate } from '../../web/src/features/results/values';

describe('detectShape', () => {
  it('scalars, null and empty arrays', () => {
    expect(detectShape(42)).toEqual({ kind: 'scalar', value: 42 });
    expect(detectShape('x')).toEqual({ kind: 'scalar', value: 'x' });
    expect(detectShape(false)).toEqual({ kind: 'scalar', value: false });
    expect(detectShape(null)).toEqual({ kind: 'null' });
    expect(detectShape(undefined)).toEqual({ kind: 'null' });
    expect(detectShape([])).toEqual({ kind: 'empty' });
  });
  it('arrays: rows, matrix, list (mixed arrays are lists)', () => {
    expect(detectShape([{ a: 1 }, { b: 2 }]).kind).toBe('rows');
    expect(detectShape([[1, 2], [3]]).kind).toBe('matrix');
    expect(detectShape(['a', null, 3]).kind).toBe('list');
    expect(detectShape([{ a: 1 }, 2]).kind).toBe('list');
  });
  it('chart and table command outputs', () => {
    const chart = { visualization: 'chartjs', type: 'line', data: { labels: ['a'], datasets: [{ label: 'n', data: [{ n: 1 }] }] }, options: { parsing: { xAxisKey: 'x', yAxisKey: 'n' } } };
    const s = detectShape(chart);
    expect(s.kind).toBe('chart');
    if (s.kind === 'chart') expect(s.spec.type).toBe('line');
    const t = detectShape({ visualization: 'table', columns: [{ title: 'a' }, { title: 'b' }], data: [['"x"', '5']], layout: {} });
    expect(t).toEqual({ kind: 'datatable', table: { columns: ['a', 'b'], data: [['"x"', '5']] } });
  });
  it('help and other objects', () => {
    expect(detectShape({ help: 'usage: search' })).toEqual({ kind: 'help', text: 'usage: search' });
    expect(detectShape({ a: 1, help: 'x' }).kind).toBe('object');
    expect(detectShape({ visualization: 'other' }).kind).toBe('object');
  });
});

describe('rows helpers', () => {
  it('columnUnion keeps first-seen order over all rows', () => {
    expect(columnUnion([{ a: 1, b: 2 }, { c: 3, a: 4 }, 'x', { d: 1 }])).toEqual(['a', 'b', 'c', 'd']);
    expect(columnUnion([{ a: 1 }, { b: 2 }], 1)).toEqual(['a']);
  });
  it('fieldNames adds extracted_fields__key', () => {
    expect(fieldNames([{ host: 'a', extracted_fields: { n: 1 } }, { extracted_fields: { m: 2, n: 3 }, text: 't' }]))
      .toEqual(['host', 'extracted_fields', 'text', 'extracted_fields__n', 'extracted_fields__m']);
  });
  it('nextSort cycles asc → desc → none', () => {
    expect(nextSort(null, 'a')).toEqual({ column: 'a', dir: 'asc' });
    expect(nextSort({ column: 'a', dir: 'asc' }, 'a')).toEqual({ column: 'a', dir: 'desc' });
    expect(nextSort({ column: 'a', dir: 'desc' }, 'a')).toBeNull();
    expect(nextSort({ column: 'a', dir: 'desc' }, 'b')).toEqual({ column: 'b', dir: 'asc' });
  });
  it('sortedOrder sorts a copy, stable, null/missing last in both directions', () => {
    const rows = [{ n: 3 }, { n: null }, { n: 1 }, {}, { n: 10 }, { n: 1, k: 'second' }];
    expect(sortedOrder(rows, { column: 'n', dir: 'asc' })).toEqual([2, 5, 0, 4, 1, 3]);
    expect(sortedOrder(rows, { column: 'n', dir: 'desc' })).toEqual([4, 0, 2, 5, 1, 3]);
    expect(sortedOrder(rows, null)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows[0]).toEqual({ n: 3 });
  });
  it('does not read inherited properties', () => {
    expect(getOwn({}, 'constructor')).toBeUndefined();
    expect(getOwn(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
    expect(columnUnion([JSON.parse('{"__proto__": 1, "constructor": 2}')])).toEqual(['__proto__', 'constructor']);
  });
});

describe('values', () => {
  it('displayValue and truncate', () => {
    expect(displayValue(undefined)).toBe('');
    expect(displayValue(null)).toBe('null');
    expect(displayValue({ a: [1, '<b>'] })).toBe('{"a":[1,"<b>"]}');
    expect(displayValue('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
  it('parses ISO datetimes with microseconds and formats created', () => {
    expect(parseIsoMs('2024-01-31T12:00:00.123456Z')).toBe(Date.UTC(2024, 0, 31, 12, 0, 0, 123));
    expect(parseIsoMs('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseIsoMs('not a date')).toBeNull();
    const d = new Date(Date.UTC(2024, 0, 31, 12, 0, 0, 123));
    expect(formatTimestamp('2024-01-31T12:00:00.123456Z')).toMatch(new RegExp(`^2024-01-3[01] \\d{2}:\\d{2}:00\\.123$`));
    expect(formatTimestamp('2024-01-31T12:00:00.123456Z').slice(11, 13)).toBe(String(d.getHours()).padStart(2, '0'));
    expect(cellText('created', 'soon')).toBe('soon');
    expect(cellText('text', '2024-01-31T12:00:00Z')).toBe('2024-01-31T12:00:00Z');
  });
});

describe('sort keys', () => {
  it('orders text naturally and case-insensitively, digits before letters, ISO datetimes chronologically', async () => {
    const { textSortKey } = await import('../../web/src/features/results/rows');
    const sorted = (xs: string[]): string[] => [...xs].sort((a, b) => (textSortKey(a) < textSortKey(b) ? -1 : textSortKey(a) > textSortKey(b) ? 1 : 0));
    expect(sorted(['a10', 'a2', 'B1', 'a1'])).toEqual(['a1', 'a2', 'a10', 'B1']);
    expect(sorted(['x', '10', '9'])).toEqual(['9', '10', 'x']);
    expect(sorted(['2024-06-15T10:00:00.000001Z', '2024-06-15T09:59:59.999999Z', '2023-12-31T23:59:59Z']))
      .toEqual(['2023-12-31T23:59:59Z', '2024-06-15T09:59:59.999999Z', '2024-06-15T10:00:00.000001Z']);
  });
  it('sortedOrder: numbers, then text, then booleans, then objects; nulls last', () => {
    const rows = [{ v: 'b' }, { v: true }, { v: 2 }, { v: { a: 1 } }, { v: null }, { v: 'A' }, { v: 1 }];
    expect(sortedOrder(rows, { column: 'v', dir: 'asc' })).toEqual([6, 2, 5, 0, 1, 3, 4]);
    expect(sortedOrder(rows, { column: 'v', dir: 'desc' })).toEqual([3, 1, 0, 5, 2, 6, 4]);
  });
});

describe('run status summary', () => {
  it('counts points and series for a chart instead of the one chart object', async () => {
    const { resultSummary } = await import('../../web/src/features/results/shape');
    const chart = { visualization: 'chartjs', type: 'line', data: { labels: ['a', 'b', 'c'], datasets: [{ label: 'n', data: [1, 2, 3] }, { label: 'm', data: [4, 5, 6] }] }, options: {} };
    expect(resultSummary(chart, 1)).toBe('Chart of 3 points in 2 series');
    expect(resultSummary({ ...chart, data: { datasets: [{ label: 'n', data: [1] }] } }, 1)).toBe('Chart of 1 point');
    expect(resultSummary({ visualization: 'table', columns: ['a'], data: [[1], [2]] }, 1)).toBe('2 rows');
    expect(resultSummary(42, 1)).toBe('1 value');
    expect(resultSummary([{ a: 1 }, { a: 2 }], 2)).toBe('2 rows');
    expect(resultSummary([{ a: 1 }], 1)).toBe('1 row');
    expect(resultSummary(null, 0)).toBe('No result');
  });
});
