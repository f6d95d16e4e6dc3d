/** The events REST API (reference §3 `/api/events/`, issue 5). */
import type { FastifyInstance } from 'fastify';
import type { IngestRuntime } from '../../../ingest/runtime.js';
import type { AuthServices } from '../../auth/services.js';
import type { RouteModule } from '../../auth/wire.js';
import { registerEventBodyParsers } from './body-parsers.js';
import { registerCreateEvent } from './create.js';
import { registerEventDetail } from './detail.js';
import { registerListEvents } from './list.js';

/**
 * Registers POST/GET /api/events/ and GET/PUT/PATCH/DELETE /api/events/{id}/ in their own encapsulated scope
 * (their JSON/NDJSON body parsers do not leak to other routes). Call it behind the authentication hook.
 */
export async function registerEventRoutes(app: FastifyInstance, svc: AuthServices, ingest: Pick<IngestRuntime, 'pipeline'>): Promise<void> {
  await app.register(async (scope) => {
    registerEventBodyParsers(scope, svc.settings.DELVE_MAX_REQUEST_BODY_SIZE);
    registerCreateEvent(scope, svc, ingest.pipeline);
    registerListEvents(scope, svc);
    registerEventDetail(scope, svc, ingest.pipeline);
  });
}

/** The same as a RouteModule for `protectedRoutes` (endpoint name `events`). */
export function eventRoutes(ingest: Pick<IngestRuntime, 'pipeline'>): RouteModule {
  return (app, svc) => registerEventRoutes(app, svc, ingest);
}
