/**
 * Hot reload of the TLS key/certificate pair without a restart.
 *
 * The key, certificate and client-CA files are polled (read + SHA-256 of their bytes, a few KB), which sees
 * atomic renames, Kubernetes' symlink swaps and in-place writes alike, whatever the file system's timestamps do.
 * A change is acted on only once the files have stayed identical for one poll interval (debounce), and the
 * new pair is applied only if loadTlsMaterial accepts it; otherwise the old pair keeps serving and the error is
 * logged. A half-written file fails to load, and its completion changes the content again, so it is retried then.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DelveError, isDelveError } from '../../errors.js';
import { loadTlsMaterial, type TlsMaterial, type TlsSecureOptions } from './load-material.js';
import { isSet, type TlsSettings } from './settings.js';

/** pino-compatible subset. */
export type TlsLogger = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type ReloadResult =
  | { ok: true; changed: boolean; material: TlsMaterial }
  | { ok: false; error: DelveError };

export type TlsReloaderOptions = {
  settings: TlsSettings;
  /** Installs new options, e.g. `opts => server.setSecureContext(opts)`. */
  apply?: (opts: TlsSecureOptions) => void;
  /** Alternative to `apply`: the server whose `setSecureContext` is called. */
  getServer?: () => { setSecureContext(opts: TlsSecureOptions): void } | undefined;
  logger: TlsLogger;
  /** Poll interval for the watched files (default 1000 ms). */
  pollMs?: number;
  /** Called after every reload attempt (for the audit log); `trigger` says what started it. */
  onResult?: (result: ReloadResult, trigger: 'watch' | 'manual') => void;
};

export type TlsReloader = {
  /** Reload now (what SIGHUP calls), whether or not the files changed. */
  reload(): ReloadResult;
  /** Start polling the files (idempotent; the timer does not keep the process alive). */
  start(): void;
  /** Stop polling (idempotent). */
  stop(): void;
  /** The material currently being served. */
  current(): TlsMaterial;
};

/**
 * Create a reloader for an already-serving TLS configuration. Loads the material once (throws the
 * loadTlsMaterial DelveError if it is bad, or DLV_TLS_CONFIG if TLS is off).
 */
export function createTlsReloader(opts: TlsReloaderOptions): TlsReloader {
  const { settings, logger } = opts;
  const pollMs = opts.pollMs ?? 1000;
  const initial = loadTlsMaterial(settings);
  if (initial === null) {
    throw new DelveError('DLV_TLS_CONFIG', 'TLS reload needs DELVE_SSL_PRIVATE_KEY and DELVE_SSL_CERTIFICATE.');
  }
  const apply = opts.apply ?? ((o: TlsSecureOptions) => {
    const server = opts.getServer?.();
    if (server === undefined) throw new Error('no server to apply the TLS context to');
    server.setSecureContext(o);
  });
  const paths = [settings.privateKey, settings.certificate, settings.caCertificate].filter(isSet);
  let material = initial;
  let settled = snapshot(paths); // content of the files the current material (or last failed attempt) came from
  let pending: string | undefined; // changed content seen on the previous tick, waiting to settle
  let timer: NodeJS.Timeout | undefined;

  function attempt(trigger: 'watch' | 'manual'): ReloadResult {
    let result: ReloadResult;
    try {
      const next = loadTlsMaterial(settings);
      if (next === null) throw new DelveError('DLV_TLS_CONFIG', 'TLS settings no longer name a key and certificate.');
      apply(next.secureOptions);
      const changed = next.info.fingerprint256 !== material.info.fingerprint256;
      material = next;
      result = { ok: true, changed, material: next };
      logger.info({ event: 'tls.reload', trigger, serial: next.info.serialNumber, validTo: next.info.validTo.toISOString(),
        fingerprint256: next.info.fingerprint256, changed }, 'TLS certificate reloaded');
      for (const w of next.warnings) logger.warn({ event: 'tls.reload.warning', trigger }, w);
    } catch (e) {
      const error = isDelveError(e)
        ? e
        : new DelveError('DLV_TLS_CONFIG', 'The new TLS key/certificate could not be installed.', { cause: e });
      result = { ok: false, error };
      logger.error({ event: 'tls.reload.failed', trigger, code: error.code, serial: material.info.serialNumber },
        `TLS reload rejected, still serving the previous certificate: ${error.message}`);
    }
    opts.onResult?.(result, trigger);
    return result;
  }

  function tick(): void {
    const now = snapshot(paths);
    if (now === settled) {
      pending = undefined;
      return;
    }
    if (now !== pending) {
      pending = now; // changed since last look: wait one more interval for writers to finish
      return;
    }
    pending = undefined;
    settled = now;
    attempt('watch');
  }

  return {
    reload() {
      settled = snapshot(paths);
      pending = undefined;
      return attempt('manual');
    },
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, pollMs);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
    current: () => material,
  };
}

/**
 * One string identifying the current content of every watched file ('-' for a missing/unreadable one).
 * Hashing the bytes (a few KB) rather than trusting stat alone also catches in-place rewrites that keep the
 * size and land within the file system's timestamp granularity.
 */
function snapshot(paths: string[]): string {
  return paths.map((p) => {
    try {
      return createHash('sha256').update(readFileSync(p)).digest('base64');
    } catch {
      return '-';
    }
  }).join('|');
}
