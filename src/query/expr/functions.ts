/**
 * The allow-listed functions of the expression language (reference §5.3) and their SQL (SQLite dialect):
 *   text     Lower/Upper→delve_lower/delve_upper (Unicode; SQLite's own change ASCII only)  Length→length  Trim/LTrim/RTrim→trim/ltrim/rtrim  LPad/RPad(x, n, fill=' ')→delve_lpad/rpad
 *            Substr(x, pos, length?)→substr  Replace(x, old, new='')→replace  Reverse→delve_reverse  StrIndex(x, sub)→instr
 *            Concat(a, b, …)→concat (NULL as '')
 *   misc     Coalesce→coalesce  Greatest/Least→max/min (scalar)  Cast(x, IntegerField|FloatField|DecimalField|CharField|
 *            TextField|BooleanField|DateField|DateTimeField|TimeField)→CAST/date/time  Value(v)→parameter  F(path)→field
 *            KT(path)→JSON key as SQL value (->>)  JSONObject(k=v, …)→json_object  Now()→the query's now
 *            Func(x, function='ABS'|…)→an allow-listed scalar function only
 *   dates    TruncDate→date text  TruncYear/Quarter/Month/Week/Day/Hour/Minute/Second and Trunc(x, kind)→µs datetime
 *            Extract(x, part) and ExtractYear/IsoYear/Quarter/Month/Week/WeekDay/IsoWeekDay/Day/Hour/Minute/Second→integer
 *   math     Abs ACos ASin ATan ATan2 Ceil Cos Cot(1/tan) Degrees Exp Floor Ln Log(base, x) Mod Pi Power Radians
 *            Round(x, precision=0) Sign Sin Sqrt Tan → the SQLite math functions
 *   aggregates Sum Avg Count Max Min StdDev Variance (sample=False) with distinct=True and filter=Q(…) (CASE WHEN)
 */
import { DelveError } from '../../errors.js';
import type { DatePart, TruncKind } from '../plan/dialect.js';
import { isNotNullEventColumn } from '../plan/model.js';
import type { Expr, ValueType } from '../plan/plan.js';
import { cat, joinFrags, param, type Frag } from '../plan/sql.js';
import { toMicros } from '../plan/transforms.js';
import type { Node } from './ast.js';
import { compileCondition, compileExpr, condToSql, fieldRef, literal, type ExprScope } from './compile.js';

type Call = Extract<Node, { t: 'call' }>;
type Impl = (n: Call, scope: ExprScope) => Expr;

function err(msg: string): never {
  throw new DelveError('DLV_QUERY_EXPRESSION', msg);
}

function arity(n: Call, min: number, max: number = min): void {
  if (n.args.length < min || n.args.length > max) {
    err(`${n.fn}() takes ${min === max ? min : `${min} to ${max}`} positional argument${max === 1 ? '' : 's'}, got ${n.args.length}.`);
  }
}

function kwargs(n: Call, allowed: readonly string[]): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const k of n.kwargs) {
    if (!allowed.includes(k.name)) err(`${n.fn}() got an unexpected keyword argument ${k.name}.`);
    m.set(k.name, k.value);
  }
  return m;
}

const anyAgg = (es: readonly Expr[]): boolean => es.some((e) => e.aggregate);

/** `fn(args…)` over compiled arguments. */
function sqlFn(fn: string, type: ValueType | ((args: Expr[]) => ValueType), min: number, max = min): Impl {
  return (n, scope) => {
    arity(n, min, max);
    kwargs(n, []);
    const args = n.args.map((a) => compileExpr(a, scope));
    return { frag: cat(`${fn}(`, joinFrags(args.map((a) => a.frag), ', '), ')'), type: typeof type === 'function' ? type(args) : type, aggregate: anyAgg(args) };
  };
}

/** A constant name argument (`'year'`, IntegerField): a name or string node. */
function word(n: Node | undefined, what: string): string {
  if (n?.t === 'name' || n?.t === 'str') return n.v;
  return err(`${what} must be a name such as year.`);
}

const CASTS: Record<string, { sql: (f: Frag) => Frag; type: ValueType }> = {
  IntegerField: { sql: (f) => cat('CAST(', f, ' AS INTEGER)'), type: 'integer' },
  BigIntegerField: { sql: (f) => cat('CAST(', f, ' AS INTEGER)'), type: 'integer' },
  FloatField: { sql: (f) => cat('CAST(', f, ' AS REAL)'), type: 'real' },
  DecimalField: { sql: (f) => cat('CAST(', f, ' AS REAL)'), type: 'real' },
  CharField: { sql: (f) => cat('CAST(', f, ' AS TEXT)'), type: 'text' },
  TextField: { sql: (f) => cat('CAST(', f, ' AS TEXT)'), type: 'text' },
  BooleanField: { sql: (f) => cat('(CAST(', f, ' AS INTEGER) <> 0)'), type: 'boolean' },
  DateField: { sql: (f) => cat('date(', f, ')'), type: 'date' },
  TimeField: { sql: (f) => cat('time(', f, ')'), type: 'time' },
};

