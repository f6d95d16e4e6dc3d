import type { FastifyInstance } from 'fastify';
import { permissionsOf } from '../../../auth/admin.js';
import { getUserOrThrow, setPassword } from '../../../auth/users.js';
import { DelveError } from '../../../errors.js';
import { verifyPassword } from '../../../security/passwords/index.js';
import { passwordHmac } from '../../../security/sessions/index.js';
import { authOf } from '../../auth/authenticate.js';
import { publicUser } from '../../auth/guards.js';
import type { AuthServices } from '../../auth/services.js';
import { logOut } from './login.js';

/** Authenticated: who am I, logout, my sessions, change my password. */
export function registerSessionRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get('/api/auth/me', { config: { scope: 'ingest' } }, async (req) => {
    const a = authOf(req);
    return { user: { ...publicUser(a.user), permissions: [...(await permissionsOf(svc.store, a.user))].sort() }, via: a.via, csrf_token: a.session ? svc.sessions.csrfToken(a.session.id_hash) : null, scope: a.token?.scope ?? null };
  });

  app.post('/api/auth/logout', async (req, reply) => {
    await logOut(svc, req, reply);
    return reply.code(204).send();
  });

  app.get('/api/auth/sessions', async (req) => {
    const a = authOf(req);
    return { results: await svc.sessions.listForUser(a.user.id, { currentIdHash: a.session?.id_hash }) };
  });

  app.delete<{ Params: { id: string } }>('/api/auth/sessions/:id', async (req, reply) => {
    const a = authOf(req);
    if (!(await svc.sessions.revoke(a.user.id, req.params.id))) throw new DelveError('DLV_HTTP_NOT_FOUND', 'No such session.');
    svc.record({ action: 'auth.session_revoke', outcome: 'success', actor: a.user.username, actorId: a.user.id, ip: req.ip, requestId: req.id, target: req.params.id });
    return reply.code(204).send();
  });

  app.post<{ Body: { current_password: string; new_password: string } }>('/api/auth/password', {
    schema: { body: { type: 'object', required: ['current_password', 'new_password'], additionalProperties: false, properties: { current_password: { type: 'string', maxLength: 4096 }, new_password: { type: 'string', maxLength: 4096 } } } },
  }, async (req) => {
    const a = authOf(req);
    const user = await getUserOrThrow(svc.store, a.user.username);
    if (!(await verifyPassword(user.password, req.body.current_password))) {
      svc.record({ action: 'auth.password_change', outcome: 'failure', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, details: { reason: 'wrong current password' } });
      throw new DelveError('DLV_AUTH_INVALID', 'The current password is wrong.', { field: 'current_password' });
    }
    const before = (await svc.sessions.listForUser(user.id)).length;
    const keep = a.session?.id_hash;
    await setPassword(svc.store, user, req.body.new_password, { minPasswordLength: svc.settings.PASSWORD_MIN_LENGTH, keepSessionHash: keep });
    svc.basicCache.invalidateUser(user.id);
    if (keep) {
      // The session that made the change stays valid: re-bind it to the new password hash.
      const updated = await getUserOrThrow(svc.store, user.username);
      await svc.store.db.updateTable('sessions').set({ password_hmac: passwordHmac(svc.keyring, svc.keyring.current, updated.password) }).where('id_hash', '=', keep).execute();
    }
    const ended = Math.max(0, before - (keep ? 1 : 0));
    svc.record({ action: 'auth.password_change', outcome: 'success', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, details: { ended_sessions: ended } });
    return { ended_sessions: ended };
  });
}
