import { randomUUID } from 'node:crypto';
import { DelveError } from '../errors.js';
import type { Store } from '../storage/index.js';
import type { GroupsTable } from '../storage/tables.js';
import { checkCodenames, forbidden, permissionsOf } from './admin.js';
import { compileIndexAcl, userIndexAcl, validateIndexPattern } from './index-acl.js';
import { DEFAULT_GROUP } from './permissions.js';
import type { User } from './users.js';

/** A group as the API shows it. */
export interface GroupView { id: string; name: string; permissions: string[]; index_read: string[]; index_write: string[] }
export interface GroupInput { name?: string; permissions?: string[]; index_read?: string[]; index_write?: string[] }

const MAX_NAME = 150;
const MAX_PATTERNS = 200;

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

async function viewsOf(store: Store, groups: GroupsTable[]): Promise<GroupView[]> {
  const ids = groups.map((g) => g.id);
  const perms = ids.length === 0 ? [] : await store.db.selectFrom('group_permissions').select(['group_id', 'codename']).where('group_id', 'in', ids).orderBy('codename').execute();
  return groups.map((g) => ({
    id: g.id, name: g.name, permissions: perms.filter((p) => p.group_id === g.id).map((p) => p.codename),
    index_read: parseList(g.index_read), index_write: parseList(g.index_write),
  }));
}

export async function getGroup(store: Store, id: string): Promise<GroupView> {
  const g = await store.db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!g) throw new DelveError('DLV_GROUP_NOT_FOUND', `No group with id "${id.slice(0, 64)}".`, { field: 'id' });
  return (await viewsOf(store, [g]))[0] as GroupView;
}

/** One page of groups ordered by name, with the total count. */
export async function listGroups(store: Store, page: { limit: number; offset: number }): Promise<{ count: number; groups: GroupView[] }> {
  const total = await store.db.selectFrom('groups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await store.db.selectFrom('groups').selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { count: Number(total?.n ?? 0), groups: await viewsOf(store, rows) };
}

function checkGroupName(name: unknown): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (n.length === 0 || n.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(n)) {
    throw new DelveError('DLV_GROUP_INVALID', `Group name must be 1-${MAX_NAME} characters without control characters.`, { field: 'name' });
  }
  return n;
}

function checkPatterns(list: unknown, field: 'index_read' | 'index_write'): string[] {
  if (!Array.isArray(list) || list.length > MAX_PATTERNS) throw new DelveError('DLV_INDEX_INVALID', `${field} must be a list of at most ${MAX_PATTERNS} index patterns.`, { field });
  try {
    return [...new Set(list.map(validateIndexPattern))].sort();
  } catch (e) {
    if (e instanceof DelveError) throw new DelveError('DLV_INDEX_INVALID', e.message, { field });
    throw e;
  }
}

/**
 * Whether every index name pattern `p` can match is also matched by pattern `q` (sound, not complete): `q`'s `*`
 * may stand for any run of `p` (wildcards included), `q`'s `?` for one character of `p` that is not `*`.
 */
export function patternCovers(q: string, p: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (p.length + 1) + j;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === q.length) r = j === p.length;
    else if (q[i] === '*') r = go(i + 1, j) || (j < p.length && go(i, j + 1));
    else if (j === p.length) r = false;
    else if (q[i] === '?') r = p[j] !== '*' && go(i + 1, j + 1);
    else r = q[i] === p[j] && p[j] !== '*' && p[j] !== '?' && go(i + 1, j + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

/**
 * Non-superusers may only grant what they hold: permissions they have, and index patterns covered by their own
 * read (resp. write) patterns. Internal-index patterns (`_…`) are superuser-only. Only additions are checked.
 */
async function assertMayGrant(store: Store, caller: User, before: GroupView | null, after: Required<GroupInput>): Promise<void> {
  if (caller.is_superuser) return;
  const held = await permissionsOf(store, caller);
  const newPerms = after.permissions.filter((c) => !before?.permissions.includes(c) && !held.has(c));
  if (newPerms.length > 0) throw forbidden(`You cannot grant permissions you do not hold yourself: ${newPerms.join(', ')}.`, newPerms.join(','));
  const acl = await userIndexAcl(store, caller);
  for (const [field, own] of [['index_read', acl.readPatterns], ['index_write', acl.writePatterns]] as const) {
    const added = after[field].filter((p) => !before?.[field].includes(p));
    const internal = added.find((p) => p.startsWith('_'));
    if (internal !== undefined) throw forbidden(`Only superusers may grant internal indexes (${internal}).`, 'superuser');
    const wider = added.find((p) => !own.some((q) => !q.startsWith('_') && patternCovers(q, p)));
    if (wider !== undefined) throw forbidden(`You cannot grant ${field} "${wider}": it reaches indexes your own groups do not grant you.`, `${field}:${wider}`);
  }
}

async function assertNameFree(store: Store, name: string, exceptId?: string): Promise<void> {
  let q = store.db.selectFrom('groups').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new DelveError('DLV_GROUP_EXISTS', `A group named "${name}" already exists.`, { field: 'name' });
}

async function normalize(store: Store, input: GroupInput, base: GroupView | null): Promise<Required<GroupInput>> {
  return {
    name: input.name === undefined ? (base?.name ?? checkGroupName(undefined)) : checkGroupName(input.name),
    permissions: input.permissions === undefined ? (base?.permissions ?? []) : await checkCodenames(store, input.permissions, 'permissions', 'DLV_GROUP_INVALID'),
    index_read: input.index_read === undefined ? (base?.index_read ?? []) : checkPatterns(input.index_read, 'index_read'),
    index_write: input.index_write === undefined ? (base?.index_write ?? []) : checkPatterns(input.index_write, 'index_write'),
  };
}

async function writePermissions(store: Store, groupId: string, codenames: string[]): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('group_permissions').where('group_id', '=', groupId).execute();
    if (codenames.length > 0) await tx.insertInto('group_permissions').values(codenames.map((codename) => ({ group_id: groupId, codename }))).execute();
  });
}

