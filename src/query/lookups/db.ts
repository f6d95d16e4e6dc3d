/**
 * Database lookups (reference §5.1) for `search`, `join` and the keyword arguments of `qs_filter/exclude/having`:
 * `path__[transform__…]lookup=value` → a parameterised SQL condition. Field paths are resolved against the model
 * allow-lists (plan/field-path.ts); values are always bound parameters.
 *
 * Lookups: exact iexact contains icontains in gt gte lt lte startswith istartswith endswith iendswith range isnull
 * regex iregex; transforms on datetimes: date year iso_year month day week week_day(1=Sunday) iso_week_day(1=Monday)
 * quarter time hour minute second; on extracted_fields: typed key comparison, has_key has_keys has_any_keys
 * contains contained_by (plan/json-lookups.ts). Case-insensitive lookups fold Unicode (dialect.textMatch, case-fold.ts);
 * regex/iregex are Python-flavoured and Unicode-aware (python-regex.ts).
 * `in` also accepts `a,b,c` (the original iterated the characters of a string).
 */
import { DelveError } from '../../errors.js';
import type { SqlDialect } from '../plan/dialect.js';
import { LOOKUPS, resolveField, type Scope } from '../plan/field-path.js';
import { jsonLookup } from '../plan/json-lookups.js';
import type { Cond, Expr } from '../plan/plan.js';
import { cat, param, paramList, raw, type Frag, type SqlValue } from '../plan/sql.js';
import { compileRegex } from '../plan/sqlite-functions.js';
import { applyTransform, TRANSFORMS } from '../plan/transforms.js';
import { describe, formatDate, listOf, sqlValue, toMicrosValue } from '../plan/values.js';

/** The right-hand side of a lookup: a literal (with its raw text when it came from a term) or an expression. */
export type LookupValue = { literal: unknown; raw?: string } | { expr: Expr };

