import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoginThrottle, throttledError } from './throttle.js';

function setup(opts: ConstructorParameters<typeof LoginThrottle>[0] = {}): { t: LoginThrottle; advance: (s: number) => void } {
  let clock = 1_750_000_000_000;
  const t = new LoginThrottle({ ...opts, now: () => clock });
  return { t, advance: (s) => { clock += s * 1000; } };
}
const failN = (t: LoginThrottle, n: number, user: string, ip: string): void => {
  for (let i = 0; i < n; i++) t.fail(user, ip);
};

describe('LoginThrottle', () => {
  it('locks username+IP after `limit` failures within the window, for lockoutSeconds', () => {
    const { t, advance } = setup();
    failN(t, 4, 'alice', '10.0.0.1');
    expect(t.check('alice', '10.0.0.1')).toEqual({ allowed: true });
    t.fail('alice', '10.0.0.1');
    expect(t.check('alice', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 60, scope: 'user-ip' });
    expect(t.check('ALICE', '10.0.0.1')).toMatchObject({ allowed: false }); // usernames are case-insensitive
    advance(59.5);
    expect(t.check('alice', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1, scope: 'user-ip' });
    advance(0.5);
    expect(t.check('alice', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('counts failures in a sliding window only', () => {
    const { t, advance } = setup();
    failN(t, 4, 'alice', 'X');
    advance(301);
    failN(t, 4, 'alice', 'X');
    expect(t.check('alice', 'X').allowed).toBe(true);
    t.fail('alice', 'X');
    expect(t.check('alice', 'X').allowed).toBe(false);
  });

  it('an attacker hammering U from X does not block U from Y', () => {
    const { t } = setup();
    failN(t, 50, 'U', 'X');
    expect(t.check('U', 'X').allowed).toBe(false);
    expect(t.check('U', 'Y')).toEqual({ allowed: true });
    expect(t.check('V', 'Y')).toEqual({ allowed: true });
  });

  it('doubles each further lockout, capped at maxLockoutSeconds', () => {
    const { t, advance } = setup({ lockoutSeconds: 60, maxLockoutSeconds: 600 });
    const seen: number[] = [];
    for (let round = 0; round < 6; round++) {
      failN(t, 5, 'alice', 'X');
      const r = t.check('alice', 'X');
      if (r.allowed) throw new Error('expected a lockout');
      seen.push(r.retryAfterSeconds);
      advance(r.retryAfterSeconds);
    }
    expect(seen).toEqual([60, 120, 240, 480, 600, 600]);
  });

  it('forgets the back-off history after a quiet period', () => {
    const { t, advance } = setup({ lockoutSeconds: 60, maxLockoutSeconds: 600 });
    failN(t, 5, 'alice', 'X');
    advance(60);
    failN(t, 5, 'alice', 'X');
    expect(t.check('alice', 'X')).toMatchObject({ retryAfterSeconds: 120 });
    advance(120 + 600);
    failN(t, 5, 'alice', 'X');
    expect(t.check('alice', 'X')).toMatchObject({ retryAfterSeconds: 60 });
  });

  it('failures while locked do not extend the lock', () => {
    const { t, advance } = setup();
    failN(t, 5, 'alice', 'X');
    advance(30);
    failN(t, 10, 'alice', 'X');
    expect(t.check('alice', 'X')).toMatchObject({ retryAfterSeconds: 30 });
  });

  it('success clears the username+IP key', () => {
    const { t } = setup();
    failN(t, 4, 'alice', 'X');
    t.succeed('alice', 'X');
    failN(t, 4, 'alice', 'X');
    expect(t.check('alice', 'X').allowed).toBe(true);
  });

  it('locks a whole IP at the higher per-IP limit (many usernames from one address)', () => {
    const { t } = setup({ limit: 5 });
    for (let i = 0; i < 19; i++) t.fail(`user${i}`, 'NAT');
    expect(t.check('someone-else', 'NAT')).toEqual({ allowed: true });
    t.fail('user19', 'NAT');
    expect(t.check('someone-else', 'NAT')).toEqual({ allowed: false, retryAfterSeconds: 60, scope: 'ip' });
    expect(t.check('someone-else', 'other-ip').allowed).toBe(true);
    // Success of one user does not lift the IP lock.
    t.succeed('user1', 'NAT');
    expect(t.check('user1', 'NAT').allowed).toBe(false);
  });

  it('keeps memory bounded and drops expired entries', () => {
    const { t, advance } = setup({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) t.fail('u', `10.0.${i >> 8}.${i & 255}`);
    expect(t.size).toBeLessThanOrEqual(100);
    // The most recent attacker is still locked out after the flood.
    failN(t, 4, 'u', '10.0.3.231');
    expect(t.check('u', '10.0.3.231').allowed).toBe(false);
    advance(301);
    t.sweep();
    expect(t.size).toBe(1); // the locked user-ip key remembers its back-off history; the IP key expired
    advance(60 + 3600);
    t.sweep();
    expect(t.size).toBe(0);
  });

  it('bounds the failures an attacker gets through: at most `limit` per lockoutSeconds elapsed (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 400 }), { maxLength: 80 }), (gaps) => {
        const { t, advance } = setup({ limit: 3, ipLimit: 1000, lockoutSeconds: 60 });
        let elapsed = 0;
        let through = 0;
        for (const gap of gaps) {
          advance(gap);
          elapsed += gap;
          if (!t.check('a', 'X').allowed) continue;
          t.fail('a', 'X');
          through++;
          expect(through).toBeLessThanOrEqual(3 * (1 + Math.floor(elapsed / 60)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bad options and builds the 429 error', () => {
    expect(() => new LoginThrottle({ limit: 0 })).toThrow(TypeError);
    expect(() => new LoginThrottle({ windowSeconds: 1.5 })).toThrow(TypeError);
    const e = throttledError(42);
    expect(e).toMatchObject({ code: 'DLV_AUTH_THROTTLED', status: 429, details: { retryAfterSeconds: 42 } });
    expect(e.message).toContain('retry in 42 s');
  });
});
