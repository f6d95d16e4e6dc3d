import { pino, stdSerializers, type Logger } from 'pino';
import { DelveError } from '../errors.js';
import { PrettyStream, type TextSink } from './pretty.js';
import { CENSOR, REDACT_PATHS, redactUrl, sanitizeForLog } from './redact.js';
import { RotatingFileStream } from './rotating-file-stream.js';

/** Options of {@link createLogger} and {@link createAccessLogger}. */
export interface LoggerOptions {
  /** Process/component name (`serve`, `syslog`...): the file is `<dir>/<name>.log`, lines carry `"name"`. */
  name: string;
  /** Minimum level: trace, debug, info, warn, error, fatal or silent. */
  level: string;
  /** Log directory (DELVE_LOG_DIR, `var/log`); created 0700. */
  dir: string;
  /** Also write every line to stdout (or `stdoutStream`). */
  stdout: boolean;
  /** On stdout, write `HH:MM:SS LEVEL msg key=value` lines instead of JSON. */
  pretty: boolean;
  /** Rotate a file once it would exceed this many bytes (default 10 MiB). */
  maxBytes?: number;
  /** Rotated files kept per log (default 14). */
  maxFiles?: number;
  /** Clock for timestamps and daily rotation (tests). */
  now?: () => Date;
  /** Where "stdout" output goes (default `process.stdout`; tests pass a PassThrough). */
  stdoutStream?: TextSink & { isTTY?: boolean };
}

/** A logger plus the means to shut it down cleanly. */
export interface DelveLogger {
  logger: Logger;
  /** Stops writing (later log calls are dropped) and resolves once everything written so far has been handed over. */
  close(): Promise<void>;
  /** Absolute paths of this log's files: the active file first, then rotated ones newest first. */
  files(): string[];
}

const LEVELS = new Set([...Object.keys(pino.levels.values), 'silent']);

/**
 * Chooses stdout logging from DELVE_SERVER_LOG_STDOUT and the terminal: stdout is used when the setting is on or
 * stdout is a TTY, and it is pretty exactly when stdout is a TTY (JSON otherwise, for log collectors).
 */
export function resolveStdoutMode(logStdoutSetting: boolean, stdoutIsTTY: boolean): { stdout: boolean; pretty: boolean } {
  return { stdout: logStdoutSetting || stdoutIsTTY, pretty: stdoutIsTTY };
}

/** pino serializers that never emit headers, bodies or query-string secrets. */
export const serializers = {
  /** Request: method, redacted url, remote address and id only (no headers, cookies or body). */
  req(req: { method?: string; url?: string; id?: unknown; ip?: string; socket?: { remoteAddress?: string } }) {
    return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip ?? req.socket?.remoteAddress, requestId: req.id };
  },
  /** Response: status code only. */
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode };
  },
  /** Error: pino's standard error serializer, with secret-looking properties redacted. */
  err(err: Error) {
    // The serialized error has a non-plain prototype, which sanitizeForLog would skip: copy it first.
    return sanitizeForLog({ ...stdSerializers.err(err) });
  },
};

function buildLogger(opts: LoggerOptions, fileBase: string, extraBase: Record<string, unknown>): DelveLogger {
  if (!LEVELS.has(opts.level)) {
    throw new DelveError('DLV_CONFIG_INVALID', `Log level "${opts.level}" is unknown: use trace, debug, info, warn, error, fatal or silent.`, { field: 'DELVE_LOG_LEVEL' });
  }
  const now = opts.now ?? (() => new Date());
  const file = new RotatingFileStream({ dir: opts.dir, baseName: fileBase, maxBytes: opts.maxBytes, maxFiles: opts.maxFiles, now });
  const out: (TextSink & { isTTY?: boolean }) | undefined = opts.stdout ? (opts.stdoutStream ?? process.stdout) : undefined;
  const console = out === undefined ? undefined : opts.pretty ? new PrettyStream(out, out.isTTY === true) : out;
  let closed = false;
  const destination = {
    write(line: string): void {
      if (closed) return;
      file.write(line);
      console?.write(line);
    },
  };
  const logger = pino(
    {
      name: opts.name,
      level: opts.level,
      base: { pid: process.pid, ...extraBase },
      timestamp: () => `,"time":"${now().toISOString()}"`,
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => sanitizeForLog(bindings),
        log: (obj) => sanitizeForLog(obj),
      },
    },
    destination,
  );
  // pino applies formatters.bindings to the root bindings only; children inherit this override, so every
  // child's bindings (logger.child({ token })) are sanitized too.
  const pinoChild = logger.child;
  logger.child = function child(this: Logger, bindings: Record<string, unknown>, options?: Parameters<Logger['child']>[1]) {
    return pinoChild.call(this, sanitizeForLog(bindings), options);
  } as Logger['child'];
  return {
    logger,
    files: () => file.files(),
    async close() {
      if (closed) return;
      closed = true;
      file.close();
      if (out !== undefined) await new Promise<void>((resolve) => out.write('', () => resolve()));
    },
  };
}

/**
 * Creates the application logger: JSON lines (`level` as a label, ISO `time`, `msg`, `name`, `pid`) written
 * synchronously to `<dir>/<name>.log` with size/day rotation (see RotatingFileStream), and also to stdout when
 * `stdout` is set (pretty or JSON). Secrets are removed on the way: pino `redact` paths, a deep
 * {@link sanitizeForLog} of every logged object and of child bindings, and header-free `req`/`res`/`err`
 * serializers. Throws DLV_CONFIG_INVALID for an unknown level or an unwritable directory.
 */
export function createLogger(opts: LoggerOptions): DelveLogger {
  return buildLogger(opts, opts.name, {});
}

/**
 * Creates the access logger: like {@link createLogger} but writing `<dir>/<name>-access.log`, every line
 * tagged `"log":"access"`. Log lines built by `accessLogLine` with `logAccess`.
 */
export function createAccessLogger(opts: LoggerOptions): DelveLogger {
  return buildLogger(opts, `${opts.name}-access`, { log: 'access' });
}
