import type { SqliteDb } from '../sqlite/open.js';
import { cachedStatement } from './statements.js';
import { FTS_WATERMARK } from './types.js';

/** The FTS indexer watermark: every event with `seq <= watermark` is in `events_fts`. */
export function ftsWatermark(sqlite: SqliteDb): number {
  const v = cachedStatement(sqlite, 'SELECT value FROM fts_state WHERE name = ?').pluck().get(FTS_WATERMARK);
  return typeof v === 'number' ? v : Number(v ?? 0);
}
