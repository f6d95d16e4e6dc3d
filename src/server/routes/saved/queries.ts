/** /api/queries/ (reference §3): the caller's saved queries `{id, created, modified, text, name, _save}`. */
import type { FastifyInstance } from 'fastify';
import {
  createQuery, deleteQuery, getOwnQuery, listOwnQueries, publicQuery, updateQuery, validateQueryInput,
} from '../../../query/saved/index.js';
import type { AuthServices } from '../../auth/services.js';
import { envelope, pageOf } from '../page-envelope.js';
import { bodyObject, ID_PARAMS, LIST_QUERY, notFound, ownerWith, READ, type IdParams, type PageQs } from './common.js';

const BODY = {
  type: 'object', additionalProperties: false, properties: {
    text: { type: 'string' }, name: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'null' }] }, _save: { type: 'boolean' },
  },
} as const;

export function registerQueryRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get<{ Querystring: PageQs }>('/api/queries/', { config: READ, schema: { querystring: LIST_QUERY } }, async (req) => {
    const uid = await ownerWith(svc, req, 'view_query');
    const page = pageOf(req.query);
    const { count, results } = await listOwnQueries(svc.store, uid, page);
    return envelope(req, page, count, results.map(publicQuery));
  });

  app.post('/api/queries/', { schema: { body: BODY } }, async (req, reply) => {
    const uid = await ownerWith(svc, req, 'add_query');
    const q = await createQuery(svc.store, uid, validateQueryInput(bodyObject(req.body)));
    return reply.code(201).send(publicQuery(q));
  });

  app.get<{ Params: IdParams }>('/api/queries/:id/', { config: READ, schema: { params: ID_PARAMS } }, async (req) => {
    const uid = await ownerWith(svc, req, 'view_query');
    const q = await getOwnQuery(svc.store, uid, req.params.id);
    if (!q) throw notFound('query');
    return publicQuery(q);
  });

  const update = (partial: boolean) => async (req: { params: IdParams; body: unknown } & Parameters<typeof ownerWith>[1]) => {
    const uid = await ownerWith(svc, req, 'change_query');
    const old = await getOwnQuery(svc.store, uid, req.params.id);
    if (!old) throw notFound('query');
    const b = bodyObject(req.body);
    const merged = partial ? { text: old.text, name: old.name, _save: old._save, ...b } : b;
    const q = await updateQuery(svc.store, uid, old.id, validateQueryInput(merged));
    if (!q) throw notFound('query');
    return publicQuery(q);
  };
  app.put<{ Params: IdParams }>('/api/queries/:id/', { schema: { params: ID_PARAMS, body: BODY } }, update(false));
  app.patch<{ Params: IdParams }>('/api/queries/:id/', { schema: { params: ID_PARAMS, body: BODY } }, update(true));

  app.delete<{ Params: IdParams }>('/api/queries/:id/', { schema: { params: ID_PARAMS } }, async (req, reply) => {
    const uid = await ownerWith(svc, req, 'delete_query');
    if (!(await deleteQuery(svc.store, uid, req.params.id))) throw notFound('query');
    return reply.code(204).send();
  });
}
