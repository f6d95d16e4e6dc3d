import type { AuditLogTable } from '../../storage/tables.js';
import { createHmac } from 'node:crypto';
import type { Keyring } from '../keys/keyring.js';
import type { Store } from '../../storage/store.js';

/** What the audit functions need from a Store: the raw better-sqlite3 handle. */
export type AuditStore = Pick<Store, 'sqlite'>;

/** HKDF purpose of the audit chain key: it never shares key material with signing or encryption. */
export const AUDIT_KEY_PURPOSE = 'delve.audit';
/** prev_hmac of the first row. */
export const GENESIS_HMAC = '0'.repeat(64);

/** One audit_log row exactly as stored (snake_case columns; details is JSON text). */
export type RawAuditRow = AuditLogTable;

/** The chain key derived from one SECRET_KEY (current or fallback). */
export function auditKey(keyring: Keyring, key: string): Buffer {
  return keyring.derive(key, AUDIT_KEY_PURPOSE);
}

/**
 * HMAC-SHA256 (hex) over the canonical JSON array
 * `[seq, ts, actor, actor_id, ip, action, target, outcome, request_id, details, key_id, prev_hmac]`
 * where `details` is the stored JSON text. Values are hashed as read from SQLite, so a changed type
 * (e.g. an integer ts rewritten as a real) changes the HMAC too.
 */
export function rowHmac(key: Buffer, row: Omit<RawAuditRow, 'hmac'>): string {
  const fields: unknown[] = [row.seq, row.ts, row.actor, row.actor_id, row.ip, row.action, row.target, row.outcome,
    row.request_id, row.details, row.key_id, row.prev_hmac];
  const text = JSON.stringify(fields, (_k, v: unknown) => (typeof v === 'bigint' ? `bigint:${v.toString()}` : v));
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
