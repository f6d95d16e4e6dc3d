import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenRecord, TokenScope } from '../../auth/tokens.js';
import { scopeAllows, verifyToken } from '../../auth/tokens.js';
import type { User } from '../../auth/users.js';
import { DelveError } from '../../errors.js';
import type { SessionsTable } from '../../storage/tables.js';
import { checkBasic } from './basic.js';
import { clearSessionCookie, readCookie, setSessionCookie } from './cookies.js';
import { checkCsrf } from './csrf-origin.js';
import type { AuthServices } from './services.js';

export interface AuthContext {
  user: User;
  via: 'session' | 'basic' | 'token';
  session?: SessionsTable;
  token?: TokenRecord;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
  interface FastifyContextConfig {
    /** Token scope a route needs (default 'admin': tokens reach only routes that say otherwise). */
    scope?: TokenScope;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The authenticated user of a protected route (the hook guarantees it is set). */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new DelveError('DLV_AUTH_REQUIRED', 'Authentication credentials were not provided.');
  return req.auth;
}

/**
 * onRequest hook for every protected route: Bearer token, else HTTP Basic, else the session cookie (with CSRF for
 * unsafe methods). No credentials → 401 DLV_AUTH_REQUIRED; bad ones → 401 DLV_AUTH_INVALID.
 */
export function authenticateHook(svc: AuthServices) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const authz = req.headers.authorization;
    if (authz) {
      const space = authz.indexOf(' ');
      const scheme = (space === -1 ? authz : authz.slice(0, space)).toLowerCase();
      const cred = space === -1 ? '' : authz.slice(space + 1).trim();
      if (scheme === 'bearer') {
        const found = await verifyToken(svc.store, cred);
        if (!found) {
          svc.record({ action: 'auth.token', outcome: 'failure', ip: req.ip, requestId: req.id, details: { reason: 'unknown, expired or revoked token' } });
          throw new DelveError('DLV_AUTH_INVALID', 'The API token is invalid, expired or revoked.');
        }
        const need = req.routeOptions.config.scope ?? 'admin';
        if (!scopeAllows(found.token.scope, need)) {
          svc.record({ action: 'permission.denied', outcome: 'denied', actor: found.user.username, actorId: found.user.id, ip: req.ip, requestId: req.id, target: `${req.method} ${req.routeOptions.url ?? ''}`, details: { scope: found.token.scope, need } });
          throw new DelveError('DLV_AUTH_SCOPE', `This API token has scope "${found.token.scope}"; this request needs "${need}".`);
        }
        req.auth = { user: found.user, via: 'token', token: found.token };
        return;
      }
      if (scheme === 'basic') {
        req.auth = { user: await checkBasic(svc, req, cred), via: 'basic' };
        return;
      }
      throw new DelveError('DLV_AUTH_INVALID', 'Unsupported Authorization scheme: use Basic or Bearer.');
    }
    const cookie = readCookie(req, svc.cookieName);
    if (cookie === undefined) throw new DelveError('DLV_AUTH_REQUIRED', 'Authentication credentials were not provided.');
    const resolved = await svc.sessions.resolve(cookie);
    if (!resolved) {
      clearSessionCookie(reply, svc);
      throw new DelveError('DLV_AUTH_INVALID', 'Your session has expired or was ended; log in again.');
    }
    if (!SAFE.has(req.method)) checkCsrf(svc, req, resolved.session.id_hash);
    if (resolved.reissue) setSessionCookie(reply, svc, resolved.reissue);
    req.auth = { user: resolved.user, via: 'session', session: resolved.session };
  };
}
