import type { SqliteDb } from '../sqlite/open.js';
import { ftsWatermark } from './fts-state.js';
import { cachedStatement } from './statements.js';

/**
 * Removes events from the full-text index. Call it in the same transaction as `DELETE FROM events` (before or
 * after: `events_fts` is contentless with `contentless_delete=1`, so the rowid alone is enough and the old text
 * is not needed). Seqs that were never indexed are ignored. Without this, a deleted event's words stay in the
 * index; searches still never return it (they join back to `events`), but the index keeps growing.
 */
export function deleteFromIndex(sqlite: SqliteDb, seqs: Iterable<number>): void {
  const del = cachedStatement(sqlite, 'DELETE FROM events_fts WHERE rowid = ?');
  inTransaction(sqlite, () => {
    const wm = ftsWatermark(sqlite);
    for (const seq of seqs) if (seq <= wm) del.run(seq);
  });
}

/**
 * Re-indexes events whose `text` changed (call it in the transaction that updates them). Events above the
 * watermark are skipped: the indexer will pick up their new text.
 */
export function reindexEvents(sqlite: SqliteDb, seqs: Iterable<number>): void {
  const del = cachedStatement(sqlite, 'DELETE FROM events_fts WHERE rowid = ?');
  const ins = cachedStatement(sqlite, 'INSERT INTO events_fts (rowid, text) SELECT seq, text FROM events WHERE seq = ?');
  inTransaction(sqlite, () => {
    const wm = ftsWatermark(sqlite);
    for (const seq of seqs) {
      if (seq > wm) continue;
      del.run(seq);
      ins.run(seq);
    }
  });
}

function inTransaction(sqlite: SqliteDb, fn: () => void): void {
  if (sqlite.inTransaction) fn();
  else sqlite.transaction(fn).immediate();
}
