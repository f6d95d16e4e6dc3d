import type { Kysely } from 'kysely';
import type { Store } from '../../storage/index.js';
import type { DB } from '../../storage/tables.js';

/** Saved objects' tables (migration 0004). Times are epoch milliseconds. */
export interface SavedQueriesTable {
  id: string;
  user_id: string;
  name: string | null;
  text: string;
  /** The `_save` flag (0/1). */
  save: number;
  created: number;
  modified: number;
}
export interface GlobalContextsTable { id: string; user_id: string; context: string; created: number; modified: number }
export interface LocalContextsTable { id: string; user_id: string; name: string; context: string; created: number; modified: number }
export interface FileUploadsTable {
  id: string;
  user_id: string;
  title: string;
  /** Random generated file name under `<DELVE_MEDIA_ROOT>/` (never user-controlled). */
  stored_name: string;
  size: number;
  created: number;
  modified: number;
}
export interface SavedDB {
  saved_queries: SavedQueriesTable;
  global_contexts: GlobalContextsTable;
  local_contexts: LocalContextsTable;
  file_uploads: FileUploadsTable;
}

/** The store's Kysely instance, typed with the saved-object tables too (same connection). */
export function savedDb(store: Store): Kysely<DB & SavedDB> {
  return store.db as unknown as Kysely<DB & SavedDB>;
}

/** Longest name/title (reference §1: ≤1024). */
export const MAX_NAME = 1024;
/** Largest stored context (JSON bytes). */
export const MAX_CONTEXT_BYTES = 1_048_576;

export const iso = (ms: number): string => new Date(ms).toISOString();
