import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DelveError } from '../../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { decodeBase64urlStrict, decodeUtf8Strict } from '../signing/index.js';

/** A secret at rest: the id of the key that sealed it plus base64url(nonce | tag | ciphertext). */
export interface Sealed {
  keyId: string;
  ciphertext: string;
}

/** What `decrypt` returns. `isCurrent` false means the row should be re-encrypted (`fl reencrypt`). */
export interface Opened {
  plaintext: string;
  keyId: string;
  isCurrent: boolean;
}

const PURPOSE = 'delve.crypto-box';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LONE_SURROGATE = /\p{Cs}/u;

function boxKey(keyring: Keyring, key: string): Buffer {
  return keyring.derive(key, PURPOSE);
}

/**
 * Encrypts `plaintext` with AES-256-GCM under a key derived from the keyring's current key, with a fresh random
 * 12-byte nonce. `aad` (e.g. the table and row id) is authenticated but not stored: decrypt needs the same value,
 * so a ciphertext copied into another row does not decrypt there.
 * @throws TypeError when `plaintext` has lone surrogates (it could not round-trip through UTF-8).
 */
export function encrypt(keyring: Keyring, plaintext: string, aad = ''): Sealed {
  if (typeof plaintext !== 'string' || LONE_SURROGATE.test(plaintext)) throw new TypeError('encrypt() needs a well-formed string');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, boxKey(keyring, keyring.current), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: keyring.keyId(keyring.current), ciphertext: Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url') };
}

/** Key ids are hex; anything else is shown as "(invalid)" so a corrupt row cannot inject text into messages. */
function failureId(keyId: string): string {
  return /^[0-9a-f]{1,64}$/.test(keyId) ? keyId : '(invalid)';
}

function failure(message: string, keyId: unknown): DelveError {
  const shownId = typeof keyId === 'string' ? failureId(keyId) : '(invalid)';
  return new DelveError('DLV_CRYPTO_DECRYPT', message, { details: { keyId: shownId } });
}

/**
 * Decrypts a value made by `encrypt`, using whichever configured key (current or fallback) has its key id.
 * @throws DelveError DLV_CRYPTO_DECRYPT when no configured key has that id, or when the ciphertext, key or `aad`
 *   does not authenticate. The message names only the (public) key id, never the key or any plaintext.
 */
export function decrypt(keyring: Keyring, sealed: Sealed, aad = ''): Opened {
  const keyId: unknown = sealed?.keyId;
  const text: unknown = sealed?.ciphertext;
  if (typeof keyId !== 'string' || typeof text !== 'string') {
    throw failure('Cannot decrypt a stored secret: it is not a {keyId, ciphertext} pair; the stored value is corrupt.', keyId);
  }
  const key = keyring.all().find((k) => keyring.keyId(k) === keyId);
  if (key === undefined) {
    throw failure(
      `Cannot decrypt a stored secret: no configured key has id ${failureId(keyId)}. Add the old SECRET_KEY to SECRET_KEY_FALLBACKS, then run "fl reencrypt".`,
      keyId,
    );
  }
  const raw = decodeBase64urlStrict(text);
  if (raw === undefined || raw.length < NONCE_BYTES + TAG_BYTES) {
    throw failure('Cannot decrypt a stored secret: the ciphertext is not valid base64url or is truncated; the stored value is corrupt.', keyId);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, boxKey(keyring, key), raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    const bytes = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
    const plaintext = decodeUtf8Strict(bytes);
    if (plaintext === undefined) throw new Error('not UTF-8');
    return { plaintext, keyId, isCurrent: key === keyring.current };
  } catch {
    throw failure(
      `Cannot decrypt a stored secret with key ${keyId}: the ciphertext was altered, belongs to another row, or the key is wrong.`,
      keyId,
    );
  }
}
