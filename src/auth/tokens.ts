import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DelveError } from '../errors.js';
import type { Store } from '../storage/index.js';
import type { ApiTokensTable, UsersTable } from '../storage/tables.js';

/** API token scopes (DESIGN §4.4). */
export const TOKEN_SCOPES = ['ingest', 'read', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
/** A token as listed/returned: everything but the hash. */
export type TokenRecord = Omit<ApiTokensTable, 'token_hash'>;

export const TOKEN_PREFIX = 'dlv_';
/** `dlv_` + 32 random bytes as base64url (43 characters). */
const TOKEN_RE = /^dlv_[A-Za-z0-9_-]{43}$/;
const MAX_NAME = 100;
/** Tokens may live at most ~10 years. */
export const MAX_TOKEN_SECONDS = 10 * 366 * 86400;
/** last_used_at is written at most this often per token. */
const TOUCH_MS = 60_000;

const WHAT_SCOPE_ALLOWS: Readonly<Record<TokenScope, readonly TokenScope[]>> = {
  ingest: ['ingest'],
  read: ['read'],
  admin: ['ingest', 'read', 'admin'],
};

/**
 * Whether a token of `scope` may do something that needs `need`: an ingest token may only write events, a read
 * token may only read, an admin token may do everything. Unknown scopes allow nothing.
 */
export function scopeAllows(scope: string, need: TokenScope): boolean {
  return Object.hasOwn(WHAT_SCOPE_ALLOWS, scope) && WHAT_SCOPE_ALLOWS[scope as TokenScope].includes(need);
}

export function isTokenScope(s: unknown): s is TokenScope {
  return typeof s === 'string' && (TOKEN_SCOPES as readonly string[]).includes(s);
}

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses a token lifetime such as `90d`, `12h`, `2w`, `30m`, `45s` into seconds (1 s .. 10 years).
 * @throws DelveError DLV_AUTH_TOKEN_INVALID (field `expires`) for anything else.
 */
export function parseDuration(text: string): number {
  const m = typeof text === 'string' ? /^([1-9][0-9]{0,9})([smhdw])$/.exec(text.trim()) : null;
  const seconds = m ? Number(m[1]) * (UNITS[m[2] as string] as number) : NaN;
  if (!(seconds > 0 && seconds <= MAX_TOKEN_SECONDS)) {
    throw new DelveError('DLV_AUTH_TOKEN_INVALID', `Token lifetime must be a whole number with a unit s, m, h, d or w (e.g. 90d), at most ${MAX_TOKEN_SECONDS / 86400} days.`, { field: 'expires' });
  }
  return seconds;
}

/** SHA-256 hex of a token: tokens carry 256 random bits, so a plain hash is a safe lookup key (DESIGN §4.4). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const RECORD_COLUMNS = ['id', 'user_id', 'name', 'prefix', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;

export interface NewToken {
  name: string;
  scope: TokenScope;
  expiresInSeconds?: number;
}

/**
 * Creates an API token for a user. The token itself is returned once and never stored: the database keeps its
 * SHA-256 and an 8-character display prefix.
 * @throws DelveError DLV_AUTH_TOKEN_INVALID for a bad name, scope or lifetime.
 */
export async function createToken(store: Store, userId: string, input: NewToken, opts: { now?: number } = {}): Promise<{ token: string; record: TokenRecord }> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new DelveError('DLV_AUTH_TOKEN_INVALID', `Token name must be at most ${MAX_NAME} characters without control characters.`, { field: 'name' });
  }
  if (!isTokenScope(input.scope)) {
    throw new DelveError('DLV_AUTH_TOKEN_INVALID', `Token scope must be one of ${TOKEN_SCOPES.join(', ')}.`, { field: 'scope' });
  }
  const life = input.expiresInSeconds;
  if (life !== undefined && !(Number.isSafeInteger(life) && life > 0 && life <= MAX_TOKEN_SECONDS)) {
    throw new DelveError('DLV_AUTH_TOKEN_INVALID', `Token lifetime must be 1 s to ${MAX_TOKEN_SECONDS / 86400} days.`, { field: 'expires' });
  }
  const now = opts.now ?? Date.now();
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const record: TokenRecord = {
    id: randomUUID(), user_id: userId, name, prefix: token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + 8), scope: input.scope,
    created_at: now, expires_at: life === undefined ? null : now + life * 1000, last_used_at: null, revoked_at: null,
  };
  await store.db.insertInto('api_tokens').values({ ...record, token_hash: hashToken(token) }).execute();
  return { token, record };
}

/**
 * The user and token record for a presented token, or null when it is malformed, unknown, revoked, expired, or
 * its user is missing or disabled. The same work (one hash, one indexed lookup) is done whatever the input, so
 * timing does not tell the reasons apart. Records use at most once a minute (last_used_at).
 */
export async function verifyToken(store: Store, token: unknown, opts: { now?: number } = {}): Promise<{ user: UsersTable; token: TokenRecord } | null> {
  const wellFormed = typeof token === 'string' && TOKEN_RE.test(token);
  // A malformed input still costs a hash and a lookup (of a hash no token has).
  const hash = hashToken(wellFormed ? token : 'dlv_malformed');
  const row = await store.db.selectFrom('api_tokens').select(RECORD_COLUMNS).where('token_hash', '=', hash).executeTakeFirst();
  const user = await store.db.selectFrom('users').selectAll().where('id', '=', row?.user_id ?? '').executeTakeFirst();
  const now = opts.now ?? Date.now();
  if (!wellFormed || !row || !user || !user.is_active || row.revoked_at !== null || (row.expires_at !== null && now >= row.expires_at)) return null;
  if (row.last_used_at === null || now - row.last_used_at >= TOUCH_MS) {
    await store.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    row.last_used_at = now;
  }
  return { user, token: row };
}

/** A user's tokens, newest first (never the hash). */
export async function listTokens(store: Store, userId: string): Promise<TokenRecord[]> {
  return store.db.selectFrom('api_tokens').select(RECORD_COLUMNS).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/**
 * Revokes one token. `userId` restricts it to that user's tokens; pass null for an administrator acting on any
 * token. Returns whether a live token was revoked (false for unknown, someone else's, or already revoked).
 */
export async function revokeToken(store: Store, userId: string | null, id: string, opts: { now?: number } = {}): Promise<boolean> {
  let q = store.db.updateTable('api_tokens').set({ revoked_at: opts.now ?? Date.now() }).where('id', '=', id).where('revoked_at', 'is', null);
  if (userId !== null) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** Revokes every live token of a user (e.g. when the account is disabled). Returns how many. */
export async function revokeAllForUser(store: Store, userId: string, opts: { now?: number } = {}): Promise<number> {
  const r = await store.db.updateTable('api_tokens').set({ revoked_at: opts.now ?? Date.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
