import { DelveError } from '../../errors.js';
import type { Store } from '../../storage/index.js';
import type { SessionsTable, UsersTable } from '../../storage/tables.js';
import type { Keyring } from '../keys/keyring.js';
import { sign, unsign } from '../signing/index.js';
import { csrfToken, verifyCsrf } from './csrf.js';
import { matchPasswordHmac, passwordHmac } from './password-hmac.js';
import { hashSessionId, newSessionId, PUBLIC_SESSION_ID, publicSessionId, RAW_SESSION_ID, SESSION_ID_HASH } from './session-ids.js';

/** Signing purpose of the session cookie value. */
export const SESSION_PURPOSE = 'delve.session';
const MAX_UA = 512;
const MAX_IP = 64;

export interface SessionStoreOptions {
  /** A session unused for longer than this ends. */
  idleSeconds: number;
  /** A session ends this long after login, however active (absolute timeout). */
  maxAgeSeconds: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /** last_seen_at is written at most this often per session (default min(60, idleSeconds / 4)). */
  touchIntervalSeconds?: number;
}

export interface CreatedSession {
  /** The cookie value: the raw id signed with the current key. Send it once; it is not stored anywhere. */
  cookieValue: string;
  idHash: string;
  publicId: string;
  /** The session's CSRF token (see `csrfToken`). */
  csrfToken: string;
  session: SessionsTable;
}

export interface ResolvedSession {
  session: SessionsTable;
  user: UsersTable;
  /** A new cookie value (same session, current key) when the old one relied on a fallback key; else null. */
  reissue: string | null;
}

/** A session as shown to its owner: no secrets, only the public id. */
export interface SessionInfo {
  publicId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string;
  userAgent: string;
  current: boolean;
}

function positive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0) throw new TypeError(`SessionStore: ${name} must be a positive number of seconds`);
  return v;
}

/**
 * Server-side sessions (DESIGN §4.4). The cookie carries a signed random 256-bit id; the database stores only its
 * SHA-256, the owner, idle/absolute timeouts and an HMAC of the user's password hash (a password change ends every
 * session made before it). Session fixation cannot happen: there are no anonymous sessions, and `create` always
 * makes a fresh id at login, so an id planted before login is never promoted.
 */
