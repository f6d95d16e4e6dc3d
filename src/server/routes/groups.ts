import type { FastifyInstance } from 'fastify';
import { createGroup, deleteGroup, getGroup, listGroups, previewPattern, updateGroup, type GroupInput } from '../../auth/group-admin.js';
import { validateIndexPattern } from '../../auth/index-acl.js';
import { authOf } from '../auth/authenticate.js';
import { requirePermission } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';
import { envelope, PAGE_QUERY, pageOf } from './page-envelope.js';
import { auditDenied, who } from './users.js';

const LIST = { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 256 } } as const;
const PROPS = { name: { type: 'string', maxLength: 200 }, permissions: LIST, index_read: LIST, index_write: LIST } as const;
const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

/**
 * /api/groups/ CRUD ({id, name, permissions, index_read, index_write}) and GET /api/groups/preview?pattern=web*
 * (the existing indexes a pattern matches). Superusers, or the *_group permissions; non-superusers can only grant
 * what they hold themselves.
 */
export function registerGroupRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get<{ Querystring: { limit?: number; offset?: number } }>('/api/groups/', {
    schema: { querystring: { type: 'object', properties: PAGE_QUERY } },
  }, async (req) => {
    await requirePermission(svc, req, 'view_group');
    const page = pageOf(req.query);
    const { count, groups } = await listGroups(svc.store, page);
    return envelope(req, page, count, groups);
  });

  app.get<{ Querystring: { pattern: string } }>('/api/groups/preview', {
    schema: { querystring: { type: 'object', required: ['pattern'], properties: { pattern: { type: 'string', maxLength: 256 } } } },
  }, async (req) => {
    await requirePermission(svc, req, 'view_group');
    const pattern = validateIndexPattern(req.query.pattern);
    return { pattern, indexes: await previewPattern(svc.store, authOf(req).user, pattern) };
  });

  app.post<{ Body: GroupInput }>('/api/groups/', {
    schema: { body: { type: 'object', required: ['name'], additionalProperties: false, properties: PROPS } },
  }, async (req, reply) => {
    await requirePermission(svc, req, 'add_group');
    const group = await auditDenied(svc, req, String(req.body.name), () => createGroup(svc.store, authOf(req).user, req.body));
    svc.record({ action: 'group.create', outcome: 'success', ...who(req), target: group.name, details: { id: group.id, permissions: group.permissions, index_read: group.index_read, index_write: group.index_write } });
    return reply.code(201).send(group);
  });

  app.get<{ Params: { id: string } }>('/api/groups/:id/', { schema: { params: ID_PARAMS } }, async (req) => {
    await requirePermission(svc, req, 'view_group');
    return getGroup(svc.store, req.params.id);
  });

  app.patch<{ Params: { id: string }; Body: GroupInput }>('/api/groups/:id/', {
    schema: { params: ID_PARAMS, body: { type: 'object', additionalProperties: false, properties: PROPS } },
  }, async (req) => {
    await requirePermission(svc, req, 'change_group');
    const { group, fields } = await auditDenied(svc, req, req.params.id, () => updateGroup(svc.store, authOf(req).user, req.params.id, req.body));
    if (fields.length > 0) {
      const details: Record<string, unknown> = { id: group.id, fields };
      for (const f of fields) details[f] = group[f];
      svc.record({ action: 'group.update', outcome: 'success', ...who(req), target: group.name, details });
    }
    return group;
  });

  app.delete<{ Params: { id: string } }>('/api/groups/:id/', { schema: { params: ID_PARAMS } }, async (req, reply) => {
    await requirePermission(svc, req, 'delete_group');
    const group = await deleteGroup(svc.store, req.params.id);
    svc.record({ action: 'group.delete', outcome: 'success', ...who(req), target: group.name, details: { id: group.id } });
    return reply.code(204).send();
  });
}
