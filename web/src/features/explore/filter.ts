/**
 * "Click a value to filter": turn (field, value, negate) into a query term and put it into the query text.
 *
 * Terms follow the server's rules: `[!]path[__lookup]=value` (a leading `!` negates; `field!=value` is NOT valid),
 * words are split POSIX-shell style, and values are cast (`5` is a number, `"5"` is text, `true`/`null` are
 * literals, ISO dates are datetimes). So a string that would cast to something else gets an inner quote layer
 * (`code='"5"'`), a value with spaces or quotes is single-quoted, null becomes `path__isnull=True`, and values
 * holding template syntax are wrapped in `{%raw%}…{%endraw%}` so they are not rendered.
 *
 * Where it goes: event fields (index, host, …, extracted_fields__x) are added to the FIRST `search` command, so
 * the database does the filtering; other fields (computed by later commands) are added as `| filter term` at the
 * end (merged into a trailing `filter`). An empty query becomes `search term`. (Prepending `search … |` to a
 * pipeline that starts with another command would break it: `search` and `read_file` must both be first.)
 */
import { scan } from '../../query-editor/lexer';
import { SEARCHABLE_ROOTS } from '../../query-editor/vocabulary';

const PATH = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const LOOKS_LITERAL = /^\s*(?:[-+]?(?:\d|\.\d)|0[xXoObB]|(?:true|false|null|none|nan|inf|infinity)\s*$|[[({'"])/i;
const ISO_DATE = /^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const TEMPLATE = /\{[{%#]/;

/** A field name as a query path: `extracted_fields.status` → `extracted_fields__status`; null when impossible. */
export function fieldPath(field: string): string | null {
  const p = field.trim().replace(/\./g, '__');
  return PATH.test(p) && p.split('__').every((s) => s !== '') ? p : null;
}

/** Quote a word for the shell-style tokenizer (unchanged when it needs no quoting). */
export function shellQuote(s: string): string {
  if (s !== '' && SHELL_SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** The text a value is written as, before shell quoting (cast must give back the same value). */
export function literalText(value: unknown, opts: { dates?: boolean } = {}): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') {
    if (opts.dates && ISO_DATE.test(value)) return value.trim();
    if (value.trim() === '' || LOOKS_LITERAL.test(value) || ISO_DATE.test(value) || value !== value.trim()) return JSON.stringify(value);
    return value;
  }
  return JSON.stringify(value) ?? 'null';
}

export type FilterTarget = 'search' | 'filter';

/** One term: `host=web1`, `!host='web 1'`, `extracted_fields__code='"5"'`, `host__isnull=True`. Null for bad fields. */
export function formatTerm(field: string, value: unknown, negate: boolean, target: FilterTarget = 'search'): string | null {
  const path = fieldPath(field);
  if (path === null) return null;
  const bang = negate ? '!' : '';
  if (value === null || value === undefined) return `${bang}${path}__isnull=True`;
  const isCreated = path === 'created' || path.startsWith('created__');
  const text = literalText(value, { dates: target === 'search' && isCreated });
  const term = `${bang}${path}=${shellQuote(text)}`;
  return TEMPLATE.test(term) ? `{%raw%}${term}{%endraw%}` : term;
}

/** True when `search` can filter on this field itself (an event column, JSON key path or user relation). */
export function isSearchField(field: string): boolean {
  const path = fieldPath(field);
  return path !== null && SEARCHABLE_ROOTS.has(path.split('__')[0] ?? '');
}

/** Insert `add` after the last word of the segment (before any trailing comment), or after `fallback`. */
function insertAfterLastWord(text: string, words: readonly { end: number }[], fallback: number, add: string): string {
  const at = words.length ? (words[words.length - 1]?.end ?? fallback) : fallback;
  return `${text.slice(0, at)} ${add}${text.slice(at)}`;
}

/**
 * The query with a filter on `field` added (see the module comment for where it goes), or null when the field
 * cannot be written as a term (e.g. a name with spaces).
 */
export function addFilter(text: string, field: string, value: unknown, negate: boolean): string | null {
  if (text.trim() === '') {
    const term = formatTerm(field, value, negate, 'search');
    return term && isSearchField(field) ? `search ${term}` : null;
  }
  const { segments } = scan(text);
  const search = segments.find((s) => s.words[0]?.value === 'search');
  if (search && isSearchField(field)) {
    const term = formatTerm(field, value, negate, 'search');
    return term === null ? null : insertAfterLastWord(text, search.words, search.end, term);
  }
  const term = formatTerm(field, value, negate, 'filter');
  if (term === null) return null;
  const last = segments[segments.length - 1];
  if (last && last.words[0]?.value === 'filter' && last.words.length > 1) return insertAfterLastWord(text, last.words, last.end, term);
  if (last && last.words.length === 0 && segments.length > 1) {
    // a trailing `|`: fill the empty segment
    return `${text.trimEnd()} filter ${term}`;
  }
  const at = last?.words.length ? (last.words[last.words.length - 1]?.end ?? text.length) : text.trimEnd().length;
  return `${text.slice(0, at)} | filter ${term}${text.slice(at)}`;
}