const PARTS: Record<string, DatePart> = {
  Year: 'year', IsoYear: 'iso_year', Quarter: 'quarter', Month: 'month', Week: 'week', WeekDay: 'week_day',
  IsoWeekDay: 'iso_week_day', Day: 'day', Hour: 'hour', Minute: 'minute', Second: 'second',
};
const TRUNCS: readonly TruncKind[] = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
const FUNC_ALLOWED = new Set(['ABS', 'LOWER', 'UPPER', 'LENGTH', 'TRIM', 'LTRIM', 'RTRIM', 'HEX', 'TYPEOF', 'ROUND', 'SIGN', 'INSTR', 'REPLACE', 'SUBSTR', 'COALESCE', 'IFNULL', 'NULLIF', 'UNICODE', 'CHAR']);

function extract(n: Call, scope: ExprScope, part: string): Expr {
  const x = compileExpr(n.args[0] as Node, scope);
  const p = Object.values(PARTS).find((v) => v === part);
  if (p === undefined) err(`Unknown Extract part ${JSON.stringify(part)}; use one of ${Object.values(PARTS).join(', ')}.`);
  const m = toMicros(x, scope.dialect, `${n.fn}()`);
  return { frag: scope.dialect.datePart(m.frag, p), type: 'integer', aggregate: x.aggregate };
}

function trunc(n: Call, scope: ExprScope, kind: string): Expr {
  const x = compileExpr(n.args[0] as Node, scope);
  const m = toMicros(x, scope.dialect, `${n.fn}()`);
  if (kind === 'date') return { frag: scope.dialect.dateOf(m.frag), type: 'date', aggregate: x.aggregate };
  if (kind === 'time') return { frag: scope.dialect.timeOf(m.frag), type: 'time', aggregate: x.aggregate };
  if (!(TRUNCS as readonly string[]).includes(kind)) err(`Unknown Trunc kind ${JSON.stringify(kind)}; use one of ${TRUNCS.join(', ')}, date, time.`);
  return { frag: scope.dialect.trunc(m.frag, kind as TruncKind), type: 'datetime_us', aggregate: x.aggregate };
}

/** Aggregate functions: SQL name, result type. */
const AGGREGATES: Record<string, { sql: (o: { sample: boolean }) => string; type: (arg: Expr) => ValueType }> = {
  Sum: { sql: () => 'sum', type: (a) => (a.type === 'integer' ? 'integer' : 'number') },
  Avg: { sql: () => 'avg', type: () => 'number' },
  Count: { sql: () => 'count', type: () => 'integer' },
  Max: { sql: () => 'max', type: (a) => a.type },
  Min: { sql: () => 'min', type: (a) => a.type },
  StdDev: { sql: (o) => (o.sample ? 'delve_stddev_samp' : 'delve_stddev_pop'), type: () => 'number' },
  Variance: { sql: (o) => (o.sample ? 'delve_var_samp' : 'delve_var_pop'), type: () => 'number' },
};

/** Whether `fn` names an aggregate function. */
export function isAggregateFunction(fn: string): boolean {
  return Object.hasOwn(AGGREGATES, fn);
}

function aggregate(n: Call, scope: ExprScope): Expr {
  const def = AGGREGATES[n.fn] as (typeof AGGREGATES)[string];
  arity(n, n.fn === 'Count' ? 0 : 1, 1);
  const kw = kwargs(n, ['distinct', 'filter', 'sample', 'output_field']);
  const distinct = kw.get('distinct');
  const isDistinct = distinct?.t === 'bool' ? distinct.v : distinct === undefined ? false : err('distinct must be True or False.');
  const sample = kw.get('sample')?.t === 'bool' ? (kw.get('sample') as { v: boolean }).v : false;
  const a0 = n.args[0];
  const star = a0 === undefined || (a0.t === 'str' && a0.v === '*');
  if (star && n.fn !== 'Count') err(`${n.fn}() needs a field.`);
  const arg: Expr = star ? { frag: cat('1'), type: 'integer', aggregate: false } : compileExpr(a0 as Node, scope);
  if (arg.aggregate) err(`Cannot nest aggregates: ${n.fn}() of an aggregate.`);
  let inner: Frag = arg.frag;
  const filter = kw.get('filter');
  if (filter !== undefined) inner = cat('CASE WHEN ', condToSql(compileCondition(filter, scope), scope), ' THEN ', arg.frag, ' END');
  // count(e."id") must read every row; count(*) can be answered from any covering index (same result: id is NOT NULL)
  const rows = star || (n.fn === 'Count' && arg.frag.params.length === 0 && isNotNullEventColumn(arg.frag.sql));
  const body = rows && filter === undefined && !isDistinct ? cat('*') : inner;
  return { frag: cat(`${def.sql({ sample })}(`, isDistinct ? 'DISTINCT ' : '', body, ')'), type: def.type(arg), aggregate: true };
}

