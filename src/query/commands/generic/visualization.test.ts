import { describe, expect, it } from 'vitest';
import { chart } from './chart.js';
import { table, tableCell } from './table.js';
import { run, runError } from './test-helpers.js';

const rows = [
  { day: 'mon', n: 1, host: 'b' },
  { day: 'mon', n: 2, host: 'a' },
  { day: 'tue', n: 3, host: 'b' },
];

describe('chart', () => {
  it('without --by: labels from X and one dataset holding the rows', async () => {
    expect(await run(chart, rows, '-x day -y n')).toEqual({
      visualization: 'chartjs',
      type: 'bar',
      data: { labels: ['mon', 'mon', 'tue'], datasets: [{ label: 'n', data: rows }] },
      options: { plugins: {}, parsing: { xAxisKey: 'day', yAxisKey: 'n' } },
    });
  });
  it('with --by: one dataset per value, rows sorted by BY, no labels; --time-x adds a time scale', async () => {
    expect(await run(chart, rows, '-x day -y n -t line -b host --time-x day')).toEqual({
      visualization: 'chartjs',
      type: 'line',
      data: {
        datasets: [
          { label: 'a', data: [{ day: 'mon', n: 2 }] },
          { label: 'b', data: [{ day: 'mon', n: 1 }, { day: 'tue', n: 3 }] },
        ],
      },
      options: {
        plugins: {},
        parsing: { xAxisKey: 'day', yAxisKey: 'n' },
        scales: {
          x: {
            type: 'time',
            time: {
              unit: 'day',
              displayFormats: { minute: 'MM-DD HH:mm:SS', hour: 'MM-DD HH', day: 'YY-MM-DD', week: 'YY-MM-DD', month: 'YY-MM', quarter: 'YY-MM', year: 'yyyy' },
            },
            ticks: { source: 'data' },
          },
        },
      },
    });
  });
  it('checks its arguments', async () => {
    expect((await runError(chart, rows, '-x day')).message).toContain('required: -y');
    expect((await runError(chart, rows, '-x a -y b -t pie')).message).toContain('invalid choice');
  });
});

describe('table', () => {
  const layout = {
    topEnd: null,
    topStart: { buttons: ['colvis', 'print', 'copy', 'csv', 'excel'] },
    top: ['pageLength', 'info', 'paging', 'search'],
    bottom: ['paging'],
    bottomStart: null,
    bottomEnd: null,
  };
  it('has the exact DataTables shape with columns from the first row', async () => {
    expect(await run(table, [{ a: 'abc', b: 5 }, { b: '7' }])).toEqual({
      visualization: 'table',
      columns: [{ title: 'a' }, { title: 'b' }],
      data: [
        ['"abc"', '5'],
        ['null', '7'],
      ],
      autowidth: true,
      colReorder: true,
      order: [],
      columnDefs: [{ targets: '_all', className: 'dt-body-left' }],
      layout,
    });
  });
  it('uses -f columns (also with no rows) and errors with neither', async () => {
    const out = (await run(table, [], '-f x y')) as { columns: unknown; data: unknown };
    expect(out.columns).toEqual([{ title: 'x' }, { title: 'y' }]);
    expect(out.data).toEqual([]);
    expect((await runError(table, [])).code).toBe('DLV_QUERY_ARGUMENT');
  });
  it('writes cells as JSON text with Python spacing, datetimes as ISO text, and no HTML escaping', () => {
    expect(tableCell('<b>&')).toBe('"<b>&"');
    expect(tableCell({ a: [1, 'x'], b: null })).toBe('{"a": [1, "x"], "b": null}');
    expect(tableCell(new Date('2024-01-02T03:04:05Z'))).toBe('"2024-01-02T03:04:05.000Z"');
    expect(tableCell('2024-01-02')).toBe('"2024-01-02T00:00:00.000Z"');
    expect(tableCell(true)).toBe('true');
    expect(tableCell('"quoted"')).toBe('"quoted"');
  });
});
