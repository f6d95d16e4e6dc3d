import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, isSecretName, MAX_DETAILS_BYTES, REDACTED, serializeDetails } from './sanitize.js';

const parse = (s: string): Record<string, unknown> => JSON.parse(s) as Record<string, unknown>;

describe('isSecretName', () => {
  it.each(['password', 'newPassword', 'PASSWD', 'api_token', 'Token', 'secret', 'clientSecret', 'key', 'privateKey', 'Authorization',
    'cookie', 'Set-Cookie', 'session', 'sessionId', 'session_id', 'credentials', 'x-api-key', 'passphrase'])('%s is secret', (n) => {
    expect(isSecretName(n)).toBe(true);
  });
  it.each(['keyId', 'key_id', 'oldKeyId', 'tokenId', 'tokenName', 'key_type', 'username', 'ip', 'reason', 'count'])('%s is public', (n) => {
    expect(isSecretName(n)).toBe(false);
  });
});

describe('serializeDetails', () => {
  it('redacts secret keys at any depth and in arrays, case-insensitively, and credential-looking values', () => {
    const out = parse(serializeDetails({
      user: 'alice', Password: 'p1', nested: { deeper: { API_TOKEN: 't1', ok: 1 } }, list: [{ Cookie: 'c1' }, 'plain'],
      header: 'Bearer abc.def', keyId: 'k1',
    }));
    expect(out).toEqual({
      user: 'alice', Password: REDACTED, nested: { deeper: { API_TOKEN: REDACTED, ok: 1 } }, list: [{ Cookie: REDACTED }, 'plain'],
      header: REDACTED, keyId: 'k1',
    });
  });

  it('writes canonical JSON (sorted keys) so equal details give equal text', () => {
    expect(serializeDetails({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(serializeDetails({ a: { c: 3, d: 2 }, b: 1 })).toBe(serializeDetails({ b: 1, a: { d: 2, c: 3 } }));
  });

  it('handles cycles, dates, bigints, buffers, errors, maps, sets, undefined and non-finite numbers', () => {
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = cyc;
    const out = parse(serializeDetails({
      cyc, at: new Date(0), big: 10n ** 30n, buf: Buffer.from('xyz'), err: new Error('boom'), m: new Map([[1, 'a']]),
      s: new Set([1, 2]), u: undefined, f: () => 1, nan: Number.NaN,
    }));
    expect(out).toEqual({
      cyc: { a: 1, self: '[circular]' }, at: '1970-01-01T00:00:00.000Z', big: (10n ** 30n).toString(), buf: '[binary 3 bytes]',
      err: { name: 'Error', message: 'boom' }, m: { 1: 'a' }, s: [1, 2], nan: null,
    });
  });

  it('caps the size at MAX_DETAILS_BYTES and says how many entries it dropped', () => {
    const big: Record<string, string> = {};
    for (let i = 0; i < 50; i++) big[`k${String(i).padStart(2, '0')}`] = 'x'.repeat(500);
    const text = serializeDetails(big);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_DETAILS_BYTES);
    const out = parse(text);
    expect(out._truncated).toBeGreaterThan(40);
    expect(out.k00).toBe('x'.repeat(500));
  });

  it('keeps "__proto__" as plain data', () => {
    const out = parse(serializeDetails(JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>));
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('property: never throws, always bounded valid JSON, and a secret under a secret-looking key never survives', () => {
    const marker = 'S3CR3T-MARKER';
    const secretKey = fc.constantFrom('password', 'Token', 'client_secret', 'AUTHORIZATION', 'cookie', 'sessionId', 'apiKey');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(fc.property(fc.dictionary(fc.string(), tree, { maxKeys: 6 }), secretKey, fc.array(fc.string({ maxLength: 3 }), { maxLength: 5 }),
      (obj, key, path) => {
        // plant the marker under a secret key somewhere along `path`
        let cur: Record<string, unknown> = obj as Record<string, unknown>;
        for (const p of path) { const next: Record<string, unknown> = {}; Object.defineProperty(cur, p, { value: next, enumerable: true, configurable: true, writable: true }); cur = next; }
        Object.defineProperty(cur, key, { value: marker, enumerable: true, configurable: true, writable: true });
        const text = serializeDetails(obj as Record<string, unknown>);
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_DETAILS_BYTES);
        expect(() => JSON.parse(text) as unknown).not.toThrow();
        expect(text).not.toContain(marker);
      }));
  });
});

describe('cleanText', () => {
  it('replaces lone surrogates and caps length without splitting a pair into garbage', () => {
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('😀😀', 3)).toBe('😀\uFFFD…');
    expect(cleanText('abc', 3)).toBe('abc');
  });
});
