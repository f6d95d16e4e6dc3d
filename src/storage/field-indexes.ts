/**
 * Indexed fields (DELVE_INDEXED_FIELDS): expression indexes on keys of `extracted_fields`, for the keys people
 * group by all day (`qs_group_by extracted_fields__status`, `stats count --by extracted_fields__status`).
 *
 * SQLite has no hash aggregation: grouping by a JSON key reads and parses every row and then sorts or hashes the
 * keys (about a second per million events here). An index on exactly the expression the query compiler emits for a
 * group key, `extracted_fields -> '$."status"'`, followed by "index" (so the index ACL in every WHERE is answered
 * from the index too), hands SQLite the groups in order: the same query reads the index alone (tens of ms per
 * million). Equality filters written against the JSON text (`-> … = '500'`) use it as well.
 *
 * The declared list is reconciled at `./fl serve` start and `./fl migrate`: missing indexes are built (progress on
 * the console: building one over a large table takes seconds per million events and blocks writers meanwhile),
 * indexes no longer declared are dropped. Each index costs ingest one more B-tree insert per event.
 */
import { DelveError } from '../errors.js';
import { column, sqliteDialect } from '../query/plan/dialect.js';
import { raw } from '../query/plan/sql.js';
import type { SqliteDb } from './sqlite/open.js';

/** Index names this module owns; nothing else may use the prefix. */
export const FIELD_INDEX_PREFIX = 'events_xf_';

const KEY = /^[A-Za-z0-9_]+$/;

export type FieldIndex = { field: string; keys: string[]; name: string; sql: string };

/** The keys of a field index from its name (`events_xf_user__name` → ['user', 'name']), or undefined. */
export function keysOfIndex(name: string): string[] | undefined {
  if (!name.startsWith(FIELD_INDEX_PREFIX)) return undefined;
  const keys = name.slice(FIELD_INDEX_PREFIX.length).split('__');
  return keys.every((k) => KEY.test(k)) ? keys : undefined;
}

/**
 * The indexed expression of `keys` on a table alias: spelled by the query compiler's own dialect (a JSON group key is
 * `jsonText(e."extracted_fields", keys)`), since SQLite uses an expression index only for the identical expression.
 */
export function indexedExpression(alias: string, keys: readonly string[]): string {
  return sqliteDialect.jsonText(column(sqliteDialect, alias, 'extracted_fields'), keys).sql;
}

/** One declared field (`status`, `user__name`, or with the `extracted_fields__` prefix) → its index definition. */
export function fieldIndex(field: string): FieldIndex {
  const trimmed = field.trim();
  const keys = (trimmed.startsWith('extracted_fields__') ? trimmed.slice('extracted_fields__'.length) : trimmed).split('__');
  if (trimmed === '' || !keys.every((k) => KEY.test(k))) {
    throw new DelveError('DLV_CONFIG_INVALID', `DELVE_INDEXED_FIELDS: ${JSON.stringify(field.slice(0, 80))} is not a field path (keys of extracted_fields: letters, digits and _, nested keys joined by __, e.g. status or user__name).`, { field: 'DELVE_INDEXED_FIELDS' });
  }
  const name = `${FIELD_INDEX_PREFIX}${keys.join('__')}`;
  return { field: `extracted_fields__${keys.join('__')}`, keys, name, sql: `CREATE INDEX "${name}" ON events(${sqliteDialect.jsonText(raw('"extracted_fields"'), keys).sql}, "index")` };
}

/** The declared list, validated and de-duplicated. */
export function fieldIndexes(fields: readonly string[]): FieldIndex[] {
  const out = new Map<string, FieldIndex>();
  for (const f of fields) {
    const d = fieldIndex(f);
    out.set(d.name, d);
  }
  return [...out.values()];
}

export type FieldIndexReport = { created: string[]; dropped: string[]; kept: string[] };
export type FieldIndexProgress = (event: { phase: 'create' | 'drop'; field: string; name: string; events?: number; ms?: number }) => void;

/** Build the declared field indexes that are missing, drop the ones no longer declared. Idempotent. */
export function syncFieldIndexes(db: SqliteDb, fields: readonly string[], progress: FieldIndexProgress = () => {}): FieldIndexReport {
  const wanted = fieldIndexes(fields);
  const existing = new Map(
    (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND substr(name, 1, ${FIELD_INDEX_PREFIX.length}) = ?`)
      .all(FIELD_INDEX_PREFIX) as Array<{ name: string; sql: string }>).map((r) => [r.name, r.sql]),
  );
  const report: FieldIndexReport = { created: [], dropped: [], kept: [] };
  const dropIndex = (name: string, field: string): void => {
    progress({ phase: 'drop', field, name });
    db.exec(`DROP INDEX IF EXISTS "${name}"`);
    report.dropped.push(name);
  };
  for (const [name] of existing) {
    if (!wanted.some((w) => w.name === name)) dropIndex(name, `extracted_fields__${name.slice(FIELD_INDEX_PREFIX.length)}`);
  }
  const analyzed = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`).get() as { n: number };
  for (const w of wanted) {
    const have = existing.get(w.name);
    if (have === w.sql) { report.kept.push(w.name); continue; }
    if (have !== undefined) dropIndex(w.name, w.field);
    const events = (db.prepare('SELECT max(seq) AS n FROM events').get() as { n: number | null }).n ?? 0;
    progress({ phase: 'create', field: w.field, name: w.name, events });
    const t = performance.now();
    db.exec(w.sql);
    // Statistics for the planner when the database has them (sampled: fast on large tables).
    if (analyzed.n > 0) db.exec(`PRAGMA analysis_limit = 1000; ANALYZE "${w.name}"; PRAGMA analysis_limit = 0`);
    progress({ phase: 'create', field: w.field, name: w.name, events, ms: Math.round(performance.now() - t) });
    report.created.push(w.name);
  }
  return report;
}
