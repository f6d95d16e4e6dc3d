/**
 * Compiles expression ASTs (reference §5.3) to SQL: values (`Lower(host)`, `F(a) + 1`, aggregates), conditions
 * (`Q(a=1) | ~Q(b__gt=2)`), and the right-hand side of keyword filters (literals go through `cast`). Inside
 * functions, bare names and strings are field references (use `Value('x')` for a literal string).
 */
import { DelveError } from '../../errors.js';
import { cast } from '../cast/index.js';
import { compileLookup, type LookupValue } from '../lookups/db.js';
import { resolveField, type Scope } from '../plan/field-path.js';
import type { Cond, Expr, ValueType } from '../plan/plan.js';
import { cat, param } from '../plan/sql.js';
import { applyTransform } from '../plan/transforms.js';
import { sqlValue } from '../plan/values.js';
import type { Node } from './ast.js';
import { callFunction } from './functions.js';

/** What expressions can see: the dialect, the plan's annotations and the query's "now" (epoch µs). */
export type ExprScope = Scope & { readonly nowMicros: number };

/** A field reference (`host`, `created__year`, `extracted_fields__a`) as an SQL scalar. */
export function fieldRef(path: string, scope: ExprScope): Expr {
  const f = resolveField(path, scope, 'value');
  let expr = f.expr;
  for (const t of f.tail) expr = applyTransform(expr, t, scope.dialect);
  return expr;
}

/** A literal as a bound parameter. */
export function literal(v: unknown): Expr {
  const type: ValueType = typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'real') : typeof v === 'boolean' ? 'boolean' : 'text';
  return { frag: param(sqlValue(v, 'Value')), type, aggregate: false };
}

const exprOf = (cond: Cond, scope: ExprScope): Expr => {
  const frag = condToSql(cond, scope);
  return { frag: cat('(CASE WHEN ', frag, ' THEN 1 ELSE 0 END)'), type: 'boolean', aggregate: condAggregate(cond) };
};

/** Render a Cond made only of SQL pieces (Q objects never contain full-text or sub-plans). */
export function condToSql(c: Cond, scope: ExprScope): ReturnType<typeof cat> {
  switch (c.k) {
    case 'sql': return c.frag;
    case 'and': case 'or': {
      const parts = c.items.map((i) => condToSql(i, scope));
      if (parts.length === 0) return cat(c.k === 'and' ? '1 = 1' : '1 = 0');
      const out: Array<ReturnType<typeof cat> | string> = ['('];
      parts.forEach((p, i) => { if (i) out.push(c.k === 'and' ? ' AND ' : ' OR '); out.push(p); });
      out.push(')');
      return cat(...out);
    }
    case 'not': return cat('NOT coalesce(', condToSql(c.item, scope), ', 0)');
    default: throw new DelveError('DLV_INTERNAL', 'Unexpected condition in an expression.');
  }
}

/** Whether a node is a condition (Q object or a combination of them). */
export function isCondition(n: Node): boolean {
  if (n.t === 'call') return n.fn === 'Q';
  if (n.t === 'bin') return (n.op === '|' || n.op === '&') && isCondition(n.l) && isCondition(n.r);
  if (n.t === 'un') return n.op === '~' && isCondition(n.e);
  return false;
}

const condAggregate = (c: Cond): boolean =>
  c.k === 'sql' ? c.aggregate : c.k === 'and' || c.k === 'or' ? c.items.some(condAggregate) : c.k === 'not' ? condAggregate(c.item) : false;

/** Compile a condition node: `Q(k=v, …)`, `a | b`, `a & b`, `~a`. */
export function compileCondition(n: Node, scope: ExprScope): Cond {
  if (n.t === 'call' && n.fn === 'Q') {
    const items: Cond[] = n.args.map((a) => compileCondition(a, scope));
    for (const kw of n.kwargs) items.push(compileLookup(kw.name, filterValue(kw.value, scope), scope));
    return items.length === 1 ? (items[0] as Cond) : { k: 'and', items };
  }
  if (n.t === 'bin' && (n.op === '|' || n.op === '&')) {
    return { k: n.op === '|' ? 'or' : 'and', items: [compileCondition(n.l, scope), compileCondition(n.r, scope)] };
  }
  if (n.t === 'un' && n.op === '~') return { k: 'not', item: compileCondition(n.e, scope) };
  throw new DelveError('DLV_QUERY_EXPRESSION', 'Expected a condition: Q(field=value), combined with | (or), & (and) and ~ (not).');
}

/** Whether a compiled condition uses an aggregate (then it belongs in HAVING). */
export function isAggregateCondition(c: Cond): boolean {
  return condAggregate(c);
}

/** The right-hand side of `path__lookup=EXPR`: literals (cast), or an expression such as F(x) or Lower(y). */
export function filterValue(n: Node, scope: ExprScope): LookupValue {
  switch (n.t) {
    case 'num': return { literal: n.v, raw: n.text };
    case 'str': return { literal: cast(n.v), raw: n.v };
    case 'name': return { literal: cast(n.v), raw: n.v };
    case 'bool': return { literal: n.v };
    case 'none': return { literal: null };
    case 'un':
      if (n.op === '-' && n.e.t === 'num') return { literal: -n.e.v, raw: `-${n.e.text}` };
      return { expr: compileExpr(n, scope) };
    default:
      if (isCondition(n)) throw new DelveError('DLV_QUERY_EXPRESSION', 'A Q object cannot be the value of a keyword filter.');
      return { expr: compileExpr(n, scope) };
  }
}

const ARITH: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%' };

function numericType(a: Expr, b: Expr): ValueType {
  return a.type === 'integer' && b.type === 'integer' ? 'integer' : 'number';
}

/** Compile a value node to SQL. Names and strings are field references here. */
export function compileExpr(n: Node, scope: ExprScope): Expr {
  switch (n.t) {
    case 'num': return literal(n.v);
    case 'bool': return literal(n.v);
    case 'none': return { frag: cat('NULL'), type: 'any', aggregate: false };
    case 'str': case 'name': return fieldRef(n.v, scope);
    case 'call':
      if (n.fn === 'Q') return exprOf(compileCondition(n, scope), scope);
      return callFunction(n, scope);
    case 'un': {
      if (n.op === '~') {
        if (isCondition(n)) return exprOf(compileCondition(n, scope), scope);
        throw new DelveError('DLV_QUERY_EXPRESSION', '~ only negates Q objects.');
      }
      const e = compileExpr(n.e, scope);
      return n.op === '+' ? e : { frag: cat('(-', e.frag, ')'), type: e.type === 'integer' ? 'integer' : 'number', aggregate: e.aggregate };
    }
    case 'bin': {
      if (n.op === '|' || n.op === '&') {
        if (isCondition(n)) return exprOf(compileCondition(n, scope), scope);
        throw new DelveError('DLV_QUERY_EXPRESSION', `${n.op} combines Q objects only (e.g. Q(a=1)|Q(b=2)).`);
      }
      const l = compileExpr(n.l, scope);
      const r = compileExpr(n.r, scope);
      const aggregate = l.aggregate || r.aggregate;
      if (n.op === '**') return { frag: cat('pow(', l.frag, ', ', r.frag, ')'), type: 'number', aggregate };
      return { frag: cat('(', l.frag, ` ${ARITH[n.op] as string} `, r.frag, ')'), type: numericType(l, r), aggregate };
    }
  }
}
