import type { SqliteDb } from '../sqlite/open.js';
import { cachedStatement } from './statements.js';
import type { EventRow } from './types.js';

const COLUMNS = 'seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id';

/** The event with this id, or undefined. */
export function getEvent(sqlite: SqliteDb, id: string): EventRow | undefined {
  return cachedStatement(sqlite, `SELECT ${COLUMNS} FROM events WHERE id = ?`).get(id) as EventRow | undefined;
}

export interface ListEventsQuery {
  /** One index, or the indexes the caller may read (an empty list matches nothing). */
  index?: string | readonly string[];
  host?: string;
  source?: string;
  sourcetype?: string;
  /** Inclusive lower bound on `created` (epoch µs). */
  since?: number;
  /** Exclusive upper bound on `created` (epoch µs). */
  until?: number;
  limit: number;
  offset?: number;
}

/**
 * Events newest first (`created` DESC, then `seq` DESC). With a single index the (index, created) index
 * serves both the filter and the order. All values are bound parameters.
 */
export function listEvents(sqlite: SqliteDb, q: ListEventsQuery): EventRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (typeof q.index === 'string') { where.push('"index" = ?'); params.push(q.index); }
  else if (q.index !== undefined) {
    if (q.index.length === 0) return [];
    where.push(`"index" IN (${q.index.map(() => '?').join(', ')})`);
    params.push(...q.index);
  }
  for (const col of ['host', 'source', 'sourcetype'] as const) {
    const v = q[col];
    if (v !== undefined) { where.push(`${col} = ?`); params.push(v); }
  }
  if (q.since !== undefined) { where.push('created >= ?'); params.push(q.since); }
  if (q.until !== undefined) { where.push('created < ?'); params.push(q.until); }
  const sql = `SELECT ${COLUMNS} FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created DESC, seq DESC LIMIT ? OFFSET ?`;
  const stmt = Array.isArray(q.index) ? sqlite.prepare(sql) : cachedStatement(sqlite, sql);
  return stmt.all(...params, clampInt(q.limit, 1), clampInt(q.offset ?? 0, 0)) as EventRow[];
}

function clampInt(n: number, min: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.floor(n)) : min;
}
