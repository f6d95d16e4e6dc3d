import Fastify, { LogController, type FastifyHttpOptions, type FastifyInstance, type FastifyServerFactory, type FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import type { Settings } from '../config/schema.js';
import { DelveError } from '../errors.js';
import type { Keyring } from '../security/keys/index.js';
import type { Store } from '../storage/index.js';
import { compileAllowedHosts } from './net/allowed-hosts.js';
import { clientErrorHandler, registerErrorHandling, sendError } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { logAccess } from '../logging/index.js';
import { registerHealthRoutes, type ReadinessProbe } from './routes/health.js';

/** Everything the app needs, passed explicitly (no module reads process.env). */
export interface AppDeps {
  settings: Settings;
  keyring: Keyring;
  store: Store;
  logger: Logger;
  /** TLS is on for the main listener (HSTS, __Host- cookies, Secure). */
  tls: boolean;
  /** Builds the server (node:http/https/http2) — see listen.ts. Omitted for inject()-only tests. */
  serverFactory?: FastifyServerFactory;
  /** Registers authenticated routes and the auth hook (accounts layer). Without it every protected route is 401. */
  registerProtected?: (app: FastifyInstance) => Promise<void> | void;
  /** Registers public routes such as /login. */
  registerPublic?: (app: FastifyInstance) => Promise<void> | void;
  probes?: ReadinessProbe[];
  /** One line per request (method, redacted URL, status, duration, bytes, peer, request id, user). */
  accessLogger?: Logger;
}

/** Fastify options derived from the settings; the mapping of the original's thread/queue settings is documented in README "Server limits". */
export function fastifyOptions(s: Settings, deps: Pick<AppDeps, 'logger' | 'serverFactory'>): FastifyServerOptions & FastifyHttpOptions<never> {
  return {
    loggerInstance: deps.logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: s.DELVE_MAX_REQUEST_BODY_SIZE,
    trustProxy: s.DELVE_TRUSTED_PROXIES.length > 0 ? [...s.DELVE_TRUSTED_PROXIES] : false,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    keepAliveTimeout: s.DELVE_SOCKET_TIMEOUT * 1000,
    requestTimeout: s.DELVE_ACCEPTED_QUEUE_TIMEOUT * 1000,
    connectionTimeout: 0,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    ...(deps.serverFactory ? { serverFactory: deps.serverFactory } : {}),
  } as FastifyServerOptions & FastifyHttpOptions<never>;
}

/** Builds the Delve app. Never listens: listen.ts does, tests use inject() or listen on port 0. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const s = deps.settings;
  const app = Fastify(fastifyOptions(s, deps)) as unknown as FastifyInstance;
  registerErrorHandling(app);
  registerSecurityHeaders(app, s, deps.tls);
  const hostAllowed = compileAllowedHosts(s.ALLOWED_HOSTS);
  app.addHook('onRequest', (req, reply, done) => {
    if (!hostAllowed(req.headers.host ?? (req.headers[':authority'] as string | undefined))) {
      sendError(reply, new DelveError('DLV_HTTP_HOST_NOT_ALLOWED', 'This Host header is not in ALLOWED_HOSTS.'));
      return;
    }
    done();
  });
  const access = deps.accessLogger;
  if (access) {
    app.addHook('onResponse', (req, reply, done) => {
      const len = Number(reply.getHeader('content-length') ?? 0);
      logAccess(access, {
        method: req.method, url: req.url, status: reply.statusCode, durationMs: reply.elapsedTime,
        bytes: Number.isFinite(len) ? len : 0, remoteAddress: req.ip, requestId: req.id,
        user: (req as { auth?: { user?: { username?: string } } }).auth?.user?.username,
      });
      done();
    });
  }
  registerHealthRoutes(app, deps.store, deps.probes);
  if (deps.registerPublic) await app.register(async (pub) => { await deps.registerPublic?.(pub); });
  await app.register(async (api) => {
    if (deps.registerProtected) {
      await deps.registerProtected(api);
    } else {
      api.addHook('onRequest', async () => { throw new DelveError('DLV_AUTH_REQUIRED', 'Authentication credentials were not provided.'); });
      api.get('/api/', async () => ({}));
    }
  });
  app.setNotFoundHandler(async (req, reply) => {
    return sendError(reply, new DelveError('DLV_HTTP_NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}.`));
  });
  return app;
}
