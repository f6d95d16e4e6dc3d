/**
 * Converts a value to plain JSON data: Dates → ISO strings, bigints → numbers (strings when unsafe), bytes → base64,
 * NaN/±Infinity → null, undefined properties dropped, Maps → objects, unsafe keys (`__proto__`...) dropped.
 * Fixes reference §12 #17 (make_events failed on rows with datetimes/UUIDs).
 */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export function toJsonSafe(v: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (Array.isArray(v)) return v.map((x) => toJsonSafe(x, depth + 1));
  if (v instanceof Map) return toJsonSafe(Object.fromEntries(v), depth);
  if (v instanceof Set) return toJsonSafe([...v], depth);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined || UNSAFE.has(k)) continue;
    out[k] = toJsonSafe(x, depth + 1);
  }
  return out;
}
