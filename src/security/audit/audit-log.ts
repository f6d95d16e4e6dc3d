import type Database from 'better-sqlite3-multiple-ciphers';
import type { Keyring } from '../keys/keyring.js';
import { isAuditOutcome, isValidAction, type AuditOutcome } from './actions.js';
import { auditKey, GENESIS_HMAC, rowHmac, type AuditStore, type RawAuditRow } from './chain.js';
import { cleanField, serializeDetails } from './sanitize.js';
import { formatAuditRow } from './format.js';
import { toAuditRow } from './query.js';
import { uuidv7 } from '../../util/uuid7.js';

/** Inserts an audit row as an `_audit` event (seq after the FTS watermark, like the event writer does). */
function mirrorStatement(db: Database.Database): (row: RawAuditRow) => void {
  const nextSeq = db.prepare<[], { next: number }>(`SELECT max(coalesce((SELECT max(seq) FROM events), 0),
    coalesce((SELECT value FROM fts_state WHERE name = 'events_fts_watermark'), 0)) + 1 AS next`);
  const insert = db.prepare(`INSERT INTO events (seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id)
    VALUES (?, ?, ?, '_audit', 'audit', 'audit', 'delve', ?, ?, NULL)`);
  return (row) => {
    const r = toAuditRow(row);
    const fields = { seq: r.seq, action: r.action, outcome: r.outcome, actor: r.actor, actor_id: r.actorId, ip: r.ip, target: r.target, request_id: r.requestId, key_id: r.keyId, details: r.details };
    insert.run(nextSeq.get()?.next ?? 1, uuidv7(row.ts), row.ts * 1000, formatAuditRow(r), JSON.stringify(fields));
  };
}

/** One security event to record. Everything except `action` and `outcome` is optional. */
export interface AuditEntry {
  /** Dotted name such as 'auth.login' (see AUDIT_ACTIONS; other well-formed names are accepted). */
  action: string;
  outcome: AuditOutcome;
  /** Who acted: a username, 'system', or what a failed login typed. */
  actor?: string | null;
  actorId?: string | null;
  ip?: string | null;
  /** What was acted on (a user name, token id, file...). */
  target?: string | null;
  requestId?: string | null;
  /** Extra context; sanitised (secrets redacted, size capped) before it is stored. */
  details?: Record<string, unknown>;
}

export interface AuditLogOptions {
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
  /**
   * Also store each row as an event in the internal `_audit` index, in the same transaction, so administrators can
   * `search index=_audit` (superusers only, like every internal index). The chained audit_log table stays the record.
   */
  mirrorToEvents?: boolean;
}

/** A row before the chain fields (seq, prev_hmac, hmac) are filled in under the write lock. */
type Unchained = Omit<RawAuditRow, 'seq' | 'prev_hmac' | 'hmac'>;
type Append = Database.Transaction<(base: Unchained, key: Buffer) => RawAuditRow>;

/**
 * The tamper-evident audit log (DESIGN §4.6). Each row carries an HMAC over its own columns and the previous row's
 * HMAC, keyed by a key derived from the current SECRET_KEY, so editing, reordering or deleting rows is detected by
 * `verify` without the attacker being able to recompute the chain.
 */
export class AuditLog {
  private readonly store: AuditStore;
  private readonly keyring: Keyring;
  private readonly now: () => number;
  private readonly keyId: string;
  private appendTx: Append | undefined;
  private readonly mirror: boolean;

  constructor(store: AuditStore, keyring: Keyring, opts: AuditLogOptions = {}) {
    this.store = store;
    this.keyring = keyring;
    this.now = opts.now ?? Date.now;
    this.mirror = opts.mirrorToEvents ?? false;
    this.keyId = keyring.keyId(keyring.current);
  }

  /** Prepared once, on first use (so an AuditLog can be built before migrations ran). */
  private append(): Append {
    if (!this.appendTx) {
      const db = this.store.sqlite;
      // AUTOINCREMENT's high-water mark, so a truncated tail leaves a visible gap instead of reusing numbers.
      const nextSeq = db.prepare<[], { next: number }>(`SELECT max(coalesce((SELECT seq FROM sqlite_sequence
        WHERE name = 'audit_log'), 0), coalesce((SELECT max(seq) FROM audit_log), 0)) + 1 AS next`);
      const last = db.prepare<[], { hmac: string }>('SELECT hmac FROM audit_log ORDER BY seq DESC LIMIT 1');
      const insert = db.prepare<RawAuditRow>(`INSERT INTO audit_log (seq, ts, actor, actor_id, ip, action, target,
        outcome, request_id, details, key_id, prev_hmac, hmac) VALUES (@seq, @ts, @actor, @actor_id, @ip, @action,
        @target, @outcome, @request_id, @details, @key_id, @prev_hmac, @hmac)`);
      const mirror = this.mirror ? mirrorStatement(db) : undefined;
      this.appendTx = db.transaction((base: Unchained, key: Buffer): RawAuditRow => {
        const seq = nextSeq.get()?.next ?? 1;
        const prev_hmac = last.get()?.hmac ?? GENESIS_HMAC;
        const unsigned = { seq, ...base, prev_hmac };
        const row: RawAuditRow = { ...unsigned, hmac: rowHmac(key, unsigned) };
        insert.run(row);
        mirror?.(row);
        return row;
      });
    }
    return this.appendTx;
  }

  /**
   * Appends one event and returns the stored row. Synchronous and atomic: the last HMAC is read and the new row
   * inserted inside one `BEGIN IMMEDIATE` transaction, so concurrent writers (other connections or processes on the
   * same file) serialise on SQLite's write lock and can never fork the chain.
   * @throws TypeError for a malformed action name or unknown outcome (programming errors).
   */
  record(entry: AuditEntry): RawAuditRow {
    if (!isValidAction(entry.action)) throw new TypeError(`audit action must be a dotted lower-case name like 'auth.login', got ${JSON.stringify(entry.action)}`);
    if (!isAuditOutcome(entry.outcome)) throw new TypeError(`audit outcome must be success, failure, denied or info, got ${JSON.stringify(entry.outcome)}`);
    const ts = Math.trunc(this.now());
    if (!Number.isSafeInteger(ts)) throw new TypeError('audit clock must return epoch milliseconds');
    const base: Unchained = {
      ts,
      actor: cleanField(entry.actor),
      actor_id: cleanField(entry.actorId),
      ip: cleanField(entry.ip),
      action: entry.action,
      target: cleanField(entry.target),
      outcome: entry.outcome,
      request_id: cleanField(entry.requestId),
      details: serializeDetails(entry.details),
      key_id: this.keyId,
    };
    return this.append().immediate(base, auditKey(this.keyring, this.keyring.current));
  }
}
