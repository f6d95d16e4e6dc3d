import { DelveError } from '../../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { decrypt, encrypt, type Sealed } from './box.js';

/** One stored secret: the caller's row id, its sealed value and the associated data it was sealed with. */
export interface SealedRow<Id> {
  id: Id;
  sealed: Sealed;
  aad?: string;
}

export interface ReencryptCounts {
  total: number;
  reencrypted: number;
  alreadyCurrent: number;
  failed: number;
}

export interface ReencryptResult<Id> {
  /** New sealed values (under the current key) for the rows that need writing back. */
  updates: Array<{ id: Id; sealed: Sealed }>;
  /** Rows that no configured key could decrypt; they are left untouched. Messages never hold secrets. */
  failures: Array<{ id: Id; code: string; message: string }>;
  counts: ReencryptCounts;
}

/**
 * The pure part of `fl reencrypt`: decrypts every row with the keyring (current or fallback key) and re-seals those
 * not already under the current key, with a fresh nonce and the same `aad`. Rows already under the current key are
 * decrypted too, so corruption is reported, but are not rewritten. Never throws for a bad row: it is counted as failed.
 */
export function reencryptAll<Id>(rows: Iterable<SealedRow<Id>>, keyring: Keyring): ReencryptResult<Id> {
  const result: ReencryptResult<Id> = { updates: [], failures: [], counts: { total: 0, reencrypted: 0, alreadyCurrent: 0, failed: 0 } };
  for (const row of rows) {
    result.counts.total++;
    try {
      const opened = decrypt(keyring, row.sealed, row.aad);
      if (opened.isCurrent) {
        result.counts.alreadyCurrent++;
      } else {
        result.updates.push({ id: row.id, sealed: encrypt(keyring, opened.plaintext, row.aad) });
        result.counts.reencrypted++;
      }
    } catch (e) {
      const err = e instanceof DelveError ? e : new DelveError('DLV_CRYPTO_DECRYPT', 'Cannot decrypt a stored secret: the stored value is corrupt.');
      result.failures.push({ id: row.id, code: err.code, message: err.message });
      result.counts.failed++;
    }
  }
  return result;
}
