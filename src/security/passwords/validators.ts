import { DelveError } from '../../errors.js';
import { isCommonPassword } from './common-passwords.js';
import { MAX_PASSWORD_LENGTH, passwordLength } from './limits.js';
import { quickRatio, similarityRatio } from './similarity.js';

/** The password rules and the user attributes a password must not resemble. */
export interface PasswordRules {
  /** Minimum length in characters (code points). Default 8. */
  minLength?: number;
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Similarity ratio at or above which a password counts as too similar to an attribute. Default 0.7 (Django's). */
  maxSimilarity?: number;
}

export const DEFAULT_MIN_LENGTH = 8;
export const DEFAULT_MAX_SIMILARITY = 0.7;
/** Attribute values (or parts) longer than this are not compared: it bounds the quadratic similarity work. */
const MAX_COMPARED_ATTRIBUTE = 256;

const ATTRIBUTES = [
  ['username', 'username'],
  ['email', 'email address'],
  ['firstName', 'first name'],
  ['lastName', 'last name'],
] as const;

const NON_WORD = /[^\p{L}\p{N}_]+/u;
const ALL_DIGITS = /^\p{Nd}+$/u;

/**
 * Django's UserAttributeSimilarityValidator test for one attribute: the password is compared (lowercased) with the
 * whole value and with each of its parts split at non-word characters (so an email's local-part pieces and domain
 * labels count too). Parts far shorter than the password are skipped, as Django does.
 */
function similarTo(password: string, value: string, maxSimilarity: number): boolean {
  const lowered = value.toLowerCase();
  const parts = new Set([...lowered.split(NON_WORD), lowered]);
  const pwLen = passwordLength(password);
  for (const part of parts) {
    const partLen = passwordLength(part);
    if (partLen === 0 || partLen > MAX_COMPARED_ATTRIBUTE) continue;
    if (pwLen >= 10 * partLen && partLen < (maxSimilarity / 2) * pwLen) continue;
    if (quickRatio(password, part) < maxSimilarity) continue;
    if (similarityRatio(password, part) >= maxSimilarity) return true;
  }
  return false;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Checks a new password against the rules (DESIGN §4.4) and returns one message per problem, each saying what to
 * fix; an empty array means the password is acceptable. Never throws for a string password.
 */
export function validatePassword(password: string, rules: PasswordRules = {}): string[] {
  const minLength = rules.minLength ?? DEFAULT_MIN_LENGTH;
  const maxSimilarity = rules.maxSimilarity ?? DEFAULT_MAX_SIMILARITY;
  if (!Number.isInteger(minLength) || minLength < 1 || minLength > MAX_PASSWORD_LENGTH) {
    throw new TypeError(`minLength must be an integer from 1 to ${MAX_PASSWORD_LENGTH}`);
  }
  if (!(maxSimilarity > 0 && maxSimilarity <= 1)) throw new TypeError('maxSimilarity must be in (0, 1]');
  if (typeof password !== 'string') return ['Enter a password.'];

  const length = passwordLength(password);
  if (length > MAX_PASSWORD_LENGTH) return [`This password is too long. Use at most ${MAX_PASSWORD_LENGTH} characters.`];
  const messages: string[] = [];
  if (length < minLength) {
    messages.push(`This password is too short. It must contain at least ${minLength} character${minLength === 1 ? '' : 's'}.`);
  }
  if (ALL_DIGITS.test(password)) messages.push('This password is entirely numeric. Add letters or symbols.');
  if (isCommonPassword(password)) messages.push('This password is too common. Choose one that is harder to guess.');

  const lowered = password.toLowerCase();
  const similar: string[] = [];
  for (const [key, label] of ATTRIBUTES) {
    const value = rules[key];
    if (typeof value === 'string' && value.length > 0 && similarTo(lowered, value, maxSimilarity)) similar.push(label);
  }
  if (similar.length > 0) {
    messages.push(`This password is too similar to your ${joinNames(similar)}. Choose one that does not resemble ${similar.length > 1 ? 'them' : 'it'}.`);
  }
  return messages;
}

/**
 * Like `validatePassword`, but throws when the password breaks a rule.
 * @throws DelveError DLV_PASSWORD_INVALID with field `password`, all messages joined, and `details.messages`.
 */
export function assertValidPassword(password: string, rules: PasswordRules = {}): void {
  const messages = validatePassword(password, rules);
  if (messages.length > 0) {
    throw new DelveError('DLV_PASSWORD_INVALID', messages.join(' '), { field: 'password', details: { messages } });
  }
}
