import type { FastifyRequest } from 'fastify';
import { findUser, type User } from '../../auth/users.js';
import { DelveError } from '../../errors.js';
import { verifyDummy, verifyPassword } from '../../security/passwords/index.js';
import type { AuthServices } from './services.js';

export const INVALID_LOGIN = 'Invalid username or password.';

/**
 * Verifies a username/password pair with throttling, dummy-hash timing for unknown users and auditing. Used by the
 * login endpoints and HTTP Basic. Returns the active user or throws DLV_AUTH_THROTTLED / DLV_AUTH_INVALID (same
 * message whether or not the user exists).
 */
export async function verifyCredentials(svc: AuthServices, req: FastifyRequest, username: string, password: string, via: string): Promise<User> {
  const ip = req.ip;
  const gate = svc.throttle.check(username, ip);
  if (!gate.allowed) {
    svc.record({ action: 'auth.login', outcome: 'denied', actor: username.slice(0, 150), ip, requestId: req.id, details: { via, reason: 'throttled', scope: gate.scope, retryAfterSeconds: gate.retryAfterSeconds } });
    throw new DelveError('DLV_AUTH_THROTTLED', `Too many failed login attempts. Try again in ${gate.retryAfterSeconds} seconds.`, { details: { retryAfterSeconds: gate.retryAfterSeconds } });
  }
  const user = username.length <= 150 ? await findUser(svc.store, username) : undefined;
  const ok = user && user.is_active ? await verifyPassword(user.password, password) : await verifyDummy(password);
  if (!ok || !user || !user.is_active) {
    svc.throttle.fail(username, ip);
    svc.record({ action: 'auth.login', outcome: 'failure', actor: username.slice(0, 150), ip, requestId: req.id, details: { via } });
    const after = svc.throttle.check(username, ip);
    if (!after.allowed) svc.record({ action: 'auth.lockout', outcome: 'denied', actor: username.slice(0, 150), ip, requestId: req.id, details: { scope: after.scope, seconds: after.retryAfterSeconds } });
    throw new DelveError('DLV_AUTH_INVALID', INVALID_LOGIN);
  }
  svc.throttle.succeed(username, ip);
  return user;
}

/** HTTP Basic: successful verifications are cached (HMAC of the credentials; dropped on password change/disable). */
export async function checkBasic(svc: AuthServices, req: FastifyRequest, encoded: string): Promise<User> {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) throw new DelveError('DLV_AUTH_INVALID', 'Malformed Basic credentials.');
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const current = username.length <= 150 ? await findUser(svc.store, username) : undefined;
  if (current && svc.basicCache.get(username, password, current)) return current;
  const user = await verifyCredentials(svc, req, username, password, 'basic');
  svc.basicCache.set(username, password, user);
  return user;
}
