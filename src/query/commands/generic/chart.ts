/** `chart`: a Chart.js description of the rows (reference §6.5; exact output shape). */
import { DelveError, isDelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { canonicalKey, compareNullsLast, setField, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows } from './rows.js';

const TIME_UNITS = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
const DISPLAY_FORMATS = {
  minute: 'MM-DD HH:mm:SS',
  hour: 'MM-DD HH',
  day: 'YY-MM-DD',
  week: 'YY-MM-DD',
  month: 'YY-MM',
  quarter: 'YY-MM',
  year: 'yyyy',
};

/**
 * `chart -x X -y Y [-t bar|line] [-b BY] [--time-x UNIT]` →
 * `{visualization: "chartjs", type, data, options: {plugins: {}, parsing: {xAxisKey: X, yAxisKey: Y}}}`.
 * Without BY: `data = {labels: [row[X]…], datasets: [{label: Y, data: rows}]}`. With BY: rows stably sorted
 * by BY (nulls last), one dataset per BY value `{label: v, data: [{X: x, Y: y}…]}` and no labels.
 * `--time-x` adds a time x scale.
 */
export const chart: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'chart',
    description: 'Draw the rows as a bar or line chart (Chart.js).',
    args: [
      { flags: ['-x'], required: true, metavar: 'X', help: 'field for the x axis' },
      { flags: ['-y'], required: true, metavar: 'Y', help: 'field for the y axis' },
      { flags: ['-t', '--type'], choices: ['bar', 'line'], default: 'bar', help: 'chart type (default bar)' },
      { flags: ['-b', '--by'], metavar: 'BY', help: 'one dataset per value of this field' },
      { flags: ['--time-x'], choices: TIME_UNITS, metavar: 'UNIT', help: 'treat x as time, with this unit' },
    ],
  }),
  run(_ctx, input, args) {
    const rows = asRows(input, 'chart');
    const x = String(args['x']);
    const y = String(args['y']);
    const by = typeof args['by'] === 'string' ? args['by'] : null;
    let data: Record<string, unknown>;
    if (by === null) {
      data = { labels: rows.map((r) => walkPath(r, x)), datasets: [{ label: y, data: rows }] };
    } else {
      let sorted: Row[];
      try {
        sorted = [...rows].sort((a, b) => compareNullsLast(walkPath(a, by), walkPath(b, by)));
      } catch (e) {
        if (!isDelveError(e)) throw e;
        throw new DelveError('DLV_QUERY_TYPE', `chart: cannot sort by ${JSON.stringify(by)}: ${e.message}`, { field: 'by' });
      }
      const datasets = new Map<string, { label: unknown; data: Row[] }>();
      for (const row of sorted) {
        const v = walkPath(row, by);
        const k = canonicalKey(v);
        let ds = datasets.get(k);
        if (ds === undefined) datasets.set(k, (ds = { label: v, data: [] }));
        const point: Row = {};
        setField(point, x, walkPath(row, x));
        setField(point, y, walkPath(row, y));
        ds.data.push(point);
      }
      data = { datasets: [...datasets.values()] };
    }
    const options: Record<string, unknown> = { plugins: {}, parsing: { xAxisKey: x, yAxisKey: y } };
    if (typeof args['time_x'] === 'string') {
      options['scales'] = {
        x: { type: 'time', time: { unit: args['time_x'], displayFormats: { ...DISPLAY_FORMATS } }, ticks: { source: 'data' } },
      };
    }
    return { visualization: 'chartjs', type: args['type'] === 'line' ? 'line' : 'bar', data, options };
  },
};
