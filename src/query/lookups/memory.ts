/**
 * In-memory lookups for the `filter` command (reference §5.2).
 *
 * A term is `[!]path[__lookup]=value`. The path is walked through nested objects by `__` (walkPath); the
 * last `__` segment is the lookup only when it is EXACTLY a lookup name (`domain` is a field, not
 * `doma` + `in` — fixes the original's suffix test), else `exact` is used. `!` negates. Values are
 * cast unless `--no-cast`; the value is everything after the first `=`, so it may contain `=`.
 *
 * Rules (DIVERGENCES from the original are marked *):
 * - exact/eq, ne: deep equality (numbers by value, datetimes by instant; `1` ≠ `"1"` ≠ `True`*).
 * - iexact: case-insensitive for text, else exact. Every case-insensitive lookup folds Unicode (case-fold.ts: ÉCOLE
 *   icontains éc), exactly like the database lookups (there, an ASCII pattern uses LIKE; see case-fold.ts for the few
 *   characters where that differs).
 * - contains: text contains the value's text; a list contains an equal element; an object has the key.
 *   icontains: the same ignoring case. A null field contains nothing*.
 * - in: the field equals an element of the list value, is a substring of a text value, or a key of an
 *   object value.
 * - gt/gte/lt/lte: Python ordering (compareValues); mixed types or null throw DLV_QUERY_TYPE.
 * - startswith/istartswith/endswith/iendswith* (the original's ends-with lookups always failed),
 *   regex/iregex (search anywhere): on text; numbers and booleans are matched by their text*; a null
 *   field never matches*; lists/objects throw DLV_QUERY_TYPE.
 * - isnull: value exactly True → the field is null or missing, else → it is not null.
 */
import { DelveError } from '../../errors.js';
import { cast } from '../cast/index.js';
import { isFieldPath } from '../parser/index.js';
import { foldCase } from './case-fold.js';
import { compilePythonRegex, regexInput } from './python-regex.js';
import { compareValues, isRecord, preview, typeName, valuesEqual, walkPath } from './values.js';

/** Every in-memory lookup name. */
export const MEMORY_LOOKUPS = [
  'exact', 'eq', 'ne', 'iexact', 'contains', 'icontains', 'in', 'gt', 'gte', 'lt', 'lte',
  'startswith', 'istartswith', 'endswith', 'iendswith', 'isnull', 'regex', 'iregex',
] as const;
export type MemoryLookup = (typeof MEMORY_LOOKUPS)[number];

const LOOKUP_SET: ReadonlySet<string> = new Set(MEMORY_LOOKUPS);

/** Whether `name` is a lookup of §5.2. */
export function isMemoryLookup(name: string): name is MemoryLookup {
  return LOOKUP_SET.has(name);
}

/** Split a key into its path and lookup: the last `__` segment is a lookup only if it is exactly one. */
export function splitLookup(key: string): { path: string[]; lookup: MemoryLookup } {
  const segments = key.split('__');
  const last = segments[segments.length - 1] as string;
  if (segments.length > 1 && isMemoryLookup(last)) return { path: segments.slice(0, -1), lookup: last };
  return { path: segments, lookup: 'exact' };
}

function typeError(lookup: string, what: string, v: unknown): never {
  throw new DelveError('DLV_QUERY_TYPE', `The ${lookup} lookup needs ${what}, got ${typeName(v)} ${preview(v)}.`, { field: 'terms' });
}

/** Text of a scalar for the text lookups; null for null. */
function asText(lookup: string, v: unknown, side: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return typeError(lookup, `text ${side}`, v);
}

function rhsText(lookup: string, rhs: unknown): string {
  const t = asText(lookup, rhs, 'as the value');
  if (t === null) return typeError(lookup, 'a text value (not None)', rhs);
  return t;
}

const lower = foldCase;

function contains(lookup: string, lhs: unknown, rhs: unknown, fold: boolean): boolean {
  if (lhs === null || lhs === undefined) return false;
  if (typeof lhs === 'string') {
    const needle = rhsText(lookup, rhs);
    return fold ? lower(lhs).includes(lower(needle)) : lhs.includes(needle);
  }
  if (Array.isArray(lhs)) {
    return lhs.some((e) => (fold && typeof e === 'string' && typeof rhs === 'string' ? lower(e) === lower(rhs) : valuesEqual(e, rhs)));
  }
  if (isRecord(lhs)) {
    const key = rhsText(lookup, rhs);
    return fold ? Object.keys(lhs).some((k) => lower(k) === lower(key)) : Object.hasOwn(lhs, key);
  }
  return typeError(lookup, 'a text, list or object field', lhs);
}

