import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, Store } from '../../storage/index.js';
import { Keyring } from '../keys/keyring.js';
import { AUDIT_ACTIONS, AuditLog, GENESIS_HMAC, list, tail, verify } from './index.js';

const KEY = 'audit-unit-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
let dir: string;
let store: Store;
let clock: number;
let log: AuditLog;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-audit-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  clock = Date.UTC(2024, 0, 1);
  log = new AuditLog(store, new Keyring(KEY), { now: () => clock++ });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('AuditLog.record', () => {
  it('chains rows: seq from 1, genesis prev_hmac, each prev_hmac is the previous hmac', () => {
    const a = log.record({ action: 'auth.login', outcome: 'success', actor: 'alice', ip: '10.0.0.1' });
    const b = log.record({ action: 'auth.logout', outcome: 'success', actor: 'alice' });
    expect(a.seq).toBe(1);
    expect(a.prev_hmac).toBe(GENESIS_HMAC);
    expect(b.seq).toBe(2);
    expect(b.prev_hmac).toBe(a.hmac);
    expect(a.hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key_id).toBe(new Keyring(KEY).keyId(KEY));
    expect(verify(store, new Keyring(KEY))).toEqual({ ok: true, rows: 2 });
  });

  it('accepts unknown but well-formed actions and rejects malformed actions and outcomes', () => {
    expect(AUDIT_ACTIONS).toContain('auth.lockout');
    expect(log.record({ action: 'plugin.custom_thing', outcome: 'info' }).action).toBe('plugin.custom_thing');
    for (const action of ['', 'login', 'Auth.Login', 'auth.', 'auth..x', 'a.b c', `a.${'x'.repeat(80)}`]) {
      expect(() => log.record({ action, outcome: 'info' })).toThrow(TypeError);
    }
    expect(() => log.record({ action: 'auth.login', outcome: 'maybe' as 'info' })).toThrow(TypeError);
  });

  it('an empty log verifies', () => {
    expect(verify(store, new Keyring(KEY))).toEqual({ ok: true, rows: 0 });
  });

  it('property: any text in any field round-trips and the chain verifies', () => {
    const field = fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: null });
    let n = 0;
    fc.assert(fc.property(field, field, field, field, field, fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), { maxKeys: 3 }),
      (actor, actorId, ip, target, requestId, details) => {
        log.record({ action: 'fuzz.entry', outcome: 'info', actor, actorId, ip, target, requestId, details });
        n++;
      }), { numRuns: 60 });
    expect(verify(store, new Keyring(KEY))).toEqual({ ok: true, rows: n });
  });
});

describe('tail and list', () => {
  beforeEach(() => {
    log.record({ action: 'auth.login', outcome: 'failure', actor: 'bob', ip: '10.0.0.2', details: { reason: 'bad password' } });
    log.record({ action: 'auth.login', outcome: 'success', actor: 'alice', ip: '10.0.0.1' });
    log.record({ action: 'user.create', outcome: 'success', actor: 'alice', target: 'carol' });
    log.record({ action: 'auth.lockout', outcome: 'denied', actor: 'bob' });
    log.record({ action: 'authz.check', outcome: 'info', actor: 'system' });
  });

  it('tail returns newest first with parsed details and camelCase fields', () => {
    const rows = tail(store, { limit: 2 });
    expect(rows.map((r) => r.seq)).toEqual([5, 4]);
    const first = tail(store, { actor: 'bob', outcome: 'failure' });
    expect(first).toHaveLength(1);
    expect(first[0]?.details).toEqual({ reason: 'bad password' });
    expect(first[0]?.ip).toBe('10.0.0.2');
  });

  it('filters by action (exact or area.*), actor, outcome and time range', () => {
    expect(tail(store, { action: 'auth.login' }).map((r) => r.seq)).toEqual([2, 1]);
    expect(tail(store, { action: 'auth.*' }).map((r) => r.seq)).toEqual([4, 2, 1]);
    expect(tail(store, { actor: 'alice' }).map((r) => r.action)).toEqual(['user.create', 'auth.login']);
    const t0 = Date.UTC(2024, 0, 1);
    expect(tail(store, { since: t0 + 1, until: t0 + 3 }).map((r) => r.seq)).toEqual([3, 2]);
  });

  it('list pages with a total count and clamps limit/offset', () => {
    const page = list(store, { limit: 2, offset: 1 });
    expect(page.count).toBe(5);
    expect(page.rows.map((r) => r.seq)).toEqual([4, 3]);
    expect(list(store, { limit: 0 }).rows).toHaveLength(1);
    expect(list(store, { offset: -5, limit: Number.NaN }).rows).toHaveLength(5);
    expect(list(store, { outcome: 'success' }).count).toBe(2);
  });

  it('filter values are bound parameters, never SQL', () => {
    expect(list(store, { actor: "x' OR '1'='1" }).count).toBe(0);
    expect(list(store, { action: "%' OR 1=1 --.*" }).count).toBe(0);
  });
});
