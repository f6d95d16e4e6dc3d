import { DelveError } from '../../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { auditKey, GENESIS_HMAC, rowHmac, type AuditStore, type RawAuditRow } from './chain.js';
import { verify } from './verify.js';

/**
 * Re-signs the audit chain under the current SECRET_KEY (part of `fl reencrypt`, step 3 of a rotation). The chain is
 * verified first with every configured key — a broken chain is never re-signed, so re-signing cannot launder an edit —
 * then every row's key_id, prev_hmac and hmac are recomputed in one transaction. Afterwards the old key can be removed
 * from SECRET_KEY_FALLBACKS and `fl audit verify` still succeeds.
 */
export function rechainAudit(store: AuditStore, keyring: Keyring): { rows: number; resigned: number } {
  const db = store.sqlite;
  const currentId = keyring.keyId(keyring.current);
  const stale = (db.prepare('SELECT count(*) AS n FROM audit_log WHERE key_id != ?').get(currentId) as { n: number }).n;
  const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  if (stale === 0) return { rows: total, resigned: 0 };
  const check = verify(store, keyring);
  if (!check.ok) throw new DelveError('DLV_AUDIT_BROKEN', `The audit chain is broken at row ${check.brokenAt} (${check.reason}); it was not re-signed.`);
  const key = auditKey(keyring, keyring.current);
  const update = db.prepare('UPDATE audit_log SET key_id = ?, prev_hmac = ?, hmac = ? WHERE seq = ?');
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq');
  db.transaction(() => {
    let prev = GENESIS_HMAC;
    const all = rows.all() as RawAuditRow[];
    for (const r of all) {
      const unsigned = { ...r, key_id: currentId, prev_hmac: prev };
      delete (unsigned as Partial<RawAuditRow>).hmac;
      const hmac = rowHmac(key, unsigned);
      update.run(currentId, prev, hmac, r.seq);
      prev = hmac;
    }
  }).immediate();
  return { rows: total, resigned: total };
}
