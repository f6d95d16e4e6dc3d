import { isIP } from 'node:net';
import { DelveError } from '../../errors.js';
import type { BackoffOptions } from './backoff.js';
import type { CollectorLogger } from './types.js';

/** Options of {@link RemoteSink}. */
export interface RemoteSinkOptions {
  /** Base URL of the remote Delve, `https://host[:port][/prefix]`. */
  server: string;
  /** API token with the `ingest` scope (sent as `Authorization: Bearer`; never logged). */
  token: string;
  /** PEM bundle of the CA(s) that sign the server's certificate (replaces the system roots, like curl --cacert). */
  ca?: string;
  /**
   * Turns TLS certificate verification OFF. Only for tests against throw-away servers: every start and every new
   * connection logs a warning, because anyone on the path can then read the token and the events.
   */
  insecure?: boolean;
  /**
   * Allow `http://` to a non-loopback host (the token and events travel in clear text; logged as a warning).
   * `http://` to 127.0.0.0/8, ::1 or localhost is always allowed.
   */
  allowPlainHttp?: boolean;
  /** Path of the ingest endpoint under `server` (default `/api/events/`). */
  endpoint?: string;
  /** Body format: `ndjson` (default; `application/x-ndjson`, one event per line) or `json` (one JSON array). */
  format?: 'ndjson' | 'json';
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Largest Retry-After honoured, in ms (default 300 000). */
  maxRetryAfterMs?: number;
  /** Back-off of `write()` between attempts. */
  retry?: BackoffOptions & {
    /** Attempts per `write()` before it rejects with DLV_FORWARD_UNAVAILABLE (default 5; the caller retries). */
    maxAttempts?: number;
  };
  /**
   * Where `write()` sets aside batches the remote refuses permanently (4xx), as NDJSON (0600). Without it, such a
   * write rejects with DLV_FORWARD_REJECTED. `SpoolSink` handles rejections itself and does not need it.
   */
  rejectedFile?: string;
  logger: CollectorLogger;
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', '[::1]', '::1']);

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Validates `server` + `endpoint` and returns the endpoint URL. Throws DLV_FORWARD_CONFIG naming the option. */
export function endpointUrl(opts: RemoteSinkOptions): URL {
  let base: URL;
  try {
    base = new URL(opts.server);
  } catch {
    throw new DelveError('DLV_FORWARD_CONFIG', '--server must be an absolute URL such as https://delve.example.net:8000.', { field: 'server' });
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new DelveError('DLV_FORWARD_CONFIG', `--server must start with https:// (got ${base.protocol}//).`, { field: 'server' });
  }
  if (base.username !== '' || base.password !== '') {
    throw new DelveError('DLV_FORWARD_CONFIG', '--server must not contain credentials; pass the API token with --token.', { field: 'server' });
  }
  if (base.protocol === 'http:' && !isLoopbackHost(base.hostname) && opts.allowPlainHttp !== true) {
    throw new DelveError('DLV_FORWARD_CONFIG',
      `--server ${base.origin} is plain HTTP to another machine: the token and the events would travel unencrypted. ` +
      'Use https:// (with --ca for a private CA).', { field: 'server' });
  }
  if (base.protocol === 'http:' && (opts.ca !== undefined || opts.insecure === true)) {
    throw new DelveError('DLV_FORWARD_CONFIG', '--ca and insecure only apply to an https:// --server.', { field: 'server' });
  }
  if (typeof opts.token !== 'string' || opts.token.trim() === '' || /[\r\n\0]/.test(opts.token)) {
    throw new DelveError('DLV_FORWARD_CONFIG', '--token must be a non-empty API token on one line (create one with the ingest scope).', { field: 'token' });
  }
  const endpoint = opts.endpoint ?? '/api/events/';
  const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  const url = new URL(base.origin);
  url.pathname = `${prefix}/${endpoint.replace(/^\/+/, '')}`;
  return url;
}
