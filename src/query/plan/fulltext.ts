/**
 * Bare search words (DESIGN §5): full-text terms, ANDed. Two interchangeable implementations behind one switch:
 * - `fts`: the FTS5 index `events_fts` below the indexer watermark, plus the unindexed tail (seq > watermark)
 *   tokenised at query time into a per-connection TEMP FTS5 table with the same tokenizer (prepareFullTextTail must
 *   run on the connection before the statement), so results are complete while the indexer lags.
 * - `like`: a case-insensitive substring scan of `text` (databases without migration 0003).
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { ftsMatchExpression } from '../../storage/events/fts-query.js';
import { column, type SqlDialect } from './dialect.js';
import { EVENTS_ALIAS } from './model.js';
import { cat, joinFrags, param, raw, type Frag } from './sql.js';

export type TextSearchMode = 'fts' | 'like';

/** Name of the per-connection TEMP FTS5 table holding the unindexed tail. */
export const FTS_TAIL_TABLE = 'delve_query_fts_tail';
const TOKENIZE = 'unicode61 remove_diacritics 2'; // must equal events_fts's tokenizer (migration 0003)
/** The indexer watermark as a scalar sub-query: every event with seq <= it is in events_fts. */
export const FTS_WATERMARK_SQL = `(SELECT value FROM fts_state WHERE name = 'events_fts_watermark')`;

/**
 * The condition "the event's text matches every term". `minSeq` (fts mode only) restricts the indexed part to
 * rowids >= minSeq, so only that range of the index is read (see fulltext-floor.ts for when that is exact).
 */
export function fullTextCondition(terms: readonly string[], mode: TextSearchMode, dialect: SqlDialect, minSeq?: number): Frag {
  const seq = column(dialect, EVENTS_ALIAS, 'seq');
  if (terms.length === 0) return raw('1 = 1');
  if (mode === 'like') {
    const text = column(dialect, EVENTS_ALIAS, 'text');
    return cat('(', joinFrags(terms.map((t) => dialect.textMatch(text, t, 'contains', true)), ' AND '), ')');
  }
  const match = ftsMatchExpression(terms);
  return cat(seq, ' IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ', param(match),
    ` AND rowid <= ${FTS_WATERMARK_SQL}`, minSeq === undefined ? '' : cat(' AND rowid >= ', param(minSeq)),
    ` UNION ALL SELECT rowid FROM temp.${FTS_TAIL_TABLE} WHERE ${FTS_TAIL_TABLE} MATCH `, param(match), ')');
}

/** Which mode a connection supports: `fts` when the events_fts table exists. */
export function detectTextSearch(db: SqliteDb): TextSearchMode {
  const row = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events_fts'`).get();
  return row === undefined ? 'like' : 'fts';
}

/**
 * Fill the TEMP tail table with the events above the watermark that `aclWhere` (a predicate on `events e`) allows.
 * Run right before a statement using fullTextCondition in `fts` mode, on the same connection.
 */
export function prepareFullTextTail(db: SqliteDb, aclWhere: Frag): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${FTS_TAIL_TABLE} USING fts5(text, content='', contentless_delete=1, tokenize='${TOKENIZE}')`);
  db.prepare(`INSERT INTO temp.${FTS_TAIL_TABLE} (${FTS_TAIL_TABLE}) VALUES ('delete-all')`).run();
  db.prepare(`INSERT INTO temp.${FTS_TAIL_TABLE} (rowid, text) SELECT e.seq, e.text FROM events AS e
    WHERE e.seq > (SELECT value FROM fts_state WHERE name = 'events_fts_watermark') AND (${aclWhere.sql})`).run(...aclWhere.params);
}
