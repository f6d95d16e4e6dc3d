import type { ProgressStream } from '../../util/progress.js';
import type { EventSink } from '../sink.js';
import type { LongLineMode } from './lines.js';

/** The subset of a pino logger the collectors use. */
export interface CollectorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface TailOptions {
  /** Glob patterns (absolute, or relative to `cwd`); re-expanded every `rescanMs`, so files created later are found. */
  patterns: readonly string[];
  /** Where delivered offsets are recorded (e.g. `var/tail-files.json`). */
  checkpointPath: string;
  /** Event fields; `source` is always the file's absolute real path. */
  defaults: { index: string; host: string; sourcetype: string };
  /** Receives batches; the checkpoint advances only after `write` resolved. The tailer never closes it. */
  sink: EventSink;
  cwd?: string;
  /** How often files are checked for new data (default 250 ms). */
  pollMs?: number;
  /** How often the patterns are expanded again (default 2000 ms). */
  rescanMs?: number;
  /** Longest line shipped as one event (default 1 MiB); longer lines are split or truncated (`longLines`). */
  maxLineBytes?: number;
  longLines?: LongLineMode;
  /** How long a last line without terminator waits before it is shipped with `_partial: true` (default 5000 ms). */
  partialFlushMs?: number;
  /** A batch is sent when it holds `maxEvents` (default 1000) or its oldest event waited `maxDelayMs` (200). */
  batch?: { maxEvents?: number; maxDelayMs?: number };
  /**
   * Files found at startup that the checkpoint does not know: read from the beginning (true, default) or only
   * what is appended from now on (false). Files appearing later are always read from the beginning.
   */
  readFromStart?: boolean;
  /** On close, how long to keep retrying delivery of queued events (default 10000 ms). */
  closeTimeoutMs?: number;
  logger?: CollectorLogger;
  /** Draws a catch-up progress bar here when it is a TTY (e.g. process.stderr). */
  progress?: ProgressStream;
}

export interface TailCounters {
  /** Files currently open. */
  filesTracked: number;
  filesOpened: number;
  filesClosed: number;
  rotations: number;
  truncations: number;
  bytesRead: number;
  linesRead: number;
  eventsDelivered: number;
  batchesDelivered: number;
  deliveryFailures: number;
  /** Events read but not yet delivered. */
  eventsPending: number;
  partialFlushes: number;
  linesSplit: number;
  linesTruncated: number;
  checkpointWrites: number;
  lastError: string | undefined;
}

export interface TailHandle {
  /** A snapshot of the counters. */
  counters(): TailCounters;
  /**
   * Rescans the patterns, reads everything available, delivers it and writes the checkpoint. Rejects with the
   * sink's error when delivery failed (the events stay queued and are retried).
   */
  flush(): Promise<void>;
  /**
   * Stops polling, delivers what is queued (retrying up to `closeTimeoutMs`), writes the checkpoint and closes the
   * files. Lines not yet delivered are read again on the next start (at-least-once). Call it on SIGTERM.
   */
  close(): Promise<void>;
}
