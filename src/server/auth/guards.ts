import type { FastifyRequest } from 'fastify';
import { hasPermission } from '../../auth/index-acl.js';
import { DelveError } from '../../errors.js';
import { authOf } from './authenticate.js';
import type { AuthServices } from './services.js';

/** Throws 403 (and audits `permission.denied`) unless the caller is a superuser. */
export function requireSuperuser(svc: AuthServices, req: FastifyRequest): void {
  const { user } = authOf(req);
  if (user.is_superuser) return;
  deny(svc, req, 'superuser');
}

/** Throws 403 (and audits) unless the caller holds `codename` (superusers hold all). */
export async function requirePermission(svc: AuthServices, req: FastifyRequest, codename: string): Promise<void> {
  const { user } = authOf(req);
  if (await hasPermission(svc.store, user, codename)) return;
  deny(svc, req, codename);
}

export function deny(svc: AuthServices, req: FastifyRequest, needed: string): never {
  const { user } = authOf(req);
  svc.record({ action: 'permission.denied', outcome: 'denied', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, details: { needed } });
  throw new DelveError('DLV_AUTH_FORBIDDEN', `You do not have permission to do this (needs ${needed}).`);
}

/** The public shape of a user in API responses (never the password hash). */
export function publicUser(u: { id: string; username: string; email: string; first_name: string; last_name: string; is_active: number; is_superuser: number; date_joined: number; last_login: number | null }): Record<string, unknown> {
  return {
    id: u.id, username: u.username, email: u.email, first_name: u.first_name, last_name: u.last_name,
    is_active: u.is_active === 1, is_superuser: u.is_superuser === 1,
    date_joined: new Date(u.date_joined).toISOString(), last_login: u.last_login === null ? null : new Date(u.last_login).toISOString(),
  };
}
