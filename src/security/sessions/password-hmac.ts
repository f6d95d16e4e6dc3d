import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../keys/keyring.js';

/** HKDF purpose of the key that binds a session to the user's password hash. */
export const SESSION_AUTH_PURPOSE = 'delve.session-auth';

/** HMAC-SHA256(derive(key, 'delve.session-auth'), passwordHash) as hex. */
export function passwordHmac(keyring: Keyring, key: string, passwordHash: string): string {
  return createHmac('sha256', keyring.derive(key, SESSION_AUTH_PURPOSE)).update(passwordHash, 'utf8').digest('hex');
}

/**
 * Which key made `stored` for this password hash: 0 = current key, n = fallback n-1, -1 = none (the password
 * changed, or the key that made it is no longer configured). Every key is tried, in constant time per key.
 */
export function matchPasswordHmac(keyring: Keyring, passwordHash: string, stored: string): number {
  const given = Buffer.from(stored, 'utf8');
  const keys = keyring.all();
  let found = -1;
  for (let i = 0; i < keys.length; i++) {
    const expected = Buffer.from(passwordHmac(keyring, keys[i] as string, passwordHash), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given) && found < 0) found = i;
  }
  return found;
}
