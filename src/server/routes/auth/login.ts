import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { needsRehash, hashPassword } from '../../../security/passwords/index.js';
import type { User } from '../../../auth/users.js';
import { verifyCredentials } from '../../auth/basic.js';
import { clearSessionCookie, readCookie, setSessionCookie } from '../../auth/cookies.js';
import { checkSameOrigin } from '../../auth/csrf-origin.js';
import { publicUser } from '../../auth/guards.js';
import type { AuthServices } from '../../auth/services.js';

/**
 * The login step shared by the JSON API and the HTML form: verify (throttled, audited), upgrade the hash if its
 * parameters are outdated, destroy any session the browser already had (no fixation), create a fresh one.
 */
export async function logIn(svc: AuthServices, req: FastifyRequest, reply: FastifyReply, username: string, password: string, via: string): Promise<{ user: User; csrfToken: string }> {
  checkSameOrigin(req);
  const user = await verifyCredentials(svc, req, username, password, via);
  const now = Date.now();
  const update: Partial<User> = { last_login: now };
  if (needsRehash(user.password)) update.password = await hashPassword(password);
  await svc.store.db.updateTable('users').set(update).where('id', '=', user.id).execute();
  const fresh = { ...user, ...update };
  const previous = readCookie(req, svc.cookieName);
  if (previous) await svc.sessions.destroy(previous);
  const created = await svc.sessions.create(fresh, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
  setSessionCookie(reply, svc, created.cookieValue);
  svc.record({ action: 'auth.login', outcome: 'success', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, details: { via, session: created.publicId, rehashed: update.password !== undefined } });
  return { user: fresh, csrfToken: created.csrfToken };
}

export async function logOut(svc: AuthServices, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const auth = req.auth;
  if (auth?.session) await svc.sessions.destroy(auth.session.id_hash);
  clearSessionCookie(reply, svc);
  if (auth) svc.record({ action: 'auth.logout', outcome: 'success', actor: auth.user.username, actorId: auth.user.id, ip: req.ip, requestId: req.id });
}

const LoginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 150 }, password: { type: 'string', minLength: 1, maxLength: 4096 } },
} as const;

/** Public: POST /api/auth/login (JSON). */
export function registerLoginApi(app: FastifyInstance, svc: AuthServices): void {
  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', { schema: { body: LoginBody } }, async (req, reply) => {
    const { user, csrfToken } = await logIn(svc, req, reply, req.body.username, req.body.password, 'api');
    return { user: publicUser(user), csrf_token: csrfToken };
  });
}
