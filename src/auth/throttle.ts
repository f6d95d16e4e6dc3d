import { DelveError } from '../errors.js';

export interface LoginThrottleOptions {
  /** Failures within the window that lock a username+IP key (default 5). */
  limit?: number;
  /** Failures within the window that lock a whole IP (default limit × 4; see below). */
  ipLimit?: number;
  /** Sliding window for counting failures (default 300 s). */
  windowSeconds?: number;
  /** First lockout (default 60 s); each further lockout of the same key doubles it... */
  lockoutSeconds?: number;
  /** ...up to this (default 3600 s). A key quiet for this long after its lockout ends starts again at the base. */
  maxLockoutSeconds?: number;
  /** Most keys kept in memory (default 100 000); beyond it expired entries go first, then the least recently used. */
  maxKeys?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

export type ThrottleResult = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'ip' | 'user-ip' };

interface Entry {
  /** Times (ms) of failures within the window, oldest first; never more than the key's limit. */
  failures: number[];
  lockedUntil: number;
  /** Lockouts so far (the exponent of the back-off). */
  lockouts: number;
}

/**
 * Login brute-force protection (DESIGN §4.4), in memory per process.
 *
 * Two keys count failures: username+IP and IP. Locking username+IP (not the username alone) means an attacker
 * hammering user U from IP X never blocks U from logging in from IP Y. The IP key stops one address from trying
 * many usernames; its limit is higher (limit × 4 by default) so that one NAT or proxy address shared by several
 * honest users is not locked out by a few typos. Each lockout of a key lasts lockoutSeconds × 2^(earlier lockouts),
 * capped at maxLockoutSeconds. Unknown usernames are throttled exactly like known ones (no user enumeration).
 *
 * Memory is bounded: entries are kept in least-recently-used order, expired ones are dropped as they are met, and
 * beyond `maxKeys` the least recently used entry is evicted (an attacker with enough addresses to evict entries
 * could also simply use fresh addresses, so eviction does not weaken the per-address guarantee).
 */
export class LoginThrottle {
  private readonly limit: number;
  private readonly ipLimit: number;
  private readonly windowMs: number;
  private readonly lockoutMs: number;
  private readonly maxLockoutMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(opts: LoginThrottleOptions = {}) {
    const int = (name: string, v: number): number => {
      if (!Number.isSafeInteger(v) || v < 1) throw new TypeError(`LoginThrottle: ${name} must be a positive integer`);
      return v;
    };
    this.limit = int('limit', opts.limit ?? 5);
    this.ipLimit = int('ipLimit', opts.ipLimit ?? this.limit * 4);
    this.windowMs = int('windowSeconds', opts.windowSeconds ?? 300) * 1000;
    this.lockoutMs = int('lockoutSeconds', opts.lockoutSeconds ?? 60) * 1000;
    this.maxLockoutMs = Math.max(this.lockoutMs, int('maxLockoutSeconds', opts.maxLockoutSeconds ?? 3600) * 1000);
    this.maxKeys = int('maxKeys', opts.maxKeys ?? 100_000);
    this.now = opts.now ?? Date.now;
  }

  /** Whether a login attempt for `username` from `ip` may proceed now. Call before verifying the password. */
  check(username: string, ip: string): ThrottleResult {
    const now = this.now();
    const waits: Array<{ wait: number; scope: 'ip' | 'user-ip' }> = [
      { wait: this.lockedFor(userKey(username, ip), now), scope: 'user-ip' },
      { wait: this.lockedFor(ipKey(ip), now), scope: 'ip' },
    ];
    const worst = waits.reduce((a, b) => (b.wait > a.wait ? b : a));
    return worst.wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(worst.wait / 1000), scope: worst.scope } : { allowed: true };
  }

  /** Records a failed login. Failures while a key is locked are not counted (the attempt was refused anyway). */
  fail(username: string, ip: string): void {
    const now = this.now();
    this.sweep(now, 8);
    this.record(userKey(username, ip), this.limit, now);
    this.record(ipKey(ip), this.ipLimit, now);
  }

  /** Records a successful login: clears the username+IP key (the IP key keeps counting other users' failures). */
  succeed(username: string, ip: string): void {
    this.entries.delete(userKey(username, ip));
  }

  /** Number of keys held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops expired entries, examining at most `budget` of the least recently used ones (all when omitted). */
  sweep(now = this.now(), budget = Infinity): void {
    for (const [key, e] of this.entries) {
      if (budget-- <= 0) return;
      if (this.expiresAt(e) <= now) this.entries.delete(key);
      else if (budget !== Infinity) return; // LRU order: the rest are fresher
    }
  }

  private lockedFor(key: string, now: number): number {
    const e = this.entries.get(key);
    return e ? Math.max(0, e.lockedUntil - now) : 0;
  }

  private record(key: string, limit: number, now: number): void {
    let e = this.entries.get(key);
    if (e && this.expiresAt(e) <= now) e = undefined;
    e ??= { failures: [], lockedUntil: 0, lockouts: 0 };
    this.entries.delete(key); // re-inserted below: most recently used last
    if (e.lockedUntil <= now) {
      e.failures = e.failures.filter((t) => now - t < this.windowMs);
      e.failures.push(now);
      if (e.failures.length >= limit) {
        e.lockedUntil = now + Math.min(this.lockoutMs * 2 ** Math.min(e.lockouts, 40), this.maxLockoutMs);
        e.lockouts++;
        e.failures = [];
      }
    }
    this.entries.set(key, e);
    while (this.entries.size > this.maxKeys) {
      this.sweep(now, 64);
      if (this.entries.size <= this.maxKeys) break;
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** When an entry carries no information any more: no failure in the window, no lock, back-off history decayed. */
  private expiresAt(e: Entry): number {
    const lastFailure = e.failures.at(-1) ?? 0;
    return Math.max(lastFailure + this.windowMs, e.lockouts > 0 ? e.lockedUntil + this.maxLockoutMs : e.lockedUntil);
  }
}

/** Usernames are case-insensitive (users.username is COLLATE NOCASE), so `Alice` and `alice` share a key. */
function userKey(username: string, ip: string): string {
  return `u\u0000${String(username).toLowerCase()}\u0000${ip}`;
}
function ipKey(ip: string): string {
  return `i\u0000${ip}`;
}

/** The error to answer a refused login with: 429 DLV_AUTH_THROTTLED and the same message whatever the username. */
export function throttledError(retryAfterSeconds: number): DelveError {
  return new DelveError('DLV_AUTH_THROTTLED', `Too many failed login attempts; retry in ${retryAfterSeconds} s.`, { details: { retryAfterSeconds } });
}
