import { randomUUID } from 'node:crypto';
import type { Store } from '../storage/index.js';
import type { UsersTable } from '../storage/tables.js';
import { DelveError } from '../errors.js';
import { assertValidPassword, hashPassword } from '../security/passwords/index.js';
import { DEFAULT_GROUP } from './permissions.js';

export type User = UsersTable;

const USERNAME_RE = /^[\w.@+-]{1,150}$/u;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  username: string;
  email?: string;
  password: string;
  isSuperuser?: boolean;
  firstName?: string;
  lastName?: string;
}

export function validateUsername(username: string): void {
  if (!USERNAME_RE.test(username)) {
    throw new DelveError('DLV_USER_INVALID', 'Username must be 1-150 characters: letters, digits and @ . + - _ only.', { field: 'username' });
  }
}

export function validateEmail(email: string): void {
  if (email !== '' && !EMAIL_RE.test(email)) throw new DelveError('DLV_USER_INVALID', `"${email}" is not a valid email address.`, { field: 'email' });
}

export async function findUser(store: Store, username: string): Promise<User | undefined> {
  return store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function getUserOrThrow(store: Store, username: string): Promise<User> {
  const u = await findUser(store, username);
  if (!u) throw new DelveError('DLV_USER_NOT_FOUND', `No user named "${username}".`, { field: 'username' });
  return u;
}

/** Creates a user (password validated and hashed with argon2id) and adds them to the default `Users` group. */
export async function createUser(store: Store, input: NewUser, opts: { minPasswordLength: number }): Promise<User> {
  validateUsername(input.username);
  const email = input.email ?? '';
  validateEmail(email);
  if (await findUser(store, input.username)) {
    throw new DelveError('DLV_USER_EXISTS', `A user named "${input.username}" already exists.`, { field: 'username' });
  }
  assertValidPassword(input.password, { minLength: opts.minPasswordLength, username: input.username, email, firstName: input.firstName, lastName: input.lastName });
  const now = Date.now();
  const user: User = {
    id: randomUUID(), username: input.username, email, first_name: input.firstName ?? '', last_name: input.lastName ?? '',
    password: await hashPassword(input.password), is_active: 1, is_superuser: input.isSuperuser ? 1 : 0,
    is_staff: input.isSuperuser ? 1 : 0, date_joined: now, last_login: null, password_changed_at: now,
  };
  await store.db.transaction().execute(async (tx) => {
    await tx.insertInto('users').values(user).execute();
    const group = await tx.selectFrom('groups').select('id').where('name', '=', DEFAULT_GROUP.name).executeTakeFirst();
    if (group) await tx.insertInto('user_groups').values({ user_id: user.id, group_id: group.id }).execute();
  });
  return user;
}

/** Sets a new (validated) password and ends every session of the user. */
export async function setPassword(store: Store, user: User, password: string, opts: { minPasswordLength: number; keepSessionHash?: string }): Promise<void> {
  assertValidPassword(password, { minLength: opts.minPasswordLength, username: user.username, email: user.email, firstName: user.first_name, lastName: user.last_name });
  const hash = await hashPassword(password);
  await store.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password: hash, password_changed_at: Date.now() }).where('id', '=', user.id).execute();
    let del = tx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (opts.keepSessionHash) del = del.where('id_hash', '!=', opts.keepSessionHash);
    await del.execute();
  });
}
