/** Pure helpers for row results: the column union, sorting and the field names seen (no DOM, no React). */
import { displayValue, getOwn, isRecord, type Rec } from './values';

/** Most rows scanned for column names (a 100,000-row result is still scanned whole: it is cheap). */
export const COLUMN_SCAN_LIMIT = 200_000;

/** The union of the rows' keys, in first-seen order. */
export function columnUnion(rows: readonly unknown[], limit = COLUMN_SCAN_LIMIT): string[] {
  const seen = new Set<string>();
  const n = Math.min(rows.length, limit);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (isRecord(row)) for (const k of Object.keys(row)) seen.add(k);
  }
  return [...seen];
}

/** The JSON field whose keys are offered as `extracted_fields__key` (the query language's JSON path lookup). */
export const EXTRACTED = 'extracted_fields';

/** Field names for editor autocomplete: top-level keys plus `extracted_fields__key` for every extracted key seen. */
export function fieldNames(rows: readonly unknown[], limit = 10_000): string[] {
  const top = columnUnion(rows, COLUMN_SCAN_LIMIT);
  const extracted = new Set<string>();
  const n = Math.min(rows.length, limit);
  for (let i = 0; i < n; i++) {
    const ef = getOwn(rows[i], EXTRACTED);
    if (isRecord(ef)) for (const k of Object.keys(ef)) extracted.add(`${EXTRACTED}__${k}`);
  }
  return [...top, ...extracted];
}

export type SortDir = 'asc' | 'desc';
export interface SortState { column: string; dir: SortDir }

/** Next state when a column header is clicked: none → asc → desc → none. */
export function nextSort(cur: SortState | null, column: string): SortState | null {
  if (cur === null || cur.column !== column) return { column, dir: 'asc' };
  return cur.dir === 'asc' ? { column, dir: 'desc' } : null;
}

// Sort ranks: numbers, then text, then booleans, then containers (by JSON text); null/missing always last.
const RANK_NUMBER = 0;
const RANK_TEXT = 1;
const RANK_BOOL = 2;
const RANK_JSON = 3;
const RANK_NULL = 4;

function rankOf(v: unknown): number {
  if (v === null || v === undefined) return RANK_NULL;
  if (typeof v === 'number') return Number.isNaN(v) ? RANK_NULL : RANK_NUMBER;
  if (typeof v === 'string') return RANK_TEXT;
  if (typeof v === 'boolean') return RANK_BOOL;
  return RANK_JSON;
}

/**
 * A fast sort key for text: lower-cased, each digit run as a length mark + the digits (so "a2" < "a10", digits
 * before letters), first 200 characters. Plain `<` on these keys is much faster than Intl.Collator on 100,000 rows.
 */
export function textSortKey(s: string): string {
  return s.slice(0, 200).toLowerCase().replace(/\d+/g, (d) => {
    const t = d.replace(/^0+(?=\d)/, '');
    return `\u0001${String.fromCharCode(0x20 + t.length)}${t}`;
  });
}

function sortKeys(values: readonly unknown[], ranks: readonly number[]): (number | string)[] {
  const cache = new Map<string, string>();
  const textKey = (s: string): string => {
    let k = cache.get(s);
    if (k === undefined) cache.set(s, (k = textSortKey(s)));
    return k;
  };
  return values.map((v, i) => {
    switch (ranks[i]) {
      case RANK_NUMBER: return v as number;
      case RANK_TEXT: return textKey(v as string);
      case RANK_BOOL: return v ? 1 : 0;
      case RANK_JSON: return textSortKey(displayValue(v));
      default: return 0;
    }
  });
}

/**
 * The display order of `rows` sorted by a column (a new index array; the rows are not touched). Numbers before
 * text before booleans before objects; null and missing values last in both directions; stable.
 */
export function sortedOrder(rows: readonly unknown[], sort: SortState | null): number[] {
  const order = rows.map((_, i) => i);
  if (sort === null) return order;
  const values = rows.map((r) => getOwn(r, sort.column));
  const ranks = values.map(rankOf);
  const keys = sortKeys(values, ranks);
  const sign = sort.dir === 'asc' ? 1 : -1;
  order.sort((i, j) => {
    const ri = ranks[i] as number;
    const rj = ranks[j] as number;
    if (ri !== rj) {
      if (ri === RANK_NULL || rj === RANK_NULL) return ri === RANK_NULL ? 1 : -1;
      return sign * (ri - rj);
    }
    if (ri === RANK_NULL) return i - j;
    const a = keys[i] as number | string;
    const b = keys[j] as number | string;
    if (a < b) return -sign;
    if (a > b) return sign;
    if (ri === RANK_TEXT) {
      const x = values[i] as string;
      const y = values[j] as string;
      if (x !== y) return x < y ? -sign : sign;
    }
    return i - j;
  });
  return order;
}

/** The rows that are plain objects (non-objects in a row result are shown as `{value: …}`). */
export function asRecords(rows: readonly unknown[]): Rec[] {
  return rows.map((r) => (isRecord(r) ? r : { value: r }));
}