/** Creates a group. @throws DelveError DLV_GROUP_INVALID, DLV_GROUP_EXISTS, DLV_INDEX_INVALID, DLV_AUTH_FORBIDDEN. */
export async function createGroup(store: Store, caller: User, input: GroupInput): Promise<GroupView> {
  const g = await normalize(store, input, null);
  await assertMayGrant(store, caller, null, g);
  await assertNameFree(store, g.name);
  const id = randomUUID();
  await store.db.transaction().execute(async (tx) => {
    await tx.insertInto('groups').values({ id, name: g.name, index_read: JSON.stringify(g.index_read), index_write: JSON.stringify(g.index_write), created_at: Date.now() }).execute();
    if (g.permissions.length > 0) await tx.insertInto('group_permissions').values(g.permissions.map((codename) => ({ group_id: id, codename }))).execute();
  });
  return getGroup(store, id);
}

/** Updates a group; returns it and the changed field names. The default `Users` group cannot be renamed. */
export async function updateGroup(store: Store, caller: User, id: string, input: GroupInput): Promise<{ group: GroupView; fields: (keyof GroupInput & keyof GroupView)[] }> {
  const before = await getGroup(store, id);
  const g = await normalize(store, input, before);
  const fields = (['name', 'permissions', 'index_read', 'index_write'] as const).filter((f) => JSON.stringify(g[f]) !== JSON.stringify(before[f]));
  if (fields.includes('name') && before.name === DEFAULT_GROUP.name) throw new DelveError('DLV_GROUP_INVALID', `The default group "${DEFAULT_GROUP.name}" cannot be renamed: new users join it by name.`, { field: 'name' });
  await assertMayGrant(store, caller, before, g);
  if (fields.includes('name')) await assertNameFree(store, g.name, id);
  await store.db.updateTable('groups').set({ name: g.name, index_read: JSON.stringify(g.index_read), index_write: JSON.stringify(g.index_write) }).where('id', '=', id).execute();
  if (fields.includes('permissions')) await writePermissions(store, id, g.permissions);
  return { group: await getGroup(store, id), fields };
}

/** Deletes a group (memberships go with it). The default `Users` group cannot be deleted. */
export async function deleteGroup(store: Store, id: string): Promise<GroupView> {
  const g = await getGroup(store, id);
  if (g.name === DEFAULT_GROUP.name) throw new DelveError('DLV_GROUP_INVALID', `The default group "${DEFAULT_GROUP.name}" cannot be deleted: new users join it.`, { field: 'id' });
  await store.db.deleteFrom('groups').where('id', '=', id).execute();
  return g;
}

/**
 * The existing indexes a pattern matches (for the group editor), at most `max`. Non-superusers see only indexes they
 * may read themselves.
 */
export async function previewPattern(store: Store, caller: User, pattern: string, max = 1000): Promise<string[]> {
  const m = compileIndexAcl([pattern]);
  const acl = await userIndexAcl(store, caller);
  const rows = store.sqlite.prepare<[], { index: string }>('SELECT DISTINCT "index" AS "index" FROM events ORDER BY "index"').all();
  return rows.map((r) => r.index).filter((i) => m.matches(i) && acl.canRead(i)).slice(0, max);
}
