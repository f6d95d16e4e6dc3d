import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64urlStrict, decodeUtf8Strict, encodeBase64url } from './base64url.js';

describe('strict base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(decodeBase64urlStrict(encodeBase64url(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it.each([
    ['padding', 'YQ=='],
    ['standard-alphabet characters', 'a+/b'],
    ['whitespace', 'YQ '],
    ['impossible length', 'YWJjZ'],
    ['unused bits set in the last character', 'YR'],
    ['unused bits set (2-char tail)', 'YWJ'],
  ])('rejects %s', (_n, text) => {
    expect(decodeBase64urlStrict(text)).toBeUndefined();
  });

  it('accepts every string exactly when it is the canonical encoding of its bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_='.split('')) }), (text) => {
        const out = decodeBase64urlStrict(text);
        if (out !== undefined) expect(out.toString('base64url')).toBe(text);
      }),
    );
  });

  it('decodes UTF-8 strictly', () => {
    expect(decodeUtf8Strict(Buffer.from('ü😀', 'utf8'))).toBe('ü😀');
    expect(decodeUtf8Strict(Buffer.from([0xff, 0xfe]))).toBeUndefined();
    expect(decodeUtf8Strict(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa');
  });
});
