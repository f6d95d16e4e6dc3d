import type { Settings } from '../config/schema.js';
import { DelveError } from '../errors.js';
import { assertValidPassword, hashPassword } from '../security/passwords/index.js';
import type { Store } from '../storage/index.js';
import { revokeAllForUser } from './tokens.js';
import { createUser, validateEmail, type User } from './users.js';

/** What user administration needs (AuthServices satisfies it; src/auth does not import the server). */
export interface AdminServices {
  store: Store;
  settings: Pick<Settings, 'PASSWORD_MIN_LENGTH'>;
  sessions: { destroyAllForUser(userId: string): Promise<number> };
  basicCache: { invalidateUser(userId: string): void };
}

/** A user with their group names and direct permission codenames (sorted). */
export interface UserView { user: User; groups: string[]; permissions: string[] }

/** Fields an administrator may set. `groups` holds names or ids; `permissions` codenames. */
export interface UserPatch {
  email?: string;
  first_name?: string;
  last_name?: string;
  is_active?: boolean;
  is_superuser?: boolean;
  groups?: string[];
  permissions?: string[];
  password?: string;
}

/** What changed: field names only (never values of passwords). */
export interface UserChange { view: UserView; fields: string[]; disabled: boolean; endedSessions: number; revokedTokens: number }

const PRIVILEGE_FIELDS = ['is_superuser', 'groups', 'permissions'] as const;
const SELF_LOCKED = new Set(['is_superuser', 'groups', 'permissions', 'is_active']);
const MAX_NAME = 150;

/** A 403 whose `details.needed` says what was missing (routes audit it as `permission.denied`). */
export function forbidden(message: string, needed: string): DelveError {
  return new DelveError('DLV_AUTH_FORBIDDEN', message, { details: { needed } });
}

export async function getUserById(store: Store, id: string): Promise<User> {
  const u = await store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw new DelveError('DLV_USER_NOT_FOUND', `No user with id "${id.slice(0, 64)}".`, { field: 'id' });
  return u;
}

/** Group names and direct permissions of several users in two queries. */
export async function viewsOf(store: Store, users: User[]): Promise<UserView[]> {
  const ids = users.map((u) => u.id);
  const groups = ids.length === 0 ? [] : await store.db.selectFrom('user_groups').innerJoin('groups', 'groups.id', 'user_groups.group_id')
    .select(['user_groups.user_id', 'groups.name']).where('user_groups.user_id', 'in', ids).orderBy('groups.name').execute();
  const perms = ids.length === 0 ? [] : await store.db.selectFrom('user_permissions').select(['user_id', 'codename'])
    .where('user_id', 'in', ids).orderBy('codename').execute();
  return users.map((user) => ({
    user,
    groups: groups.filter((g) => g.user_id === user.id).map((g) => g.name),
    permissions: perms.filter((p) => p.user_id === user.id).map((p) => p.codename),
  }));
}

/** One page of users ordered by username, with the total count. */
export async function listUsers(store: Store, page: { limit: number; offset: number }): Promise<{ count: number; views: UserView[] }> {
  const total = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const users = await store.db.selectFrom('users').selectAll().orderBy('username').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { count: Number(total?.n ?? 0), views: await viewsOf(store, users) };
}

/** Every permission codename a user holds (own + groups; superusers all; disabled users none). */
export async function permissionsOf(store: Store, user: Pick<User, 'id' | 'is_superuser' | 'is_active'>): Promise<Set<string>> {
  if (!user.is_active) return new Set();
  if (user.is_superuser) return new Set((await store.db.selectFrom('permissions').select('codename').execute()).map((r) => r.codename));
  const own = await store.db.selectFrom('user_permissions').select('codename').where('user_id', '=', user.id).execute();
  const viaGroups = await store.db.selectFrom('group_permissions').innerJoin('user_groups', 'user_groups.group_id', 'group_permissions.group_id')
    .select('group_permissions.codename').where('user_groups.user_id', '=', user.id).execute();
  return new Set([...own, ...viaGroups].map((r) => r.codename));
}

/** Checks that every codename exists. @throws DelveError `code` with `field` naming the first unknown one. */
export async function checkCodenames(store: Store, codenames: unknown, field: string, code: 'DLV_USER_INVALID' | 'DLV_GROUP_INVALID'): Promise<string[]> {
  if (!Array.isArray(codenames) || codenames.some((c) => typeof c !== 'string')) throw new DelveError(code, `${field} must be a list of permission codenames.`, { field });
  const list = [...new Set(codenames as string[])].sort();
  const known = new Set((await store.db.selectFrom('permissions').select('codename').execute()).map((r) => r.codename));
  const bad = list.find((c) => !known.has(c));
  if (bad !== undefined) throw new DelveError(code, `Unknown permission "${bad.slice(0, 64)}": use codenames such as view_event or change_user.`, { field });
  return list;
}

