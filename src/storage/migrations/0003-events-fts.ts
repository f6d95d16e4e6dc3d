import { sql, type Kysely } from 'kysely';

/**
 * Full-text index on `events.text` (DESIGN §5). A contentless FTS5 table (`content=''`) keyed by `events.seq`,
 * with `contentless_delete=1` (SQLite >= 3.43) so an event is removed from the index by rowid alone. There are
 * NO triggers: the background indexer (src/storage/events/fts-indexer.ts) follows `events` by seq and records
 * its watermark (the last indexed seq) in `fts_state`, so the ingest commit never waits for the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE VIRTUAL TABLE events_fts USING fts5(
      text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
    `CREATE TABLE fts_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID`,
    `INSERT INTO fts_state (name, value) VALUES ('events_fts_watermark', 0)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
