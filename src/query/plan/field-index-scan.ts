/**
 * Grouping by an indexed field (DELVE_INDEXED_FIELDS, src/storage/field-indexes.ts) when SQLite's planner does not
 * pick the field index by itself.
 *
 * With no condition but the index ACL, SQLite scans the field index (`extracted_fields -> '$."k"'`, "index") and gets
 * the groups in order. With `index=web` it prefers events_index_created and sorts every row, because it cannot
 * tell that the expression index also covers the statement (it reads the expression from the index at run time, but
 * plans as if each row needed the table). When every condition of the statement is on "index" — columns the field
 * index holds — a full scan of the field index is never slower than that plan, so the statement names the index
 * (`INDEXED BY`). Any other condition (time range, full text, other fields) leaves the choice to SQLite: a narrow time
 * range is far cheaper through events_index_created.
 */
import { FIELD_INDEX_PREFIX, indexedExpression, keysOfIndex } from '../../storage/field-indexes.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { EVENTS_ALIAS } from './model.js';
import type { Expr } from './plan.js';

type Cached = { version: number; byExpr: Map<string, string> };
const cache = new WeakMap<SqliteDb, Cached>();

/** Indexed group-key expression (as the compiler spells it) → index name, for the connection's current schema. */
function fieldIndexesOf(db: SqliteDb): Map<string, string> {
  const version = db.pragma('schema_version', { simple: true }) as number;
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.byExpr;
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND substr(name, 1, ${FIELD_INDEX_PREFIX.length}) = ?`)
    .pluck().all(FIELD_INDEX_PREFIX) as string[];
  const byExpr = new Map<string, string>();
  for (const name of names) {
    const keys = keysOfIndex(name);
    if (keys) byExpr.set(indexedExpression(EVENTS_ALIAS, keys), name);
  }
  cache.set(db, { version, byExpr });
  return byExpr;
}

const FROM = `FROM events AS ${EVENTS_ALIAS} `;
/** A column reference other than e."index", a subquery, or a full-text match: the statement needs more than the index. */
const BEYOND_INDEX = new RegExp(`\\b${EVENTS_ALIAS}\\."(?!index")|\\(\\s*SELECT\\b|\\bMATCH\\b|\\bJOIN\\b`, 'i');

/**
 * The statement `sql` (a grouped SELECT by `keys`) forced onto the field index of its one key, or undefined when
 * that does not apply: several keys, no such index, or a condition the index cannot answer.
 */
export function forceFieldIndex(db: SqliteDb, sql: string, keys: readonly Expr[]): string | undefined {
  if (keys.length !== 1 || (keys[0] as Expr).frag.params.length > 0) return undefined;
  const key = (keys[0] as Expr).frag.sql;
  const index = fieldIndexesOf(db).get(key);
  if (index === undefined) return undefined;
  const from = sql.indexOf(FROM);
  const groupBy = sql.indexOf(' GROUP BY ');
  if (from < 0 || groupBy < 0 || sql.indexOf(FROM, from + 1) >= 0) return undefined;
  // Everything but the key itself must be answerable from (key, "index"): select list, WHERE, GROUP BY, ORDER BY.
  if (BEYOND_INDEX.test(sql.split(key).join(''))) return undefined;
  return `${sql.slice(0, from)}${FROM}INDEXED BY "${index}" ${sql.slice(from + FROM.length)}`;
}
