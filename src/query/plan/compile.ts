/**
 * Plan → ONE parameterised SELECT (DESIGN §6). Shape:
 *   SELECT [DISTINCT] <expr> AS c0, … FROM events AS e [LEFT JOIN users AS eu ON eu."id" = e."user_id"]
 *   WHERE <index ACL> AND <conditions> [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT ? OFFSET ?]
 * Output columns are aliased positionally (c0, c1, …) and mapped back to row keys in JavaScript, so no
 * user-chosen name is ever spelled into SQL. Default order: newest first (created DESC, then seq DESC);
 * grouped and DISTINCT queries have no default order.
 */
import { aclCondition, type IndexAcl } from './acl.js';
import { column, sqliteDialect, type SqlDialect } from './dialect.js';
import { fullTextCondition, type TextSearchMode } from './fulltext.js';
import { EVENT_COLUMNS, EVENTS_ALIAS, USERS_ALIAS } from './model.js';
import { andOf, isAggregated, type Cond, type Expr, type OrderItem, type Plan, type ValueType } from './plan.js';
import { cat, joinFrags, param, raw, type Frag } from './sql.js';

export type CompileOptions = {
  /** The caller's readable indexes (pushed into every WHERE). */
  acl: IndexAcl;
  dialect?: SqlDialect;
  /** How bare words are matched (default `fts`). */
  textSearch?: TextSearchMode;
  /** Upper bound on rows fetched (the runtime passes maxRows + 1). */
  cap?: number;
};

export type OutputColumn = { key: string; type: ValueType };
export type CompiledQuery = { sql: string; params: Frag['params']; columns: OutputColumn[] };

type Ctx = { acl: IndexAcl; dialect: SqlDialect; textSearch: TextSearchMode };

const USER_REF = new RegExp(`(^|[^A-Za-z0-9_$"])${USERS_ALIAS}\\."`);

/** The FROM clause; joins users only when the statement references `eu.`. */
export function fromClause(dialect: SqlDialect, body: string): string {
  const base = `FROM events AS ${EVENTS_ALIAS}`;
  if (!USER_REF.test(body)) return base;
  return `${base} LEFT JOIN users AS ${USERS_ALIAS} ON ${USERS_ALIAS}.${dialect.ident('id')} = ${EVENTS_ALIAS}.${dialect.ident('user_id')}`;
}

/** Render a condition tree. */
export function renderCond(c: Cond, ctx: Ctx): Frag {
  switch (c.k) {
    case 'sql': return c.frag;
    case 'and': case 'or':
      if (c.items.length === 0) return raw(c.k === 'and' ? '1 = 1' : '1 = 0');
      return cat('(', joinFrags(c.items.map((i) => renderCond(i, ctx)), c.k === 'and' ? ' AND ' : ' OR '), ')');
    case 'not': return cat('NOT coalesce(', renderCond(c.item, ctx), ', 0)');
    case 'fulltext': return fullTextCondition(c.terms, ctx.textSearch, ctx.dialect, c.minSeq);
    case 'subplan': return cat(column(ctx.dialect, EVENTS_ALIAS, 'seq'), ' IN (', subquery(c, ctx), ')');
  }
}

function subquery(c: Extract<Cond, { k: 'subplan' }>, ctx: Ctx): Frag {
  const seq = column(ctx.dialect, EVENTS_ALIAS, 'seq');
  const where = whereClause(c.plan, ctx);
  if (c.window) {
    const part = c.window.partition.length ? cat('PARTITION BY ', joinFrags(c.window.partition.map((e) => e.frag), ', '), ' ') : raw('');
    const inner = withFrom(cat('SELECT ', seq, ' AS seq, ROW_NUMBER() OVER (', part, 'ORDER BY ', orderFrag(c.window.order), ') AS rn'), where, ctx);
    return cat('SELECT w.seq FROM (', inner, ') AS w WHERE w.rn = 1');
  }
  const order = effectiveOrder(c.plan);
  const rest = cat(where, order.length ? cat(' ORDER BY ', orderFrag(order)) : raw(''), limitFrag(c.plan.limit, c.plan.offset, undefined));
  return withFrom(cat('SELECT ', seq), rest, ctx);
}

/** `<head> FROM … <rest>`: the FROM clause (with the users join when needed) between the select list and the rest. */
function withFrom(head: Frag, rest: Frag, ctx: Ctx): Frag {
  const from = fromClause(ctx.dialect, `${head.sql} ${rest.sql}`);
  return cat(head, ` ${from} `, rest);
}

/** `WHERE <acl> AND <conditions>` of a plan. */
function whereClause(plan: Plan, ctx: Ctx): Frag {
  const conds = [aclCondition(ctx.acl, ctx.dialect), ...plan.where.map((w) => renderCond(w, ctx))];
  return cat('WHERE ', joinFrags(conds, ' AND '));
}

function orderFrag(order: readonly OrderItem[]): Frag {
  return joinFrags(order.map((o) => cat(o.expr.frag, o.desc ? ' DESC' : ' ASC')), ', ');
}

const CREATED: Expr = { frag: raw(`${EVENTS_ALIAS}."created"`), type: 'datetime_us', aggregate: false };
const SEQ: Expr = { frag: raw(`${EVENTS_ALIAS}."seq"`), type: 'integer', aggregate: false };

