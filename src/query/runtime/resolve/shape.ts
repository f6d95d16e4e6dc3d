/**
 * Final shaping of a pipeline result (reference §4.7, with §12 #21 fixed) so it is always valid JSON:
 * - lists whose first element is an object get the union of all rows' keys (first-seen order), missing ones → null;
 * - Dates become ISO-8601 UTC strings (invalid dates → null), at any depth;
 * - NaN and ±Infinity become null (JSON cannot hold them); bigint becomes its decimal string;
 * - undefined, functions and symbols become null; nesting deeper than MAX_DEPTH is cut to null (cycles end there).
 */

/** Nesting depth after which values are replaced by null (guards against cycles and pathological data). */
export const MAX_DEPTH = 64;

/** Convert any value into plain JSON data (see the module comment). Never throws. */
export function toJsonValue(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null; // + 0 turns -0 into 0 (JSON has no -0)
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v !== 'object') return null;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x, depth + 1));
  if (v instanceof Set) return toJsonValue([...v], depth);
  if (v instanceof Map) {
    // string/number keys → an object; any other key → a list of [key, value] pairs
    const entries = [...v.entries()];
    if (!entries.every(([k]) => typeof k === 'string' || typeof k === 'number')) return toJsonValue(entries, depth);
    const out: Record<string, unknown> = {};
    for (const [k, x] of entries) put(out, String(k), toJsonValue(x, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) put(out, k, toJsonValue(x, depth + 1));
  return out;
}

/** Define an own enumerable property (a key such as `__proto__` stays data, never a prototype change). */
function put(o: Record<string, unknown>, k: string, value: unknown): void {
  Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Shape the final pipeline value for the API (reference §4.7). Objects and scalars keep their shape. */
export function shapeResult(value: unknown): unknown {
  const v = toJsonValue(value);
  if (!Array.isArray(v) || v.length === 0 || !isRecord(v[0])) return v;
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of v) {
    if (!isRecord(row)) continue;
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  return v.map((row) => {
    if (!isRecord(row)) return row;
    const out: Record<string, unknown> = {};
    for (const k of keys) put(out, k, Object.hasOwn(row, k) ? row[k] : null);
    return out;
  });
}

/** How many rows a shaped result holds: the length of a list, 0 for null, else 1. */
export function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return result === null ? 0 : 1;
}
