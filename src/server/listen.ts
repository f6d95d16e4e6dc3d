import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import type { Settings } from '../config/schema.js';
import { DelveError } from '../errors.js';
import { createTlsReloader, loadTlsMaterial, type ReloadResult, type TlsMaterial, type TlsReloader } from '../security/tls/index.js';
import { tlsSettingsFrom } from '../security/tls/from-settings.js';
import { buildApp, type AppDeps } from './app.js';
import { compileNetworks } from './net/allowed-networks.js';
import { startRedirectListener } from './redirect.js';

export interface RunningServer {
  app: FastifyInstance;
  /** The URL the server answers on (with the real port when DELVE_SERVER_PORT is 0). */
  url: string;
  port: number;
  redirectPort: number | null;
  tls: TlsMaterial | null;
  /** Forces a certificate reload (what SIGHUP does). */
  reloadTls(): ReloadResult | null;
  /** Graceful stop: stops accepting, lets in-flight requests finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** node:http / node:https / node:http2 server with Delve's limits applied (see README "Server limits"). */
function serverFactoryFor(s: Settings, tls: TlsMaterial | null, created: (srv: Server) => void): FastifyServerFactory {
  const limits = {
    maxHeaderSize: s.DELVE_MAX_REQUEST_HEADER_SIZE,
    requestTimeout: s.DELVE_ACCEPTED_QUEUE_TIMEOUT * 1000,
    headersTimeout: Math.min(s.DELVE_SOCKET_TIMEOUT, s.DELVE_ACCEPTED_QUEUE_TIMEOUT) * 1000,
    keepAliveTimeout: s.DELVE_SOCKET_TIMEOUT * 1000,
    // How often Node looks for requests past their deadlines (its default, 30 s, would let slow clients linger).
    connectionsCheckingInterval: Math.min(1000, s.DELVE_SOCKET_TIMEOUT * 500),
  };
  return ((handler: Handler) => {
    let srv: Server;
    if (!tls) srv = createHttpServer(limits, handler);
    else if (tls.module === 'http2') {
      srv = createSecureServer({ ...tls.secureOptions, allowHTTP1: true, maxSendHeaderBlockLength: s.DELVE_MAX_REQUEST_HEADER_SIZE }, handler as never) as unknown as Server;
      srv.setTimeout(s.DELVE_SOCKET_TIMEOUT * 1000);
    } else srv = createHttpsServer({ ...tls.secureOptions, ...limits }, handler) as unknown as Server;
    if (s.DELVE_SERVER_MAX_THREADS > 0) srv.maxConnections = s.DELVE_SERVER_MAX_THREADS;
    created(srv);
    return srv;
  }) as unknown as FastifyServerFactory;
}

/** Route wiring that depends on whether TLS is on (cookie names, HSTS); returned by `setup`. */
export type ServerSetup = Pick<AppDeps, 'registerPublic' | 'registerProtected' | 'probes'> & {
  /** Called after every TLS reload attempt (audit). */
  onTlsReload?: (result: ReloadResult, trigger: 'watch' | 'manual') => void;
};

/** Starts Delve's web server as the settings say; throws DelveError for bad TLS or network settings. */
export async function startServer(deps: Omit<AppDeps, 'tls' | 'serverFactory'> & { setup?: (tls: boolean, material: TlsMaterial | null) => ServerSetup }): Promise<RunningServer> {
  const s = deps.settings;
  const tlsSettings = tlsSettingsFrom(s);
  const tls = loadTlsMaterial(tlsSettings);
  for (const w of tls?.warnings ?? []) deps.logger.warn({ tls: true }, w);
  const networks = compileNetworks(s.DELVE_ALLOWED_NETWORKS, 'DELVE_ALLOWED_NETWORKS');
  compileNetworks(s.DELVE_TRUSTED_PROXIES, 'DELVE_TRUSTED_PROXIES');
  let server: Server | undefined;
  const wiring = deps.setup?.(tls !== null, tls) ?? {};
  const app = await buildApp({ ...deps, ...wiring, tls: tls !== null, serverFactory: serverFactoryFor(s, tls, (srv) => { server = srv; }) });
  if (!server) throw new DelveError('DLV_INTERNAL', 'server factory was not called');
  const srv: Server = server;
  if (!networks.empty) {
    // Refuse other peers at the TCP level, before TLS or HTTP processing.
    srv.prependListener('connection', (socket: Socket) => {
      if (!networks.matches(socket.remoteAddress)) {
        deps.logger.warn({ remoteAddress: socket.remoteAddress }, 'connection refused: peer not in DELVE_ALLOWED_NETWORKS');
        socket.destroy();
      }
    });
  }
  let reloader: TlsReloader | null = null;
  if (tls) {
    reloader = createTlsReloader({
      settings: tlsSettings,
      apply: (opts) => (srv as unknown as { setSecureContext(o: unknown): void }).setSecureContext(opts),
      logger: deps.logger,
      pollMs: 1000,
      onResult: wiring.onTlsReload,
    });
    reloader.start();
  }
  try {
    await app.listen({ host: s.DELVE_SERVER_HOST, port: s.DELVE_SERVER_PORT, backlog: s.DELVE_SOCKET_QUEUE_SIZE, listenTextResolver: () => '' });
  } catch (e) {
    reloader?.stop();
    await app.close().catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    throw new DelveError('DLV_SERVER_LISTEN', `Cannot listen on ${s.DELVE_SERVER_HOST}:${s.DELVE_SERVER_PORT}: ${code === 'EADDRINUSE' ? 'the port is already in use' : code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : (e as Error).message}`);
  }
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : s.DELVE_SERVER_PORT;
  const hostForUrl = s.DELVE_SERVER_HOST.includes(':') ? `[${s.DELVE_SERVER_HOST}]` : s.DELVE_SERVER_HOST;
  const url = `${tls ? 'https' : 'http'}://${hostForUrl}:${port}`;
  const redirect = tls && s.DELVE_HTTP_REDIRECT_PORT !== null ? await startRedirectListener(s, port, networks) : null;
  if (!tls && s.DELVE_HTTP_REDIRECT_PORT !== null) deps.logger.warn('DELVE_HTTP_REDIRECT_PORT is ignored: TLS is not configured');
  return {
    app, url, port, tls,
    redirectPort: redirect?.port ?? null,
    reloadTls: () => reloader?.reload() ?? null,
    async close() {
      reloader?.stop();
      await redirect?.close();
      await app.close();
    },
  };
}
