/** chart -x X -y Y [-t bar|line] [-b BY] [--time-x U] — reference §6.5 (Chart.js config object). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();
const ROWS = [{ d: '2024-01-02', n: 3, s: 'b' }, { d: '2024-01-01', n: 1, s: 'a' }, { d: '2024-01-03', n: 2, s: 'b' }];

describe('chart', () => {
  let src = '';
  it('setup', async () => { src = await h.rows(ROWS); });

  it('bar chart without BY: labels from X, one dataset labelled Y holding the rows', async () => {
    expect(await h.ok(`${src} | chart -x d -y n`)).toEqual({
      visualization: 'chartjs', type: 'bar',
      data: { labels: ['2024-01-02', '2024-01-01', '2024-01-03'], datasets: [{ label: 'n', data: ROWS }] },
      options: { plugins: {}, parsing: { xAxisKey: 'd', yAxisKey: 'n' } },
    });
  });

  it('-t line and -b BY: one dataset per BY value (sorted), points {X, Y}, no labels', async () => {
    expect(await h.ok(`${src} | chart -x d -y n -t line -b s`)).toEqual({
      visualization: 'chartjs', type: 'line',
      data: { datasets: [{ label: 'a', data: [{ d: '2024-01-01', n: 1 }] }, { label: 'b', data: [{ d: '2024-01-02', n: 3 }, { d: '2024-01-03', n: 2 }] }] },
      options: { plugins: {}, parsing: { xAxisKey: 'd', yAxisKey: 'n' } },
    });
  });

  it('--time-x adds a time scale with the reference display formats', async () => {
    const r = await h.ok<{ options: Record<string, unknown> }>(`${src} | chart -x d -y n --time-x day`);
    expect(r.options['scales']).toEqual({
      x: {
        type: 'time',
        time: { unit: 'day', displayFormats: { minute: 'MM-DD HH:mm:SS', hour: 'MM-DD HH', day: 'YY-MM-DD', week: 'YY-MM-DD', month: 'YY-MM', quarter: 'YY-MM', year: 'yyyy' } },
        ticks: { source: 'data' },
      },
    });
  });

  it('charts a stats result from search', async () => {
    const r = await h.ok<{ data: { labels: unknown[] } }>('search | stats count --by host | dedup key | chart -x key -y count');
    expect(r.data.labels).toEqual(['app1', 'app2', 'web1', 'web2', 'web3']);
  });

  it('empty input gives an empty chart', async () => {
    const r = await h.ok<{ data: { labels: unknown[]; datasets: { data: unknown[] }[] } }>('chart -x a -y b');
    expect(r.data.labels).toEqual([]);
    expect(r.data.datasets[0]!.data).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'chart', ['--time-x UNIT', '-t {bar,line}']);
  });

  it('missing -x/-y, a bad type or a bad time unit are 400s', async () => {
    expectCmdError(await h.fail('search | chart -x host'), 'DLV_QUERY_ARGUMENT', 'chart', 1);
    expectCmdError(await h.fail('search | chart -x a -y b -t pie'), 'DLV_QUERY_ARGUMENT', 'chart', 1);
    expectCmdError(await h.fail('search | chart -x a -y b --time-x fortnight'), 'DLV_QUERY_ARGUMENT', 'chart', 1);
  });
});
