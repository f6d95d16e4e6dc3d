/**
 * Case folding for the case-insensitive lookups (iexact icontains istartswith iendswith), shared by the in-memory
 * lookups (memory.ts) and the database ones (the `delve_casefold` SQL function, plan/sqlite-functions.ts), so both
 * agree. Folding is Unicode-aware like Python/Django on PostgreSQL: `ÉCOLE` icontains `éc`.
 *
 * fold(s) = upper case, then lower case (JavaScript's full mappings), then ς → σ and ß (from ẞ) → ss. That is close to
 * Unicode full case folding (Python's str.casefold()): É/é, Σ/σ/ς, ſ/s, K (KELVIN SIGN)/k, ß/ss, ﬁ/fi all match, and
 * it does not depend on a character's neighbours (plain lower-casing would turn a word-final Σ into ς).
 */

/** Whether `s` is all ASCII (the fast path: SQL LIKE folds exactly these letters). */
export function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

/** `s` case-folded for comparison (not for display: use toLowerCase for Lower()). */
export function foldCase(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  return s.toUpperCase().toLowerCase().replace(/[ςß]/g, (c) => (c === 'ς' ? 'σ' : 'ss'));
}

/**
 * Characters whose folding contains an ASCII character: ß ẞ İ ı ŉ ſ ǰ ẖ ẗ ẘ ẙ ẚ K(KELVIN SIGN) ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
 * (ß→ss, İ→i̇, ı→i, ſ→s, K→k, ﬁ→fi, …). Only these, in the VALUE, make the database's ASCII fast path (LIKE, taken when
 * the PATTERN is all ASCII) differ from foldCase: `ﬁle` icontains `file` is true in memory, false in the database.
 */
export function foldsToAscii(ch: string): boolean {
  return !isAscii(ch) && /[\x00-\x7f]/.test(foldCase(ch));
}
