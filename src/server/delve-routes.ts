import type { Logger } from 'pino';
import type { Settings } from '../config/schema.js';
import type { Keyring } from '../security/keys/index.js';
import type { Store } from '../storage/index.js';
import type { IngestRuntime } from '../ingest/runtime.js';
import { createAuthServices, type AuthServices } from './auth/services.js';
import { eventRoutes } from './routes/events/index.js';
import { queryRoutes, type QueryRouteOptions } from './routes/query.js';
import { registerSavedRoutes, SAVED_ENDPOINTS } from './routes/saved/index.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerGroupRoutes } from './routes/groups.js';
import { registerResetRoutes } from './routes/reset.js';
import { registerUserRoutes } from './routes/users.js';
import { protectedRoutes, publicRoutes, type RouteModule } from './auth/wire.js';
import type { ServerSetup } from './listen.js';

export interface DelveRouteOptions {
  settings: Settings;
  store: Store;
  keyring: Keyring;
  logger: Logger;
  /** Filled with the auth services once the server knows whether TLS is on (tests and the CLI use them). */
  onServices?: (svc: AuthServices) => void;
  /** The ingest runtime (writer, FTS indexer, pipeline): enables /api/events/ and the /readyz ingest check. */
  ingest?: IngestRuntime;
  /** The query engine (registry, read connection; the ingest pipeline for make_events --save): /api/query/ and /api/search_commands/. */
  query?: QueryRouteOptions;
}

/** Route modules behind authentication, with their `/api/<endpoint>/` name for the API root. */
const PROTECTED_MODULES: readonly { endpoints: readonly string[]; module: RouteModule }[] = [
  { endpoints: SAVED_ENDPOINTS, module: registerSavedRoutes },
  { endpoints: ['users'], module: registerUserRoutes },
  { endpoints: ['groups'], module: registerGroupRoutes },
  { endpoints: ['audit'], module: registerAuditRoutes },
];
/** Public route modules besides login (password reset). */
const PUBLIC_MODULES: readonly RouteModule[] = [registerResetRoutes];

/** The full Delve route set: public login/reset routes and everything behind authentication. */
export function delveSetup(o: DelveRouteOptions): (tls: boolean) => ServerSetup {
  return (tls) => {
    const svc = createAuthServices(o.settings, o.store, o.keyring, tls, (e) => o.logger.error({ err: e }, 'audit write failed'));
    o.onServices?.(svc);
    const modules = [
      ...PROTECTED_MODULES,
      ...(o.ingest ? [{ endpoints: ['events'], module: eventRoutes(o.ingest) }] : []),
      ...(o.query ? [{ endpoints: ['search_commands'], module: queryRoutes(o.query) }] : []),
    ];
    return {
      registerPublic: publicRoutes(svc, [...PUBLIC_MODULES]),
      registerProtected: protectedRoutes(svc, modules.map((m) => m.module), modules.flatMap((m) => m.endpoints)),
      probes: o.ingest ? [o.ingest.readinessProbe] : [],
      onTlsReload: (r, trigger) => svc.record({ action: 'tls.reload', outcome: r.ok ? 'success' : 'failure', actor: 'system', details: r.ok ? { trigger, serial: r.material.info.serialNumber, changed: r.changed } : { trigger, code: r.error.code, reason: r.error.message } }),
    };
  };
}
