/**
 * `stats avg` and `stats count` (reference §6.4). One command with a sub-command word; both sub-commands'
 * options are declared on one spec and checked per sub-command in `run`.
 *
 * Rules (DIVERGENCES fix reference §12 #13):
 * - `stats avg F [--by G…] [--as-field N=avg]`: the mean of the NUMERIC values of F — null and missing
 *   values are skipped (the original failed on them); any other non-number (text, list, ...) is an error;
 *   no numbers at all → null. Every row gets N = the mean of its group (or of all rows).
 * - `stats count [F] [--distinct] [--by G…] [--field-name N=count]`: without F, counts rows (distinct
 *   whole rows with --distinct); with F, counts the rows whose F is not null (distinct F values with
 *   --distinct) — the original ignored F. Without --by the result is a bare integer; with --by every row
 *   gets `key` (the G value, or the list of G values) and N = its group's count.
 * - With --by, rows come out stably sorted by their group key (nulls last; mixed types are an error).
 * - Computed fields never overwrite: if a row already has N (or `key`), its value wins, as in the original.
 * - `stats` alone returns null.
 */
import { DelveError, isDelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { canonicalKey, compareNullsLast, preview, setField, typeName, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows, strings } from './rows.js';

type Group = { key: unknown; rows: Row[] };

function groupRows(rows: Row[], by: string[]): { ordered: Row[]; groupOf: Map<Row, Group> } {
  const keyOf = (row: Row): unknown => (by.length === 1 ? walkPath(row, by[0] as string) : by.map((g) => walkPath(row, g)));
  const groups = new Map<string, Group>();
  const groupOf = new Map<Row, Group>();
  for (const row of rows) {
    const key = by.length === 0 ? null : keyOf(row);
    const ck = canonicalKey(key);
    let g = groups.get(ck);
    if (g === undefined) groups.set(ck, (g = { key, rows: [] }));
    g.rows.push(row);
    groupOf.set(row, g);
  }
  if (by.length === 0) return { ordered: rows, groupOf };
  try {
    const ordered = [...rows].sort((a, b) => compareNullsLast((groupOf.get(a) as Group).key, (groupOf.get(b) as Group).key));
    return { ordered, groupOf };
  } catch (e) {
    if (!isDelveError(e)) throw e;
    throw new DelveError('DLV_QUERY_TYPE', `stats: cannot sort the --by groups: ${e.message}`, { field: 'by' });
  }
}

function average(rows: Row[], field: string): number | null {
  let sum = 0;
  let n = 0;
  rows.forEach((row) => {
    const v = walkPath(row, field);
    if (v === null) return;
    if (typeof v !== 'number') {
      throw new DelveError('DLV_QUERY_TYPE', `stats avg: field ${JSON.stringify(field)} holds ${typeName(v)} ${preview(v)}; only numbers can be averaged (use autocast first).`, {
        field: 'field',
      });
    }
    sum += v;
    n += 1;
  });
  return n === 0 ? null : sum / n;
}

function count(rows: Row[], field: string | null, distinctOnly: boolean): number {
  const values = field === null ? rows : rows.map((r) => walkPath(r, field)).filter((v) => v !== null);
  return distinctOnly ? new Set(values.map(canonicalKey)).size : values.length;
}

function annotate(ordered: Row[], groupOf: Map<Row, Group>, computed: (g: Group) => Row): Row[] {
  const cache = new Map<Group, Row>();
  return ordered.map((row) => {
    const g = groupOf.get(row) as Group;
    let extra = cache.get(g);
    if (extra === undefined) cache.set(g, (extra = computed(g)));
    const out: Row = { ...row };
    for (const [k, v] of Object.entries(extra)) if (!Object.hasOwn(out, k)) setField(out, k, v);
    return out;
  });
}

function reject(sub: string, option: string): never {
  throw new DelveError('DLV_QUERY_ARGUMENT', `stats ${sub} does not take ${option}.`, { field: option.replace(/^--/, '').replace(/-/g, '_') });
}

export const stats: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'stats',
    description: 'Statistics: "stats avg F [--by G...] [--as-field N]" adds the mean of F to every row; "stats count [F] [--distinct] [--by G...] [--field-name N]" counts rows.',
    epilog: 'avg skips null values; count F counts non-null F values (distinct ones with --distinct). With --by, rows are sorted by group and each gets the group result; existing fields are never overwritten.',
    args: [
      { name: 'subcommand', metavar: 'avg|count', choices: ['avg', 'count'], nargs: '?', help: 'the statistic to compute' },
      { name: 'field', metavar: 'F', nargs: '?', help: 'avg: the numeric field (required); count: count non-null values of F' },
      { flags: ['--distinct'], action: 'store_true', help: 'count: count distinct rows (or distinct F values)' },
      { flags: ['--by'], nargs: '+', metavar: 'G', help: 'group by these fields (put them after F: --by is greedy)' },
      { flags: ['--as-field'], metavar: 'N', help: 'avg: name of the result field (default avg)' },
      { flags: ['--field-name'], metavar: 'N', help: 'count with --by: name of the count field (default count)' },
    ],
  }),
  run(_ctx, input, args) {
    const sub = args['subcommand'];
    const field = typeof args['field'] === 'string' ? args['field'] : null;
    const by = strings(args['by']);
    if (sub === null || sub === undefined) {
      if (field !== null || by.length > 0 || args['distinct'] === true) {
        throw new DelveError('DLV_QUERY_ARGUMENT', 'stats needs a sub-command first: stats avg F ... or stats count ....', { field: 'subcommand' });
      }
      return null;
    }
    const rows = asRows(input, `stats ${String(sub)}`);
    if (sub === 'avg') {
      if (field === null) throw new DelveError('DLV_QUERY_ARGUMENT', 'stats avg needs the field to average: stats avg F.', { field: 'field' });
      if (args['distinct'] === true) reject('avg', '--distinct');
      if (args['field_name'] !== null) reject('avg', '--field-name');
      const name = typeof args['as_field'] === 'string' ? args['as_field'] : 'avg';
      const { ordered, groupOf } = groupRows(rows, by);
      return annotate(ordered, groupOf, (g) => ({ [name]: average(g.rows, field) }));
    }
    if (args['as_field'] !== null) reject('count', '--as-field');
    const distinctOnly = args['distinct'] === true;
    if (by.length === 0) return count(rows, field, distinctOnly);
    const name = typeof args['field_name'] === 'string' ? args['field_name'] : 'count';
    const { ordered, groupOf } = groupRows(rows, by);
    return annotate(ordered, groupOf, (g) => {
      const extra: Row = {};
      setField(extra, 'key', g.key);
      setField(extra, name, count(g.rows, field, distinctOnly));
      return extra;
    });
  },
};