export class SessionStore {
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly touchMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    opts: SessionStoreOptions,
  ) {
    this.idleMs = positive('idleSeconds', opts.idleSeconds) * 1000;
    this.maxAgeMs = positive('maxAgeSeconds', opts.maxAgeSeconds) * 1000;
    this.touchMs = positive('touchIntervalSeconds', opts.touchIntervalSeconds ?? Math.min(60, opts.idleSeconds / 4)) * 1000;
    this.now = opts.now ?? Date.now;
  }

  /** Starts a new session for an authenticated, active user. @throws DelveError DLV_AUTH_INVALID for an inactive user. */
  async create(user: UsersTable, meta: { ip?: string; userAgent?: string } = {}): Promise<CreatedSession> {
    if (!user.is_active) throw new DelveError('DLV_AUTH_INVALID', 'This account is disabled; ask an administrator to enable it.');
    const now = this.now();
    const rawId = newSessionId();
    const idHash = hashSessionId(rawId);
    const session: SessionsTable = {
      id_hash: idHash, user_id: user.id, created_at: now, last_seen_at: now, expires_at: now + this.maxAgeMs,
      password_hmac: passwordHmac(this.keyring, this.keyring.current, user.password),
      ip: (meta.ip ?? '').slice(0, MAX_IP), user_agent: (meta.userAgent ?? '').slice(0, MAX_UA), data: '{}',
    };
    await this.store.db.insertInto('sessions').values(session).execute();
    return { cookieValue: this.cookieFor(rawId, now), idHash, publicId: publicSessionId(idHash), csrfToken: csrfToken(this.keyring, idHash, now), session };
  }

  /**
   * The session and user a cookie value names, or null when the cookie is forged/malformed or the session is gone,
   * idle too long, past its absolute expiry, its user is missing or disabled, or the password changed since login
   * (dead sessions are deleted). Sessions signed under a fallback key keep working and come back with `reissue`.
   */
  async resolve(cookieValue: unknown): Promise<ResolvedSession | null> {
    const rawId = this.rawIdFromCookie(cookieValue);
    if (rawId === null) return null;
    const { id: raw, usedFallback } = rawId;
    const now = this.now();
    const idHash = hashSessionId(raw);
    const session = await this.store.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    if (!session) return null;
    const user = await this.store.db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
    const hmacKey = user ? matchPasswordHmac(this.keyring, user.password, session.password_hmac) : -1;
    if (!user || !user.is_active || hmacKey < 0 || this.isDead(session, now)) {
      await this.destroyHash(idHash);
      return null;
    }
    const update: Partial<SessionsTable> = {};
    if (now - session.last_seen_at >= this.touchMs) update.last_seen_at = now;
    if (hmacKey > 0) update.password_hmac = passwordHmac(this.keyring, this.keyring.current, user.password);
    if (Object.keys(update).length > 0) {
      await this.store.db.updateTable('sessions').set(update).where('id_hash', '=', idHash).execute();
      Object.assign(session, update);
    }
    const reissue = usedFallback || hmacKey > 0 ? this.cookieFor(raw, now) : null;
    return { session, user, reissue };
  }

  /** Ends one session, named by its cookie value or its id hash. Returns whether a session was deleted. */
  async destroy(cookieValueOrIdHash: string): Promise<boolean> {
    if (typeof cookieValueOrIdHash === 'string' && SESSION_ID_HASH.test(cookieValueOrIdHash)) return this.destroyHash(cookieValueOrIdHash);
    const raw = this.rawIdFromCookie(cookieValueOrIdHash, false);
    return raw === null ? false : this.destroyHash(hashSessionId(raw.id));
  }

  /** Ends every session of a user, optionally keeping one (the caller's own). Returns how many ended. */
  async destroyAllForUser(userId: string, opts: { except?: string } = {}): Promise<number> {
    let q = this.store.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (opts.except !== undefined) q = q.where('id_hash', '!=', opts.except);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** The user's live sessions, newest first, without secrets; `current` marks the caller's own session. */
  async listForUser(userId: string, opts: { currentIdHash?: string } = {}): Promise<SessionInfo[]> {
    const now = this.now();
    const rows = await this.store.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
    return rows
      .filter((s) => !this.isDead(s, now))
      .map((s) => ({
        publicId: publicSessionId(s.id_hash), createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at,
        ip: s.ip, userAgent: s.user_agent, current: s.id_hash === opts.currentIdHash,
      }));
  }

  /** Ends the user's session whose public id is `publicId` (only that user's). Returns whether one ended. */
  async revoke(userId: string, publicId: string): Promise<boolean> {
    if (typeof publicId !== 'string' || !PUBLIC_SESSION_ID.test(publicId)) return false;
    const rows = await this.store.db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();
    const hit = rows.filter((r) => publicSessionId(r.id_hash) === publicId);
    // 64-bit prefixes do not collide in practice; if they ever did, revoke nothing rather than the wrong session.
    if (hit.length !== 1) return false;
    return this.destroyHash((hit[0] as { id_hash: string }).id_hash);
  }

  /** Deletes every expired or idle session (housekeeping; `resolve` also deletes dead sessions it meets). */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    const r = await this.store.db.deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', now - this.idleMs)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** The CSRF token of a session (see ./csrf.ts). */
  csrfToken(idHash: string): string {
    return csrfToken(this.keyring, idHash, this.now());
  }

  /** True when `token` is this session's CSRF token (signed by the current or a fallback key). */
  verifyCsrf(idHash: string, token: unknown): boolean {
    return verifyCsrf(this.keyring, idHash, token);
  }

  private isDead(s: SessionsTable, now: number): boolean {
    return now >= s.expires_at || now - s.last_seen_at > this.idleMs;
  }

  private cookieFor(rawId: string, now: number): string {
    return sign(this.keyring, SESSION_PURPOSE, rawId, { now });
  }

  /** The raw id inside a genuine cookie value, or null (never throws). */
  private rawIdFromCookie(cookieValue: unknown, checkAge = true): { id: string; usedFallback: boolean } | null {
    if (typeof cookieValue !== 'string' || cookieValue.length > 256) return null;
    try {
      const opts = checkAge ? { maxAgeSeconds: this.maxAgeMs / 1000, now: this.now() } : {};
      const out = unsign(this.keyring, SESSION_PURPOSE, cookieValue, opts);
      return RAW_SESSION_ID.test(out.value) ? { id: out.value, usedFallback: out.usedFallback } : null;
    } catch {
      return null;
    }
  }

  private async destroyHash(idHash: string): Promise<boolean> {
    const r = await this.store.db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
