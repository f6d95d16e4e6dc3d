/** Decoding of result rows (reference §4.6): created as ISO-8601 UTC with µs, extracted_fields parsed, booleans. */
import type { Row } from '../runtime/types.js';
import type { OutputColumn } from './compile.js';
import type { ValueType } from './plan.js';
import { formatMicros } from './values.js';

/** Decode one SQL value of the given type. */
export function decodeValue(v: unknown, type: ValueType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'datetime_us':
      return typeof v === 'number' || typeof v === 'bigint' ? formatMicros(Number(v)) : v;
    case 'boolean':
      return typeof v === 'number' || typeof v === 'bigint' ? Number(v) !== 0 : v;
    case 'json':
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    default:
      return typeof v === 'bigint' ? Number(v) : v;
  }
}

/**
 * Build a row object from a positional SQL row. The `extracted_fields` column of an event without fields is `{}`
 * (the reference's default): rows stored as NULL before ingest wrote `{}` read back as `{}`, as GET /api/events/ shows them.
 */
export function decodeRow(columns: readonly OutputColumn[], values: readonly unknown[]): Row {
  const row: Row = {};
  columns.forEach((c, i) => {
    const v = decodeValue(values[i], c.type);
    row[c.key] = v === null && c.key === 'extracted_fields' && c.type === 'json' ? {} : v;
  });
  return row;
}

/** A single record (qs_first & co.): `user` instead of `user_id` (reference §4.6). */
export function toRecord(row: Row): Row {
  if (!Object.hasOwn(row, 'user_id')) return row;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k === 'user_id' ? 'user' : k] = v;
  return out;
}