const IMPLS: Record<string, Impl> = {
  Lower: (n, scope) => changeCase(n, scope, 'lower'), Upper: (n, scope) => changeCase(n, scope, 'upper'), Length: sqlFn('length', 'integer', 1),
  Trim: sqlFn('trim', 'text', 1), LTrim: sqlFn('ltrim', 'text', 1), RTrim: sqlFn('rtrim', 'text', 1),
  Reverse: sqlFn('delve_reverse', 'text', 1), StrIndex: sqlFn('instr', 'integer', 2),
  Concat: sqlFn('concat', 'text', 2, 64), Coalesce: sqlFn('coalesce', (a) => a[0]?.type ?? 'any', 2, 64),
  Greatest: sqlFn('max', (a) => a[0]?.type ?? 'any', 2, 64), Least: sqlFn('min', (a) => a[0]?.type ?? 'any', 2, 64),
  Abs: sqlFn('abs', (a) => a[0]?.type ?? 'number', 1), ACos: sqlFn('acos', 'number', 1), ASin: sqlFn('asin', 'number', 1),
  ATan: sqlFn('atan', 'number', 1), ATan2: sqlFn('atan2', 'number', 2), Ceil: sqlFn('ceil', 'number', 1),
  Cos: sqlFn('cos', 'number', 1), Degrees: sqlFn('degrees', 'number', 1), Exp: sqlFn('exp', 'number', 1),
  Floor: sqlFn('floor', 'number', 1), Ln: sqlFn('ln', 'number', 1), Log: sqlFn('log', 'number', 2), Mod: sqlFn('mod', 'number', 2),
  Pi: sqlFn('pi', 'number', 0), Power: sqlFn('pow', 'number', 2), Radians: sqlFn('radians', 'number', 1),
  Sign: sqlFn('sign', 'integer', 1), Sin: sqlFn('sin', 'number', 1), Sqrt: sqlFn('sqrt', 'number', 1), Tan: sqlFn('tan', 'number', 1),
  Cot: (n, scope) => { const e = sqlFn('tan', 'number', 1)(n, scope); return { ...e, frag: cat('(1.0 / ', e.frag, ')') }; },
  Round: (n, scope) => {
    arity(n, 1, 2);
    const kw = kwargs(n, ['precision']);
    const x = compileExpr(n.args[0] as Node, scope);
    const pNode = n.args[1] ?? kw.get('precision');
    const p = pNode === undefined ? literal(0) : compileExpr(pNode, scope);
    return { frag: cat('round(', x.frag, ', ', p.frag, ')'), type: 'number', aggregate: x.aggregate };
  },
  LPad: (n, scope) => pad('delve_lpad', n, scope), RPad: (n, scope) => pad('delve_rpad', n, scope),
  Substr: (n, scope) => {
    arity(n, 2, 3);
    const args = n.args.map((a) => compileExpr(a, scope));
    return { frag: cat('substr(', joinFrags(args.map((a) => a.frag), ', '), ')'), type: 'text', aggregate: anyAgg(args) };
  },
  Replace: (n, scope) => {
    arity(n, 2, 3);
    const args = n.args.map((a) => compileExpr(a, scope));
    const repl = args[2]?.frag ?? param('');
    return { frag: cat('replace(', (args[0] as Expr).frag, ', ', (args[1] as Expr).frag, ', ', repl, ')'), type: 'text', aggregate: anyAgg(args) };
  },
  Cast: (n, scope) => {
    arity(n, 1, 2);
    const kw = kwargs(n, ['output_field']);
    const t = word(n.args[1] ?? kw.get('output_field'), 'The Cast type');
    const x = compileExpr(n.args[0] as Node, scope);
    if (t === 'DateTimeField') return { ...toMicros(x, scope.dialect, 'Cast to DateTimeField'), aggregate: x.aggregate };
    const c = CASTS[t];
    if (!c) err(`Unknown Cast type ${JSON.stringify(t)}; use one of ${[...Object.keys(CASTS), 'DateTimeField'].join(', ')}.`);
    return { frag: c.sql(x.frag), type: c.type, aggregate: x.aggregate };
  },
  Value: (n) => {
    arity(n, 1);
    const a = n.args[0] as Node;
    if (a.t === 'num' || a.t === 'str' || a.t === 'bool') return literal(a.v);
    if (a.t === 'none') return { frag: cat('NULL'), type: 'any', aggregate: false };
    if (a.t === 'un' && a.op === '-' && a.e.t === 'num') return literal(-a.e.v);
    return err('Value() takes a number, a string, True, False or None.');
  },
  F: (n, scope) => { arity(n, 1); return fieldRef(word(n.args[0], 'F()'), scope); },
  KT: (n, scope) => { arity(n, 1); const e = fieldRef(word(n.args[0], 'KT()'), scope); return { ...e, type: 'any' }; },
  JSONObject: (n, scope) => {
    arity(n, 0);
    const parts = n.kwargs.map((k) => { const v = compileExpr(k.value, scope); return { f: cat(param(k.name), ', ', v.frag), agg: v.aggregate }; });
    return { frag: cat('json_object(', joinFrags(parts.map((p) => p.f), ', '), ')'), type: 'json', aggregate: parts.some((p) => p.agg) };
  },
  Now: (n, scope) => { arity(n, 0); return { frag: param(scope.nowMicros), type: 'datetime_us', aggregate: false }; },
  Func: (n, scope) => {
    const kw = kwargs(n, ['function', 'output_field']);
    const fnName = word(kw.get('function'), 'Func(function=…)').toUpperCase();
    if (!FUNC_ALLOWED.has(fnName)) err(`Func(function=${fnName}) is not allowed; use one of ${[...FUNC_ALLOWED].join(', ')}.`);
    const args = n.args.map((a) => compileExpr(a, scope));
    return { frag: cat(`${fnName.toLowerCase()}(`, joinFrags(args.map((a) => a.frag), ', '), ')'), type: 'any', aggregate: anyAgg(args) };
  },
  TruncDate: (n, scope) => { arity(n, 1); return trunc(n, scope, 'date'); },
  TruncTime: (n, scope) => { arity(n, 1); return trunc(n, scope, 'time'); },
  Trunc: (n, scope) => { arity(n, 2); kwargs(n, []); return trunc(n, scope, word(n.args[1], 'The Trunc kind')); },
  Extract: (n, scope) => { arity(n, 2); kwargs(n, []); return extract(n, scope, word(n.args[1], 'The Extract part')); },
};
for (const k of TRUNCS) IMPLS[`Trunc${k[0]?.toUpperCase()}${k.slice(1)}`] = (n, scope) => { arity(n, 1); return trunc(n, scope, k); };
for (const [suffix, part] of Object.entries(PARTS)) IMPLS[`Extract${suffix}`] = (n, scope) => { arity(n, 1); return extract(n, scope, part); };

