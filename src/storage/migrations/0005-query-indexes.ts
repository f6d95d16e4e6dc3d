import { sql, type Kysely } from 'kysely';

/**
 * Covering indexes for grouping by host / source / sourcetype (issue 6). Every statement of a non-superuser carries
 * the index ACL (a predicate on "index"), so an index on (host) alone made `GROUP BY host` look up every row in the
 * table; (host, "index") answers `SELECT host, count(*) … WHERE <acl> GROUP BY host` from the index alone. Each
 * single-column index is REPLACED by its two-column version (a prefix serves `host = ?` exactly as before), so
 * ingest still maintains the same number of indexes.
 */
const REPLACED: ReadonlyArray<readonly [old: string, created: string, column: string]> = [
  ['events_host', 'events_host_index', 'host'],
  ['events_source', 'events_source_index', 'source'],
  ['events_sourcetype', 'events_sourcetype_index', 'sourcetype'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [old, created, column] of REPLACED) {
    await sql.raw(`CREATE INDEX IF NOT EXISTS ${created} ON events("${column}", "index")`).execute(db);
    await sql.raw(`DROP INDEX IF EXISTS ${old}`).execute(db);
  }
  // Databases that were ANALYZEd get statistics for the new indexes too (sampled: fast on large tables).
  const analyzed = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(db);
  if ((analyzed.rows[0]?.n ?? 0) > 0) {
    await sql.raw('PRAGMA analysis_limit = 1000').execute(db);
    for (const [, created] of REPLACED) await sql.raw(`ANALYZE ${created}`).execute(db);
    await sql.raw('PRAGMA analysis_limit = 0').execute(db);
  }
}
