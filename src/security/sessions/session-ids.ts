import { createHash, randomBytes } from 'node:crypto';

/** A raw session id: 32 random bytes (256 bits) as unpadded base64url, always 43 characters. */
export const RAW_SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
/** The stored form of a session id: SHA-256 hex. */
export const SESSION_ID_HASH = /^[0-9a-f]{64}$/;
/** The public session id shown in "your sessions" lists: the first 16 hex characters of the id hash. */
export const PUBLIC_SESSION_ID = /^[0-9a-f]{16}$/;
export const PUBLIC_ID_LENGTH = 16;

/** A fresh random session id (256 bits from the CSPRNG). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a raw session id: what the database stores (a database leak does not reveal usable ids). */
export function hashSessionId(rawId: string): string {
  return createHash('sha256').update(rawId, 'utf8').digest('hex');
}

/** The public (non-secret, non-usable) id of a session, derived from its id hash. */
export function publicSessionId(idHash: string): string {
  return idHash.slice(0, PUBLIC_ID_LENGTH);
}
