/** Character classes shared by the pipeline splitter and the tokenizer (they must agree). */

/** Whitespace that separates words: space, tab, newline, carriage return, form feed, vertical tab. */
export function isShellWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** Inside double quotes a backslash escapes only `"` and `\` (POSIX sh minus `$`/backtick, which we do not expand). */
export function isDoubleQuoteEscapable(c: string | undefined): boolean {
  return c === '"' || c === '\\';
}
