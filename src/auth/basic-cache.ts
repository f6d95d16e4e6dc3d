import { createHmac, randomBytes } from 'node:crypto';
import type { UsersTable } from '../storage/tables.js';

export interface BasicAuthCacheOptions {
  /** How long a verification is trusted (default 300 s); hits do not extend it. */
  ttlSeconds?: number;
  /** Most entries kept (default 10 000); the oldest go first. */
  maxEntries?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

interface Entry {
  userId: string;
  /** The user's stored PHC hash when the password was verified. */
  passwordHash: string;
  expiresAt: number;
}

/** The parts of a user row the cache checks. */
export type CacheUser = Pick<UsersTable, 'id' | 'password' | 'is_active'>;

/**
 * Remembers successful HTTP Basic verifications so argon2 does not run on every request (DESIGN §4.4; the
 * Elasticsearch realm cache works the same way). Entries are keyed by HMAC-SHA256 of `username \0 password` under a
 * random per-process key, so neither the password nor a guessable hash of it is held. An entry counts only while the
 * user is active and their stored password hash is unchanged, so a password change or a disabled account takes
 * effect on the very next request, in every process, with no invalidation message.
 */
export class BasicAuthCache {
  private readonly key = randomBytes(32);
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(opts: BasicAuthCacheOptions = {}) {
    const ttl = opts.ttlSeconds ?? 300;
    const max = opts.maxEntries ?? 10_000;
    if (!(Number.isFinite(ttl) && ttl > 0)) throw new TypeError('BasicAuthCache: ttlSeconds must be a positive number');
    if (!(Number.isSafeInteger(max) && max > 0)) throw new TypeError('BasicAuthCache: maxEntries must be a positive integer');
    this.ttlMs = ttl * 1000;
    this.maxEntries = max;
    this.now = opts.now ?? Date.now;
  }

  /**
   * The user id when these credentials were verified recently for `currentUser` (the row just read for `username`)
   * and that user is still active with the same password hash; otherwise null (verify with argon2, then `set`).
   */
  get(username: string, password: string, currentUser: CacheUser | undefined | null): string | null {
    const k = this.keyOf(username, password);
    const e = this.entries.get(k);
    if (!e) return null;
    if (e.expiresAt <= this.now() || !currentUser || currentUser.id !== e.userId || !currentUser.is_active || currentUser.password !== e.passwordHash) {
      this.entries.delete(k);
      return null;
    }
    return e.userId;
  }

  /** Records a verification that just succeeded (call only after verifyPassword returned true for an active user). */
  set(username: string, password: string, user: CacheUser): void {
    const k = this.keyOf(username, password);
    this.entries.delete(k);
    this.entries.set(k, { userId: user.id, passwordHash: user.password, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.evict();
  }

  /** Drops every entry of a user (not needed for correctness, since `get` compares hashes; frees memory early). */
  invalidateUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.userId === userId) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  private keyOf(username: string, password: string): string {
    return createHmac('sha256', this.key).update(`${username}\u0000${password}`, 'utf8').digest('base64url');
  }
}
