/**
 * /api/globals/ and /api/locals/ (reference §3) with the upsert defects fixed: POST /api/globals/ creates the caller's
 * global context when missing (201) else replaces it (200); POST /api/locals/ upserts by (caller, name) only.
 * Contexts must be JSON objects (400 otherwise). Permissions: view/add/change/delete_context.
 */
import type { FastifyInstance } from 'fastify';
import {
  deleteGlobalContext, deleteLocalContext, findGlobalContext, findOwnLocalContext, getOwnGlobalContext, getOwnLocalContext,
  listOwnLocalContexts, updateGlobalContext, updateLocalContext, upsertGlobalContext, upsertLocalContext,
} from '../../../query/saved/index.js';
import { authOf } from '../../auth/authenticate.js';
import type { AuthServices } from '../../auth/services.js';
import { envelope, pageOf } from '../page-envelope.js';
import { bodyObject, ID_PARAMS, LIST_QUERY, notFound, ownerWith, READ, type IdParams, type PageQs } from './common.js';

const GLOBAL_BODY = { type: 'object', required: ['context'], additionalProperties: false, properties: { context: {} } } as const;
const LOCAL_BODY = { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 1024 }, context: {} } } as const;
const LOCAL_CREATE = { ...LOCAL_BODY, required: ['name', 'context'] } as const;

export function registerGlobalRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get<{ Querystring: PageQs }>('/api/globals/', { config: READ, schema: { querystring: LIST_QUERY } }, async (req) => {
    const uid = await ownerWith(svc, req, 'view_context');
    const page = pageOf(req.query);
    const mine = await findGlobalContext(svc.store, uid);
    const all = mine ? [mine] : [];
    return envelope(req, page, all.length, all.slice(page.offset, page.offset + page.limit));
  });
  app.post('/api/globals/', { schema: { body: GLOBAL_BODY } }, async (req, reply) => {
    const exists = await findGlobalContext(svc.store, authOf(req).user.id);
    const uid = await ownerWith(svc, req, exists ? 'change_context' : 'add_context');
    const { record, created } = await upsertGlobalContext(svc.store, uid, bodyObject(req.body)['context']);
    return reply.code(created ? 201 : 200).send(record);
  });
  app.get<{ Params: IdParams }>('/api/globals/:id/', { config: READ, schema: { params: ID_PARAMS } }, async (req) => {
    const g = await getOwnGlobalContext(svc.store, await ownerWith(svc, req, 'view_context'), req.params.id);
    if (!g) throw notFound('global context');
    return g;
  });
  const update = async (req: Parameters<typeof ownerWith>[1] & { params: IdParams; body: unknown }) => {
    const uid = await ownerWith(svc, req, 'change_context');
    const g = await updateGlobalContext(svc.store, uid, req.params.id, bodyObject(req.body)['context']);
    if (!g) throw notFound('global context');
    return g;
  };
  app.put<{ Params: IdParams }>('/api/globals/:id/', { schema: { params: ID_PARAMS, body: GLOBAL_BODY } }, update);
  app.patch<{ Params: IdParams }>('/api/globals/:id/', { schema: { params: ID_PARAMS, body: GLOBAL_BODY } }, update);
  app.delete<{ Params: IdParams }>('/api/globals/:id/', { schema: { params: ID_PARAMS } }, async (req, reply) => {
    if (!(await deleteGlobalContext(svc.store, await ownerWith(svc, req, 'delete_context'), req.params.id))) throw notFound('global context');
    return reply.code(204).send();
  });
}

export function registerLocalRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get<{ Querystring: PageQs }>('/api/locals/', { config: READ, schema: { querystring: LIST_QUERY } }, async (req) => {
    const uid = await ownerWith(svc, req, 'view_context');
    const page = pageOf(req.query);
    const { count, results } = await listOwnLocalContexts(svc.store, uid, page);
    return envelope(req, page, count, results);
  });
  app.post('/api/locals/', { schema: { body: LOCAL_CREATE } }, async (req, reply) => {
    const b = bodyObject(req.body);
    const exists = typeof b['name'] === 'string' && (await findOwnLocalContext(svc.store, authOf(req).user.id, b['name']));
    const uid = await ownerWith(svc, req, exists ? 'change_context' : 'add_context');
    const { record, created } = await upsertLocalContext(svc.store, uid, { name: b['name'], context: b['context'] });
    return reply.code(created ? 201 : 200).send(record);
  });
  app.get<{ Params: IdParams }>('/api/locals/:id/', { config: READ, schema: { params: ID_PARAMS } }, async (req) => {
    const l = await getOwnLocalContext(svc.store, await ownerWith(svc, req, 'view_context'), req.params.id);
    if (!l) throw notFound('local context');
    return l;
  });
  app.put<{ Params: IdParams }>('/api/locals/:id/', { schema: { params: ID_PARAMS, body: LOCAL_CREATE } }, async (req) => {
    const b = bodyObject(req.body);
    const l = await updateLocalContext(svc.store, await ownerWith(svc, req, 'change_context'), req.params.id, { name: b['name'], context: b['context'] });
    if (!l) throw notFound('local context');
    return l;
  });
  app.patch<{ Params: IdParams }>('/api/locals/:id/', { schema: { params: ID_PARAMS, body: LOCAL_BODY } }, async (req) => {
    const b = bodyObject(req.body);
    const l = await updateLocalContext(svc.store, await ownerWith(svc, req, 'change_context'), req.params.id, { name: b['name'], context: b['context'] });
    if (!l) throw notFound('local context');
    return l;
  });
  app.delete<{ Params: IdParams }>('/api/locals/:id/', { schema: { params: ID_PARAMS } }, async (req, reply) => {
    if (!(await deleteLocalContext(svc.store, await ownerWith(svc, req, 'delete_context'), req.params.id))) throw notFound('local context');
    return reply.code(204).send();
  });
}
