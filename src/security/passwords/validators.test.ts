import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { assertValidPassword, MAX_PASSWORD_LENGTH, validatePassword } from './index.js';

const GOOD = 'violet-Canyon-48-lamp';

describe('validatePassword', () => {
  it('accepts a good password with no user attributes and with them', () => {
    expect(validatePassword(GOOD)).toEqual([]);
    expect(validatePassword(GOOD, { username: 'alice', email: 'alice.smith@example.com', firstName: 'Alice', lastName: 'Smith' })).toEqual([]);
  });

  it('minimum length: fails below it, says the minimum, passes at it, and is configurable', () => {
    expect(validatePassword('Kx7#qp')).toEqual(['This password is too short. It must contain at least 8 characters.']);
    expect(validatePassword('Kx7#qpZ!')).toEqual([]);
    expect(validatePassword('Kx7#qpZ!', { minLength: 12 })).toEqual(['This password is too short. It must contain at least 12 characters.']);
    expect(validatePassword('Kx7#', { minLength: 4 })).toEqual([]);
    expect(validatePassword('', { minLength: 1 })[0]).toBe('This password is too short. It must contain at least 1 character.');
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    expect(validatePassword('😀😀😀😀Kx7', { minLength: 8 })[0]).toContain('too short');
    expect(validatePassword('😀😀😀😀Kx7#', { minLength: 8 })).toEqual([]);
  });

  it('entirely numeric: fails for digits only, passes with a letter', () => {
    expect(validatePassword('8401739265')).toEqual(['This password is entirely numeric. Add letters or symbols.']);
    expect(validatePassword('٨٤٠١٧٣٩٢٦٥')).toContain('This password is entirely numeric. Add letters or symbols.');
    expect(validatePassword('8401739265x')).toEqual([]);
  });

  it('common passwords: fails case-insensitively and trimmed, passes an uncommon one', () => {
    const msg = 'This password is too common. Choose one that is harder to guess.';
    expect(validatePassword('password1')).toEqual([msg]);
    expect(validatePassword('PassWord1')).toEqual([msg]);
    expect(validatePassword(' iloveyou ')).toEqual([msg]);
    expect(validatePassword('qwertyuiop')).toEqual([msg]);
    expect(validatePassword('ginger-tortoise-9')).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(validatePassword('123456')).toEqual([
      'This password is too short. It must contain at least 8 characters.',
      'This password is entirely numeric. Add letters or symbols.',
      'This password is too common. Choose one that is harder to guess.',
    ]);
  });

  it('similar to the username: fails for near copies, passes for unrelated', () => {
    const msg = 'This password is too similar to your username. Choose one that does not resemble it.';
    expect(validatePassword('johnsmith2024', { username: 'johnsmith' })).toEqual([msg]);
    expect(validatePassword('JohnSmith', { username: 'johnsmith' })).toEqual([msg]);
    expect(validatePassword('htimsnhoj', { username: 'johnsmith' })).toEqual([]);
    expect(validatePassword(GOOD, { username: 'johnsmith' })).toEqual([]);
  });

  it('similar to the email: whole address, local-part pieces and domain labels', () => {
    const email = 'margaret.hamilton@apollo-guidance.org';
    expect(validatePassword('margaret.hamilton@apollo', { email })[0]).toContain('too similar to your email address');
    expect(validatePassword('Hamilton42', { email })[0]).toContain('email address');
    expect(validatePassword('Margaret!!', { email })[0]).toContain('email address');
    expect(validatePassword('guidance-7', { email })[0]).toContain('email address');
    expect(validatePassword(GOOD, { email })).toEqual([]);
  });

  it('similar to first or last name, and names every matching attribute', () => {
    expect(validatePassword('Bartholomew1', { firstName: 'Bartholomew' })[0]).toContain('your first name');
    expect(validatePassword('Kowalczyk99', { lastName: 'Kowalczyk' })[0]).toContain('your last name');
    expect(validatePassword('bartholomew7', { username: 'bartholomew', firstName: 'Bartholomew', email: 'x@y.io' })).toEqual([
      'This password is too similar to your username and first name. Choose one that does not resemble them.',
    ]);
  });

  it('skips attribute parts far shorter than the password, as Django does', () => {
    // "io" is a part of the email domain; a long password containing it is not "similar".
    expect(validatePassword('a-very-long-passphrase-io-river', { email: 'x@io.io' })).toEqual([]);
  });

  it('uses the 0.7 ratio threshold (configurable)', () => {
    // SequenceMatcher("abcdefgh12", "abcdefg").ratio() = 14/17 = 0.82; ("abcxyzqr", "abcdefgh") = 6/16 = 0.375.
    expect(validatePassword('abcdefgh12', { username: 'abcdefg' })).toHaveLength(1);
    expect(validatePassword('abcxyzqr!', { username: 'abcdefgh' })).toEqual([]);
    expect(validatePassword('abcxyzqr!', { username: 'abcdefgh', maxSimilarity: 0.3 })).toHaveLength(1);
  });

  it('enforces a hard maximum length (DoS bound) and reports only that', () => {
    expect(validatePassword('x'.repeat(MAX_PASSWORD_LENGTH + 1), { username: 'x' })).toEqual([
      `This password is too long. Use at most ${MAX_PASSWORD_LENGTH} characters.`,
    ]);
    expect(validatePassword('9'.repeat(5_000_000))).toHaveLength(1);
    const atMax = 'ab'.repeat(MAX_PASSWORD_LENGTH / 2);
    expect(validatePassword(atMax, { username: 'ab'.repeat(128), email: `${'b'.repeat(64)}@${'a'.repeat(60)}.com` })).toEqual([]);
  });

  it('rejects bad rule settings loudly (a configuration bug, not user input)', () => {
    expect(() => validatePassword(GOOD, { minLength: 0 })).toThrow(TypeError);
    expect(() => validatePassword(GOOD, { minLength: 7.5 })).toThrow(TypeError);
    expect(() => validatePassword(GOOD, { maxSimilarity: 0 })).toThrow(TypeError);
  });

  it('returns a message rather than throwing for a non-string password', () => {
    expect(validatePassword(undefined as unknown as string)).toEqual(['Enter a password.']);
  });
});

describe('assertValidPassword', () => {
  it('passes silently for a valid password', () => {
    expect(() => assertValidPassword(GOOD, { username: 'alice' })).not.toThrow();
  });

  it('throws DLV_PASSWORD_INVALID on field password with every message joined', () => {
    let err: unknown;
    try {
      assertValidPassword('1234', { username: 'bob' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DelveError);
    const e = err as DelveError;
    expect(e.code).toBe('DLV_PASSWORD_INVALID');
    expect(e.status).toBe(400);
    expect(e.field).toBe('password');
    const messages = e.details?.['messages'] as string[];
    expect(messages).toHaveLength(3);
    expect(e.message).toBe(messages.join(' '));
    expect(e.toJSON()).toEqual({ error: { code: 'DLV_PASSWORD_INVALID', message: e.message, field: 'password' } });
  });
});
