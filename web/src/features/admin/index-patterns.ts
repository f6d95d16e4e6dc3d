/**
 * Index read/write pattern lists for the group editor: parsing the textarea (one pattern per line; commas and spaces
 * also separate), the same validity rule as the server (src/auth/index-acl.ts INDEX_PATTERN_RE), and summarising a
 * live preview. Pure functions, unit-tested.
 */
export const INDEX_PATTERN_RE = /^[A-Za-z0-9_*?][A-Za-z0-9_.*?-]{0,254}$/;
/** The server accepts at most this many patterns per list. */
export const MAX_PATTERNS = 200;

export interface ParsedPatterns {
  /** Valid patterns, de-duplicated, in the order typed. */
  patterns: string[];
  /** Entries that are not valid patterns (shown as errors, never sent). */
  invalid: string[];
}

export function parsePatternText(text: string): ParsedPatterns {
  const seen = new Set<string>();
  const patterns: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const p = raw.trim();
    if (p === '' || seen.has(p)) continue;
    seen.add(p);
    (INDEX_PATTERN_RE.test(p) ? patterns : invalid).push(p);
  }
  return { patterns, invalid };
}

export const patternsToText = (list: readonly string[]): string => list.join('\n');

/** The message for a list that cannot be saved, or null when it can. */
export function patternListError(parsed: ParsedPatterns): string | null {
  if (parsed.invalid.length > 0) {
    const shown = parsed.invalid.slice(0, 3).map((p) => JSON.stringify(p.length > 40 ? `${p.slice(0, 40)}…` : p)).join(', ');
    return `Not a valid index pattern: ${shown}${parsed.invalid.length > 3 ? ` and ${parsed.invalid.length - 3} more` : ''}. Use letters, digits, _ . - and the wildcards * and ?; start with a letter, digit, _, * or ?.`;
  }
  if (parsed.patterns.length > MAX_PATTERNS) return `At most ${MAX_PATTERNS} patterns per list.`;
  return null;
}

/** Per-pattern preview state: loading, the matched indexes, or an error message. */
export type PreviewState = { status: 'loading' } | { status: 'ok'; indexes: string[] } | { status: 'error'; message: string };

export interface PreviewSummary {
  /** Indexes matched by at least one pattern, sorted. */
  union: string[];
  /** Patterns whose preview is still loading. */
  pending: number;
  /** Patterns that match no existing index. */
  empty: string[];
}

/** Combines per-pattern previews into what the list as a whole grants today. */
export function summarizePreview(patterns: readonly string[], states: ReadonlyMap<string, PreviewState>): PreviewSummary {
  const union = new Set<string>();
  let pending = 0;
  const empty: string[] = [];
  for (const p of patterns) {
    const s = states.get(p);
    if (!s || s.status === 'loading') { pending++; continue; }
    if (s.status === 'ok') {
      if (s.indexes.length === 0) empty.push(p);
      for (const i of s.indexes) union.add(i);
    }
  }
  return { union: [...union].sort(), pending, empty };
}
