import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthServices } from './services.js';

/** Reads one cookie from the Cookie header (no plugin: this runs on every authenticated request). */
export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Session cookie: HttpOnly, SameSite=Lax, Path=/; with TLS `__Host-` + Secure. No Max-Age: the server enforces expiry. */
export function setSessionCookie(reply: FastifyReply, svc: AuthServices, value: string): void {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (svc.tls) attrs.push('Secure');
  reply.header('set-cookie', `${svc.cookieName}=${encodeURIComponent(value)}; ${attrs.join('; ')}`);
}

export function clearSessionCookie(reply: FastifyReply, svc: AuthServices): void {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT'];
  if (svc.tls) attrs.push('Secure');
  reply.header('set-cookie', `${svc.cookieName}=; ${attrs.join('; ')}`);
}
