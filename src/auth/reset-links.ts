import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Settings } from '../config/schema.js';
import { DelveError, isDelveError } from '../errors.js';
import type { Keyring } from '../security/keys/index.js';
import { assertValidPassword, hashPassword } from '../security/passwords/index.js';
import { signObject, unsignObject } from '../security/signing/index.js';
import type { Store } from '../storage/index.js';
import type { User } from './users.js';

/** Signing purpose of password-reset links (a token for any other purpose never verifies here). */
export const RESET_PURPOSE = 'delve.password-reset';
/** HKDF purpose of the key binding a link to the password hash it was issued for. */
const RESET_PH_PURPOSE = 'delve.password-reset.ph';
export const DEFAULT_RESET_TTL_SECONDS = 3 * 86400;
/** Hard ceiling whatever the link says. */
export const MAX_RESET_TTL_SECONDS = 30 * 86400;

const INVALID = 'This password-reset link was already used or has expired: ask an administrator for a new one.';

/** `exp` is in epoch seconds; `ph` is 128 bits, which keeps links short (URL path parameters are capped at 200 chars). */
interface ResetPayload { uid: string; ph: string; exp: number }

export interface ResetLink {
  token: string;
  /** The path to give the user: `/reset/<token>`. */
  path: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** HMAC of a password hash under one key: changes when the password does, so a used link stops working. */
function passwordTag(keyring: Keyring, key: string, passwordHash: string): string {
  return createHmac('sha256', keyring.derive(key, RESET_PH_PURPOSE)).update(passwordHash, 'utf8').digest('base64url').slice(0, 22);
}

function tagMatches(keyring: Keyring, passwordHash: string, tag: string): boolean {
  const given = Buffer.from(tag, 'utf8');
  let ok = false;
  for (const key of keyring.all()) {
    const expected = Buffer.from(passwordTag(keyring, key, passwordHash), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/**
 * Makes a single-use password-reset link for `user`, valid `ttlSeconds` (default 3 days, at most 30): a signed
 * token naming the user and binding it to their current password hash.
 */
export function createResetLink(deps: { keyring: Keyring }, user: Pick<User, 'id' | 'password'>, opts: { ttlSeconds?: number; now?: number } = {}): ResetLink {
  const ttl = opts.ttlSeconds ?? DEFAULT_RESET_TTL_SECONDS;
  if (!(Number.isSafeInteger(ttl) && ttl > 0 && ttl <= MAX_RESET_TTL_SECONDS)) throw new DelveError('DLV_CLI_USAGE', `A reset link lives 1 s to ${MAX_RESET_TTL_SECONDS / 86400} days.`, { field: 'ttl' });
  const now = opts.now ?? Date.now();
  const exp = Math.floor(now / 1000) + ttl;
  const payload: ResetPayload = { uid: user.id, ph: passwordTag(deps.keyring, deps.keyring.current, user.password), exp };
  const token = signObject(deps.keyring, RESET_PURPOSE, payload, { now });
  return { token, path: `/reset/${token}`, expiresAt: exp * 1000 };
}

/**
 * The active user a reset link is for, without using it. Verifies under the current key or any fallback (a key
 * removed from SECRET_KEY_FALLBACKS invalidates its links), the expiry, and that the password has not changed.
 * @throws DelveError DLV_AUTH_LINK_INVALID for anything wrong (one message: no hint which check failed).
 */
export async function checkResetLink(deps: { keyring: Keyring; store: Store }, token: unknown, opts: { now?: number } = {}): Promise<User> {
  const now = opts.now ?? Date.now();
  let p: Partial<ResetPayload>;
  try {
    if (typeof token !== 'string' || token.length > 2048) throw new DelveError('DLV_AUTH_LINK_INVALID', INVALID);
    p = unsignObject<Partial<ResetPayload>>(deps.keyring, RESET_PURPOSE, token, { maxAgeSeconds: MAX_RESET_TTL_SECONDS, now }).value ?? {};
  } catch (e) {
    if (isDelveError(e)) throw new DelveError('DLV_AUTH_LINK_INVALID', INVALID);
    throw e;
  }
  if (typeof p !== 'object' || typeof p.uid !== 'string' || typeof p.ph !== 'string' || typeof p.exp !== 'number' || now >= p.exp * 1000) {
    throw new DelveError('DLV_AUTH_LINK_INVALID', INVALID);
  }
  const user = await deps.store.db.selectFrom('users').selectAll().where('id', '=', p.uid).executeTakeFirst();
  if (!user || !user.is_active || !tagMatches(deps.keyring, user.password, p.ph)) throw new DelveError('DLV_AUTH_LINK_INVALID', INVALID);
  return user;
}

export interface ConsumeDeps {
  keyring: Keyring;
  store: Store;
  settings: Pick<Settings, 'PASSWORD_MIN_LENGTH'>;
  basicCache?: { invalidateUser(userId: string): void };
}

/**
 * Uses a reset link: checks it (see checkResetLink), validates `newPassword` with the password rules, stores its
 * hash only if the password is still the one the link was made for (so two concurrent uses cannot both succeed),
 * ends every session of the user and drops their cached Basic credentials. Returns the user (before the change).
 * @throws DelveError DLV_AUTH_LINK_INVALID, DLV_PASSWORD_INVALID.
 */
export async function consumeResetLink(deps: ConsumeDeps, token: unknown, newPassword: unknown, opts: { now?: number } = {}): Promise<User> {
  const user = await checkResetLink(deps, token, opts);
  if (typeof newPassword !== 'string') throw new DelveError('DLV_PASSWORD_INVALID', 'Enter a new password.', { field: 'new_password' });
  assertValidPassword(newPassword, { minLength: deps.settings.PASSWORD_MIN_LENGTH, username: user.username, email: user.email, firstName: user.first_name, lastName: user.last_name });
  const hash = await hashPassword(newPassword);
  const changed = await deps.store.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('users').set({ password: hash, password_changed_at: Date.now() })
      .where('id', '=', user.id).where('password', '=', user.password).where('is_active', '=', 1).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    return true;
  });
  if (!changed) throw new DelveError('DLV_AUTH_LINK_INVALID', INVALID);
  deps.basicCache?.invalidateUser(user.id);
  return user;
}
