import type { SqliteDb } from '../sqlite/open.js';
import { ftsWatermark } from './fts-state.js';
import { cachedStatement } from './statements.js';

/** A parameterized SQL condition on the `events` table aliased `e`, built by the query compiler (never user text). */
export interface SqlCondition {
  sql: string;
  params: readonly unknown[];
}

export interface FullTextSearch {
  /** User words; every term must match (AND). Each term is a phrase: `foo-bar` matches the words foo, bar in a row. */
  terms: readonly string[];
  /** Most seqs returned (newest first). */
  limit: number;
  /** Extra filter on `events e` (index ACL, time range, field lookups). */
  where?: SqlCondition;
}

/**
 * Builds an FTS5 MATCH string from user words: each term becomes a double-quoted phrase with inner quotes
 * doubled (NULs become spaces), so no input can inject FTS5 syntax (OR, NEAR, *, ^, column filters).
 * Semantics are FTS5's: a term is split into words by the `unicode61 remove_diacritics 2` tokenizer
 * (case- and accent-insensitive); a term with no word characters matches nothing alone and is ignored next to
 * other terms. Throws a RangeError for an empty list (the caller decides what "no terms" means).
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  if (terms.length === 0) throw new RangeError('ftsMatchExpression needs at least one term');
  return terms.map((t) => `"${t.replace(/\0/g, ' ').replace(/"/g, '""')}"`).join(' ');
}

const TAIL = 'delve_fts_tail';
const TOKENIZE = 'unicode61 remove_diacritics 2'; // must equal events_fts's tokenizer (migration 0003)

/**
 * Seqs of the events whose text matches every term, newest (highest seq) first, at most `limit`. Complete even
 * while the indexer lags: events up to the watermark are found through `events_fts`; the unindexed tail
 * (seq > watermark) is tokenized at query time in a per-connection TEMP FTS5 table with the same tokenizer, so
 * both halves have identical match semantics. Runs in one read transaction (one consistent snapshot).
 */
export function searchFullText(sqlite: SqliteDb, q: FullTextSearch): number[] {
  if (!Number.isInteger(q.limit) || q.limit < 1) throw new RangeError(`searchFullText limit must be a positive integer (got ${q.limit})`);
  const match = ftsMatchExpression(q.terms);
  const whereSql = q.where ? ` AND (${q.where.sql})` : '';
  const whereParams = q.where?.params ?? [];
  const prepare = (sql: string) => (q.where ? sqlite.prepare(sql) : cachedStatement(sqlite, sql));
  const run = (): number[] => {
    const wm = ftsWatermark(sqlite);
    cachedStatement(sqlite, `INSERT INTO temp.${TAIL} (${TAIL}) VALUES ('delete-all')`).run();
    prepare(`INSERT INTO temp.${TAIL} (rowid, text) SELECT e.seq, e.text FROM events e WHERE e.seq > ?${whereSql}`).run(wm, ...whereParams);
    const tail = cachedStatement(sqlite, `SELECT rowid FROM temp.${TAIL} WHERE ${TAIL} MATCH ? ORDER BY rowid DESC LIMIT ?`)
      .pluck().all(match, q.limit) as number[];
    cachedStatement(sqlite, `INSERT INTO temp.${TAIL} (${TAIL}) VALUES ('delete-all')`).run();
    if (tail.length >= q.limit) return tail;
    const indexed = prepare(`SELECT e.seq FROM events_fts f JOIN events e ON e.seq = f.rowid
      WHERE events_fts MATCH ? AND f.rowid <= ?${whereSql} ORDER BY f.rowid DESC LIMIT ?`)
      .pluck().all(match, wm, ...whereParams, q.limit - tail.length) as number[];
    return tail.concat(indexed);
  };
  ensureTailTable(sqlite);
  return sqlite.inTransaction ? run() : sqlite.transaction(run).deferred();
}

const prepared = new WeakSet<SqliteDb>();

function ensureTailTable(sqlite: SqliteDb): void {
  if (prepared.has(sqlite)) return;
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${TAIL} USING fts5(text, content='', contentless_delete=1, tokenize='${TOKENIZE}')`);
  prepared.add(sqlite);
}
