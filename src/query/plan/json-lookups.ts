/**
 * Lookups on `extracted_fields` (reference §5.1): typed comparison of JSON keys (`foo=5` matches the number 5,
 * not the string "5": json_type guards + the key's SQL value), key presence (`isnull`), and document lookups
 * `has_key has_keys has_any_keys contains contained_by`. JSON paths are constant literals built from keys that
 * passed the field-path grammar; all values are parameters.
 */
import { DelveError } from '../../errors.js';
import type { SqlDialect } from './dialect.js';
import type { Cond, Expr } from './plan.js';
import { cat, joinFrags, param, paramList, raw, type Frag, type SqlValue } from './sql.js';
import { describe, listOf, sqlValue } from './values.js';

const sqlCond = (frag: Frag): Cond => ({ k: 'sql', frag, aggregate: false });

function typeIs(t: Frag, ...names: string[]): Frag {
  return names.length === 1 ? cat(t, ` = '${names[0]}'`) : cat(t, ` IN (${names.map((n) => `'${n}'`).join(', ')})`);
}

function kindOf(v: unknown): 'null' | 'bool' | 'num' | 'str' | 'container' {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'num';
  if (typeof v === 'string' || v instanceof Date) return 'str';
  return 'container';
}

function jsonString(v: unknown, what: string): string {
  const s = JSON.stringify(v);
  if (s === undefined) throw new DelveError('DLV_QUERY_LOOKUP', `${what}: the value cannot be written as JSON.`);
  return s;
}

/** A typed equality against one JSON key. */
function typedEquals(scalar: Frag, text: Frag, type: Frag, v: unknown, what: string): Frag {
  switch (kindOf(v)) {
    case 'null': return typeIs(type, 'null');
    case 'bool': return typeIs(type, v ? 'true' : 'false');
    case 'num': return cat('(', typeIs(type, 'integer', 'real'), ' AND ', scalar, ' = ', param(sqlValue(v, what)), ')');
    case 'str': return cat('(', typeIs(type, 'text'), ' AND ', scalar, ' = ', param(sqlValue(v, what)), ')');
    case 'container': return cat('(', typeIs(type, 'array', 'object'), ' AND ', text, ' = json(', param(jsonString(v, what)), '))');
  }
}

/** Lookups on the whole JSON document (no keys). */
function documentLookup(dialect: SqlDialect, doc: Frag, keys: readonly string[], lookup: string, v: unknown, what: string): Cond {
  const each = keys.length === 0 ? cat('json_each(', doc, ')') : cat('json_each(', doc, `, ${dialect.jsonPath(keys)})`);
  const container = keys.length === 0 ? doc : dialect.jsonText(doc, keys);
  switch (lookup) {
    case 'has_key':
      return sqlCond(cat('EXISTS (SELECT 1 FROM ', each, ' WHERE key = ', param(sqlValue(String(v), what)), ')'));
    case 'has_keys': {
      const wanted = [...new Set(listOf(v, what).map(String))];
      if (wanted.length === 0) return sqlCond(raw('1 = 1'));
      return sqlCond(cat('(SELECT count(DISTINCT key) FROM ', each, ' WHERE key IN ', paramList(wanted), `) = ${wanted.length}`));
    }
    case 'has_any_keys': {
      const wanted = [...new Set(listOf(v, what).map(String))];
      if (wanted.length === 0) return sqlCond(raw('1 = 0'));
      return sqlCond(cat('EXISTS (SELECT 1 FROM ', each, ' WHERE key IN ', paramList(wanted), ')'));
    }
    case 'contains':
      return sqlCond(dialect.jsonContains(container, param(jsonString(v, what))));
    case 'contained_by':
      return sqlCond(cat(container, ' IS NOT NULL AND ', dialect.jsonContains(param(jsonString(v, what)), container)));
    default:
      throw new DelveError('DLV_QUERY_LOOKUP', `${what}: the lookup ${lookup} does not apply to a JSON document.`);
  }
}

/**
 * Compile `lookup` against `extracted_fields` (keys empty) or one of its keys. `value` is a literal or an
 * expression (F()); expressions compare against the key's SQL value without a type guard.
 */
