/**
 * qs_* commands that refine a lazy query (reference §6.2): qs_filter, qs_exclude, qs_having, qs_order_by, qs_reverse,
 * qs_distinct, qs_limit, qs_select_related, qs_using. Filters after a slice work (the slice becomes a sub-query)
 * instead of failing as in the original.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { compileExpr, type Node } from '../../expr/index.js';
import { checkUsing, orderItem, requireEventQuery, type Cond, type OrderItem } from '../../plan/index.js';
import type { CommandDef } from '../command.js';
import { addConditions, filterConditions, statements } from './helpers.js';

const exprsArg = (nargs: '*' | '+', help: string) => ({ name: 'exprs', metavar: 'EXPR', nargs, help });

export const qsFilter: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_filter', description: 'Keep rows matching every field__lookup=value / Q(...) expression.', args: [exprsArg('+', 'lookups or Q objects')] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_filter');
    return addConditions(q, filterConditions(statements(args['exprs']), q.scope()), 'qs_filter');
  },
};

export const qsExclude: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_exclude', description: 'Drop rows matching all the given lookups / Q(...) expressions.', args: [exprsArg('+', 'lookups or Q objects')] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_exclude');
    const conds = filterConditions(statements(args['exprs']), q.scope());
    const not: Cond = { k: 'not', item: conds.length === 1 ? (conds[0] as Cond) : { k: 'and', items: conds } };
    return addConditions(q, [not], 'qs_exclude');
  },
};

export const qsHaving: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_having', description: 'Filter groups after aggregation (may use aggregate annotation names).', args: [exprsArg('+', 'lookups or Q objects')] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_having');
    const conds = filterConditions(statements(args['exprs']), q.scope());
    return q.with({ ...q.plan, having: [...q.plan.having, ...conds] });
  },
};

function orderOf(n: Node, q: ReturnType<typeof requireEventQuery>): OrderItem {
  const scope = q.scope();
  if (n.t === 'str' || n.t === 'name') return orderItem(n.v, scope);
  if (n.t === 'un' && n.op === '-' && (n.e.t === 'name' || n.e.t === 'str')) return orderItem(`-${n.e.v}`, scope);
  if (n.t === 'un' && n.op === '-') return { expr: compileExpr(n.e, scope), desc: true };
  return { expr: compileExpr(n, scope), desc: false };
}

export const qsOrderBy: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_order_by', description: "Order by fields (descending: \"'-field'\"); no fields = no ordering.", args: [exprsArg('*', 'fields or expressions')] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_order_by');
    const order = statements(args['exprs']).filter((s) => s.name === null).map((s) => orderOf(s.value, q));
    return q.with({ ...q.plan, order, reversed: false });
  },
};

export const qsReverse: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_reverse', description: 'Reverse the ordering.', args: [] }),
  run(_ctx, input) {
    const q = requireEventQuery(input, 'qs_reverse');
    return q.with({ ...q.plan, reversed: !q.plan.reversed });
  },
};

export const qsDistinct: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_distinct', description: 'Drop duplicate rows, or keep the first row per distinct value of the fields.', args: [{ name: 'fields', metavar: 'F', nargs: '*' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_distinct');
    const fields = Array.isArray(args['fields']) ? args['fields'].map(String) : [];
    return q.with({ ...q.plan, distinct: fields.map((f) => orderItem(f, q.scope()).expr) });
  },
};

export const qsLimit: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_limit', description: 'Keep rows [offset, offset + N).', args: [{ name: 'n', metavar: 'N', type: 'int' }, { flags: ['--offset'], type: 'int', default: 0, metavar: 'M' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_limit');
    const n = args['n'] as number;
    const m = (args['offset'] as number | null) ?? 0;
    if (n < 0 || m < 0) throw new DelveError('DLV_QUERY_ARGUMENT', 'qs_limit: N and --offset must be 0 or more.', { field: n < 0 ? 'n' : 'offset' });
    const p = q.plan;
    const offset = p.offset + m;
    const limit = p.limit === null ? n : Math.max(0, Math.min(n, p.limit - m));
    return q.with({ ...p, limit, offset });
  },
};

export const qsSelectRelated: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_select_related', description: 'Accepted for compatibility (user is joined when a query uses user__ fields).', args: [{ name: 'paths', metavar: 'PATH', nargs: '*' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_select_related');
    for (const p of Array.isArray(args['paths']) ? args['paths'].map(String) : []) {
      if (p.split('__')[0] !== 'user') throw new DelveError('DLV_QUERY_UNKNOWN_FIELD', `qs_select_related: ${JSON.stringify(p.slice(0, 80))} is not a relation (the only one is user).`);
    }
    return q;
  },
};

export const qsUsing: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_using', description: 'Select the database alias (only default exists).', args: [{ name: 'alias', metavar: 'ALIAS' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_using');
    checkUsing(String(args['alias']));
    return q;
  },
};
