import { randomUUID } from 'node:crypto';
import { DelveError } from '../../errors.js';
import type { Store } from '../../storage/index.js';
import { iso, MAX_CONTEXT_BYTES, MAX_NAME, savedDb, type GlobalContextsTable, type LocalContextsTable } from './tables.js';

export interface GlobalContextRecord { id: string; created: string; modified: string; context: Record<string, unknown> }
export interface LocalContextRecord { id: string; created: string; modified: string; name: string; context: Record<string, unknown> }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks that a context is a JSON object of bounded size and returns its JSON text
 * (400 DLV_SAVED_INVALID "Context must be a mapping" otherwise; reference §1, fixing §12 #20 for locals).
 */
export function contextJson(v: unknown): string {
  if (!isObject(v)) throw new DelveError('DLV_SAVED_INVALID', 'Context must be a mapping: a JSON object such as {"key": "value"}.', { field: 'context' });
  const text = JSON.stringify(v);
  if (Buffer.byteLength(text) > MAX_CONTEXT_BYTES) throw new DelveError('DLV_SAVED_INVALID', `Context must be at most ${MAX_CONTEXT_BYTES} bytes of JSON.`, { field: 'context' });
  return text;
}

function parseContext(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

const toGlobal = (r: GlobalContextsTable): GlobalContextRecord => ({ id: r.id, created: iso(r.created), modified: iso(r.modified), context: parseContext(r.context) });
const toLocal = (r: LocalContextsTable): LocalContextRecord => ({ id: r.id, created: iso(r.created), modified: iso(r.modified), name: r.name, context: parseContext(r.context) });

// ---------------------------------------------------------------- global contexts (one per user)

/** The caller's global context record, if one exists. */
export async function findGlobalContext(store: Store, userId: string): Promise<GlobalContextRecord | undefined> {
  const row = await savedDb(store).selectFrom('global_contexts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toGlobal(row) : undefined;
}

/** The caller's global template context (`{}` when they have none yet). */
export async function getGlobalContext(store: Store, userId: string): Promise<Record<string, unknown>> {
  return (await findGlobalContext(store, userId))?.context ?? {};
}

/** The caller's global context by id (undefined when missing or not theirs). */
export async function getOwnGlobalContext(store: Store, userId: string, id: string): Promise<GlobalContextRecord | undefined> {
  const row = await savedDb(store).selectFrom('global_contexts').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toGlobal(row) : undefined;
}

/**
 * Sets the caller's global context: creates it when missing (`created: true`), else replaces it
 * (fixes reference ⚠BUG: POST when none exists → 500).
 */
export async function upsertGlobalContext(store: Store, userId: string, context: unknown): Promise<{ record: GlobalContextRecord; created: boolean }> {
  const text = contextJson(context);
  const db = savedDb(store);
  const now = Date.now();
  const res = await db.updateTable('global_contexts').set({ context: text, modified: now }).where('user_id', '=', userId).executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) return { record: (await findGlobalContext(store, userId))!, created: false };
  const row: GlobalContextsTable = { id: randomUUID(), user_id: userId, context: text, created: now, modified: now };
  await db.insertInto('global_contexts').values(row).onConflict((oc) => oc.column('user_id').doUpdateSet({ context: text, modified: now })).execute();
  return { record: (await findGlobalContext(store, userId))!, created: true };
}

/** Replaces the context of the caller's global context `id` (undefined when not theirs). */
export async function updateGlobalContext(store: Store, userId: string, id: string, context: unknown): Promise<GlobalContextRecord | undefined> {
  const text = contextJson(context);
  await savedDb(store).updateTable('global_contexts').set({ context: text, modified: Date.now() }).where('id', '=', id).where('user_id', '=', userId).execute();
  return getOwnGlobalContext(store, userId, id);
}

/** Deletes the caller's global context (it reads as `{}` afterwards); false when not theirs. */
export async function deleteGlobalContext(store: Store, userId: string, id: string): Promise<boolean> {
  const res = await savedDb(store).deleteFrom('global_contexts').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

// ---------------------------------------------------------------- local contexts (named, per user)

function validName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new DelveError('DLV_SAVED_INVALID', 'name is required.', { field: 'name' });
  if (name.length > MAX_NAME) throw new DelveError('DLV_SAVED_INVALID', `name must be at most ${MAX_NAME} characters.`, { field: 'name' });
  return name;
}

/** The caller's local context by name (owner-scoped; fixes §12 #10). */
export async function findOwnLocalContext(store: Store, userId: string, name: string): Promise<LocalContextRecord | undefined> {
  const row = await savedDb(store).selectFrom('local_contexts').selectAll().where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
  return row ? toLocal(row) : undefined;
}

export async function getOwnLocalContext(store: Store, userId: string, id: string): Promise<LocalContextRecord | undefined> {
  const row = await savedDb(store).selectFrom('local_contexts').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toLocal(row) : undefined;
}

export async function listOwnLocalContexts(store: Store, userId: string, page: { limit: number; offset: number }): Promise<{ count: number; results: LocalContextRecord[] }> {
  const db = savedDb(store);
  const c = await db.selectFrom('local_contexts').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('local_contexts').selectAll().where('user_id', '=', userId).orderBy('name').limit(page.limit).offset(page.offset).execute();
  return { count: Number(c.n), results: rows.map(toLocal) };
}

/** POST semantics: upsert by (caller, name) — 201 `created: true` or 200 update. Never touches others' contexts. */
export async function upsertLocalContext(store: Store, userId: string, input: { name: unknown; context: unknown }): Promise<{ record: LocalContextRecord; created: boolean }> {
  const name = validName(input.name);
  const text = contextJson(input.context);
  const db = savedDb(store);
  const now = Date.now();
  const res = await db.updateTable('local_contexts').set({ context: text, modified: now }).where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) return { record: (await findOwnLocalContext(store, userId, name))!, created: false };
  await db.insertInto('local_contexts').values({ id: randomUUID(), user_id: userId, name, context: text, created: now, modified: now })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ context: text, modified: now })).execute();
  return { record: (await findOwnLocalContext(store, userId, name))!, created: true };
}

/** PUT/PATCH: changes name and/or context of the caller's context `id` (undefined when not theirs). */
export async function updateLocalContext(store: Store, userId: string, id: string, patch: { name?: unknown; context?: unknown }): Promise<LocalContextRecord | undefined> {
  const set: Partial<LocalContextsTable> = { modified: Date.now() };
  if (patch.name !== undefined) set.name = validName(patch.name);
  if (patch.context !== undefined) set.context = contextJson(patch.context);
  try {
    await savedDb(store).updateTable('local_contexts').set(set).where('id', '=', id).where('user_id', '=', userId).execute();
  } catch (e) {
    if (e instanceof Error && /UNIQUE constraint failed/.test(e.message)) throw new DelveError('DLV_SAVED_NAME_TAKEN', `You already have a local context named "${set.name}".`, { field: 'name' });
    throw e;
  }
  return getOwnLocalContext(store, userId, id);
}

export async function deleteLocalContext(store: Store, userId: string, id: string): Promise<boolean> {
  const res = await savedDb(store).deleteFrom('local_contexts').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
