/**
 * Value helpers shared by the in-memory lookups and the generic commands: `__` path walking, Python-like
 * equality and ordering, canonical keys for dedup/distinct, and prototype-safe field assignment.
 *
 * All lookups use OWN properties only (`Object.hasOwn`), so a field path such as `constructor` or
 * `toString` never reaches Object.prototype.
 */
import { DelveError } from '../../errors.js';

/** A plain JSON-like object (not null, not an array, not a Date). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** A short type name for messages: null, boolean, number, text, datetime, list, object. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'text';
  if (v instanceof Date) return 'datetime';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** A value for messages: JSON, truncated. */
export function preview(v: unknown): string {
  let s: string;
  try {
    s = v instanceof Date ? v.toISOString() : (JSON.stringify(v) ?? 'null');
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Split `a__b__c` into segments; an array is returned as it is. */
export function pathSegments(path: string | readonly string[]): readonly string[] {
  return typeof path === 'string' ? path.split('__') : path;
}

/**
 * Walk `path` (`a__b__c`) through nested objects. A key spelled exactly like the whole path wins (rows of
 * projections are keyed `extracted_fields__foo`). A missing key, null, or a scalar on the way → null
 * (DIVERGENCE: the original raised when a segment followed a missing key). Integer segments index lists
 * (`tags__0`), like the database lookups.
 */
export function walkPath(value: unknown, path: string | readonly string[]): unknown {
  if (typeof path === 'string' && isRecord(value) && Object.hasOwn(value, path)) return value[path] ?? null;
  let cur: unknown = value;
  for (const seg of pathSegments(path)) {
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return null;
      cur = Number(seg) < cur.length ? cur[Number(seg)] : null;
    } else if (isRecord(cur)) {
      cur = Object.hasOwn(cur, seg) ? cur[seg] : null;
    } else {
      return null;
    }
    if (cur === undefined) return null;
  }
  return cur;
}

/** Whether every segment of `path` exists (own key / valid list index). */
export function hasPath(value: unknown, path: string | readonly string[]): boolean {
  if (typeof path === 'string' && isRecord(value) && Object.hasOwn(value, path)) return true;
  let cur: unknown = value;
  for (const seg of pathSegments(path)) {
    if (Array.isArray(cur) && /^\d+$/.test(seg) && Number(seg) < cur.length) cur = cur[Number(seg)];
    else if (isRecord(cur) && Object.hasOwn(cur, seg)) cur = cur[seg];
    else return false;
  }
  return true;
}

/**
 * Set an own property, also for the key `__proto__` (plain assignment would change the prototype).
 * Every command that writes a user-chosen key goes through this.
 */
export function setField(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Deep equality with Python-like semantics: numbers by value, datetimes by instant, objects key-order-insensitive. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k], b[k]));
  }
  return false;
}

/**
 * A string that is equal for equal values (valuesEqual) and different otherwise; used for sets and
 * group keys. Types are tagged, so `1`, `"1"` and `true` differ.
 */
export function canonicalKey(v: unknown): string {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'string') return `s${JSON.stringify(v)}`;
  if (typeof v === 'number') return `d${Object.is(v, -0) ? 0 : v}`;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (v instanceof Date) return `t${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalKey(v[k])}`).join(',')}}`;
  }
  return `?${String(v)}`;
}

function rank(v: unknown): 'number' | 'text' | 'datetime' | 'list' | undefined {
  if (typeof v === 'number' || typeof v === 'boolean') return 'number';
  if (typeof v === 'string') return 'text';
  if (v instanceof Date) return 'datetime';
  if (Array.isArray(v)) return 'list';
  return undefined;
}

/**
 * Python-like ordering: numbers (and booleans, as 0/1) with numbers, text with text (by UTF-16 code
 * units), datetimes with datetimes, lists lexicographically. Anything else — including null — throws
 * DLV_QUERY_TYPE with both values in the message.
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra === undefined || ra !== rb) {
    throw new DelveError(
      'DLV_QUERY_TYPE',
      `Cannot order ${typeName(a)} ${preview(a)} against ${typeName(b)} ${preview(b)}: compare values of the same type (filter out nulls first, e.g. filter x__isnull=False).`,
    );
  }
  if (ra === 'number') return Number(a) - Number(b);
  if (ra === 'datetime') return (a as Date).getTime() - (b as Date).getTime();
  if (ra === 'text') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  const la = a as unknown[];
  const lb = b as unknown[];
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const c = compareValues(la[i], lb[i]);
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}

/** Like compareValues, but null sorts after every other value (used for grouping keys). */
export function compareNullsLast(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareNullsLast(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return compareValues(a, b);
}
