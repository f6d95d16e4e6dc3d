import { timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../keys/keyring.js';
import { auditKey, GENESIS_HMAC, rowHmac, type AuditStore, type RawAuditRow } from './chain.js';

/** `rows` counts the rows that verified (all of them when ok; those before the break otherwise). */
export type AuditVerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: number; reason: string };

function sameHex(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Checks one row against its predecessor; returns why it is broken, or undefined when it verifies. */
function checkRow(row: RawAuditRow, prev: RawAuditRow | undefined, keys: Map<string, Buffer>): { at: number; reason: string } | undefined {
  const expectedSeq = prev ? prev.seq + 1 : 1;
  if (row.seq !== expectedSeq) {
    if (typeof row.seq === 'number' && Number.isSafeInteger(row.seq) && row.seq > expectedSeq) {
      const range = row.seq - 1 === expectedSeq ? `row ${expectedSeq} is` : `rows ${expectedSeq}..${row.seq - 1} are`;
      return { at: expectedSeq, reason: `${range} missing: deleted from the audit log` };
    }
    return { at: row.seq, reason: `row ${String(row.seq)} has a sequence number that does not follow ${prev ? `row ${prev.seq}` : 'the start of the log'}` };
  }
  const key = typeof row.key_id === 'string' ? keys.get(row.key_id) : undefined;
  if (!key) {
    return { at: row.seq, reason: `row ${row.seq} was written with key ${String(row.key_id)} which is not configured (add it to SECRET_KEY_FALLBACKS to verify)` };
  }
  if (!sameHex(row.hmac, rowHmac(key, row))) {
    return { at: row.seq, reason: `row ${row.seq} does not match its HMAC: it was modified after it was written` };
  }
  if (!sameHex(row.prev_hmac, prev ? prev.hmac : GENESIS_HMAC)) {
    return { at: row.seq, reason: `row ${row.seq} does not link to ${prev ? `row ${prev.seq}` : 'the start of the log'}: rows were removed, reordered or replaced` };
  }
  return undefined;
}

/**
 * Verifies the whole audit chain, streaming rows in seq order (constant memory). Detects:
 * edited rows (HMAC mismatch, any column), rows deleted from the start or middle (seq gap / broken prev_hmac link),
 * rows re-chained with another key, and rows deleted from the end: AUTOINCREMENT's high-water mark in
 * `sqlite_sequence` stays above the last remaining seq.
 *
 * Limit: the chain is only as strong as the key. Someone with write access to the database but not the SECRET_KEY
 * cannot forge rows; they can still truncate the tail undetected if they also lower `sqlite_sequence` — keep an
 * external copy of the last seq/HMAC (e.g. from `fl audit verify` output) to close that gap.
 *
 * Rows written under a rotated key verify while that key is in SECRET_KEY_FALLBACKS; otherwise the first such row is
 * reported with its key id. Rows and the high-water mark are read in one snapshot, so concurrent appends are safe.
 */
export function verify(store: AuditStore, keyring: Keyring): AuditVerifyResult {
  const keys = new Map<string, Buffer>();
  for (const k of keyring.all()) keys.set(keyring.keyId(k), auditKey(keyring, k));
  const db = store.sqlite;
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN'); // a read snapshot: rows and sqlite_sequence from the same moment
  try {
    const hwmRow = db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).get();
    const rows = db.prepare<[], RawAuditRow>(`SELECT seq, ts, actor, actor_id, ip, action, target, outcome, request_id,
      details, key_id, prev_hmac, hmac FROM audit_log ORDER BY seq`).iterate();
    let prev: RawAuditRow | undefined;
    let count = 0;
    for (const row of rows) {
      const broken = checkRow(row, prev, keys);
      if (broken) return { ok: false, rows: count, brokenAt: broken.at, reason: broken.reason };
      prev = row;
      count++;
    }
    const last = prev?.seq ?? 0;
    const hwm = hwmRow?.seq ?? 0;
    if (typeof hwm === 'number' && hwm > last) {
      const range = hwm === last + 1 ? `row ${hwm} is` : `rows ${last + 1}..${hwm} are`;
      return { ok: false, rows: count, brokenAt: last + 1, reason: `${range} missing: deleted from the end of the audit log (sqlite_sequence records ${hwm} rows)` };
    }
    return { ok: true, rows: count };
  } finally {
    if (own) db.exec('COMMIT');
  }
}
