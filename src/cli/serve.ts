import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { LoadedSettings } from '../config/load.js';
import type { SettingName } from '../config/schema.js';
import { createContext, type GlobalOptions } from './context.js';
import { syncFieldIndexesWithProgress } from './field-indexes.js';

interface ServeOpts {
  host?: string; port?: string; privateKey?: string; certificate?: string; publicCert?: string; sslModule?: string; logStdout?: boolean;
  maxBodySize?: string; maxHeaderSize?: string; socketTimeout?: string; socketQueueSize?: string;
  acceptedQueueTimeout?: string; maxThreads?: string; redirectPort?: string;
}

/** Command-line flags → settings (highest precedence). */
function flagsOf(o: ServeOpts): Partial<Record<SettingName, unknown>> {
  return {
    DELVE_SERVER_HOST: o.host, DELVE_SERVER_PORT: o.port, DELVE_SSL_PRIVATE_KEY: o.privateKey, DELVE_SSL_CERTIFICATE: o.certificate,
    DELVE_SSL_MODULE: o.sslModule, DELVE_SERVER_LOG_STDOUT: o.logStdout, DELVE_MAX_REQUEST_BODY_SIZE: o.maxBodySize,
    DELVE_MAX_REQUEST_HEADER_SIZE: o.maxHeaderSize, DELVE_SOCKET_TIMEOUT: o.socketTimeout, DELVE_SOCKET_QUEUE_SIZE: o.socketQueueSize,
    DELVE_ACCEPTED_QUEUE_TIMEOUT: o.acceptedQueueTimeout, DELVE_SERVER_MAX_THREADS: o.maxThreads, DELVE_HTTP_REDIRECT_PORT: o.redirectPort,
  };
}

/** The folder holding `fl` (web/dist and the bundled docs live there): $DELVE_ROOT, else two levels above this file. */
function repoRoot(env: Readonly<Record<string, string | undefined>>): string {
  return env.DELVE_ROOT ?? fileURLToPath(new URL('../..', import.meta.url));
}

