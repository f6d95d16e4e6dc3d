/** REST routes of saved objects: /api/queries/, /api/globals/, /api/locals/, /api/files/ (owner-scoped). */
import type { FastifyInstance } from 'fastify';
import type { AuthServices } from '../../auth/services.js';
import { registerGlobalRoutes, registerLocalRoutes } from './contexts.js';
import { registerFileRoutes } from './files.js';
import { registerQueryRoutes } from './queries.js';

/** Endpoint names for the API root. */
export const SAVED_ENDPOINTS = ['queries', 'globals', 'locals', 'files'] as const;

/** Registers all saved-object routes (call behind the authentication hook, e.g. as a protectedRoutes module). */
export async function registerSavedRoutes(app: FastifyInstance, svc: AuthServices): Promise<void> {
  registerQueryRoutes(app, svc);
  registerGlobalRoutes(app, svc);
  registerLocalRoutes(app, svc);
  await registerFileRoutes(app, svc);
}
