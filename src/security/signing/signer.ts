import { createHmac, timingSafeEqual } from 'node:crypto';
import { DelveError } from '../../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { decodeBase64urlStrict, decodeUtf8Strict, encodeBase64url } from './base64url.js';

/** What `unsign` returns for a token that verified. */
export interface Unsigned {
  /** The original value, exactly as passed to `sign`. */
  value: string;
  /** When the token was signed, in epoch milliseconds (whole seconds). */
  timestamp: number;
  /** Which key verified it: 0 = the current key, n = fallback n-1. */
  keyIndex: number;
  /** True when a fallback key verified it: callers should re-issue the value signed with the current key. */
  usedFallback: boolean;
}

export interface SignOptions {
  /** Clock override in epoch milliseconds (tests). */
  now?: number;
}

export interface UnsignOptions extends SignOptions {
  /** Reject tokens signed more than this many seconds ago (DLV_SIGNATURE_EXPIRED). No limit when omitted. */
  maxAgeSeconds?: number;
}

const DIGEST_BYTES = 32;
const TIMESTAMP = /^[0-9a-z]{1,10}$/;
/** In a `u` regex a lone surrogate is its own code point of category Cs; a valid pair never matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The HMAC key for one purpose: each purpose gets its own key, so a token for one purpose never verifies for another. */
function purposeKey(keyring: Keyring, key: string, purpose: string): Buffer {
  return keyring.derive(key, `delve.signing:${purpose}`);
}

function mac(key: Buffer, signedPart: string): Buffer {
  return createHmac('sha256', key).update(signedPart, 'utf8').digest();
}

function checkPurpose(purpose: string): void {
  if (typeof purpose !== 'string' || purpose.length === 0) throw new TypeError('signing needs a non-empty purpose');
}

/**
 * Signs `value` for one `purpose` with the keyring's current key (never a fallback).
 * Returns `<b64url(value)>.<unix seconds in base36>.<b64url(HMAC-SHA256)>`, which uses only URL-safe characters.
 * The value is encoded, not encrypted: anyone holding the token can read it.
 * @throws TypeError when `purpose` is empty or `value` is not a well-formed string (lone surrogates).
 */
export function sign(keyring: Keyring, purpose: string, value: string, opts: SignOptions = {}): string {
  checkPurpose(purpose);
  if (typeof value !== 'string' || LONE_SURROGATE.test(value)) throw new TypeError('sign() needs a well-formed string value');
  const seconds = Math.floor((opts.now ?? Date.now()) / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) throw new TypeError('sign() needs a non-negative clock');
  const signedPart = `${encodeBase64url(value)}.${seconds.toString(36)}`;
  return `${signedPart}.${encodeBase64url(mac(purposeKey(keyring, keyring.current, purpose), signedPart))}`;
}

function malformed(why: string): DelveError {
  return new DelveError('DLV_SIGNATURE_MALFORMED', `The signed value is malformed (${why}); request a new link or token.`);
}

/**
 * Verifies a token made by `sign` for the same `purpose`, trying the current key and then each fallback with a
 * constant-time comparison. The age limit is checked only after a signature verified.
 * @throws DelveError DLV_SIGNATURE_MALFORMED (not three parts, bad base64url, bad timestamp),
 *   DLV_SIGNATURE_BAD (no configured key verifies it, including a token made for another purpose),
 *   DLV_SIGNATURE_EXPIRED (genuine but older than `maxAgeSeconds`).
 */
export function unsign(keyring: Keyring, purpose: string, token: string, opts: UnsignOptions = {}): Unsigned {
  checkPurpose(purpose);
  const maxAge = opts.maxAgeSeconds;
  if (maxAge !== undefined && !(Number.isFinite(maxAge) && maxAge >= 0)) throw new TypeError('maxAgeSeconds must be a finite number >= 0');
  if (typeof token !== 'string') throw malformed('not a string');
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('expected three dot-separated parts');
  const [payload, ts, sig] = parts as [string, string, string];
  const valueBytes = decodeBase64urlStrict(payload);
  if (valueBytes === undefined) throw malformed('the value is not base64url');
  if (!TIMESTAMP.test(ts)) throw malformed('the timestamp is not base36');
  const timestamp = parseInt(ts, 36) * 1000;
  if (!Number.isSafeInteger(timestamp)) throw malformed('the timestamp is out of range');
  const given = decodeBase64urlStrict(sig);
  if (given === undefined) throw malformed('the signature is not base64url');
  if (given.length !== DIGEST_BYTES) throw malformed('the signature has the wrong length');

  const signedPart = `${payload}.${ts}`;
  const keys = keyring.all();
  let keyIndex = -1;
  for (let i = 0; i < keys.length; i++) {
    // Every key is tried even after a match, so timing does not reveal which key signed.
    if (timingSafeEqual(mac(purposeKey(keyring, keys[i] as string, purpose), signedPart), given) && keyIndex < 0) keyIndex = i;
  }
  if (keyIndex < 0) {
    throw new DelveError('DLV_SIGNATURE_BAD', 'The signature does not match: the value was altered, made for another purpose, or signed with a key that is no longer configured.');
  }

  const value = decodeUtf8Strict(valueBytes);
  if (value === undefined) throw malformed('the value is not UTF-8');
  if (maxAge !== undefined) {
    const ageMs = (opts.now ?? Date.now()) - timestamp;
    if (ageMs > maxAge * 1000) {
      throw new DelveError('DLV_SIGNATURE_EXPIRED', `The signed value has expired (older than ${maxAge} s); request a new one.`, {
        details: { ageSeconds: Math.floor(ageMs / 1000), maxAgeSeconds: maxAge },
      });
    }
  }
  return { value, timestamp, keyIndex, usedFallback: keyIndex > 0 };
}
