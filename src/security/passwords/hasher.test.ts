import { hash } from '@node-rs/argon2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { DUMMY_HASH, hashPassword, MAX_PASSWORD_LENGTH, needsRehash, PASSWORD_PARAMS, verifyDummy, verifyPassword } from './index.js';

const PHC = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
const WEAK = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('password hashing', () => {
  it('hashes with argon2id and the OWASP parameters in PHC format, and verifies', async () => {
    const phc = await hashPassword('correct horse battery staple');
    expect(phc.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(phc).toMatch(PHC);
    expect(await verifyPassword(phc, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(phc, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword(phc, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword(phc, '')).toBe(false);
    expect(needsRehash(phc)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password', WEAK), hashPassword('same-password', WEAK)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'same-password')).toBe(true);
    expect(await verifyPassword(b, 'same-password')).toBe(true);
  });

  it('handles Unicode passwords byte-exactly', async () => {
    const phc = await hashPassword('pässwörd-😀-密码', WEAK);
    expect(await verifyPassword(phc, 'pässwörd-😀-密码')).toBe(true);
    expect(await verifyPassword(phc, 'passwörd-😀-密码')).toBe(false);
  });

  it('refuses empty and over-long passwords with DLV_PASSWORD_INVALID on field password', async () => {
    for (const pw of ['', 'x'.repeat(MAX_PASSWORD_LENGTH + 1)]) {
      const err = await hashPassword(pw).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(DelveError);
      expect((err as DelveError).code).toBe('DLV_PASSWORD_INVALID');
      expect((err as DelveError).field).toBe('password');
    }
    expect(await verifyPassword(DUMMY_HASH, 'x'.repeat(10_000_000))).toBe(false);
  });

  it('accepts a password of exactly the maximum length', async () => {
    const pw = 'ab'.repeat(MAX_PASSWORD_LENGTH / 2);
    expect(await verifyPassword(await hashPassword(pw, WEAK), pw)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'garbage'],
    ['prefix only', '$argon2id$'],
    ['bcrypt', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['django pbkdf2', 'pbkdf2_sha256$600000$salt$aGFzaA=='],
    ['truncated', '$argon2id$v=19$m=19456,t=2,p=1$vgyHZIX30QZ8Boz/S9Lqkw$eZl2y'],
    ['bad params', '$argon2id$v=19$m=abc,t=2,p=1$vgyHZIX30QZ8Boz/S9Lqkw$eZl2yKZYOrj23IuWS0ZojEgm+aHs1yLWjaquR09uaTM'],
    ['absurd memory (must not be run)', '$argon2id$v=19$m=4294967295,t=1,p=1$vgyHZIX30QZ8Boz/S9Lqkw$eZl2yKZYOrj23IuWS0ZojEgm+aHs1yLWjaquR09uaTM'],
    ['absurd time cost (must not be run)', '$argon2id$v=19$m=8,t=4294967295,p=1$vgyHZIX30QZ8Boz/S9Lqkw$eZl2yKZYOrj23IuWS0ZojEgm+aHs1yLWjaquR09uaTM'],
  ])('verifyPassword returns false, never throws, for a %s hash', async (_n, phc) => {
    expect(await verifyPassword(phc, 'password')).toBe(false);
    expect(needsRehash(phc)).toBe(true);
  });

  it('verifyPassword never throws on arbitrary input, including non-strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.string(), async (phc, pw) => {
        expect(await verifyPassword(`$argon2id$${phc}`, pw)).toBe(false);
        expect(await verifyPassword(phc, pw)).toBe(false);
      }),
      { numRuns: 200 },
    );
    for (const bad of [null, undefined, 42, {}]) {
      expect(await verifyPassword(bad as unknown as string, 'pw')).toBe(false);
      expect(await verifyPassword(DUMMY_HASH, bad as unknown as string)).toBe(false);
    }
  });

  it('needsRehash flags hashes made with weaker or different parameters, but they still verify', async () => {
    const weak = await hashPassword('old-password', WEAK);
    expect(weak.startsWith('$argon2id$v=19$m=1024,t=1,p=1$')).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword(weak, 'old-password')).toBe(true);
    expect(needsRehash(weak, WEAK)).toBe(false);
    const current = await hashPassword('new-password');
    expect(needsRehash(current, { ...PASSWORD_PARAMS, timeCost: 3 })).toBe(true);
    expect(needsRehash(current, { ...PASSWORD_PARAMS, memoryCost: 47104 })).toBe(true);
  });

  it('needsRehash flags other argon2 variants and short salts/outputs', async () => {
    const base = { memoryCost: PASSWORD_PARAMS.memoryCost, timeCost: PASSWORD_PARAMS.timeCost, parallelism: 1 };
    const argon2i = await hash('pw', { ...base, algorithm: 1 as never });
    expect(argon2i.startsWith('$argon2i$')).toBe(true);
    expect(needsRehash(argon2i)).toBe(true);
    expect(await verifyPassword(argon2i, 'pw')).toBe(true);
    const shortOut = await hash('pw', { ...base, algorithm: 2 as never, outputLen: 16 });
    expect(needsRehash(shortOut)).toBe(true);
    const shortSalt = await hash('pw', { ...base, algorithm: 2 as never, salt: new Uint8Array(8).fill(7) });
    expect(needsRehash(shortSalt)).toBe(true);
  });

  it('DUMMY_HASH uses the current parameters (regenerate it when they change) and verifyDummy is always false', async () => {
    expect(DUMMY_HASH).toMatch(PHC);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    expect(await verifyDummy('password')).toBe(false);
    expect(await verifyDummy('')).toBe(false);
  });
});
