/** Pure helpers for showing result values as text (no DOM, no React: unit-tested in node). */

export type Rec = Record<string, unknown>;

/** A plain JSON object (not an array, not null). */
export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value that is not a container. */
export function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** `row[key]` for own keys only (so `constructor`, `__proto__` & co. never reach Object.prototype). */
export function getOwn(row: unknown, key: string): unknown {
  return isRecord(row) && Object.hasOwn(row, key) ? row[key] : undefined;
}

/** JSON text of any value; never throws (cycles/BigInt fall back to String). */
export function safeJson(v: unknown, space?: number): string {
  try {
    const s = JSON.stringify(v, null, space);
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}

/** The text shown for a value: missing → '', null → 'null', strings as-is, containers as JSON. */
export function displayValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return safeJson(v);
}

/** Cut text to `max` characters with an ellipsis. */
export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch for an ISO-8601 date/datetime text (extra fraction digits allowed), else null. */
export function parseIsoMs(s: string): number | null {
  const m = ISO_DATE.exec(s.trim());
  if (!m) return null;
  const frac = m[3] ? m[3].slice(0, 4).padEnd(4, '0') : '';
  const text = m[2] ? `${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${frac}${m[4] ?? 'Z'}` : `${m[1]}T00:00:00Z`;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** An ISO datetime as local `YYYY-MM-DD HH:MM:SS.mmm` (what people read in the `created` column); else the text. */
export function formatTimestamp(v: unknown): string {
  if (typeof v !== 'string') return displayValue(v);
  const ms = parseIsoMs(v);
  if (ms === null) return v;
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Columns whose values are event timestamps. */
export const TIME_COLUMNS = new Set(['created', 'modified', 'timestamp', 'time', '@timestamp']);

/** The cell text for a column (timestamps formatted for people). */
export function cellText(column: string, v: unknown): string {
  return TIME_COLUMNS.has(column) && typeof v === 'string' ? formatTimestamp(v) : displayValue(v);
}

/** A number for a value that spells one (numbers, numeric text), else null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return null;
  if (typeof v === 'string' && v.trim() !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())) {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