/** The plan's ORDER BY items (the default order unless grouped/distinct), with qs_reverse applied. */
export function effectiveOrder(plan: Plan): OrderItem[] {
  let order: OrderItem[];
  if (plan.order !== null) order = [...plan.order];
  else if (isAggregated(plan) || plan.distinct !== null) order = [];
  else order = [{ expr: CREATED, desc: true }, { expr: SEQ, desc: true }];
  return plan.reversed ? order.map((o) => ({ expr: o.expr, desc: !o.desc })) : order;
}

function limitFrag(limit: number | null, offset: number, cap: number | undefined): Frag {
  const eff = limit === null ? cap : cap === undefined ? limit : Math.min(limit, cap);
  if (eff === undefined) return offset > 0 ? cat(' LIMIT -1 OFFSET ', param(offset)) : raw('');
  return offset > 0 ? cat(' LIMIT ', param(eff), ' OFFSET ', param(offset)) : cat(' LIMIT ', param(eff));
}

/** The output columns of a plan: full rows (columns + visible annotations) or its projection. */
export function outputColumns(plan: Plan, dialect: SqlDialect): Array<{ key: string; expr: Expr }> {
  if (plan.values !== null) return plan.values.map((v) => ({ key: v.key, expr: v.expr }));
  const cols = EVENT_COLUMNS.map((c) => ({
    key: c.name,
    expr: { frag: column(dialect, EVENTS_ALIAS, c.column), type: c.type === 'datetime_ms' ? 'datetime_us' : c.type, aggregate: false } as Expr,
  }));
  return [...cols, ...plan.annotations.filter((a) => !a.hidden).map((a) => ({ key: a.name, expr: a.expr }))];
}

/** Rewrite `qs_distinct FIELD…` as "first row per distinct field values" (DISTINCT ON, portable via a window). */
function lowerDistinctOn(plan: Plan): Plan {
  if (plan.distinct === null || plan.distinct.length === 0) return plan;
  const inner: Plan = { ...plan, distinct: null, limit: null, offset: 0, values: null, annotations: plan.annotations.filter((a) => !a.expr.aggregate), groupKeys: null, having: [] };
  const order = effectiveOrder({ ...inner, order: plan.order ?? null });
  const cond: Cond = { k: 'subplan', plan: inner, window: { partition: plan.distinct, order: order.length ? order : [{ expr: SEQ, desc: false }] } };
  return { ...plan, where: [cond], distinct: null };
}

/** Compile the SELECT for `plan`. `select` overrides the select list (count/exists/explain helpers). */
export function compileSelect(plan0: Plan, opts: CompileOptions): CompiledQuery {
  const ctx: Ctx = { acl: opts.acl, dialect: opts.dialect ?? sqliteDialect, textSearch: opts.textSearch ?? 'fts' };
  const plan = lowerDistinctOn(plan0);
  const cols = outputColumns(plan, ctx.dialect);
  const select = joinFrags(cols.map((c, i) => cat(c.expr.frag, ` AS c${i}`)), ', ');
  const head = cat(plan.distinct !== null ? 'SELECT DISTINCT ' : 'SELECT ', select);
  const parts: Frag[] = [whereClause(plan, ctx)];
  if (isAggregated(plan)) {
    const keys = plan.groupKeys ?? [SEQ];
    if (keys.length) parts.push(cat(' GROUP BY ', joinFrags(keys.map((k) => k.frag), ', ')));
  }
  if (plan.having.length) parts.push(cat(' HAVING ', renderCond(andOf(plan.having), ctx)));
  const order = effectiveOrder(plan);
  if (order.length) parts.push(cat(' ORDER BY ', orderFrag(order)));
  parts.push(limitFrag(plan.limit, plan.offset, opts.cap));
  const body = withFrom(head, cat(...parts), ctx);
  return { sql: ctx.dialect.finalize(body.sql), params: body.params, columns: cols.map((c) => ({ key: c.key, type: c.expr.type })) };
}

/** Compile `SELECT <exprs> FROM … WHERE …` over the plan's rows (aggregates, count); the plan must be row-shaped. */
export function compileOver(plan: Plan, exprs: readonly Expr[], opts: CompileOptions, tail = ''): { sql: string; params: Frag['params'] } {
  const ctx: Ctx = { acl: opts.acl, dialect: opts.dialect ?? sqliteDialect, textSearch: opts.textSearch ?? 'fts' };
  const select = joinFrags(exprs.map((e, i) => cat(e.frag, ` AS c${i}`)), ', ');
  const body = withFrom(cat('SELECT ', select), cat(whereClause(plan, ctx), tail), ctx);
  return { sql: ctx.dialect.finalize(body.sql), params: body.params };
}

/** A row-shaped copy of the plan's WHERE as a predicate on `e` (for UPDATE/DELETE and the FTS tail). */
export function wherePredicate(plan: Plan, opts: CompileOptions): Frag {
  const ctx: Ctx = { acl: opts.acl, dialect: opts.dialect ?? sqliteDialect, textSearch: opts.textSearch ?? 'fts' };
  return whereClause(plan, ctx);
}

/** Whether compiling the plan needs the FTS tail table prepared on the connection. */
export function usesFullText(plan: Plan): boolean {
  const visit = (c: Cond): boolean =>
    c.k === 'fulltext' ? c.terms.length > 0
      : c.k === 'and' || c.k === 'or' ? c.items.some(visit)
        : c.k === 'not' ? visit(c.item) : c.k === 'subplan' ? usesFullText(c.plan) : false;
  return plan.where.some(visit) || plan.having.some(visit);
}