function inLookup(lhs: unknown, rhs: unknown): boolean {
  if (Array.isArray(rhs)) return rhs.some((e) => valuesEqual(lhs, e));
  if (typeof rhs === 'string') {
    const t = asText('in', lhs, 'in the field');
    return t !== null && rhs.includes(t);
  }
  if (isRecord(rhs)) return typeof lhs === 'string' && Object.hasOwn(rhs, lhs);
  return typeError('in', 'a list, text or object value (e.g. status__in=[200,404])', rhs);
}

function textLookup(lookup: MemoryLookup, lhs: unknown, rhs: unknown): boolean {
  if (isRecord(lhs) || Array.isArray(lhs)) typeError(lookup, 'a text field', lhs);
  const l = asText(lookup, lhs, 'in the field');
  if (l === null) return false;
  const r = rhsText(lookup, rhs);
  switch (lookup) {
    case 'startswith':
      return l.startsWith(r);
    case 'istartswith':
      return lower(l).startsWith(lower(r));
    case 'endswith':
      return l.endsWith(r);
    default:
      return lower(l).endsWith(lower(r));
  }
}

/**
 * Apply one lookup to a field value (`lhs`) and the term's value (`rhs`). For regex/iregex pass the
 * compiled RegExp as `rhs`. Throws DelveError(DLV_QUERY_TYPE) on values the lookup cannot handle.
 */
export function applyLookup(lookup: MemoryLookup, lhs: unknown, rhs: unknown): boolean {
  if (lhs === undefined) lhs = null;
  switch (lookup) {
    case 'exact':
    case 'eq':
      return valuesEqual(lhs, rhs);
    case 'ne':
      return !valuesEqual(lhs, rhs);
    case 'iexact':
      return typeof lhs === 'string' && typeof rhs === 'string' ? lower(lhs) === lower(rhs) : valuesEqual(lhs, rhs);
    case 'contains':
      return contains(lookup, lhs, rhs, false);
    case 'icontains':
      return contains(lookup, lhs, rhs, true);
    case 'in':
      return inLookup(lhs, rhs);
    case 'gt':
      return compareValues(lhs, rhs) > 0;
    case 'gte':
      return compareValues(lhs, rhs) >= 0;
    case 'lt':
      return compareValues(lhs, rhs) < 0;
    case 'lte':
      return compareValues(lhs, rhs) <= 0;
    case 'isnull':
      return rhs === true ? lhs === null : lhs !== null;
    case 'regex':
    case 'iregex': {
      if (isRecord(lhs) || Array.isArray(lhs)) typeError(lookup, 'a text field', lhs);
      const text = asText(lookup, lhs, 'in the field');
      const re = rhs instanceof RegExp ? rhs : compilePythonRegex(rhsText(lookup, rhs), { ignoreCase: lookup === 'iregex', field: 'terms' });
      return text !== null && re.test(regexInput(text));
    }
    default:
      return textLookup(lookup, lhs, rhs);
  }
}

/** A compiled `filter` term. */
export type FilterTerm = { negate: boolean; path: string[]; lookup: MemoryLookup; value: unknown; test(row: unknown): boolean };

/**
 * Compile one `[!]path[__lookup]=value` term. Throws DLV_QUERY_ARGUMENT for a term without `=` or with
 * a bad field path, and for an invalid regex.
 */
export function compileFilterTerm(term: string, opts: { cast: boolean } = { cast: true }): FilterTerm {
  const eq = term.indexOf('=');
  if (eq < 0) {
    throw new DelveError('DLV_QUERY_ARGUMENT', `Expected FIELD[__LOOKUP]=VALUE, got ${preview(term)} (lookups: ${MEMORY_LOOKUPS.join(', ')}).`, {
      field: 'terms',
    });
  }
  let key = term.slice(0, eq);
  const raw = term.slice(eq + 1);
  const negate = key.startsWith('!');
  if (negate) key = key.slice(1);
  if (!isFieldPath(key)) {
    throw new DelveError('DLV_QUERY_ARGUMENT', `Invalid field name ${preview(key)}: use letters, digits and _ in segments joined by __.`, {
      field: 'terms',
    });
  }
  const { path, lookup } = splitLookup(key);
  // isnull always reads its value as True/False (also with --no-cast)
  let value: unknown = opts.cast || lookup === 'isnull' ? cast(raw) : raw;
  if (lookup === 'regex' || lookup === 'iregex') {
    value = compilePythonRegex(rhsText(lookup, value), { ignoreCase: lookup === 'iregex', field: 'terms' });
  }
  const joined = path.join('__');
  const test = (row: unknown): boolean => applyLookup(lookup, walkPath(row, joined), value) !== negate;
  return { negate, path, lookup, value, test };
}
