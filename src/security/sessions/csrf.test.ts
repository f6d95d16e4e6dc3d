import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Keyring } from '../keys/keyring.js';
import { sign } from '../signing/index.js';
import { csrfToken, hashSessionId, newSessionId, verifyCsrf } from './index.js';

const kr = new Keyring('csrf-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKL');

describe('CSRF tokens', () => {
  it('verify only for the session they were made for', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const a = hashSessionId(newSessionId());
        const b = hashSessionId(newSessionId());
        const t = csrfToken(kr, a);
        expect(verifyCsrf(kr, a, t)).toBe(true);
        expect(verifyCsrf(kr, b, t)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('reject any single-character change and never throw on garbage', () => {
    const id = hashSessionId(newSessionId());
    const t = csrfToken(kr, id);
    fc.assert(
      fc.property(fc.nat({ max: t.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (i, ch) => {
        fc.pre(t[i] !== ch);
        expect(verifyCsrf(kr, id, t.slice(0, i) + ch + t.slice(i + 1))).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.anything(), (junk) => { expect(verifyCsrf(kr, id, junk)).toBe(false); }), { numRuns: 200 });
  });

  it('a value signed for another purpose is not a CSRF token', () => {
    const id = hashSessionId(newSessionId());
    expect(verifyCsrf(kr, id, sign(kr, 'delve.session', id))).toBe(false);
    expect(() => csrfToken(kr, 'not-a-hash')).toThrow(TypeError);
  });
});
