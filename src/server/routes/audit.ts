import type { FastifyInstance } from 'fastify';
import { DelveError } from '../../errors.js';
import { list, MAX_AUDIT_PAGE, verify, type AuditFilter } from '../../security/audit/index.js';
import { requireSuperuser } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';
import { envelope, pageOf } from './page-envelope.js';
import { who } from './users.js';

interface AuditQuery { action?: string; actor?: string; outcome?: string; since?: string; until?: string; limit?: number; offset?: number }

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO-8601 date or date-time as epoch ms. @throws DelveError DLV_HTTP_VALIDATION naming the parameter. */
export function parseIsoParam(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = ISO.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new DelveError('DLV_HTTP_VALIDATION', `${field} must be an ISO-8601 date or time such as 2024-05-01T12:00:00Z.`, { field });
  return ms;
}

/** The ISO time of a row next to its epoch ms, for readers of the JSON. */
const withTime = <T extends { ts: number }>(r: T): T & { time: string } => ({ ...r, time: new Date(r.ts).toISOString() });

/** Superuser only: GET /api/audit/ (filtered, paginated, newest first) and GET /api/audit/verify (chain check). */
export function registerAuditRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get<{ Querystring: AuditQuery }>('/api/audit/', {
    schema: { querystring: { type: 'object', properties: {
      action: { type: 'string', maxLength: 66 }, actor: { type: 'string', maxLength: 200 }, outcome: { type: 'string', enum: ['success', 'failure', 'denied', 'info'] },
      since: { type: 'string', maxLength: 40 }, until: { type: 'string', maxLength: 40 },
      limit: { type: 'integer', minimum: 1, maximum: MAX_AUDIT_PAGE }, offset: { type: 'integer', minimum: 0 },
    } } },
  }, async (req) => {
    requireSuperuser(svc, req);
    const q = req.query;
    const filter: AuditFilter = {};
    if (q.action) filter.action = q.action;
    if (q.actor) filter.actor = q.actor;
    if (q.outcome) filter.outcome = q.outcome;
    const since = parseIsoParam(q.since, 'since');
    const until = parseIsoParam(q.until, 'until');
    if (since !== undefined) filter.since = since;
    if (until !== undefined) filter.until = until;
    const page = pageOf(q, 50);
    const { count, rows } = list(svc.store, { ...filter, ...page });
    return envelope(req, page, count, rows.map(withTime));
  });

  app.get('/api/audit/verify', async (req) => {
    requireSuperuser(svc, req);
    const result = verify(svc.store, svc.keyring);
    svc.record({ action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', ...who(req), details: { rows: result.rows, ...(result.ok ? {} : { broken_at: result.brokenAt }) } });
    return result;
  });
}
