/**
 * Final shaping of a pipeline result (reference §4.7, with §12 #21 fixed): lists whose first element is an object get
 * the union of keys (missing → null); Dates become ISO-8601 UTC strings; NaN/±Infinity become null; bigint → string.
 */
export function toJsonValue(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? null : v;
  if (depth > 64) return null;
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toJsonValue(x, depth + 1);
  return out;
}

export function shapeResult(value: unknown): unknown {
  const v = toJsonValue(value);
  if (!Array.isArray(v) || v.length === 0) return v;
  const first = v[0];
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return v;
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of v) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) continue;
    for (const k of Object.keys(row)) if (!seen.has(k)) { seen.add(k); keys.push(k); }
  }
  return v.map((row) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = k in r ? r[k] : null;
    return out;
  });
}
