import type { FastifyRequest } from 'fastify';
import { DelveError } from '../../errors.js';
import type { AuthServices } from './services.js';

export const CSRF_HEADER = 'x-csrf-token';

/** The origin this request was addressed to (Host is already validated against ALLOWED_HOSTS). */
export function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/**
 * Same-origin check for browser requests: Sec-Fetch-Site must be same-origin when sent, and Origin (when sent) must be
 * ours. A cross-site form post carries one of them in every current browser.
 */
export function checkSameOrigin(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new DelveError('DLV_AUTH_CSRF', `Cross-site request refused (Sec-Fetch-Site: ${site}).`);
  }
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null' && origin !== ownOrigin(req)) {
    throw new DelveError('DLV_AUTH_CSRF', 'Cross-origin request refused (the Origin header does not match this server).');
  }
  if (origin === 'null') throw new DelveError('DLV_AUTH_CSRF', 'Cross-origin request refused (opaque origin).');
}

/** CSRF for cookie-authenticated unsafe requests: same origin AND the session's signed token in X-CSRF-Token. */
export function checkCsrf(svc: AuthServices, req: FastifyRequest, idHash: string, formToken?: string): void {
  checkSameOrigin(req);
  const token = formToken ?? req.headers[CSRF_HEADER];
  if (!svc.sessions.verifyCsrf(idHash, token)) {
    throw new DelveError('DLV_AUTH_CSRF', 'Missing or invalid CSRF token: send the X-CSRF-Token header from GET /api/auth/me.');
  }
}
