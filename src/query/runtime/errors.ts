/**
 * How a failed pipeline is reported (DESIGN §6): `{code, message, command: {index, name}, span: {start, end}}` with a
 * real HTTP status. Diagnostics (syntax, unknown command, arguments, templates) keep their own span; errors thrown by
 * a running command get that command's span. Unexpected errors never leak internals (DESIGN §1.4, §1.6).
 */
import { DelveError, isDelveError, type ErrorCode } from '../../errors.js';
import type { Diagnostic, Span } from '../diagnostics.js';

/** Which pipeline command failed (0-based index and name). */
export type CommandRef = { index: number; name: string };

/** A failed run. */
export interface QueryFailure {
  code: ErrorCode;
  message: string;
  /** HTTP status for the API. */
  status: number;
  command?: CommandRef;
  span?: Span;
  /** The argument at fault, when the command said so. */
  field?: string;
  /** Set when the error was unexpected (DLV_INTERNAL): the original error, for the server log only. */
  cause?: unknown;
}

/** A failure from a front-end diagnostic (always 400). */
export function failureFromDiagnostic(d: Diagnostic, command?: CommandRef): QueryFailure {
  const cmd = command ?? d.command;
  return { code: d.code, message: d.message, status: 400, span: d.span, ...(cmd ? { command: cmd } : {}) };
}

/** The abort reason of a run's signal as a DelveError (timeout or cancellation). */
export function abortError(signal: AbortSignal): DelveError {
  const r: unknown = signal.reason;
  if (isDelveError(r)) return r;
  return new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled.');
}

/**
 * A failure from anything a command threw. When the run's signal was aborted the abort reason wins (commands may
 * surface an abort as any error). A DelveError's own `details.span` narrows the command's span.
 */
export function failureFromError(e: unknown, command: CommandRef, span: Span, signal: AbortSignal): QueryFailure {
  const err = signal.aborted ? abortError(signal) : e;
  if (isDelveError(err)) {
    const d = err.details as { span?: Span } | undefined;
    const f: QueryFailure = { code: err.code, message: err.message, status: err.status, command, span: d?.span ?? span };
    if (err.field !== undefined) f.field = err.field;
    if (err.code === 'DLV_INTERNAL') f.cause = err.cause ?? err;
    return f;
  }
  return {
    code: 'DLV_INTERNAL', message: `${command.name} failed unexpectedly (details are in the server log).`, status: 500, command, span, cause: e,
  };
}

/** The JSON error body of the API: `{error: {code, message, command?, span?, field?}}` (never the cause). */
export function errorBody(f: QueryFailure): { error: Record<string, unknown> } {
  return {
    error: {
      code: f.code,
      message: f.message,
      ...(f.command ? { command: f.command } : {}),
      ...(f.span ? { span: f.span } : {}),
      ...(f.field ? { field: f.field } : {}),
    },
  };
}

/** A failure as a DelveError (for callers that throw, e.g. run_query's nested pipelines and the CLI). */
export function failureToError(f: QueryFailure, prefix = ''): DelveError {
  return new DelveError(f.code, `${prefix}${f.message}`, {
    status: f.status,
    details: { ...(f.command ? { command: f.command } : {}), ...(f.span ? { span: f.span } : {}) },
    ...(f.field ? { field: f.field } : {}),
    ...(f.cause === undefined ? {} : { cause: f.cause }),
  });
}
