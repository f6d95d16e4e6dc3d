import type { IngestEvent } from '../sink.js';

/**
 * The logging calls collectors use. A pino `Logger` satisfies it; tests may pass a small recorder. Never log
 * tokens, passwords or event bodies through it.
 */
export interface CollectorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that discards everything. */
export const silentLogger: CollectorLogger = { info() {}, warn() {}, error() {} };

/** What one delivery attempt of a batch to a remote Delve produced. */
export type SendResult =
  | { kind: 'ok'; status: number }
  /** Temporary failure (network, TLS, timeout, 5xx, 408, 429): try again later, after `retryAfterMs` if given. */
  | { kind: 'retry'; status?: number; retryAfterMs?: number; reason: string }
  /** Permanent failure for this batch (4xx other than 408/429): retrying the same bytes will not help. */
  | { kind: 'rejected'; status: number; reason: string };

/** Sends one batch once, classifying the outcome. Implemented by `RemoteSink`. */
export interface BatchSender {
  send(events: readonly IngestEvent[]): Promise<SendResult>;
  close(): Promise<void>;
}

/** Counters of a sink that can report them (`SpoolSink`, `RemoteSink`). */
export interface SinkCounters {
  /** Events durably written to the local spool. */
  spooled: number;
  /** Events acknowledged (2xx) by the remote server. */
  forwarded: number;
  /** Delivery attempts that failed temporarily and were retried. */
  retried: number;
  /** Events the remote refused permanently (4xx), set aside in the rejected file. */
  rejected: number;
  /** Bytes in the spool not yet acknowledged by the remote. */
  spoolBytes: number;
}
