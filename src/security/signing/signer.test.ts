import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { Keyring } from '../keys/keyring.js';
import { sign, signObject, unsign, unsignObject } from './index.js';

const A = 'key-A-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP';
const B = 'key-B-zyxwvutsrqponmlkjihgfedcba-9876543210-PONMLKJIHGFEDCBA';
const C = 'key-C-a1b2c3d4e5f6g7h8i9j0-klmnopqrstuvwxyz-QRSTUVWXYZ-!@#$%^';
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

/** Runs `fn` and returns the DelveError code it threw (fails the test if it did not throw one). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DelveError);
    return (e as DelveError).code;
  }
  throw new Error('expected a DelveError');
}

describe('sign / unsign', () => {
  it('round-trips and reports the timestamp in ms and the key used', () => {
    const kr = new Keyring(A);
    const token = sign(kr, 'session', 'user:42', { now: NOW + 999 });
    expect(unsign(kr, 'session', token)).toEqual({ value: 'user:42', timestamp: NOW, keyIndex: 0, usedFallback: false });
  });

  it('produces URL-safe tokens in the documented format', () => {
    const token = sign(new Keyring(A), 'p', 'a/b+c?d=e&f g ü 😀', { now: NOW });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    const [payload, ts] = token.split('.');
    expect(Buffer.from(payload!, 'base64url').toString('utf8')).toBe('a/b+c?d=e&f g ü 😀');
    expect(parseInt(ts!, 36)).toBe(NOW / 1000);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('round-trips the empty string', () => {
    const kr = new Keyring(A);
    expect(unsign(kr, 'p', sign(kr, 'p', '')).value).toBe('');
  });

  it('verifies with a fallback after rotation and says so', () => {
    const token = sign(new Keyring(A), 'session', 'v', { now: NOW });
    const rotated = new Keyring(B, [A]);
    expect(unsign(rotated, 'session', token)).toMatchObject({ value: 'v', keyIndex: 1, usedFallback: true });
    const twice = new Keyring(C, [B, A]);
    expect(unsign(twice, 'session', token)).toMatchObject({ keyIndex: 2, usedFallback: true });
  });

  it('rejects with DLV_SIGNATURE_BAD once the signing key is removed', () => {
    const token = sign(new Keyring(A), 'session', 'v');
    expect(codeOf(() => unsign(new Keyring(B), 'session', token))).toBe('DLV_SIGNATURE_BAD');
    expect(codeOf(() => unsign(new Keyring(B, [C]), 'session', token))).toBe('DLV_SIGNATURE_BAD');
  });

  it('always signs with the current key, never a fallback', () => {
    const token = sign(new Keyring(B, [A]), 'session', 'v');
    expect(codeOf(() => unsign(new Keyring(A), 'session', token))).toBe('DLV_SIGNATURE_BAD');
    expect(unsign(new Keyring(B), 'session', token).keyIndex).toBe(0);
    expect(token).toBe(sign(new Keyring(B), 'session', 'v'));
  });

  it('separates purposes', () => {
    const kr = new Keyring(A);
    const token = sign(kr, 'password-reset', 'user:1');
    expect(codeOf(() => unsign(kr, 'session', token))).toBe('DLV_SIGNATURE_BAD');
    expect(codeOf(() => unsign(kr, 'password-reset2', token))).toBe('DLV_SIGNATURE_BAD');
    expect(sign(kr, 'a', 'x', { now: NOW })).not.toBe(sign(kr, 'b', 'x', { now: NOW }));
  });

  it('expires after maxAge with DLV_SIGNATURE_EXPIRED, distinct from BAD', () => {
    const kr = new Keyring(A);
    const token = sign(kr, 'reset', 'u', { now: NOW });
    expect(unsign(kr, 'reset', token, { maxAgeSeconds: 60, now: NOW + 60_000 }).value).toBe('u');
    const err = (() => {
      try {
        unsign(kr, 'reset', token, { maxAgeSeconds: 60, now: NOW + 61_000 });
      } catch (e) {
        return e as DelveError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('DLV_SIGNATURE_EXPIRED');
    expect(err?.details).toEqual({ ageSeconds: 61, maxAgeSeconds: 60 });
    // No age limit: old tokens still verify.
    expect(unsign(kr, 'reset', token, { now: NOW + 10 ** 10 }).value).toBe('u');
  });

  it('checks the signature before the age: an old forged token is BAD, not EXPIRED', () => {
    const token = sign(new Keyring(A), 'reset', 'u', { now: NOW });
    const opts = { maxAgeSeconds: 1, now: NOW + 10 ** 9 };
    expect(codeOf(() => unsign(new Keyring(B), 'reset', token, opts))).toBe('DLV_SIGNATURE_BAD');
    const [p, , s] = token.split('.');
    const backdated = `${p}.${(NOW / 1000 - 5).toString(36)}.${s}`;
    expect(codeOf(() => unsign(new Keyring(A), 'reset', backdated, opts))).toBe('DLV_SIGNATURE_BAD');
  });

  it('cannot be extended by moving the timestamp forward', () => {
    const kr = new Keyring(A);
    const token = sign(kr, 'reset', 'u', { now: NOW });
    const [p, , s] = token.split('.');
    const forged = `${p}.${(NOW / 1000 + 3600).toString(36)}.${s}`;
    expect(codeOf(() => unsign(kr, 'reset', forged, { maxAgeSeconds: 60, now: NOW + 3_600_000 }))).toBe('DLV_SIGNATURE_BAD');
  });

  it.each([
    ['empty', ''],
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['bad base64 in value', 'a+b.1.' + 'A'.repeat(43)],
    ['bad timestamp', 'YQ.1Z.' + 'A'.repeat(43)],
    ['empty timestamp', 'YQ..' + 'A'.repeat(43)],
    ['timestamp too long', 'YQ.zzzzzzzzzzz.' + 'A'.repeat(43)],
    ['timestamp out of safe range', 'YQ.zzzzzzzzzz.' + 'A'.repeat(43)],
    ['short signature', 'YQ.1.' + 'A'.repeat(42)],
    ['padded signature', 'YQ.1.' + 'A'.repeat(43) + '='],
    ['non-canonical value', 'YR.1.' + 'A'.repeat(43)],
  ])('rejects a malformed token (%s) with DLV_SIGNATURE_MALFORMED', (_name, token) => {
    expect(codeOf(() => unsign(new Keyring(A), 'p', token))).toBe('DLV_SIGNATURE_MALFORMED');
  });

  it('rejects a non-string token as malformed', () => {
    expect(codeOf(() => unsign(new Keyring(A), 'p', 42 as unknown as string))).toBe('DLV_SIGNATURE_MALFORMED');
  });

  it('refuses to sign lone surrogates or with an empty purpose (they could not round-trip / separate)', () => {
    const kr = new Keyring(A);
    expect(() => sign(kr, 'p', 'a\uD800b')).toThrow(TypeError);
    expect(() => sign(kr, '', 'x')).toThrow(TypeError);
    expect(() => unsign(kr, 'p', sign(kr, 'p', 'x'), { maxAgeSeconds: Number.NaN })).toThrow(TypeError);
  });

  it('error messages never contain the keys', () => {
    const token = sign(new Keyring(A), 'p', 'secret-value');
    try {
      unsign(new Keyring(B), 'p', token);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).not.toContain(A);
      expect(msg).not.toContain(B);
      expect(msg).not.toContain('secret-value');
    }
  });
});

describe('signObject / unsignObject', () => {
  it('round-trips JSON values and keeps the rotation info', () => {
    const value = { user: 42, scopes: ['read', 'ingest'], note: 'ü 😀', nested: { ok: true, n: null } };
    const token = signObject(new Keyring(A), 'share', value, { now: NOW });
    const out = unsignObject<typeof value>(new Keyring(B, [A]), 'share', token);
    expect(out).toEqual({ value, timestamp: NOW, keyIndex: 1, usedFallback: true });
  });

  it('rejects values without a JSON form', () => {
    expect(() => signObject(new Keyring(A), 'p', undefined)).toThrow(TypeError);
  });

  it('reports a genuine non-JSON token as malformed and a forged one as bad', () => {
    const kr = new Keyring(A);
    expect(codeOf(() => unsignObject(kr, 'p', sign(kr, 'p', 'not json{')))).toBe('DLV_SIGNATURE_MALFORMED');
    expect(codeOf(() => unsignObject(kr, 'p', signObject(new Keyring(B), 'p', 1)))).toBe('DLV_SIGNATURE_BAD');
  });
});
