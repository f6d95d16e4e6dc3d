/** Audit log filters → GET /api/audit/ query string. Pure functions, unit-tested. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'info'] as const;

export interface AuditFilters {
  actor: string;
  /** Exact action (user.create) or a prefix ending in `.*` (auth.*). */
  action: string;
  outcome: string;
  /** `<input type="datetime-local">` values (local time, no zone), '' for none. */
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', outcome: '', since: '', until: '' };

/** A datetime-local value (2024-05-01T12:30) read as local time, as an ISO-8601 UTC string; undefined if empty/invalid. */
export function localToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Why the filters cannot be sent, per field; empty when they can. */
export function auditFilterErrors(f: AuditFilters): Partial<Record<keyof AuditFilters, string>> {
  const out: Partial<Record<keyof AuditFilters, string>> = {};
  if (f.since && !localToIso(f.since)) out.since = 'Enter a date and time.';
  if (f.until && !localToIso(f.until)) out.until = 'Enter a date and time.';
  const s = localToIso(f.since);
  const u = localToIso(f.until);
  if (s && u && s >= u) out.until = 'Until must be after Since.';
  if (f.action.length > 66) out.action = 'At most 66 characters.';
  if (f.actor.length > 200) out.actor = 'At most 200 characters.';
  if (f.outcome && !(AUDIT_OUTCOMES as readonly string[]).includes(f.outcome)) out.outcome = 'Choose an outcome.';
  return out;
}

/** The query string (without '?') for the filters and page; empty filters are left out. */
export function auditQueryString(f: AuditFilters, page: { limit: number; offset: number }): string {
  const p = new URLSearchParams();
  if (f.actor.trim()) p.set('actor', f.actor.trim());
  if (f.action.trim()) p.set('action', f.action.trim());
  if (f.outcome) p.set('outcome', f.outcome);
  const since = localToIso(f.since);
  const until = localToIso(f.until);
  if (since) p.set('since', since);
  if (until) p.set('until', until);
  p.set('limit', String(page.limit));
  if (page.offset > 0) p.set('offset', String(page.offset));
  return p.toString();
}

/** Audit details as one line of compact JSON for the table (rendered as text). */
export function detailsText(details: Record<string, unknown> | null | undefined, max = 300): string {
  if (!details || Object.keys(details).length === 0) return '';
  const s = JSON.stringify(details);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