/** DELVE_DOCUMENTATION_DIRECTORY; when left at its default and absent from DELVE_HOME, the manuals shipped beside `fl`. */
function manualDir(loaded: LoadedSettings, root: string): string {
  const dir = loaded.settings.DELVE_DOCUMENTATION_DIRECTORY;
  return loaded.sources.DELVE_DOCUMENTATION_DIRECTORY === 'default' && !existsSync(dir) ? join(root, 'docs') : dir;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the Delve web server (HTTP, or HTTPS / HTTP2 when a key and certificate are configured). Applies pending migrations first.')
    .option('--host <address>', 'bind address (DELVE_SERVER_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port, 0 = any free port (DELVE_SERVER_PORT, default 8000)')
    .option('--private-key <path>', 'PEM private key: with --certificate, serve HTTPS only (DELVE_SSL_PRIVATE_KEY)')
    .option('--certificate <path>', 'PEM certificate chain (DELVE_SSL_CERTIFICATE)')
    .option('--public-cert <path>', 'alias of --certificate (the original\'s name)')
    .option('--ssl-module <name>', 'builtin | http2 | openssl (DELVE_SSL_MODULE)')
    .option('--redirect-port <port>', 'with TLS: plain-HTTP port that redirects to HTTPS (DELVE_HTTP_REDIRECT_PORT)')
    .option('--log-stdout', 'also log to stdout (DELVE_SERVER_LOG_STDOUT; always on for a terminal)')
    .option('--max-body-size <bytes>', 'largest request body, 413 above (DELVE_MAX_REQUEST_BODY_SIZE)')
    .option('--max-header-size <bytes>', 'largest header block, 431 above (DELVE_MAX_REQUEST_HEADER_SIZE)')
    .option('--socket-timeout <seconds>', 'keep-alive idle timeout and header deadline (DELVE_SOCKET_TIMEOUT)')
    .option('--socket-queue-size <n>', 'listen backlog (DELVE_SOCKET_QUEUE_SIZE)')
    .option('--accepted-queue-timeout <seconds>', 'time a client has to send a whole request (DELVE_ACCEPTED_QUEUE_TIMEOUT)')
    .option('-t, --max-threads <n>', 'maximum concurrent connections, 0 = unlimited (DELVE_SERVER_MAX_THREADS)')
    .addHelpText('after', '\nSignals: SIGINT/SIGTERM stop gracefully (in-flight requests finish); SIGHUP reloads the TLS certificate and key.\nCertificate files are also watched and reloaded automatically.')
    .action(async (opts: ServeOpts, cmd: Command) => {
      if (opts.publicCert && !opts.certificate) opts.certificate = opts.publicCert;
      const [{ createAccessLogger, createLogger, resolveStdoutMode }, { isLoopback }, { startServer }, { delveSetup }, { createSetupToken, setupMessage, usersExist }] = await Promise.all([
        import('../logging/index.js'), import('../security/checks/index.js'), import('../server/listen.js'), import('../server/delve-routes.js'),
        import('../server/routes/setup.js'),
      ]);
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>(), flagsOf(opts));
      const s = ctx.loaded.settings;
      const mode = resolveStdoutMode(s.DELVE_SERVER_LOG_STDOUT, process.stdout.isTTY === true);
      const logOpts = { name: 'serve', level: s.DELVE_LOG_LEVEL, dir: s.DELVE_LOG_DIR, ...mode, maxBytes: s.DELVE_LOG_MAX_BYTES, maxFiles: s.DELVE_LOG_MAX_FILES };
      const log = createLogger(logOpts);
      const access = createAccessLogger(logOpts);
      const { keyring, warnings } = ctx.keys();
      for (const w of warnings) log.logger.warn({ setting: 'SECRET_KEY' }, w);
      const store = await ctx.store();
      syncFieldIndexesWithProgress(store.sqlite, s.DELVE_INDEXED_FIELDS, log.logger);
      const { createIngestRuntime } = await import('../ingest/runtime.js');
      let audit: ((e: import('../security/audit/index.js').AuditEntry) => void) | undefined;
      const ingest = await createIngestRuntime({ settings: s, store, logger: log.logger, audit: (e) => audit?.(e) });
      const query = { ingest };
      const root = repoRoot(ctx.env);
      const webRoot = join(root, 'web', 'dist');
      const web = existsSync(join(webRoot, 'index.html')) ? { root: webRoot } : undefined;
      if (!web) log.logger.warn({ dir: webRoot }, 'the web UI is not built (web/dist/index.html is missing): serving the API and the script-free login page only');
      const server = await startServer({
        settings: s, keyring, store, logger: log.logger, accessLogger: access.logger,
        setup: delveSetup({
          settings: s, store, keyring, logger: log.logger, ingest, query, loaded: ctx.loaded, env: ctx.env, web, manualDir: manualDir(ctx.loaded, root),
          onServices: (svc) => { audit = (e) => svc.record(e); },
        }),
      });
      // Signal handlers before anything announces the server: a SIGTERM right after "listening" must stop gracefully
      // (before a handler exists, a signal's default action kills the process).
      let stopping = false;
      const stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        log.logger.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 30_000);
        force.unref();
        await server.close();
        await ingest.close();
        await ctx.close();
        log.logger.info('stopped');
        await access.close();
        await log.close();
        process.stdout.write('Delve stopped.\n');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGHUP', () => {
        const r = server.reloadTls();
        if (r === null) log.logger.info('SIGHUP: TLS is off, nothing to reload');
      });
      for (const w of warnings) audit?.({ action: 'settings.warning', outcome: 'info', actor: 'system', details: { message: w } });
      if (keyring.fallbacks.length > 0) {
        audit?.({ action: 'key.rotation', outcome: 'info', actor: 'system', details: { current: keyring.keyId(keyring.current), fallbacks: keyring.fallbacks.map((k) => keyring.keyId(k)) } });
      }
      if (!server.tls && !isLoopback(s.DELVE_SERVER_HOST)) {
        log.logger.warn({ host: s.DELVE_SERVER_HOST }, 'serving plain HTTP on a non-loopback address: configure TLS (DELVE_SSL_PRIVATE_KEY, DELVE_SSL_CERTIFICATE)');
      }
      log.logger.info({ url: server.url, tls: server.tls?.module ?? false, redirectPort: server.redirectPort }, 'Delve is listening');
      process.stdout.write(`Delve is listening on ${server.url}${server.redirectPort ? ` (HTTP redirect on port ${server.redirectPort})` : ''}\n`);
      if (!usersExist(store)) {
        // A wildcard bind address is not a place a browser can go: the link then points at this machine's loopback.
        const base = s.DELVE_PUBLIC_URL ?? server.url.replace('//0.0.0.0', '//127.0.0.1').replace('//[::]', '//[::1]');
        const message = setupMessage(base, createSetupToken(keyring));
        // The link is a credential for one hour: it goes to the console only, never into the log files.
        log.logger.warn({ setup: true }, 'Delve has no users yet: a one-time setup link for the first administrator was printed on standard output (restart to get a new one, or use ./fl createsuperuser)');
        process.stdout.write(`${message}\n`);
      }
    });
}
