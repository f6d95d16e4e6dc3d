/**
 * qs_* commands that shape output (reference §6.2): qs_annotate, qs_alias, qs_values, qs_group_by, qs_only, qs_defer.
 * Grouping follows Django: aggregates annotated after qs_values group by the projected fields; otherwise per row.
 * qs_only/qs_defer change the output (§12 #15): only → `id` + the fields; defer → every column but the fields.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { autoName, compileExpr, fieldRef, isAggregateFunction, type ExprScope, type Statement } from '../../expr/index.js';
import {
  EVENT_COLUMNS, eventColumn, requireEventQuery, resolveField, type Annotation, type EventQuery, type Expr, type Plan, type ProjItem,
} from '../../plan/index.js';
import { applyTransform } from '../../plan/transforms.js';
import type { CommandDef } from '../command.js';
import { checkName, statements } from './helpers.js';

/** Output expression of a bare field path in a projection (JSON keys parsed, transforms applied). */
function projection(path: string, scope: ExprScope): Expr {
  const f = resolveField(path, scope, 'value');
  if (f.tail.length === 0) return f.projection;
  let e = f.expr;
  for (const t of f.tail) e = applyTransform(e, t, scope.dialect);
  return e;
}

/** Add annotations (named statements, or auto-named aggregates) to a plan. */
export function annotate(q: EventQuery, stmts: readonly Statement[], hidden: boolean): EventQuery {
  let plan: Plan = q.plan;
  for (const s of stmts) {
    const name = s.name ?? autoName(s.value, s.text);
    checkName(name, plan);
    const scope: ExprScope = { ...q.scope(), annotations: plan.annotations };
    const expr = compileExpr(s.value, scope);
    const ann: Annotation = { name, expr, hidden };
    let { values, groupKeys } = plan;
    if (values !== null && !hidden) {
      if (expr.aggregate && groupKeys === null && !values.some((v) => v.expr.aggregate) && !plan.annotations.some((a) => a.expr.aggregate)) {
        groupKeys = values.map((v) => v.expr);
      } else if (!expr.aggregate && groupKeys !== null) {
        groupKeys = [...groupKeys, expr];
      }
      values = [...values, { key: name, expr }];
    }
    plan = { ...plan, annotations: [...plan.annotations, ann], values, groupKeys };
  }
  return q.with(plan);
}

/** Project to the given fields / named expressions (all columns and annotations when empty). */
export function project(q: EventQuery, stmts: readonly Statement[]): EventQuery {
  const scope = q.scope();
  const items: ProjItem[] = [];
  if (stmts.length === 0) {
    items.push(...EVENT_COLUMNS.map((c) => ({ key: c.name, expr: projection(c.name, scope) })));
    items.push(...q.plan.annotations.filter((a) => !a.hidden).map((a) => ({ key: a.name, expr: a.expr })));
  }
  for (const s of stmts) {
    if (s.name !== null) {
      checkName(s.name, q.plan);
      items.push({ key: s.name, expr: compileExpr(s.value, scope) });
    } else if (s.value.t === 'name' || s.value.t === 'str') {
      items.push({ key: s.value.v, expr: projection(s.value.v, scope) });
    } else {
      throw new DelveError('DLV_QUERY_EXPRESSION', `Name the expression (name=${s.text.slice(0, 60)}).`);
    }
  }
  return q.with({ ...q.plan, values: items });
}

const exprs = { name: 'exprs', metavar: 'EXPR', nargs: '*' as const };

export const qsAnnotate: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_annotate', description: 'Add computed columns: name=EXPR, or an aggregate (auto-named <path>__<func>).', args: [{ ...exprs, nargs: '+' }] }),
  run: (_ctx, input, args) => annotate(requireEventQuery(input, 'qs_annotate'), statements(args['exprs']), false),
};

export const qsAlias: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_alias', description: 'Like qs_annotate, but the columns are not output (use them in filters/ordering).', args: [{ ...exprs, nargs: '+' }] }),
  run: (_ctx, input, args) => annotate(requireEventQuery(input, 'qs_alias'), statements(args['exprs']), true),
};

export const qsValues: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_values', description: 'Project rows to fields (keys = the paths as written) and name=EXPR columns.', args: [exprs] }),
  run: (_ctx, input, args) => project(requireEventQuery(input, 'qs_values'), statements(args['exprs'])),
};

export const qsGroupBy: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_group_by', description: 'Group by fields and compute ALIAS=AGGREGATE columns, ordered by the fields.', args: [{ ...exprs, nargs: '+' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_group_by');
    const stmts = statements(args['exprs']);
    // Unnamed aggregates are auto-named like qs_aggregate does (`Count(id)` → id__count); other unnamed items are the keys.
    const isAgg = (s: Statement): boolean => s.name === null && s.value.t === 'call' && isAggregateFunction(s.value.fn);
    const fields = stmts.filter((s) => s.name === null && !isAgg(s));
    const aggs = stmts.filter((s) => s.name !== null || isAgg(s));
    const grouped = annotate(project(q, fields), aggs, false);
    const scope = grouped.scope();
    return grouped.with({ ...grouped.plan, order: fields.map((f) => ({ expr: fieldRef((f.value as { v: string }).v, scope), desc: false })), reversed: false });
  },
};

function fieldNames(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

export const qsOnly: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_only', description: 'Output only id and these fields.', args: [{ name: 'fields', metavar: 'F', nargs: '+' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_only');
    const fields = fieldNames(args['fields']).filter((f) => f !== 'id');
    return project(q, ['id', ...fields].map((f) => ({ name: null, value: { t: 'name', v: f }, text: f })));
  },
};

export const qsDefer: CommandDef = {
  kind: 'qs',
  spec: defineCommand({ name: 'qs_defer', description: 'Output every column except these fields.', args: [{ name: 'fields', metavar: 'F', nargs: '+' }] }),
  run(_ctx, input, args) {
    const q = requireEventQuery(input, 'qs_defer');
    const drop = new Set(fieldNames(args['fields']).map((f) => {
      const c = eventColumn(f);
      if (!c) throw new DelveError('DLV_QUERY_UNKNOWN_FIELD', `qs_defer: ${JSON.stringify(f.slice(0, 80))} is not a column of events.`);
      return c.name;
    }));
    const keep = [...EVENT_COLUMNS.map((c) => c.name).filter((n) => !drop.has(n)), ...q.plan.annotations.filter((a) => !a.hidden).map((a) => a.name)];
    return project(q, keep.map((f) => ({ name: null, value: { t: 'name', v: f }, text: f })));
  },
};
