/** `table`: a DataTables description of the rows (reference §6.5; exact output shape). */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { cast } from '../../cast/index.js';
import { isRecord, walkPath } from '../../lookups/values.js';
import type { CommandDef } from '../command.js';
import { asRows, strings } from './rows.js';

/** JSON with Python's `json.dumps` spacing (`", "`, `": "`); datetimes as ISO-8601 text. */
export function pyJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (isRecord(v)) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`;
  return JSON.stringify(v) ?? 'null';
}

/**
 * One table cell: the value is cast (text that spells a number stays a number, …) and written as JSON
 * text, so `abc` → `"abc"` (with the quotes) and `5` → `5`.
 * DIVERGENCE: the original HTML-escaped text before JSON-quoting it; we do not (the UI renders cells as
 * text, never as HTML), so `<b>` stays `"<b>"` rather than `"&lt;b&gt;"`.
 */
export function tableCell(v: unknown): string {
  return pyJson(cast(v));
}

const LAYOUT = () => ({
  topEnd: null,
  topStart: { buttons: ['colvis', 'print', 'copy', 'csv', 'excel'] },
  top: ['pageLength', 'info', 'paging', 'search'],
  bottom: ['paging'],
  bottomStart: null,
  bottomEnd: null,
});

/**
 * `table [-f F…]` → `{visualization: "table", columns: [{title}], data: [[cell]], autowidth, colReorder,
 * order, columnDefs, layout}`. Columns are F, or the first row's keys (no rows and no F is an error).
 */
export const table: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'table',
    description: 'Show the rows as an interactive table.',
    args: [{ flags: ['-f'], dest: 'fields', nargs: '+', metavar: 'F', help: "columns to show (default: the first row's fields)" }],
  }),
  run(_ctx, input, args) {
    const rows = asRows(input, 'table');
    let columns = strings(args['fields']);
    if (columns.length === 0) {
      const first = rows[0];
      if (first === undefined) throw new DelveError('DLV_QUERY_ARGUMENT', 'table has no rows to take columns from; name them with -f F...', { field: 'fields' });
      columns = Object.keys(first);
    }
    return {
      visualization: 'table',
      columns: columns.map((title) => ({ title })),
      data: rows.map((row) => columns.map((c) => tableCell(walkPath(row, c)))),
      autowidth: true,
      colReorder: true,
      order: [],
      columnDefs: [{ targets: '_all', className: 'dt-body-left' }],
      layout: LAYOUT(),
    };
  },
};
