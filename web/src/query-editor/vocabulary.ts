/**
 * Fixed words of the query language the editor knows without asking the server: lookup and transform names
 * (src/query/plan/field-path.ts LOOKUPS, src/query/plan/transforms.ts, src/query/lookups/memory.ts) and the
 * fields every event row has. Commands and their options come from GET /api/search_commands/.
 */

/** Lookups of search/join (database) and filter (in memory: adds eq, ne). */
export const LOOKUPS: readonly string[] = [
  'exact', 'iexact', 'contains', 'icontains', 'in', 'gt', 'gte', 'lt', 'lte', 'startswith', 'istartswith', 'endswith',
  'iendswith', 'range', 'isnull', 'regex', 'iregex', 'has_key', 'has_keys', 'has_any_keys', 'contained_by', 'eq', 'ne',
];

/** Datetime transforms usable before a lookup (`created__year__gte=2024`). */
export const TRANSFORMS: readonly string[] = [
  'year', 'iso_year', 'quarter', 'month', 'week', 'week_day', 'iso_week_day', 'day', 'hour', 'minute', 'second', 'date', 'time',
];

const SUFFIXES = new Set([...LOOKUPS, ...TRANSFORMS]);

/** True for a lookup or transform name (the `gte` of `status__gte`). */
export function isLookupSuffix(s: string): boolean {
  return SUFFIXES.has(s);
}

/** Fields of every event row (the columns `search` can filter on directly). */
export const EVENT_FIELDS: readonly string[] = ['index', 'host', 'source', 'sourcetype', 'text', 'created'];

/** First path segments `search` understands (event columns, their aliases, the JSON column and the user relation). */
export const SEARCHABLE_ROOTS: ReadonlySet<string> = new Set([
  'id', 'pk', 'created', 'index', 'source', 'sourcetype', 'host', 'text', 'extracted_fields', 'user_id', 'user',
]);

/**
 * Split a `__` path into the field part and its trailing lookup/transform suffixes:
 * `created__year__gte` → `["created", "__year__gte"]`, `extracted_fields__status` → `["extracted_fields__status", ""]`.
 * The first segment is always part of the field.
 */
export function splitLookupPath(path: string): [string, string] {
  const parts = path.split('__');
  let k = parts.length;
  while (k > 1 && isLookupSuffix(parts[k - 1] ?? '')) k -= 1;
  const field = parts.slice(0, k).join('__');
  return [field, path.slice(field.length)];
}
