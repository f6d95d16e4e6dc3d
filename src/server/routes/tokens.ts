import type { FastifyInstance } from 'fastify';
import { createToken, isTokenScope, listTokens, parseDuration, revokeToken, type TokenRecord } from '../../auth/tokens.js';
import { findUser } from '../../auth/users.js';
import { DelveError } from '../../errors.js';
import { authOf } from '../auth/authenticate.js';
import { requirePermission } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
export function publicToken(t: TokenRecord): Record<string, unknown> {
  return { id: t.id, name: t.name, prefix: t.prefix, scope: t.scope, user_id: t.user_id, created: iso(t.created_at), expires: iso(t.expires_at), last_used: iso(t.last_used_at), revoked: iso(t.revoked_at) };
}

interface NewTokenBody { name?: string; scope: string; expires_in?: string | number | null; username?: string }

/** /api/tokens/: create (secret shown once), list (never the secret), revoke. */
export function registerTokenRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.post<{ Body: NewTokenBody }>('/api/tokens/', {
    schema: { body: { type: 'object', required: ['scope'], additionalProperties: false, properties: {
      name: { type: 'string', maxLength: 200 }, scope: { type: 'string' }, expires_in: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 1 }, { type: 'null' }] }, username: { type: 'string' },
    } } },
  }, async (req, reply) => {
    const a = authOf(req);
    const body = req.body;
    if (!isTokenScope(body.scope)) throw new DelveError('DLV_AUTH_TOKEN_INVALID', 'scope must be one of ingest, read, admin.', { field: 'scope' });
    let owner = a.user;
    if (body.username !== undefined && body.username !== a.user.username) {
      await requirePermission(svc, req, 'add_token');
      const u = await findUser(svc.store, body.username);
      if (!u) throw new DelveError('DLV_USER_NOT_FOUND', `No user named "${body.username}".`, { field: 'username' });
      if (u.is_superuser && !a.user.is_superuser) throw new DelveError('DLV_AUTH_FORBIDDEN', 'Only superusers may create tokens for superusers.');
      owner = u;
    }
    const expiresInSeconds = body.expires_in === undefined || body.expires_in === null ? undefined : typeof body.expires_in === 'number' ? body.expires_in : parseDuration(body.expires_in);
    const { token, record } = await createToken(svc.store, owner.id, { name: body.name ?? '', scope: body.scope, expiresInSeconds });
    svc.record({ action: 'token.create', outcome: 'success', actor: a.user.username, actorId: a.user.id, ip: req.ip, requestId: req.id, target: `${owner.username}:${record.prefix}`, details: { scope: record.scope, tokenId: record.id } });
    return reply.code(201).send({ ...publicToken(record), token });
  });

  app.get<{ Querystring: { username?: string } }>('/api/tokens/', async (req) => {
    const a = authOf(req);
    let owner = a.user;
    if (req.query.username && req.query.username !== a.user.username) {
      await requirePermission(svc, req, 'view_token');
      const u = await findUser(svc.store, req.query.username);
      if (!u) throw new DelveError('DLV_USER_NOT_FOUND', `No user named "${req.query.username}".`, { field: 'username' });
      owner = u;
    }
    return { results: (await listTokens(svc.store, owner.id)).map(publicToken) };
  });

  app.delete<{ Params: { id: string } }>('/api/tokens/:id/', async (req, reply) => {
    const a = authOf(req);
    let ok = await revokeToken(svc.store, a.user.id, req.params.id);
    if (!ok && a.user.is_superuser) ok = await revokeToken(svc.store, null, req.params.id);
    if (!ok) throw new DelveError('DLV_HTTP_NOT_FOUND', 'No such token.');
    svc.record({ action: 'token.revoke', outcome: 'success', actor: a.user.username, actorId: a.user.id, ip: req.ip, requestId: req.id, target: req.params.id });
    return reply.code(204).send();
  });
}
