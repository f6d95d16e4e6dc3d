/**
 * Page cache of the connections queries run on. SQLite's default is 2 MiB, so a statement that touches the newest
 * 100 000 events (tens of MiB of table pages) re-reads every page from the OS on each run; with a larger cache the
 * pages a dashboard keeps asking for stay in the process (measured on 1M events: `GROUP BY host` over the covering
 * index 110 → 75 ms, the newest 100 000 rows grouped by host 190 → 120 ms). The cache only grows as pages are read.
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';

/** Page cache per query connection, in KiB. */
export const QUERY_CACHE_KIB = 64 * 1024;

const tuned = new WeakSet<SqliteDb>();

/** Raise the connection's page cache to QUERY_CACHE_KIB (never lowers a larger one); idempotent. */
export function tuneQueryCache(db: SqliteDb): void {
  if (tuned.has(db)) return;
  tuned.add(db);
  const current = Number(db.pragma('cache_size', { simple: true }));
  const kib = current < 0 ? -current : current * Number(db.pragma('page_size', { simple: true })) / 1024;
  if (kib < QUERY_CACHE_KIB) db.pragma(`cache_size = -${QUERY_CACHE_KIB}`);
}
