import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { Keyring } from '../keys/keyring.js';
import { decrypt, encrypt, type Sealed } from './index.js';

const A = 'box-key-A-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKL';
const B = 'box-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210-zyxwvutsrqpo';

function decryptError(kr: Keyring, sealed: Sealed, aad?: string): DelveError {
  try {
    decrypt(kr, sealed, aad);
  } catch (e) {
    expect(e).toBeInstanceOf(DelveError);
    return e as DelveError;
  }
  throw new Error('expected decrypt to fail');
}

describe('crypto-box', () => {
  it('round-trips and stores the current key id', () => {
    const kr = new Keyring(A);
    const sealed = encrypt(kr, 'smtp-password-ü😀', 'settings:smtp');
    expect(sealed.keyId).toBe(kr.keyId(A));
    expect(sealed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(sealed.ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed.ciphertext).not.toContain(Buffer.from('smtp-password').toString('base64url').slice(0, 8));
    expect(decrypt(kr, sealed, 'settings:smtp')).toEqual({ plaintext: 'smtp-password-ü😀', keyId: sealed.keyId, isCurrent: true });
  });

  it('lays out nonce | tag | ciphertext', () => {
    const raw = Buffer.from(encrypt(new Keyring(A), 'abc').ciphertext, 'base64url');
    expect(raw.length).toBe(12 + 16 + 3);
  });

  it('round-trips any string and any aad', () => {
    const kr = new Keyring(A);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 40 }), (pt, aad) => {
        expect(decrypt(kr, encrypt(kr, pt, aad), aad).plaintext).toBe(pt);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a change to ANY byte of the ciphertext (every byte, every bit)', () => {
    const kr = new Keyring(A);
    const sealed = encrypt(kr, 'database-password', 'row:1');
    const raw = Buffer.from(sealed.ciphertext, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const t = Buffer.from(raw);
        t[i] = t[i]! ^ (1 << bit);
        const err = decryptError(kr, { keyId: sealed.keyId, ciphertext: t.toString('base64url') }, 'row:1');
        expect(err.code).toBe('DLV_CRYPTO_DECRYPT');
      }
    }
  });

  it('rejects any single-character change of the encoded ciphertext, truncation and extension', () => {
    const kr = new Keyring(A);
    const sealed = encrypt(kr, 'x'.repeat(20), 'row:1');
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/'.split('')), (pos, ch) => {
        const c = sealed.ciphertext;
        const i = pos % c.length;
        fc.pre(c[i] !== ch);
        const tampered = c.slice(0, i) + ch + c.slice(i + 1);
        expect(decryptError(kr, { keyId: sealed.keyId, ciphertext: tampered }, 'row:1').code).toBe('DLV_CRYPTO_DECRYPT');
      }),
      { numRuns: 300 },
    );
    for (const ciphertext of [sealed.ciphertext.slice(0, -1), sealed.ciphertext.slice(0, 30), '', sealed.ciphertext + 'AA']) {
      expect(decryptError(kr, { keyId: sealed.keyId, ciphertext }, 'row:1').code).toBe('DLV_CRYPTO_DECRYPT');
    }
  });

  it('binds the associated data: wrong or missing aad fails, so ciphertexts cannot be swapped between rows', () => {
    const kr = new Keyring(A);
    const row1 = encrypt(kr, 'secret-one', 'token:1');
    expect(decryptError(kr, row1, 'token:2').code).toBe('DLV_CRYPTO_DECRYPT');
    expect(decryptError(kr, row1).code).toBe('DLV_CRYPTO_DECRYPT');
    const noAad = encrypt(kr, 'secret-two');
    expect(decryptError(kr, noAad, 'token:1').code).toBe('DLV_CRYPTO_DECRYPT');
    expect(decrypt(kr, noAad).plaintext).toBe('secret-two');
  });

  it('decrypts with a fallback after rotation and reports isCurrent=false', () => {
    const sealed = encrypt(new Keyring(A), 'api-secret', 'r');
    const rotated = new Keyring(B, [A]);
    expect(decrypt(rotated, sealed, 'r')).toEqual({ plaintext: 'api-secret', keyId: rotated.keyId(A), isCurrent: false });
    expect(encrypt(rotated, 'new', 'r').keyId).toBe(rotated.keyId(B));
  });

  it('fails with DLV_CRYPTO_DECRYPT for an unknown key id, naming neither key nor plaintext', () => {
    const sealed = encrypt(new Keyring(A), 'top-secret-plaintext');
    const err = decryptError(new Keyring(B), sealed);
    expect(err.code).toBe('DLV_CRYPTO_DECRYPT');
    expect(err.message).toContain(sealed.keyId);
    for (const secret of [A, B, 'top-secret-plaintext']) {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(err.details)).not.toContain(secret);
    }
  });

  it('fails with DLV_CRYPTO_DECRYPT when the key id is relabelled to another configured key', () => {
    const kr = new Keyring(B, [A]);
    const sealed = encrypt(new Keyring(A), 'relabelled-plaintext');
    const err = decryptError(kr, { keyId: kr.keyId(B), ciphertext: sealed.ciphertext });
    expect(err.code).toBe('DLV_CRYPTO_DECRYPT');
    expect(err.message).not.toContain('relabelled-plaintext');
  });

  it('never throws anything but DLV_CRYPTO_DECRYPT on garbage input', () => {
    const kr = new Keyring(A);
    const id = kr.keyId(A);
    fc.assert(
      fc.property(fc.oneof(fc.constant(id), fc.string()), fc.string({ unit: 'binary' }), (keyId, ciphertext) => {
        expect(decryptError(kr, { keyId, ciphertext }).code).toBe('DLV_CRYPTO_DECRYPT');
      }),
      { numRuns: 300 },
    );
    for (const bad of [null, undefined, {}, { keyId: 1, ciphertext: 2 }, 'str']) {
      expect(decryptError(kr, bad as unknown as Sealed).code).toBe('DLV_CRYPTO_DECRYPT');
    }
  });

  it('shows a non-hex key id as (invalid) rather than echoing stored text', () => {
    const err = decryptError(new Keyring(A), { keyId: '<script>secret', ciphertext: 'AAAA' });
    expect(err.message).toContain('(invalid)');
    expect(err.message).not.toContain('<script>');
  });

  it('uses a fresh nonce for every encryption', () => {
    const kr = new Keyring(A);
    const nonces = new Set<string>();
    const cts = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = encrypt(kr, 'same plaintext', 'same-aad').ciphertext;
      cts.add(c);
      nonces.add(Buffer.from(c, 'base64url').subarray(0, 12).toString('hex'));
    }
    expect(nonces.size).toBe(2000);
    expect(cts.size).toBe(2000);
  });

  it('refuses plaintext with lone surrogates (it could not round-trip)', () => {
    expect(() => encrypt(new Keyring(A), 'a\uDC00')).toThrow(TypeError);
  });

  it('uses a key separate from signing keys (purpose separation)', () => {
    const kr = new Keyring(A);
    expect(kr.derive(A, 'delve.crypto-box').equals(kr.derive(A, 'delve.signing:delve.crypto-box'))).toBe(false);
  });
});
