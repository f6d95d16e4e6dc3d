/**
 * Terminal qs_* commands (reference §6.2): qs_count, qs_exists, qs_aggregate, qs_first, qs_last, qs_earliest,
 * qs_latest, qs_dates, qs_datetimes (distinct truncated values — fixes §12 #15), qs_explain, qs_sql.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { autoName, compileExpr, fieldRef } from '../../expr/index.js';
import {
  aggregateRows, countRows, distinctDates, existsRows, explainQuery, firstRow, orderItem, requireEventQuery, sqlText, type Expr,
} from '../../plan/index.js';
import { toMicros } from '../../plan/transforms.js';
import type { CommandDef } from '../command.js';
import { statements } from './helpers.js';

const simple = (name: string, description: string, run: CommandDef['run']): CommandDef => ({ kind: 'qs', spec: defineCommand({ name, description, args: [] }), run });

export const qsCount = simple('qs_count', 'The number of rows.', (ctx, input) => countRows(requireEventQuery(input, 'qs_count'), ctx));
export const qsExists = simple('qs_exists', 'Whether there is any row.', (ctx, input) => existsRows(requireEventQuery(input, 'qs_exists'), ctx));
export const qsFirst = simple('qs_first', 'The first record (by id when unordered), or null.', (ctx, input) => firstRow(requireEventQuery(input, 'qs_first'), ctx, false));
export const qsLast = simple('qs_last', 'The last record (by id when unordered), or null.', (ctx, input) => firstRow(requireEventQuery(input, 'qs_last'), ctx, true));
export const qsSql = simple('qs_sql', 'The SQL text of the query (parameters inlined for display only).', (_ctx, input) => sqlText(requireEventQuery(input, 'qs_sql')));

export const qsAggregate: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_aggregate', description: 'Aggregate over all rows: name=Sum(...) … → one object.', args: [{ name: 'exprs', metavar: 'EXPR', nargs: '+' }] }),
  run(ctx, input, args) {
    const q = requireEventQuery(input, 'qs_aggregate');
    const scope = q.scope();
    const items = statements(args['exprs']).map((s) => ({ key: s.name ?? autoName(s.value, s.text), expr: compileExpr(s.value, scope) }));
    return aggregateRows(q, ctx, items);
  },
};

function earliestCommand(name: 'qs_earliest' | 'qs_latest'): CommandDef {
  return {
    kind: 'qs',
    spec: defineCommand({ name, description: `The ${name === 'qs_earliest' ? 'first' : 'last'} record by the fields (default created); error when there is none.`, args: [{ name: 'fields', metavar: 'FIELD', nargs: '*' }] }),
    async run(ctx, input, args) {
      const q = requireEventQuery(input, name);
      const fields = Array.isArray(args['fields']) && args['fields'].length ? args['fields'].map(String) : ['created'];
      const order = fields.map((f) => orderItem(f, q.scope()));
      const row = await firstRow(q, ctx, name === 'qs_latest', order);
      if (row === null) throw new DelveError('DLV_QUERY_ARGUMENT', 'Event matching query does not exist.');
      return row;
    },
  };
}
export const qsEarliest = earliestCommand('qs_earliest');
export const qsLatest = earliestCommand('qs_latest');

const DATE_KINDS = ['year', 'month', 'week', 'day'] as const;
const DATETIME_KINDS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

function dateExpr(q: ReturnType<typeof requireEventQuery>, field: string, kind: string, asDate: boolean): Expr {
  const scope = q.scope();
  const m = toMicros(fieldRef(field, scope), scope.dialect, 'qs_dates');
  const t = kind === 'day' && asDate ? m.frag : scope.dialect.trunc(m.frag, kind as (typeof DATETIME_KINDS)[number]);
  return asDate ? { frag: scope.dialect.dateOf(t), type: 'date', aggregate: false } : { frag: t, type: 'datetime_us', aggregate: false };
}

export const qsDates: CommandDef = {
  kind: 'qs',
  spec: defineCommand({
    name: 'qs_dates', description: 'The distinct dates (YYYY-MM-DD) of FIELD truncated to KIND.',
    args: [{ name: 'field', metavar: 'FIELD' }, { name: 'kind', choices: DATE_KINDS }, { name: 'order', choices: ['ASC', 'DESC'], nargs: '?', default: 'ASC' }],
  }),
  run(ctx, input, args) {
    const q = requireEventQuery(input, 'qs_dates');
    return distinctDates(q, ctx, dateExpr(q, String(args['field']), String(args['kind']), true), args['order'] === 'DESC');
  },
};

export const qsDatetimes: CommandDef = {
  kind: 'qs',
  spec: defineCommand({
    name: 'qs_datetimes', description: 'The distinct datetimes (ISO, UTC) of FIELD truncated to KIND.',
    args: [
      { name: 'field', metavar: 'FIELD' }, { name: 'kind', choices: DATETIME_KINDS }, { name: 'order', choices: ['ASC', 'DESC'], nargs: '?', default: 'ASC' },
      { flags: ['--tz'], metavar: 'TZ', help: 'time zone (only UTC is supported)' },
    ],
  }),
  run(ctx, input, args) {
    const q = requireEventQuery(input, 'qs_datetimes');
    const tz = args['tz'];
    if (tz !== null && tz !== undefined && !['UTC', 'utc', 'Z', 'Etc/UTC'].includes(String(tz))) {
      throw new DelveError('DLV_QUERY_ARGUMENT', `qs_datetimes --tz: only UTC is supported, got ${JSON.stringify(String(tz).slice(0, 40))}.`, { field: 'tz' });
    }
    return distinctDates(q, ctx, dateExpr(q, String(args['field']), String(args['kind']), false), args['order'] === 'DESC');
  },
};

export const qsExplain: CommandDef = {
  kind: 'qs',
  spec: defineCommand({
    name: 'qs_explain', description: "The database's plan for the query (EXPLAIN QUERY PLAN).",
    args: [{ flags: ['--format'], metavar: 'F', help: 'accepted for compatibility; output is text' }, { name: 'options', metavar: 'OPT=VAL', nargs: '*' }],
  }),
  run: (ctx, input) => explainQuery(requireEventQuery(input, 'qs_explain'), ctx),
};
