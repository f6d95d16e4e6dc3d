/**
 * The Explore time range: presets relative to "now" or a custom from/to, turned into the `earliest`/`latest` ISO
 * strings POST /api/query/ uses to scope every `search`, and kept in the URL (`range=1h`, or `from=…&to=…` as
 * ISO instants) so a shared link shows the same window.
 */

export const RANGE_PRESETS = [
  { key: 'all', label: 'All time', ms: 0 },
  { key: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { key: '1h', label: 'Last 1 hour', ms: 3_600_000 },
  { key: '4h', label: 'Last 4 hours', ms: 4 * 3_600_000 },
  { key: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { key: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { key: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { key: 'custom', label: 'Custom', ms: 0 },
] as const;

export type RangeKey = (typeof RANGE_PRESETS)[number]['key'];

export interface TimeRange {
  key: RangeKey;
  /** Custom range bounds as `<input type="datetime-local">` values (local time, `YYYY-MM-DDTHH:mm[:ss]`); '' = open. */
  from: string;
  to: string;
}

export const ALL_TIME: TimeRange = { key: 'all', from: '', to: '' };

export type Bounds = { earliest?: string; latest?: string };

function isKey(k: string | null): k is RangeKey {
  return RANGE_PRESETS.some((p) => p.key === k);
}

/** A datetime-local value (local time) → Date; undefined when empty or invalid. */
export function parseLocal(v: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return undefined;
  const d = new Date(v); // no offset: ECMAScript parses date-time forms as local time
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Date → datetime-local value in local time (to the minute, seconds when present). */
export function toLocalInput(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  return d.getSeconds() ? `${base}:${p(d.getSeconds())}` : base;
}

/** The bounds to send, or an error message for an unusable custom range. */
export function rangeBounds(r: TimeRange, now: Date = new Date()): { bounds: Bounds } | { error: string } {
  if (r.key === 'all') return { bounds: {} };
  if (r.key === 'custom') {
    const from = r.from ? parseLocal(r.from) : undefined;
    const to = r.to ? parseLocal(r.to) : undefined;
    if (r.from && !from) return { error: 'From is not a valid date and time.' };
    if (r.to && !to) return { error: 'To is not a valid date and time.' };
    if (from && to && from.getTime() > to.getTime()) return { error: 'From must be before To.' };
    const bounds: Bounds = {};
    if (from) bounds.earliest = from.toISOString();
    if (to) bounds.latest = to.toISOString();
    return { bounds };
  }
  const preset = RANGE_PRESETS.find((p) => p.key === r.key);
  return { bounds: { earliest: new Date(now.getTime() - (preset?.ms ?? 0)).toISOString() } };
}

/** URL parameters for a range (none for all time). Custom bounds are written as ISO instants. */
export function rangeToParams(r: TimeRange): [string, string][] {
  if (r.key === 'all') return [];
  if (r.key !== 'custom') return [['range', r.key]];
  const out: [string, string][] = [['range', 'custom']];
  const from = parseLocal(r.from);
  const to = parseLocal(r.to);
  if (from) out.push(['from', from.toISOString()]);
  if (to) out.push(['to', to.toISOString()]);
  return out;
}

/** The range a URL asks for (unknown values → all time). */
export function rangeFromParams(q: URLSearchParams): TimeRange {
  const key = q.get('range');
  if (!isKey(key)) return ALL_TIME;
  if (key !== 'custom') return { key, from: '', to: '' };
  const conv = (v: string | null): string => {
    if (!v) return '';
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? '' : toLocalInput(d);
  };
  return { key, from: conv(q.get('from')), to: conv(q.get('to')) };
}

/** The shareable Explore URL (path + query string): the query text and the range, never anything else. */
export function exploreUrl(text: string, range: TimeRange): string {
  const q = new URLSearchParams();
  if (text.trim() !== '') q.set('text', text);
  for (const [k, v] of rangeToParams(range)) q.set(k, v);
  const s = q.toString();
  return s ? `/explore?${s}` : '/explore';
}