/** Resolves group names or ids to ids. @throws DelveError DLV_USER_INVALID (field `groups`) for an unknown one. */
async function resolveGroups(store: Store, refs: unknown): Promise<string[]> {
  if (!Array.isArray(refs) || refs.some((r) => typeof r !== 'string')) throw new DelveError('DLV_USER_INVALID', 'groups must be a list of group names or ids.', { field: 'groups' });
  const rows = await store.db.selectFrom('groups').select(['id', 'name']).execute();
  const ids = new Set<string>();
  for (const ref of refs as string[]) {
    const g = rows.find((r) => r.id === ref) ?? rows.find((r) => r.name.toLowerCase() === ref.toLowerCase());
    if (!g) throw new DelveError('DLV_USER_INVALID', `No group named "${ref.slice(0, 64)}".`, { field: 'groups' });
    ids.add(g.id);
  }
  return [...ids].sort();
}

function checkName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new DelveError('DLV_USER_INVALID', `${field} must be at most ${MAX_NAME} characters without control characters.`, { field });
  }
  return value;
}

/**
 * The escalation rules (DESIGN §4.5) for `caller` changing `fields` of `target` (null: creating a user). Nobody may
 * change their own is_superuser/groups/permissions/is_active (no self-escalation, no self-lock-out) or set their own
 * password here; only superusers may change privileges or touch a superuser.
 * @throws DelveError DLV_AUTH_FORBIDDEN with `details.needed`.
 */
