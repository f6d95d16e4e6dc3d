/**
 * `KEY=VALUE` terms (search, join, filter, eval, set): split at the first `=`, a leading `!` on the
 * key negates, and the key must match the field-path grammar, so a field path can never carry SQL.
 */
import { diagnostic, fail, ok, type Result, type Span } from '../diagnostics.js';
import type { Token } from '../lexer/index.js';

/**
 * Field-path grammar (DESIGN §1.2): identifier segments joined by `__`. The textbook form
 * `^[A-Za-z_][A-Za-z0-9_]*(__[A-Za-z0-9_]+)*$` describes the same language but backtracks
 * exponentially on inputs like `a__a__a…!` (ReDoS), so we match the linear equivalent below and
 * check the segments separately in isFieldPath.
 */
export const FIELD_PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Term = {
  /** True when the key started with `!`. */
  negate: boolean;
  /** The key without `!`, e.g. `extracted_fields__status__gte`. */
  key: string;
  /** The key split at `__`, e.g. `['extracted_fields', 'status', 'gte']`. */
  path: string[];
  /** Everything after the first `=` (not cast). */
  value: string;
  /** The token's span. */
  span: Span;
};

/**
 * Whether `key` is a valid field path: matches FIELD_PATH_RE and has no empty `__` segment
 * (`a__`, `__a` and `a____b` are refused).
 */
export function isFieldPath(key: string): boolean {
  if (!FIELD_PATH_RE.test(key)) return false;
  return key.split('__').every((segment) => segment.length > 0);
}

/** Split a `[!]KEY=VALUE` token; a token without `=` or with a bad key yields a DLV_QUERY_ARGUMENT diagnostic. */
export function splitTerm(token: Token): Result<Term> {
  const text = token.value;
  const eq = text.indexOf('=');
  if (eq < 0) {
    return fail(diagnostic('DLV_QUERY_ARGUMENT', `Expected a KEY=VALUE term, got ${quote(text)}.`, token.span));
  }
  let key = text.slice(0, eq);
  const value = text.slice(eq + 1);
  const negate = key.startsWith('!');
  if (negate) key = key.slice(1);
  if (!isFieldPath(key)) {
    const hint = key.endsWith('!') ? ` To negate, write !${key.slice(0, -1)}=${value}.` : '';
    return fail(
      diagnostic(
        'DLV_QUERY_ARGUMENT',
        `Invalid field name ${quote(key)} in ${quote(text)}: use letters, digits and _ in segments joined by __ (e.g. extracted_fields__status).${hint}`,
        token.span,
      ),
    );
  }
  return ok({ negate, key, path: key.split('__'), value, span: { start: token.span.start, end: token.span.end } });
}

/** Python-repr-like quoting for messages, truncated so huge tokens do not flood an error. */
function quote(s: string): string {
  const short = s.length > 80 ? `${s.slice(0, 77)}...` : s;
  return `'${short.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
