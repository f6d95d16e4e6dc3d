import { timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../keys/keyring.js';
import { sign, unsign } from '../signing/index.js';
import { SESSION_ID_HASH } from './session-ids.js';

/** Signing purpose of CSRF tokens (distinct from the session cookie's, so neither verifies as the other). */
export const CSRF_PURPOSE = 'delve.csrf';

/**
 * The CSRF token of a session: `sign(keyring, 'delve.csrf', idHash)`. It is bound to the session (a token made for
 * another session never verifies) and lives as long as the session. The id hash it carries is not a credential:
 * the cookie needs the raw id and its signature.
 */
export function csrfToken(keyring: Keyring, idHash: string, now?: number): string {
  if (!SESSION_ID_HASH.test(idHash)) throw new TypeError('csrfToken() needs a session id hash (64 hex characters)');
  return sign(keyring, CSRF_PURPOSE, idHash, now === undefined ? {} : { now });
}

/** True when `token` was signed (current or fallback key) for exactly this session. Never throws. */
export function verifyCsrf(keyring: Keyring, idHash: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > 512 || typeof idHash !== 'string' || !SESSION_ID_HASH.test(idHash)) return false;
  let value: string;
  try {
    value = unsign(keyring, CSRF_PURPOSE, token).value;
  } catch {
    return false;
  }
  const a = Buffer.from(value, 'utf8');
  const b = Buffer.from(idHash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
