import { sql, type Kysely } from 'kysely';

/**
 * Saved objects (reference §1): queries, global contexts (one per user), local contexts and file uploads.
 * Everything is owner-scoped and removed with its owner. Differences from the reference (§12 #10, #20):
 * local-context names and file titles are unique per owner (not globally, and never ambiguous), and a
 * query name is unique per owner when set (a duplicate used to make /api/query answer 500).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE saved_queries (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, name TEXT,
      text TEXT NOT NULL, save INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, modified INTEGER NOT NULL)`,
    `CREATE UNIQUE INDEX saved_queries_owner_name ON saved_queries(user_id, name) WHERE name IS NOT NULL`,
    `CREATE INDEX saved_queries_owner ON saved_queries(user_id, modified)`,
    `CREATE TABLE global_contexts (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      context TEXT NOT NULL DEFAULT '{}', created INTEGER NOT NULL, modified INTEGER NOT NULL)`,
    `CREATE TABLE local_contexts (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, name TEXT NOT NULL,
      context TEXT NOT NULL DEFAULT '{}', created INTEGER NOT NULL, modified INTEGER NOT NULL, UNIQUE (user_id, name))`,
    `CREATE TABLE file_uploads (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, title TEXT NOT NULL,
      stored_name TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,
      UNIQUE (user_id, title))`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
