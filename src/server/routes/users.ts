import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createUserAsAdmin, deleteUserAsAdmin, forbidden, getUserById, listUsers, updateUser, viewsOf, type NewUserInput, type UserPatch, type UserView } from '../../auth/admin.js';
import { createResetLink } from '../../auth/reset-links.js';
import { DelveError, isDelveError } from '../../errors.js';
import { authOf } from '../auth/authenticate.js';
import { publicUser, requirePermission } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';
import { envelope, PAGE_QUERY, pageOf } from './page-envelope.js';

/** A user in API responses: publicUser plus group names and direct permission codenames (never the hash). */
export function userJson(v: UserView): Record<string, unknown> {
  return { ...publicUser(v.user), groups: v.groups, permissions: v.permissions };
}

/**
 * Runs an administrative action; a DLV_AUTH_FORBIDDEN it throws (an escalation attempt) is audited as
 * `permission.denied` before it reaches the client.
 */
export async function auditDenied<T>(svc: AuthServices, req: FastifyRequest, target: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isDelveError(e) && e.code === 'DLV_AUTH_FORBIDDEN') {
      const { user } = authOf(req);
      svc.record({ action: 'permission.denied', outcome: 'denied', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target, details: { route: `${req.method} ${req.routeOptions.url ?? ''}`, needed: e.details?.needed, reason: e.message } });
    }
    throw e;
  }
}

/** The audit fields every admin action shares. */
export function who(req: FastifyRequest): { actor: string; actorId: string; ip: string; requestId: string } {
  const { user } = authOf(req);
  return { actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id };
}

const NAME = { type: 'string', maxLength: 150 } as const;
const LIST = { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 200 } } as const;
const PATCH_PROPS = {
  email: { type: 'string', maxLength: 254 }, first_name: NAME, last_name: NAME, is_active: { type: 'boolean' },
  is_superuser: { type: 'boolean' }, groups: LIST, permissions: LIST, password: { type: 'string', maxLength: 4096 },
} as const;
const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

/** Non-secret values of privileged fields, for the audit details (never a password). */
function privilegeDetails(body: UserPatch, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { fields };
  for (const f of ['is_active', 'is_superuser', 'groups', 'permissions'] as const) if (fields.includes(f)) out[f] = body[f];
  return out;
}

/** /api/users/: list/create, /api/users/:id/: read/update/delete, /api/users/:id/reset-link (DESIGN §4.4-4.5). */
export function registerUserRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get<{ Querystring: { limit?: number; offset?: number } }>('/api/users/', {
    schema: { querystring: { type: 'object', properties: PAGE_QUERY } },
  }, async (req) => {
    await requirePermission(svc, req, 'view_user');
    const page = pageOf(req.query);
    const { count, views } = await listUsers(svc.store, page);
    return envelope(req, page, count, views.map(userJson));
  });

  app.post<{ Body: NewUserInput }>('/api/users/', {
    schema: { body: { type: 'object', required: ['username', 'password'], additionalProperties: false, properties: { username: NAME, ...PATCH_PROPS } } },
  }, async (req, reply) => {
    await requirePermission(svc, req, 'add_user');
    const caller = authOf(req).user;
    const view = await auditDenied(svc, req, req.body.username, () => createUserAsAdmin(svc, caller, req.body));
    svc.record({ action: 'user.create', outcome: 'success', ...who(req), target: view.user.username, details: { is_superuser: view.user.is_superuser === 1, is_active: view.user.is_active === 1, groups: view.groups, permissions: view.permissions } });
    return reply.code(201).send(userJson(view));
  });

  app.get<{ Params: { id: string } }>('/api/users/:id/', { schema: { params: ID_PARAMS } }, async (req) => {
    const caller = authOf(req).user;
    if (req.params.id !== caller.id) await requirePermission(svc, req, 'view_user');
    const [view] = await viewsOf(svc.store, [await getUserById(svc.store, req.params.id)]);
    return userJson(view as UserView);
  });

  app.patch<{ Params: { id: string }; Body: UserPatch }>('/api/users/:id/', {
    schema: { params: ID_PARAMS, body: { type: 'object', additionalProperties: false, properties: PATCH_PROPS } },
  }, async (req) => {
    const caller = authOf(req).user;
    if (req.params.id !== caller.id) await requirePermission(svc, req, 'change_user');
    const target = await getUserById(svc.store, req.params.id);
    const change = await auditDenied(svc, req, target.username, () => updateUser(svc, caller, target, req.body));
    if (change.fields.length > 0) {
      svc.record({ action: 'user.update', outcome: 'success', ...who(req), target: target.username, details: privilegeDetails(req.body, change.fields) });
    }
    if (change.disabled) {
      svc.record({ action: 'user.disable', outcome: 'success', ...who(req), target: target.username, details: { logins_ended: change.endedSessions, revoked_token_count: change.revokedTokens } });
    }
    return userJson(change.view);
  });

  app.delete<{ Params: { id: string } }>('/api/users/:id/', { schema: { params: ID_PARAMS } }, async (req, reply) => {
    await requirePermission(svc, req, 'delete_user');
    const caller = authOf(req).user;
    const target = await getUserById(svc.store, req.params.id);
    await auditDenied(svc, req, target.username, () => deleteUserAsAdmin(svc, caller, target));
    svc.record({ action: 'user.delete', outcome: 'success', ...who(req), target: target.username, details: { user_id: target.id } });
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/users/:id/reset-link', { schema: { params: ID_PARAMS } }, async (req) => {
    await requirePermission(svc, req, 'change_user');
    const caller = authOf(req).user;
    const target = await getUserById(svc.store, req.params.id);
    const link = await auditDenied(svc, req, target.username, async () => {
      if (target.id === caller.id) throw forbidden('Change your own password with POST /api/auth/password (it needs your current password).', 'current password');
      if (target.is_superuser && !caller.is_superuser) throw forbidden('Only superusers may make reset links for a superuser.', 'superuser');
      if (!target.is_active) throw new DelveError('DLV_USER_INVALID', 'This account is disabled: enable it (is_active) before making a reset link.', { field: 'is_active' });
      return createResetLink(svc, target);
    });
    const expires_at = new Date(link.expiresAt).toISOString();
    svc.record({ action: 'user.password_reset_link', outcome: 'success', ...who(req), target: target.username, details: { expires_at } });
    return { url: link.path, expires_at };
  });
}
