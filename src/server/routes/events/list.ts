import type { FastifyInstance } from 'fastify';
import { userIndexAcl, type UserIndexAcl } from '../../../auth/index-acl.js';
import { DelveError } from '../../../errors.js';
import { parseIsoToMicros } from '../../../ingest/created-time.js';
import type { EventRow } from '../../../storage/events/index.js';
import type { SqliteDb } from '../../../storage/sqlite/open.js';
import { authOf } from '../../auth/authenticate.js';
import { requirePermission } from '../../auth/guards.js';
import type { AuthServices } from '../../auth/services.js';
import { envelope, pageOf, PAGE_QUERY } from '../page-envelope.js';
import { eventView } from './serialize.js';

interface ListQuery {
  limit?: number; offset?: number; index?: string; host?: string; source?: string; sourcetype?: string; since?: string; until?: string;
}

const COLUMNS = 'seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id';

function timeParam(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const us = parseIsoToMicros(value);
  if (us === undefined) throw new DelveError('DLV_HTTP_VALIDATION', `${field} must be an ISO-8601 date-time such as 2024-03-05T10:00:00Z.`, { field });
  return us;
}

/**
 * WHERE clause restricting to the indexes the caller may read (DESIGN §4.5), as SQL GLOBs over the group patterns
 * (ACL patterns use only * ? and name characters, so GLOB has the same meaning); internal `_` indexes only match
 * patterns that start with `_`. Returns null when nothing is readable. All values are bound parameters.
 */
export function readableClause(acl: UserIndexAcl): { sql: string; params: string[] } | null {
  if (acl.all) return { sql: '1', params: [] };
  if (acl.readPatterns.length === 0) return null;
  const parts = acl.readPatterns.map((p) => (p.startsWith('_') ? '"index" GLOB ?' : '("index" GLOB ? AND "index" NOT GLOB \'_*\')'));
  return { sql: `(${parts.join(' OR ')})`, params: [...acl.readPatterns] };
}

function query(sqlite: SqliteDb, acl: UserIndexAcl, q: ListQuery, limit: number, offset: number): { count: number; rows: EventRow[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.index !== undefined) {
    if (!acl.canRead(q.index)) return { count: 0, rows: [] };
    where.push('"index" = ?');
    params.push(q.index);
  } else {
    const r = readableClause(acl);
    if (r === null) return { count: 0, rows: [] };
    if (r.sql !== '1') { where.push(r.sql); params.push(...r.params); }
    // internal indexes (_audit, …) only when asked for by name (?index=_audit), as `search` does
    where.push(`substr("index", 1, 1) <> '_'`);
  }
  for (const col of ['host', 'source', 'sourcetype'] as const) {
    if (q[col] !== undefined) { where.push(`${col} = ?`); params.push(q[col]); }
  }
  const since = timeParam(q.since, 'since');
  const until = timeParam(q.until, 'until');
  if (since !== undefined) { where.push('created >= ?'); params.push(since); }
  if (until !== undefined) { where.push('created < ?'); params.push(until); }
  const w = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const count = Number(sqlite.prepare(`SELECT count(*) FROM events${w}`).pluck().get(...params));
  const rows = sqlite.prepare(`SELECT ${COLUMNS} FROM events${w} ORDER BY created DESC, seq DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as EventRow[];
  return { count, rows };
}

/**
 * GET /api/events/: events of readable indexes, newest first, in the `{count, next, previous, results}` envelope.
 * Internal indexes (names starting with `_`) are listed only when `index` names one.
 */
export function registerListEvents(app: FastifyInstance, svc: AuthServices): void {
  const text = { type: 'string', minLength: 1, maxLength: 255 } as const;
  app.get<{ Querystring: ListQuery }>('/api/events/', {
    config: { scope: 'read' },
    schema: { querystring: { type: 'object', additionalProperties: false, properties: {
      ...PAGE_QUERY, index: text, host: text, source: text, sourcetype: text, since: { type: 'string', maxLength: 40 }, until: { type: 'string', maxLength: 40 },
    } } },
  }, async (req) => {
    await requirePermission(svc, req, 'view_event');
    const acl = await userIndexAcl(svc.store, authOf(req).user);
    const page = pageOf(req.query);
    const { count, rows } = query(svc.store.sqlite, acl, req.query, page.limit, page.offset);
    return envelope(req, page, count, rows.map(eventView));
  });
}