function changeCase(n: Call, scope: ExprScope, to: 'lower' | 'upper'): Expr {
  arity(n, 1);
  kwargs(n, []);
  const x = compileExpr(n.args[0] as Node, scope);
  return { frag: scope.dialect.changeCase(x.frag, to), type: 'text', aggregate: x.aggregate };
}

function pad(fn: string, n: Call, scope: ExprScope): Expr {
  arity(n, 2, 3);
  const kw = kwargs(n, ['fill_text']);
  const args = n.args.map((a) => compileExpr(a, scope));
  const fillNode = n.args[2] === undefined ? kw.get('fill_text') : undefined;
  const fill = fillNode ? compileExpr(fillNode, scope).frag : (args[2]?.frag ?? param(' '));
  return { frag: cat(`${fn}(`, (args[0] as Expr).frag, ', ', (args[1] as Expr).frag, ', ', fill, ')'), type: 'text', aggregate: anyAgg(args) };
}

/** Names of every function the language accepts (for messages and docs). */
export const FUNCTION_NAMES: readonly string[] = [...Object.keys(IMPLS), ...Object.keys(AGGREGATES), 'Q'].sort();

/** Compile a call node. Unknown names are DLV_QUERY_EXPRESSION listing the allowed functions. */
export function callFunction(n: Call, scope: ExprScope): Expr {
  if (isAggregateFunction(n.fn)) return aggregate(n, scope);
  const impl = Object.hasOwn(IMPLS, n.fn) ? IMPLS[n.fn] : undefined;
  if (!impl) err(`Unknown function ${JSON.stringify(n.fn.slice(0, 60))}; allowed: ${FUNCTION_NAMES.join(', ')}.`);
  return impl(n, scope);
}
