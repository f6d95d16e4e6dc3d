import type { AuditStore, RawAuditRow } from './chain.js';

/** An audit row as the API and CLI show it: camelCase, details parsed. */
export interface AuditRow {
  seq: number;
  /** Epoch milliseconds. */
  ts: number;
  actor: string | null;
  actorId: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  outcome: string;
  requestId: string | null;
  details: Record<string, unknown>;
  keyId: string;
  prevHmac: string;
  hmac: string;
}

export interface AuditFilter {
  /** Exact action name, or a prefix ending in '.*' ('auth.*'). */
  action?: string;
  actor?: string;
  outcome?: string;
  /** Only rows with ts >= since (epoch ms). */
  since?: number;
  /** Only rows with ts < until (epoch ms). */
  until?: number;
}

export const MAX_AUDIT_PAGE = 1000;

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* fall through: a hand-edited row; verify() reports it */ }
  return { _unparsed: text };
}

/** Converts a stored row to its API shape. */
export function toAuditRow(r: RawAuditRow): AuditRow {
  return {
    seq: r.seq, ts: r.ts, actor: r.actor, actorId: r.actor_id, ip: r.ip, action: r.action, target: r.target,
    outcome: r.outcome, requestId: r.request_id, details: parseDetails(r.details), keyId: r.key_id,
    prevHmac: r.prev_hmac, hmac: r.hmac,
  };
}

function where(f: AuditFilter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.action !== undefined) {
    if (f.action.endsWith('.*')) {
      parts.push('substr(action, 1, ?) = ?');
      const prefix = f.action.slice(0, -1); // keep the dot: 'auth.*' matches 'auth.login', not 'authz.x'
      params.push(prefix.length, prefix);
    } else {
      parts.push('action = ?');
      params.push(f.action);
    }
  }
  if (f.actor !== undefined) { parts.push('actor = ?'); params.push(f.actor); }
  if (f.outcome !== undefined) { parts.push('outcome = ?'); params.push(f.outcome); }
  if (f.since !== undefined) { parts.push('ts >= ?'); params.push(f.since); }
  if (f.until !== undefined) { parts.push('ts < ?'); params.push(f.until); }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function clampInt(v: number | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.min(max, Math.max(min, Math.trunc(v)));
}

const COLUMNS = 'seq, ts, actor, actor_id, ip, action, target, outcome, request_id, details, key_id, prev_hmac, hmac';

/** The newest `limit` rows (default 20, at most MAX_AUDIT_PAGE) matching the filter, newest first. */
export function tail(store: AuditStore, opts: AuditFilter & { limit?: number } = {}): AuditRow[] {
  return list(store, { ...opts, limit: opts.limit ?? 20 }).rows;
}

/**
 * One page of rows matching the filter, newest first, plus the total number of matches (for `GET /api/audit/`).
 * `limit` defaults to 50 (1..MAX_AUDIT_PAGE), `offset` to 0.
 */
export function list(store: AuditStore, opts: AuditFilter & { limit?: number; offset?: number } = {}): { count: number; rows: AuditRow[] } {
  const { sql, params } = where(opts);
  const limit = clampInt(opts.limit, 50, 1, MAX_AUDIT_PAGE);
  const offset = clampInt(opts.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const db = store.sqlite;
  const count = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${sql}`).get(...params)?.n ?? 0;
  const rows = db.prepare<(string | number)[], RawAuditRow>(`SELECT ${COLUMNS} FROM audit_log ${sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset);
  return { count, rows: rows.map(toAuditRow) };
}
