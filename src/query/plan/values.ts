/** Conversions between query values (from `cast` or the expression language) and SQL values. */
import { DelveError } from '../../errors.js';
import { parseIsoDateTime } from '../cast/index.js';
import type { SqlValue } from './sql.js';

/** Largest/smallest integer SQLite stores exactly as a JS number parameter. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A date value (Date or ISO string) → epoch µs; anything else is DLV_QUERY_LOOKUP naming `what`. */
export function toMicrosValue(v: unknown, what: string): number {
  const d = v instanceof Date ? v : typeof v === 'string' ? parseIsoDateTime(v.trim()) : undefined;
  if (d === undefined || Number.isNaN(d.getTime())) {
    throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects an ISO-8601 date or datetime such as 2024-01-31 or 2024-01-31T12:00:00Z, got ${describe(v)}.`);
  }
  return d.getTime() * 1000;
}

/** Epoch µs → ISO-8601 UTC with microseconds (`2024-01-31T12:00:00.123456Z`). */
export function formatMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const micro = ((us % 1000) + 1000) % 1000;
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 23)}${String(Math.trunc(micro)).padStart(3, '0')}Z`;
}

/** A Date as `YYYY-MM-DD` (UTC). */
export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A scalar value as an SQL parameter (booleans → 1/0, dates → ISO text); containers are refused. */
export function sqlValue(v: unknown, what: string): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new DelveError('DLV_QUERY_LOOKUP', `${what}: the number is out of range.`);
    if (Number.isInteger(v) && Math.abs(v) > MAX_SAFE) throw new DelveError('DLV_QUERY_LOOKUP', `${what}: the number ${v} is too large.`);
    return v;
  }
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects a single value, got ${describe(v)}.`);
}

/** Short description of a value for messages (never the whole of a huge value). */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * A list value for `in`/`range`/`has_keys`: a cast list, or a string split at commas (`a,b`; surrounding
 * brackets/parentheses are dropped, so `[web1,web2]` — which `cast` keeps as text — also works).
 */
export function listOf(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') {
    const t = v.trim();
    const inner = /^[[(].*[\])]$/s.test(t) ? t.slice(1, -1) : t;
    return inner.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  throw new DelveError('DLV_QUERY_LOOKUP', `${what} expects a list such as [1, 2] or a,b, got ${describe(v)}.`);
}