export function jsonLookup(dialect: SqlDialect, doc: Frag, keys: readonly string[], lookup: string, value: { literal: unknown } | { expr: Expr }, what: string): Cond {
  const v = 'literal' in value ? value.literal : undefined;
  if (keys.length === 0) {
    if (lookup === 'isnull') return sqlCond(cat(doc, v === true ? ' IS NULL' : ' IS NOT NULL'));
    if (lookup === 'exact') {
      if ('expr' in value) return sqlCond(cat(doc, ' = ', value.expr.frag));
      if (v === null) return sqlCond(cat(doc, ' IS NULL'));
      return sqlCond(cat('json(', doc, ') = json(', param(jsonString(v, what)), ')'));
    }
    return documentLookup(dialect, doc, keys, lookup, v, what);
  }
  const scalar = dialect.jsonScalar(doc, keys);
  const text = dialect.jsonText(doc, keys);
  const type = dialect.jsonType(doc, keys);
  if ('expr' in value) {
    const ops: Record<string, string> = { exact: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
    const op = ops[lookup];
    if (op === undefined) throw new DelveError('DLV_QUERY_LOOKUP', `${what}: ${lookup} cannot compare with an expression.`);
    return sqlCond(cat(scalar, ` ${op} `, value.expr.frag));
  }
  const str = (x: unknown): string => (x instanceof Date ? x.toISOString() : String(x));
  switch (lookup) {
    case 'exact':
      return sqlCond(typedEquals(scalar, text, type, v, what));
    case 'iexact':
    case 'icontains':
    case 'istartswith':
    case 'iendswith':
    case 'startswith':
    case 'endswith': {
      const ci = lookup.startsWith('i');
      const kind = (ci ? lookup.slice(1) : lookup) as 'exact' | 'contains' | 'startswith' | 'endswith';
      return sqlCond(cat('(', typeIs(type, 'text'), ' AND ', dialect.textMatch(scalar, str(v), kind, ci), ')'));
    }
    case 'contains':
      if (kindOf(v) === 'container') return documentLookup(dialect, doc, keys, 'contains', v, what);
      return sqlCond(cat('(', typeIs(type, 'text'), ' AND ', dialect.textMatch(scalar, str(v), 'contains', false), ')'));
    case 'gt': case 'gte': case 'lt': case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[lookup];
      const k = kindOf(v);
      if (k !== 'num' && k !== 'str') throw new DelveError('DLV_QUERY_LOOKUP', `${what} compares with a number or a string, got ${describe(v)}.`);
      const guard = k === 'num' ? typeIs(type, 'integer', 'real') : typeIs(type, 'text');
      return sqlCond(cat('(', guard, ' AND ', scalar, ` ${op} `, param(sqlValue(k === 'str' ? str(v) : v, what)), ')'));
    }
    case 'range': {
      const pair = listOf(v, what);
      if (pair.length !== 2) throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects two values: (low, high).`);
      const [lo, hi] = pair;
      const k = kindOf(lo);
      if ((k !== 'num' && k !== 'str') || kindOf(hi) !== k) throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects two numbers or two strings.`);
      const guard = k === 'num' ? typeIs(type, 'integer', 'real') : typeIs(type, 'text');
      const p = (x: unknown): Frag => param(sqlValue(k === 'str' ? str(x) : x, what));
      return sqlCond(cat('(', guard, ' AND ', scalar, ' BETWEEN ', p(lo), ' AND ', p(hi), ')'));
    }
    case 'in': {
      const items = listOf(v, what);
      if (items.length === 0) return sqlCond(raw('1 = 0'));
      const parts: Frag[] = [];
      const nums = items.filter((x) => kindOf(x) === 'num').map((x) => sqlValue(x, what));
      const strs = items.filter((x) => kindOf(x) === 'str').map((x) => sqlValue(str(x), what));
      if (nums.length) parts.push(cat('(', typeIs(type, 'integer', 'real'), ' AND ', scalar, ' IN ', paramList(nums as SqlValue[]), ')'));
      if (strs.length) parts.push(cat('(', typeIs(type, 'text'), ' AND ', scalar, ' IN ', paramList(strs), ')'));
      for (const x of items) if (kindOf(x) === 'null' || kindOf(x) === 'bool' || kindOf(x) === 'container') parts.push(typedEquals(scalar, text, type, x, what));
      return sqlCond(cat('(', joinFrags(parts, ' OR '), ')'));
    }
    case 'isnull':
      if (typeof v !== 'boolean') throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects True or False.`);
      return sqlCond(cat(type, v ? ' IS NULL' : ' IS NOT NULL'));
    case 'regex':
    case 'iregex':
      return sqlCond(cat('(', typeIs(type, 'text'), ' AND ', dialect.regex(scalar, str(v), lookup === 'iregex'), ')'));
    default:
      return documentLookup(dialect, doc, keys, lookup, v, what);
  }
}
