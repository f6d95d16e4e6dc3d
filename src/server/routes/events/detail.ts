import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { userIndexAcl, type UserIndexAcl } from '../../../auth/index-acl.js';
import { DelveError } from '../../../errors.js';
import { isItemError, toProcessedEvent, type IngestPipeline } from '../../../ingest/pipeline.js';
import { UPDATE_FIELDS, validateEventFields, type ValidEvent } from '../../../ingest/validate-event.js';
import { deleteFromIndex, getEvent, reindexEvents, type EventRow } from '../../../storage/events/index.js';
import type { SqliteDb } from '../../../storage/sqlite/open.js';
import { authOf } from '../../auth/authenticate.js';
import { deny, requirePermission } from '../../auth/guards.js';
import type { AuthServices } from '../../auth/services.js';
import { ndjsonStream } from './body-parsers.js';
import { eventView, fieldsOf } from './serialize.js';

type IdReq = FastifyRequest<{ Params: { id: string } }>;
const PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

/** The event if it exists in an index the caller may read; otherwise 404 (never revealing that it exists). */
async function loadReadable(svc: AuthServices, req: IdReq): Promise<{ row: EventRow; acl: UserIndexAcl }> {
  const acl = await userIndexAcl(svc.store, authOf(req).user);
  const row = getEvent(svc.store.sqlite, req.params.id);
  if (!row || !acl.canRead(row.index)) throw new DelveError('DLV_EVENT_NOT_FOUND', 'No event with this id in an index you may read.');
  return { row, acl };
}

/** Update/delete rule (DESIGN §4.5): write access to the event's index and ownership (superusers own everything). */
function checkMayModify(svc: AuthServices, req: IdReq, row: EventRow, acl: UserIndexAcl): void {
  const { user } = authOf(req);
  if (!acl.canWrite(row.index)) deny(svc, req, `index_write:${row.index}`);
  if (!user.is_superuser && row.user_id !== user.id) deny(svc, req, 'event owner');
}

/** Waits until no other (Kysely) transaction is open on the shared connection, then runs `fn` in one transaction. */
async function inOwnTransaction<T>(sqlite: SqliteDb, fn: () => T): Promise<T> {
  while (sqlite.inTransaction) await sleep(2);
  return sqlite.transaction(fn).immediate();
}

/** GET/PUT/PATCH/DELETE /api/events/{id}/. */
export function registerEventDetail(app: FastifyInstance, svc: AuthServices, pipeline: IngestPipeline): void {
  const sqlite = svc.store.sqlite;
  const s = svc.settings;

  app.get<{ Params: { id: string } }>('/api/events/:id/', { config: { scope: 'read' }, schema: { params: PARAMS } }, async (req) => {
    await requirePermission(svc, req, 'view_event');
    return eventView((await loadReadable(svc, req)).row);
  });

  const update = async (req: IdReq, full: boolean): Promise<unknown> => {
    await requirePermission(svc, req, 'change_event');
    const { row, acl } = await loadReadable(svc, req);
    checkMayModify(svc, req, row, acl);
    if (ndjsonStream(req.body)) throw new DelveError('DLV_HTTP_UNSUPPORTED_MEDIA_TYPE', 'Send the changed fields as one application/json object.', { status: 415 });
    const v = validateEventFields(req.body, { limits: pipeline.o.limits, nowUs: Date.now() * 1000 }, UPDATE_FIELDS);
    if (!v.ok) throw new DelveError(v.error.code, v.error.message, { field: v.error.field });
    const p = v.value;
    if (full && p.text === undefined) throw new DelveError('DLV_EVENT_INVALID', 'text is required (PUT replaces the event; use PATCH to change some fields).', { field: 'text' });
    if (p.index !== undefined && p.index !== row.index && !acl.canWrite(p.index)) deny(svc, req, `index_write:${p.index}`);
    const merged: ValidEvent = {
      index: p.index ?? row.index, host: p.host ?? row.host, source: p.source ?? row.source, sourcetype: p.sourcetype ?? row.sourcetype,
      text: p.text ?? row.text, created: row.created,
      extracted_fields: 'extracted_fields' in p ? (p.extracted_fields ?? {}) : fieldsOf(row),
    };
    const next = pipeline.toRow(merged, 0, row.user_id, s.DELVE_ENABLE_EXTRACTIONS_ON_UPDATE);
    if (isItemError(next)) throw new DelveError(next.code, next.message, next.field ? { field: next.field } : {});
    await inOwnTransaction(sqlite, () => {
      sqlite.prepare('UPDATE events SET "index" = ?, host = ?, source = ?, sourcetype = ?, text = ?, extracted_fields = ? WHERE seq = ?')
        .run(next.index, next.host, next.source, next.sourcetype, next.text, next.extracted_fields, row.seq);
      if (next.text !== row.text) reindexEvents(sqlite, [row.seq]);
    });
    if (s.DELVE_ENABLE_PROCESSORS_ON_UPDATE) pipeline.o.processors.run([toProcessedEvent(next, row.id)]);
    return eventView({ ...row, ...next, seq: row.seq, id: row.id, user_id: row.user_id });
  };
  app.put<{ Params: { id: string } }>('/api/events/:id/', { schema: { params: PARAMS } }, async (req) => update(req, true));
  app.patch<{ Params: { id: string } }>('/api/events/:id/', { schema: { params: PARAMS } }, async (req) => update(req, false));

  app.delete<{ Params: { id: string } }>('/api/events/:id/', { schema: { params: PARAMS } }, async (req, reply) => {
    await requirePermission(svc, req, 'delete_event');
    const { row, acl } = await loadReadable(svc, req);
    checkMayModify(svc, req, row, acl);
    await inOwnTransaction(sqlite, () => {
      sqlite.prepare('DELETE FROM events WHERE seq = ?').run(row.seq);
      deleteFromIndex(sqlite, [row.seq]);
    });
    const { user } = authOf(req);
    svc.record({ action: 'events.delete', outcome: 'success', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target: row.id, details: { index: row.index } });
    return reply.code(204).send();
  });
}