export function assertMayChange(caller: Pick<User, 'id' | 'is_superuser'>, target: Pick<User, 'id' | 'is_superuser'> | null, fields: readonly string[]): void {
  if (target && target.id === caller.id) {
    const locked = fields.filter((f) => SELF_LOCKED.has(f));
    if (locked.length > 0) throw forbidden(`You cannot change your own ${locked.join(', ')}: ask another administrator (this also prevents locking yourself out).`, 'another administrator');
    if (fields.includes('password')) throw forbidden('Change your own password with POST /api/auth/password (it needs your current password).', 'current password');
  }
  if (target?.is_superuser && !caller.is_superuser) throw forbidden('Only superusers may change a superuser.', 'superuser');
  const priv = fields.filter((f) => (PRIVILEGE_FIELDS as readonly string[]).includes(f));
  if (priv.length > 0 && !caller.is_superuser) throw forbidden(`Only superusers may set ${priv.join(', ')}.`, 'superuser');
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields of `patch` whose value differs from the user's current one. */
async function changedFields(store: Store, view: UserView, patch: UserPatch, groupIds: string[] | undefined): Promise<string[]> {
  const u = view.user;
  const out: string[] = [];
  for (const f of ['email', 'first_name', 'last_name'] as const) if (patch[f] !== undefined && patch[f] !== u[f]) out.push(f);
  if (patch.is_active !== undefined && patch.is_active !== (u.is_active === 1)) out.push('is_active');
  if (patch.is_superuser !== undefined && patch.is_superuser !== (u.is_superuser === 1)) out.push('is_superuser');
  if (groupIds !== undefined) {
    const current = (await store.db.selectFrom('user_groups').select('group_id').where('user_id', '=', u.id).execute()).map((r) => r.group_id).sort();
    if (!sameList(current, groupIds)) out.push('groups');
  }
  if (patch.permissions !== undefined && !sameList(view.permissions, patch.permissions)) out.push('permissions');
  if (patch.password !== undefined) out.push('password');
  return out;
}

/**
 * Applies an administrator's change to a user after the escalation rules. A new password is validated and ends the
 * user's sessions; disabling ends every session, revokes every API token and drops cached Basic credentials.
 * @throws DelveError DLV_AUTH_FORBIDDEN, DLV_USER_INVALID, DLV_PASSWORD_INVALID.
 */
export async function updateUser(svc: AdminServices, caller: User, target: User, patch: UserPatch): Promise<UserChange> {
  const store = svc.store;
  if (patch.email !== undefined) validateEmail(checkName(patch.email, 'email'));
  if (patch.first_name !== undefined) checkName(patch.first_name, 'first_name');
  if (patch.last_name !== undefined) checkName(patch.last_name, 'last_name');
  const permissions = patch.permissions === undefined ? undefined : await checkCodenames(store, patch.permissions, 'permissions', 'DLV_USER_INVALID');
  const groupIds = patch.groups === undefined ? undefined : await resolveGroups(store, patch.groups);
  const [before] = await viewsOf(store, [target]);
  const fields = await changedFields(store, before as UserView, { ...patch, permissions }, groupIds);
  assertMayChange(caller, target, fields);
  let hash: string | undefined;
  if (patch.password !== undefined) {
    if (typeof patch.password !== 'string') throw new DelveError('DLV_PASSWORD_INVALID', 'password must be a string.', { field: 'password' });
    assertValidPassword(patch.password, {
      minLength: svc.settings.PASSWORD_MIN_LENGTH, username: target.username, email: patch.email ?? target.email,
      firstName: patch.first_name ?? target.first_name, lastName: patch.last_name ?? target.last_name,
    });
    hash = await hashPassword(patch.password);
  }
  const set: Partial<User> = {};
  for (const f of ['email', 'first_name', 'last_name'] as const) if (fields.includes(f)) set[f] = patch[f] as string;
  if (fields.includes('is_active')) set.is_active = patch.is_active ? 1 : 0;
  if (fields.includes('is_superuser')) { set.is_superuser = patch.is_superuser ? 1 : 0; set.is_staff = set.is_superuser; }
  if (hash !== undefined) { set.password = hash; set.password_changed_at = Date.now(); }
  await store.db.transaction().execute(async (tx) => {
    if (Object.keys(set).length > 0) await tx.updateTable('users').set(set).where('id', '=', target.id).execute();
    if (groupIds !== undefined && fields.includes('groups')) {
      await tx.deleteFrom('user_groups').where('user_id', '=', target.id).execute();
      if (groupIds.length > 0) await tx.insertInto('user_groups').values(groupIds.map((group_id) => ({ user_id: target.id, group_id }))).execute();
    }
    if (permissions !== undefined && fields.includes('permissions')) {
      await tx.deleteFrom('user_permissions').where('user_id', '=', target.id).execute();
      if (permissions.length > 0) await tx.insertInto('user_permissions').values(permissions.map((codename) => ({ user_id: target.id, codename }))).execute();
    }
  });
  const disabled = fields.includes('is_active') && patch.is_active === false;
  let endedSessions = 0;
  let revokedTokens = 0;
  if (disabled || hash !== undefined) {
    endedSessions = await svc.sessions.destroyAllForUser(target.id);
    svc.basicCache.invalidateUser(target.id);
  }
  if (disabled) revokedTokens = await revokeAllForUser(store, target.id);
  const [view] = await viewsOf(store, [await getUserById(store, target.id)]);
  return { view: view as UserView, fields, disabled, endedSessions, revokedTokens };
}

/** A new user as an administrator creates them (username + password required). */
export interface NewUserInput extends UserPatch { username: string; password: string }

/**
 * Creates a user (joins `Users` unless `groups` says otherwise). Non-superusers cannot create superusers or set
 * groups/permissions. Groups and permissions are validated before anything is written.
 */
export async function createUserAsAdmin(svc: AdminServices, caller: User, input: NewUserInput): Promise<UserView> {
  const store = svc.store;
  const fields = Object.keys(input).filter((k) => (PRIVILEGE_FIELDS as readonly string[]).includes(k) && input[k as keyof NewUserInput] !== undefined && !(k === 'is_superuser' && input.is_superuser === false));
  assertMayChange(caller, null, fields);
  for (const f of ['first_name', 'last_name', 'email'] as const) if (input[f] !== undefined) checkName(input[f], f);
  const permissions = input.permissions === undefined ? undefined : await checkCodenames(store, input.permissions, 'permissions', 'DLV_USER_INVALID');
  const groupIds = input.groups === undefined ? undefined : await resolveGroups(store, input.groups);
  const user = await createUser(store, {
    username: input.username, password: input.password, email: input.email, firstName: input.first_name, lastName: input.last_name,
    isSuperuser: input.is_superuser === true,
  }, { minPasswordLength: svc.settings.PASSWORD_MIN_LENGTH });
  await store.db.transaction().execute(async (tx) => {
    if (groupIds !== undefined) {
      await tx.deleteFrom('user_groups').where('user_id', '=', user.id).execute();
      if (groupIds.length > 0) await tx.insertInto('user_groups').values(groupIds.map((group_id) => ({ user_id: user.id, group_id }))).execute();
    }
    if (permissions !== undefined && permissions.length > 0) await tx.insertInto('user_permissions').values(permissions.map((codename) => ({ user_id: user.id, codename }))).execute();
    if (input.is_active === false) await tx.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
  });
  const [view] = await viewsOf(store, [await getUserById(store, user.id)]);
  return view as UserView;
}

/**
 * Deletes a user (sessions, tokens, memberships go with them). Nobody may delete themselves; only superusers may
 * delete a superuser.
 */
export async function deleteUserAsAdmin(svc: AdminServices, caller: User, target: User): Promise<void> {
  if (target.id === caller.id) throw forbidden('You cannot delete your own account: ask another administrator.', 'another administrator');
  if (target.is_superuser && !caller.is_superuser) throw forbidden('Only superusers may delete a superuser.', 'superuser');
  await svc.sessions.destroyAllForUser(target.id);
  await revokeAllForUser(svc.store, target.id);
  await svc.store.db.deleteFrom('users').where('id', '=', target.id).execute();
  svc.basicCache.invalidateUser(target.id);
}
