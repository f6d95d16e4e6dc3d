import { randomUUID } from 'node:crypto';
import { DelveError } from '../../errors.js';
import type { Store } from '../../storage/index.js';
import { iso, MAX_NAME, savedDb, type SavedQueriesTable } from './tables.js';

/** A saved (or about-to-run) query as the API shows it: `{id, created, modified, text, name, _save}`. */
export interface QueryRecord {
  id: string;
  created: string;
  modified: string;
  name: string | null;
  text: string;
  _save: boolean;
  /** True when the record exists in the database (false for an unsaved target of /api/query). */
  persisted: boolean;
}

export interface QueryInput { name: string | null; text: string; _save: boolean }

function toRecord(r: SavedQueriesTable, persisted = true): QueryRecord {
  return { id: r.id, created: iso(r.created), modified: iso(r.modified), name: r.name, text: r.text, _save: r.save === 1, persisted };
}

/** The public JSON shape (without the internal `persisted` flag). */
export function publicQuery(q: QueryRecord): Record<string, unknown> {
  return { id: q.id, created: q.created, modified: q.modified, text: q.text, name: q.name, _save: q._save };
}

/** Validates name and text (400 DLV_SAVED_INVALID naming the field). */
export function validateQueryInput(q: { name?: unknown; text?: unknown; _save?: unknown }): QueryInput {
  if (typeof q.text !== 'string' || q.text.trim() === '') throw new DelveError('DLV_SAVED_INVALID', 'text is required: the pipeline to run.', { field: 'text' });
  if (q.name !== undefined && q.name !== null && typeof q.name !== 'string') throw new DelveError('DLV_SAVED_INVALID', 'name must be a string or null.', { field: 'name' });
  const name = (q.name as string | null | undefined) ?? null;
  if (name !== null && name.length > MAX_NAME) throw new DelveError('DLV_SAVED_INVALID', `name must be at most ${MAX_NAME} characters.`, { field: 'name' });
  if (q._save !== undefined && typeof q._save !== 'boolean') throw new DelveError('DLV_SAVED_INVALID', '_save must be true or false.', { field: '_save' });
  return { name, text: q.text, _save: q._save === true };
}

/**
 * The caller's query with this name (`null` matches the caller's unnamed one; the most recently modified when
 * there are several unnamed ones). Owner-scoped: other users' queries are never returned.
 */
export async function findOwnQueryByName(store: Store, userId: string, name: string | null): Promise<QueryRecord | undefined> {
  let q = savedDb(store).selectFrom('saved_queries').selectAll().where('user_id', '=', userId);
  q = name === null ? q.where('name', 'is', null) : q.where('name', '=', name);
  const row = await q.orderBy('modified', 'desc').limit(1).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The caller's query by id (undefined when missing or someone else's). */
export async function getOwnQuery(store: Store, userId: string, id: string): Promise<QueryRecord | undefined> {
  const row = await savedDb(store).selectFrom('saved_queries').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** One page of the caller's queries, newest first, with the total count. */
export async function listOwnQueries(store: Store, userId: string, page: { limit: number; offset: number }): Promise<{ count: number; results: QueryRecord[] }> {
  const db = savedDb(store);
  const c = await db.selectFrom('saved_queries').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('saved_queries').selectAll().where('user_id', '=', userId).orderBy('modified', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { count: Number(c.n), results: rows.map((r) => toRecord(r)) };
}

function nameTaken(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed/.test(e.message);
}

/** Creates a query owned by the caller (400 DLV_SAVED_NAME_TAKEN if they already have one with that name). */
export async function createQuery(store: Store, userId: string, input: QueryInput): Promise<QueryRecord> {
  const now = Date.now();
  const row: SavedQueriesTable = { id: randomUUID(), user_id: userId, name: input.name, text: input.text, save: input._save ? 1 : 0, created: now, modified: now };
  try {
    await savedDb(store).insertInto('saved_queries').values(row).execute();
  } catch (e) {
    if (nameTaken(e)) throw new DelveError('DLV_SAVED_NAME_TAKEN', `You already have a query named "${input.name}".`, { field: 'name' });
    throw e;
  }
  return toRecord(row);
}

/** Updates the caller's query `id` (undefined when it is not theirs). */
export async function updateQuery(store: Store, userId: string, id: string, input: QueryInput): Promise<QueryRecord | undefined> {
  try {
    const res = await savedDb(store).updateTable('saved_queries').set({ name: input.name, text: input.text, save: input._save ? 1 : 0, modified: Date.now() })
      .where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return undefined;
  } catch (e) {
    if (nameTaken(e)) throw new DelveError('DLV_SAVED_NAME_TAKEN', `You already have a query named "${input.name}".`, { field: 'name' });
    throw e;
  }
  return getOwnQuery(store, userId, id);
}

/** Deletes the caller's query; false when it is not theirs. */
export async function deleteQuery(store: Store, userId: string, id: string): Promise<boolean> {
  const res = await savedDb(store).deleteFrom('saved_queries').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/**
 * /api/query/ step 1+3 (reference §3.1): the caller's query with `input.name` (null matches their unnamed one) is
 * the target, else a new one; it takes the request's text/name/_save and is persisted only when `_save` is true.
 * An unsaved target comes back with `persisted: false` (a fresh id when it is new).
 */
export async function upsertQuery(store: Store, userId: string, input: QueryInput): Promise<QueryRecord> {
  const valid = validateQueryInput(input);
  const existing = await findOwnQueryByName(store, userId, valid.name);
  if (!valid._save) {
    const now = new Date().toISOString();
    return existing ? { ...existing, text: valid.text, _save: false, modified: now } : { id: randomUUID(), created: now, modified: now, name: valid.name, text: valid.text, _save: false, persisted: false };
  }
  if (existing) return (await updateQuery(store, userId, existing.id, valid)) ?? createQuery(store, userId, valid);
  return createQuery(store, userId, valid);
}
