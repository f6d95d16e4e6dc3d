import type { Logger } from 'pino';
import type { LoadedSettings } from '../config/load.js';
import type { Settings } from '../config/schema.js';
import type { Keyring } from '../security/keys/index.js';
import type { TlsMaterial } from '../security/tls/index.js';
import type { Store } from '../storage/index.js';
import type { IngestRuntime } from '../ingest/runtime.js';
import { createAuthServices, type AuthServices } from './auth/services.js';
import { eventRoutes } from './routes/events/index.js';
import { queryRoutes, type QueryRouteOptions } from './routes/query.js';
import { registerSavedRoutes, SAVED_ENDPOINTS } from './routes/saved/index.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerGroupRoutes } from './routes/groups.js';
import { registerIndexRoutes } from './routes/indexes.js';
import { manualRoutes } from './routes/manual/index.js';
import { registerPasswordCheck } from './routes/password-check.js';
import { registerResetRoutes } from './routes/reset.js';
import { securityStatusRoutes, type TlsState } from './routes/security-status.js';
import { registerSetupRoutes } from './routes/setup.js';
import { registerUserRoutes } from './routes/users.js';
import { protectedRoutes, publicRoutes, type RouteModule } from './auth/wire.js';
import { takeOverLoginPages, webRoutes, type WebOptions } from './web/index.js';
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
  /** The settings with their sources, for GET /api/security/status findings (as `./fl check --deploy` sees them). */
  loaded?: LoadedSettings;
  /** The environment the settings were read from (key-file checks in the security status). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The built web UI (Vite output). When set, /assets/* and the UI's routes are served, and GET / and /login show it. */
  web?: WebOptions;
  /** The manuals directory for /api/manual/ (default DELVE_DOCUMENTATION_DIRECTORY). */
  manualDir?: string;
}

/** Route modules behind authentication, with their `/api/<endpoint>/` name for the API root. */
const PROTECTED_MODULES: readonly { endpoints: readonly string[]; module: RouteModule }[] = [
  { endpoints: SAVED_ENDPOINTS, module: registerSavedRoutes },
  { endpoints: ['users'], module: registerUserRoutes },
  { endpoints: ['groups'], module: registerGroupRoutes },
  { endpoints: ['audit'], module: registerAuditRoutes },
  { endpoints: ['indexes'], module: registerIndexRoutes },
];
/** Public route modules besides login (password reset, first-run setup, the password-rules checklist). */
const PUBLIC_MODULES: readonly RouteModule[] = [registerResetRoutes, registerSetupRoutes, registerPasswordCheck];

/** The full Delve route set: public login/reset/setup routes, the web UI when built, and everything behind authentication. */
export function delveSetup(o: DelveRouteOptions): (tls: boolean, material?: TlsMaterial | null) => ServerSetup {
  return (tls, material) => {
    const svc = createAuthServices(o.settings, o.store, o.keyring, tls, (e) => o.logger.error({ err: e }, 'audit write failed'));
    o.onServices?.(svc);
    let tlsState: TlsState | null = material ? { module: material.module, info: material.info } : null;
    const modules = [
      ...PROTECTED_MODULES,
      { endpoints: ['manual'], module: manualRoutes(o.manualDir ?? o.settings.DELVE_DOCUMENTATION_DIRECTORY) },
      { endpoints: [], module: securityStatusRoutes({ loaded: o.loaded, env: o.env, tls: () => tlsState }) },
      ...(o.ingest ? [{ endpoints: ['events'], module: eventRoutes(o.ingest) }] : []),
      ...(o.query ? [{ endpoints: ['search_commands'], module: queryRoutes(o.query) }] : []),
    ];
    const web = o.web;
    const registerPublic = publicRoutes(svc, [...PUBLIC_MODULES, ...(web ? [webRoutes(web)] : [])]);
    return {
      registerPublic: web ? async (app) => { takeOverLoginPages(app, web); await registerPublic(app); } : registerPublic,
      registerProtected: protectedRoutes(svc, modules.map((m) => m.module), modules.flatMap((m) => m.endpoints)),
      probes: o.ingest ? [o.ingest.readinessProbe] : [],
      onTlsReload: (r, trigger) => {
        if (r.ok) tlsState = { module: r.material.module, info: r.material.info };
        svc.record({ action: 'tls.reload', outcome: r.ok ? 'success' : 'failure', actor: 'system', details: r.ok ? { trigger, serial: r.material.info.serialNumber, changed: r.changed } : { trigger, code: r.error.code, reason: r.error.message } });
      },
    };
  };
}
