/** Shared bits of the saved-object routes: id params, 404s, page query, permission helper, read scope. */
import type { FastifyRequest } from 'fastify';
import { DelveError } from '../../../errors.js';
import { authOf } from '../../auth/authenticate.js';
import { requirePermission } from '../../auth/guards.js';
import type { AuthServices } from '../../auth/services.js';
import { PAGE_QUERY } from '../page-envelope.js';

export const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;
export const LIST_QUERY = { type: 'object', properties: PAGE_QUERY } as const;
/** Route config for read-only routes: reachable with a `read`-scoped API token. */
export const READ = { scope: 'read' } as const;

export interface IdParams { id: string }
export interface PageQs { limit?: number; offset?: number }

/** 404 for a missing object or one owned by someone else (never reveals which). */
export function notFound(what: string): DelveError {
  return new DelveError('DLV_SAVED_NOT_FOUND', `No such ${what} (or it is not yours).`);
}

/** The caller's id after checking `codename` (403 + audit otherwise). */
export async function ownerWith(svc: AuthServices, req: FastifyRequest, codename: string): Promise<string> {
  await requirePermission(svc, req, codename);
  return authOf(req).user.id;
}

/** Body as an object (400 otherwise). */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DelveError('DLV_HTTP_VALIDATION', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
}
