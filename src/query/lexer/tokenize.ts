/**
 * POSIX-shell-style tokenizer for one pipeline segment (reference §4.1 rule 2).
 *
 * - Whitespace (space, tab, newline, CR, FF, VT) separates words.
 * - `'…'` is literal; `"…"` honours only `\"` and `\\` (other backslashes are kept, as in sh);
 *   outside quotes a backslash escapes the next character, and backslash-newline is a line continuation.
 * - Quotes are removed and adjacent parts concatenate: `a"b c"d` → `ab cd`; `''` is an empty word.
 * - An unquoted `#` at the START of a word starts a comment to the end of the line.
 *   DIVERGENCE: the original (Python shlex) also started a comment in the middle of a word, so `a#b`
 *   was `a`; we follow POSIX sh, so `a#b` is the word `a#b` and only `a #b` drops `#b`.
 * - An unclosed quote is DLV_QUERY_SYNTAX "No closing quotation" spanning from the quote to the end;
 *   a backslash at the very end is DLV_QUERY_SYNTAX "No escaped character".
 */
import { diagnostic, fail, ok, type Result, type Span } from '../diagnostics.js';
import { isDoubleQuoteEscapable, isShellWhitespace } from './chars.js';

/** One word of a segment. */
export type Token = {
  /** The word after quote removal and escape processing. */
  value: string;
  /** Where the word (including its quotes) sits in the original query text. */
  span: Span;
  /** True when any part of the word was quoted or backslash-escaped. */
  quoted: boolean;
};

export type TokenizeOptions = {
  /**
   * Maps each index of `source` to an offset in the original text (length `source.length + 1`;
   * the last entry is the end offset). Defaults to the identity, i.e. spans are offsets into `source`.
   */
  offsets?: readonly number[];
};

/** Tokenize `source`; never throws. */
export function tokenize(source: string, options: TokenizeOptions = {}): Result<Token[]> {
  const n = source.length;
  const map = options.offsets;
  const at = (i: number): number => (map === undefined ? i : (map[i] ?? map[map.length - 1] ?? i));
  const tokens: Token[] = [];
  let i = 0;
  while (i < n) {
    const c = source.charAt(i);
    if (isShellWhitespace(c)) {
      i += 1;
      continue;
    }
    if (c === '#') {
      while (i < n && source[i] !== '\n') i += 1;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    const start = i;
    let value = '';
    let quoted = false;
    while (i < n && !isShellWhitespace(source[i])) {
      const ch = source.charAt(i);
      if (ch === "'") {
        const close = source.indexOf("'", i + 1);
        if (close < 0) return unclosed(at(i), at(n));
        value += source.slice(i + 1, close);
        quoted = true;
        i = close + 1;
      } else if (ch === '"') {
        let j = i + 1;
        while (j < n && source[j] !== '"') {
          if (source[j] === '\\' && isDoubleQuoteEscapable(source[j + 1])) {
            value += source.charAt(j + 1);
            j += 2;
          } else {
            value += source.charAt(j);
            j += 1;
          }
        }
        if (j >= n) return unclosed(at(i), at(n));
        quoted = true;
        i = j + 1;
      } else if (ch === '\\') {
        if (i + 1 >= n) {
          return fail(
            diagnostic('DLV_QUERY_SYNTAX', 'No escaped character: a backslash ends the query; remove it or write \\\\', {
              start: at(i),
              end: at(n),
            }),
          );
        }
        const next = source.charAt(i + 1);
        if (next !== '\n') value += next;
        quoted = true;
        i += 2;
      } else {
        value += ch;
        i += 1;
      }
    }
    tokens.push({ value, span: { start: at(start), end: at(i) }, quoted });
  }
  return ok(tokens);
}

function unclosed(start: number, end: number): Result<Token[]> {
  return fail(
    diagnostic('DLV_QUERY_SYNTAX', 'No closing quotation: add the matching quote or escape this one with a backslash', {
      start,
      end,
    }),
  );
}
