/**
 * Diagnostics for the query language: errors are data, not throws.
 *
 * Every front-end function (split, tokenize, parsePipeline, parseArgs, splitTerm) returns a
 * `Result`: either `{ ok: true, value }` or `{ ok: false, diagnostics }`. A diagnostic carries a
 * stable DLV_* code, a message that says what to fix, and a span (UTF-16 offsets into the ORIGINAL
 * query text) that an editor can underline.
 */
import { DelveError, type ErrorCode } from '../errors.js';

/** Half-open range `[start, end)` of UTF-16 code units in the original query text. */
export type Span = { start: number; end: number };

/** One problem found in a query. */
export type Diagnostic = {
  code: ErrorCode;
  message: string;
  span: Span;
  /** The pipeline segment the problem belongs to (0-based index and command name), when known. */
  command?: { index: number; name: string };
  /** Optional extra help, e.g. the command's usage line. */
  hint?: string;
};

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; diagnostics: Diagnostic[] };
export type Result<T> = Ok<T> | Err;

/** Wrap a value as a successful result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** A failed result holding one or more diagnostics. */
export function fail(...diagnostics: Diagnostic[]): Err {
  return { ok: false, diagnostics };
}

/** Build a diagnostic; `extra` may add `command` and `hint`. */
export function diagnostic(
  code: ErrorCode,
  message: string,
  span: Span,
  extra: { command?: { index: number; name: string }; hint?: string } = {},
): Diagnostic {
  const d: Diagnostic = { code, message, span: { start: span.start, end: span.end } };
  if (extra.command !== undefined) d.command = { index: extra.command.index, name: extra.command.name };
  if (extra.hint !== undefined) d.hint = extra.hint;
  return d;
}

/** A span covering both `a` and `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Clamp a span into `[0, length]` with `start <= end`. */
export function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  const end = Math.max(start, Math.min(span.end, length));
  return { start, end };
}

/** Attach (or replace) the command a set of diagnostics belongs to. */
export function withCommand(diagnostics: Diagnostic[], command: { index: number; name: string }): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, command: { index: command.index, name: command.name } }));
}

/**
 * Convert a diagnostic into a DelveError (for layers that throw, e.g. the HTTP error handler).
 * The span and command travel in `details`, so the API can return them to the editor.
 */
export function diagnosticToError(d: Diagnostic): DelveError {
  const details: Record<string, unknown> = { span: { start: d.span.start, end: d.span.end } };
  if (d.command !== undefined) details['command'] = { index: d.command.index, name: d.command.name };
  if (d.hint !== undefined) details['hint'] = d.hint;
  return new DelveError(d.code, d.message, { details });
}

/** Render a diagnostic as one line: `DLV_X @start-end message`. Handy in logs and tests. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.code} @${d.span.start}-${d.span.end} ${d.message}`;
}
