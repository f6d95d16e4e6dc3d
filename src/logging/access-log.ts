import type { Logger } from 'pino';
import { redactUrl } from './redact.js';

/** What the server knows about a finished request. */
export interface AccessLogEntry {
  method: string;
  /** The raw request URL (path + query); query secrets are removed by {@link accessLogLine}. */
  url: string;
  status: number;
  durationMs: number;
  /** Response body bytes sent. */
  bytes: number;
  remoteAddress: string | undefined;
  requestId: string;
  /** Username once the request was authenticated. */
  user?: string | undefined;
}

/** The object written for one access-log line. */
export interface AccessLogLine {
  method: string;
  url: string;
  status: number;
  durationMs: number;
  bytes: number;
  remoteAddress: string | null;
  requestId: string;
  user?: string;
}

/**
 * Builds the access-log object for one request. The URL keeps its path and harmless query parameters; the
 * values of sensitive-looking query keys (token, key, secret, password, auth, sig, code, session, csrf...,
 * see `isSensitiveQueryKey`) become `[redacted]` and the fragment is dropped. The method is upper-cased and
 * cut to 16 characters, the duration rounded to 0.01 ms. No headers, cookies or bodies are ever included.
 */
export function accessLogLine(entry: AccessLogEntry): AccessLogLine {
  const line: AccessLogLine = {
    method: String(entry.method).toUpperCase().slice(0, 16),
    url: redactUrl(entry.url),
    status: entry.status,
    durationMs: Math.round(entry.durationMs * 100) / 100,
    bytes: entry.bytes,
    remoteAddress: entry.remoteAddress ?? null,
    requestId: entry.requestId,
  };
  if (entry.user !== undefined && entry.user !== '') line.user = entry.user;
  return line;
}

/** Writes one access-log line at info level with the message `METHOD url status`. */
export function logAccess(logger: Logger, entry: AccessLogEntry): void {
  const line = accessLogLine(entry);
  logger.info(line, `${line.method} ${line.url} ${line.status}`);
}