const COMPARE: Record<string, string> = { exact: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const PATTERN = new Set(['iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith']);

/** Split the segments after a field into transforms and the lookup (default `exact`). */
function splitTail(tail: readonly string[], key: string): { transforms: string[]; lookup: string } {
  const last = tail[tail.length - 1];
  const lookup = last !== undefined && LOOKUPS.has(last) ? last : 'exact';
  const transforms = lookup === last ? tail.slice(0, -1) : [...tail];
  for (const t of transforms) {
    if (!TRANSFORMS.has(t)) {
      throw new DelveError('DLV_QUERY_LOOKUP', `Unknown lookup or transform ${JSON.stringify(t)} in ${JSON.stringify(key)}. Lookups: ${[...LOOKUPS].join(', ')}; transforms: ${[...TRANSFORMS].join(', ')}.`, { field: key });
    }
  }
  return { transforms, lookup };
}

/** Convert a literal to the SQL value a field of type `expr.type` is compared with. */
function scalarFor(expr: Expr, v: unknown, rawText: string | undefined, what: string): SqlValue {
  if (v === null || v === undefined) return null;
  switch (expr.type) {
    case 'datetime_us':
      return toMicrosValue(v, what);
    case 'date':
      if (v instanceof Date) return formatDate(v);
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
      throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects a date such as 2024-01-31, got ${describe(v)}.`);
    case 'time':
      if (v instanceof Date) return v.toISOString().slice(11, 19);
      return String(v);
    case 'integer':
    case 'real':
    case 'number':
      if (typeof v === 'number' || typeof v === 'boolean') return sqlValue(v, what);
      throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects a number, got ${describe(v)}.`);
    case 'boolean':
      if (typeof v === 'boolean' || v === 0 || v === 1) return v ? 1 : 0;
      throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects True or False, got ${describe(v)}.`);
    case 'text':
      // `cast` turned 5 / 1.50 / True into typed values; a text column compares with the text as written
      if (typeof v === 'number' || typeof v === 'boolean') return rawText !== undefined ? rawText.trim() : String(v);
      if (v instanceof Date) return rawText !== undefined ? rawText.trim() : v.toISOString();
      return sqlValue(v, what);
    default:
      return sqlValue(v, what);
  }
}

const sqlCond = (frag: Frag, aggregate: boolean): Cond => ({ k: 'sql', frag, aggregate });

/** Lookups on a plain (non-JSON) expression. */
function scalarLookup(dialect: SqlDialect, expr: Expr, lookup: string, value: LookupValue, what: string): Cond {
  const agg = expr.aggregate || ('expr' in value && value.expr.aggregate);
  const lhs = expr.frag;
  if ('expr' in value) {
    const op = COMPARE[lookup];
    if (op === undefined) throw new DelveError('DLV_QUERY_LOOKUP', `${what}: ${lookup} cannot compare with an expression.`);
    return sqlCond(cat(lhs, ` ${op} `, value.expr.frag), agg);
  }
  const v = value.literal;
  const rawText = value.raw;
  const op = COMPARE[lookup];
  if (op !== undefined) {
    if (v === null && lookup === 'exact') return sqlCond(cat(lhs, ' IS NULL'), agg);
    if (v === null) throw new DelveError('DLV_QUERY_LOOKUP', `${what}: cannot compare with None.`);
    return sqlCond(cat(lhs, ` ${op} `, param(scalarFor(expr, v, rawText, what))), agg);
  }
  if (PATTERN.has(lookup)) {
    if (v === null || typeof v === 'object' && !(v instanceof Date)) throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects text, got ${describe(v)}.`);
    const text = typeof v === 'string' ? v : rawText !== undefined ? rawText.trim() : String(scalarFor(expr, v, rawText, what));
    const ci = lookup.startsWith('i');
    const kind = (ci ? lookup.slice(1) : lookup) as 'exact' | 'contains' | 'startswith' | 'endswith';
    return sqlCond(dialect.textMatch(lhs, text, kind, ci), agg);
  }
  switch (lookup) {
    case 'in': {
      const items = listOf(v, what).filter((x) => x !== null).map((x) => scalarFor(expr, x, typeof x === 'string' ? x : undefined, what));
      if (items.length === 0) return sqlCond(raw('1 = 0'), agg);
      return sqlCond(cat(lhs, ' IN ', paramList(items)), agg);
    }
    case 'range': {
      const pair = listOf(v, what);
      if (pair.length !== 2) throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects two values: (low, high).`);
      return sqlCond(cat(lhs, ' BETWEEN ', param(scalarFor(expr, pair[0], undefined, what)), ' AND ', param(scalarFor(expr, pair[1], undefined, what))), agg);
    }
    case 'isnull':
      if (typeof v !== 'boolean') throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects True or False, got ${describe(v)}.`);
      return sqlCond(cat(lhs, v ? ' IS NULL' : ' IS NOT NULL'), agg);
    case 'regex':
    case 'iregex':
      return sqlCond(dialect.regex(lhs, String(v), lookup === 'iregex'), agg);
    default:
      throw new DelveError('DLV_QUERY_LOOKUP', `${what}: the lookup ${lookup} only applies to extracted_fields.`);
  }
}

/**
 * Compile one lookup term (`key` = `path__lookup`, already grammar-checked by splitTerm or the expression parser)
 * into a condition. Throws DelveError (DLV_QUERY_UNKNOWN_FIELD, DLV_QUERY_FORBIDDEN_FIELD, DLV_QUERY_LOOKUP).
 */
export function compileLookup(key: string, value: LookupValue, scope: Scope): Cond {
  const field = resolveField(key, scope, 'lookup');
  const { transforms, lookup } = splitTail(field.tail, key);
  const what = `The lookup ${key.slice(0, 120)}`;
  if ((lookup === 'regex' || lookup === 'iregex') && 'literal' in value) {
    compileRegex(String(value.literal), lookup === 'iregex'); // report a bad pattern now, not mid-query
  }
  if (field.json && transforms.length === 0) {
    const jsonValue = 'expr' in value ? { expr: value.expr } : { literal: value.literal };
    return jsonLookup(scope.dialect, field.json.doc, field.json.keys, lookup, jsonValue, what);
  }
  let expr = field.expr;
  for (const t of transforms) expr = applyTransform(expr, t, scope.dialect);
  return scalarLookup(scope.dialect, expr, lookup, value, what);
}
