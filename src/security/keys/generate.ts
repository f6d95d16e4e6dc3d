import { randomBytes } from 'node:crypto';

/** URL-safe alphabet of exactly 64 characters, so `byte & 63` picks each character uniformly. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const MIN_KEY_LENGTH = 50;
export const DEFAULT_KEY_LENGTH = 64;

/** A new secret key from the CSPRNG: `length` URL-safe characters (6 bits of entropy each). */
export function generateSecretKey(length = DEFAULT_KEY_LENGTH): string {
  if (!Number.isInteger(length) || length < MIN_KEY_LENGTH) throw new RangeError(`length must be an integer >= ${MIN_KEY_LENGTH}`);
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 63];
  return out;
}
