/**
 * SQL functions SQLite lacks, registered on each connection a query runs on (once per connection):
 * `regexp(pattern, value)` (so `x REGEXP p` works) and `delve_iregexp`, JSON containment, `delve_reverse`,
 * `delve_lpad`/`delve_rpad`, Unicode case mapping `delve_lower`/`delve_upper` (SQLite's lower/upper change ASCII only)
 * and `delve_casefold` (lookups/case-fold.ts, for the case-insensitive lookups), and the aggregates
 * `delve_stddev_pop/samp`, `delve_var_pop/samp`.
 * Regexes: Python flavour translated to JavaScript (lookups/python-regex.ts: length cap, nested-quantifier refusal,
 * input cap), compiled patterns cached (LRU of REGEX_CACHE_SIZE). JS regexes cannot be interrupted (no RE2).
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { foldCase } from '../lookups/case-fold.js';
import { compilePythonRegex, MAX_PATTERN_LENGTH, regexInput } from '../lookups/python-regex.js';

export const MAX_REGEX_LENGTH = MAX_PATTERN_LENGTH;
const REGEX_CACHE_SIZE = 200;
const MAX_PAD = 10_000;
const cache = new Map<string, RegExp>();

/**
 * Compile (cached) a user regex with the same Python-flavour translation and safety guards as the in-memory
 * lookups (lookups/python-regex.ts); throws DLV_QUERY_LIMIT / DLV_QUERY_ARGUMENT on a bad pattern.
 */
export function compileRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const re = compilePythonRegex(pattern, { ignoreCase: caseInsensitive, field: 'regex' });
  cache.set(key, re);
  if (cache.size > REGEX_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return re;
}

function regexTest(ci: boolean) {
  return (pattern: unknown, value: unknown): number | null => {
    if (pattern === null || value === null || value === undefined) return null;
    const re = compileRegex(String(pattern), ci);
    re.lastIndex = 0;
    return re.test(regexInput(typeof value === 'string' ? value : String(value))) ? 1 : 0;
  };
}

/** JSON containment with PostgreSQL `@>` semantics: objects by subset, arrays by element containment, scalars equal. */
export function jsonContains(container: unknown, contained: unknown): boolean {
  if (Array.isArray(contained)) {
    if (!Array.isArray(container)) return false;
    return contained.every((c) => container.some((x) => jsonContains(x, c)));
  }
  if (contained !== null && typeof contained === 'object') {
    if (container === null || typeof container !== 'object' || Array.isArray(container)) return false;
    const obj = container as Record<string, unknown>;
    return Object.entries(contained as Record<string, unknown>).every(([k, v]) => Object.hasOwn(obj, k) && jsonContains(obj[k], v));
  }
  return container === contained;
}

function parseJson(v: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof v !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(v) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A text function of one argument; SQL NULL stays NULL, other values are used as text (callers CAST them). */
function textFn(f: (s: string) => string) {
  return (v: unknown): string | null => (v === null || v === undefined ? null : f(typeof v === 'string' ? v : String(v)));
}

function pad(left: boolean) {
  return (value: unknown, length: unknown, fill: unknown): string | null => {
    if (value === null || length === null) return null;
    const s = String(value);
    const n = Math.min(Math.max(0, Math.trunc(Number(length))), MAX_PAD);
    const f = fill === null || fill === undefined ? ' ' : String(fill);
    if (s.length >= n) return s.slice(0, n);
    if (f === '') return s;
    return left ? s.padStart(n, f) : s.padEnd(n, f);
  };
}

type Acc = { n: number; mean: number; m2: number };
function variance(sample: boolean, sqrt: boolean) {
  return {
    start: (): Acc => ({ n: 0, mean: 0, m2: 0 }),
    step: (acc: Acc, v: unknown): Acc => {
      if (v === null || v === undefined) return acc;
      const x = Number(v);
      if (!Number.isFinite(x)) return acc;
      const n = acc.n + 1;
      const d = x - acc.mean;
      const mean = acc.mean + d / n;
      return { n, mean, m2: acc.m2 + d * (x - mean) };
    },
    result: (acc: Acc): number | null => {
      const denom = sample ? acc.n - 1 : acc.n;
      if (denom <= 0) return null;
      const v = acc.m2 / denom;
      return sqrt ? Math.sqrt(v) : v;
    },
  };
}

const registered = new WeakSet<SqliteDb>();

/** Register Delve's SQL functions on `db` (idempotent). */
export function registerQueryFunctions(db: SqliteDb): void {
  if (registered.has(db)) return;
  const det = { deterministic: true };
  db.function('regexp', det, regexTest(false));
  db.function('delve_iregexp', det, regexTest(true));
  db.function('delve_json_contains', det, (a: unknown, b: unknown) => {
    const x = parseJson(a);
    const y = parseJson(b);
    return x.ok && y.ok && jsonContains(x.value, y.value) ? 1 : 0;
  });
  db.function('delve_reverse', det, (v: unknown) => (v === null ? null : [...String(v)].reverse().join('')));
  db.function('delve_lower', det, textFn((s) => s.toLowerCase()));
  db.function('delve_upper', det, textFn((s) => s.toUpperCase()));
  db.function('delve_casefold', det, textFn(foldCase));
  db.function('delve_lpad', det, pad(true));
  db.function('delve_rpad', det, pad(false));
  db.aggregate('delve_stddev_pop', variance(false, true));
  db.aggregate('delve_stddev_samp', variance(true, true));
  db.aggregate('delve_var_pop', variance(false, false));
  db.aggregate('delve_var_samp', variance(true, false));
  registered.add(db);
}
