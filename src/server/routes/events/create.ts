import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userIndexAcl } from '../../../auth/index-acl.js';
import { DelveError, type ErrorCode } from '../../../errors.js';
import { readNdjson } from '../../../ingest/ndjson.js';
import { itemStatus, type IngestOutcome, type IngestPipeline, type ItemError } from '../../../ingest/pipeline.js';
import { authOf } from '../../auth/authenticate.js';
import { requirePermission } from '../../auth/guards.js';
import type { AuthServices } from '../../auth/services.js';
import { ndjsonStream } from './body-parsers.js';

/** JSON overhead allowed on an NDJSON line beyond DELVE_MAX_EVENT_SIZE (metadata, extracted_fields, escapes). */
const LINE_SLACK = 64 * 1024;

/** Status of a rejected batch: the item errors' common status; else 403 when any is a permission error; else 400. */
function batchStatus(errors: readonly ItemError[]): number {
  const statuses = new Set(errors.map(itemStatus));
  if (statuses.size === 1) return [...statuses][0]!;
  return statuses.has(403) ? 403 : 400;
}

function batchCode(status: number, errors: readonly ItemError[]): ErrorCode {
  if (status === 403) return 'DLV_AUTH_FORBIDDEN';
  if (status === 413) return 'DLV_EVENT_TOO_LARGE';
  return errors.every((e) => e.code === 'DLV_EVENT_JSON') ? 'DLV_EVENT_JSON' : 'DLV_EVENT_INVALID';
}

function publicErrors(errors: readonly ItemError[]): Record<string, unknown>[] {
  return errors.map((e) => ({ position: e.position, ...(e.line !== undefined ? { line: e.line } : {}), code: e.code, ...(e.field !== undefined ? { field: e.field } : {}), message: e.message }));
}

/** Turns a pipeline outcome into the HTTP answer (see README "Ingest" for the contract). */
function respond(reply: FastifyReply, o: IngestOutcome, partial: boolean): FastifyReply {
  const stored = { accepted: o.accepted, ...(o.accepted > 0 && o.ids.length > 0 ? { ids: o.ids } : {}) };
  const items = o.rejected > 0 ? { rejected: o.rejected, errors: publicErrors(o.errors) } : {};
  if (o.failure) {
    const retry = o.failure.details?.retryAfterSeconds;
    if (typeof retry === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retry))));
    return reply.code(o.failure.status).send({ ...o.failure.toJSON(), ...stored, ...items });
  }
  if (o.rejected === 0 || (partial && o.accepted > 0)) {
    return reply.code(201).send(o.accepted === 0 ? { accepted: 0, ids: [] } : { ...stored, ...items });
  }
  const status = partial ? 400 : batchStatus(o.errors);
  const code = partial ? 'DLV_EVENT_INVALID' : batchCode(status, o.errors);
  const what = partial ? 'No event was valid' : `${o.rejected} event(s) are invalid; nothing was stored (add ?partial=true to store the valid ones)`;
  return reply.code(status).send({ error: { code, message: `${what}: see errors for each position.` }, accepted: 0, ...items });
}

function auditForbidden(svc: AuthServices, req: FastifyRequest, o: IngestOutcome): void {
  const denied = o.errors.filter((e) => e.code === 'DLV_AUTH_FORBIDDEN');
  if (denied.length === 0) return;
  const { user } = authOf(req);
  const indexes = [...new Set(denied.map((e) => /index "([^"]*)"/.exec(e.message)?.[1] ?? '?'))].slice(0, 20);
  svc.record({ action: 'permission.denied', outcome: 'denied', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target: 'POST /api/events/', details: { needed: 'index_write', indexes } });
}

/** POST /api/events/: one object, an array, or streamed NDJSON; `?partial=true` stores the valid items. */
export function registerCreateEvent(app: FastifyInstance, svc: AuthServices, pipeline: IngestPipeline): void {
  const maxBodyBytes = svc.settings.DELVE_MAX_REQUEST_BODY_SIZE;
  const maxLineChars = pipeline.o.limits.maxEventBytes * 2 + LINE_SLACK;
  app.post<{ Querystring: { partial?: boolean } }>('/api/events/', {
    config: { scope: 'ingest' },
    schema: { querystring: { type: 'object', additionalProperties: false, properties: { partial: { type: 'boolean' } } } },
  }, async (req, reply) => {
    await requirePermission(svc, req, 'add_event');
    const { user } = authOf(req);
    const acl = await userIndexAcl(svc.store, user);
    const ctx = { userId: user.id, canWrite: (index: string) => acl.canWrite(index) };
    const partial = req.query.partial === true;
    const stream = ndjsonStream(req.body);
    let outcome: IngestOutcome;
    if (stream) {
      outcome = await pipeline.ingestStream(readNdjson(stream, { maxBodyBytes, maxLineChars }), ctx, partial);
    } else {
      if (req.body === undefined) throw new DelveError('DLV_HTTP_UNSUPPORTED_MEDIA_TYPE', 'Send events as application/json (an object or an array) or application/x-ndjson.', { status: 415 });
      outcome = await pipeline.ingestItems(Array.isArray(req.body) ? req.body : [req.body], ctx, partial);
    }
    auditForbidden(svc, req, outcome);
    return respond(reply, outcome, partial);
  });
}
