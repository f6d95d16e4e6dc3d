import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDb } from '../sqlite/open.js';

const caches = new WeakMap<SqliteDb, Map<string, Database.Statement>>();

/** A prepared statement cached per connection: hot paths prepare each SQL text once. */
export function cachedStatement(sqlite: SqliteDb, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) { cache = new Map(); caches.set(sqlite, cache); }
  let stmt = cache.get(sql);
  if (!stmt) { stmt = sqlite.prepare(sql); cache.set(sql, stmt); }
  return stmt;
}
