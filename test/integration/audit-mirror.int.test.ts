import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, verify } from '../../src/security/audit/index.js';
import { Keyring } from '../../src/security/keys/index.js';
import { openSqlite, Store } from '../../src/storage/index.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';

let home: string;
let store: Store;
beforeEach(async () => {
  home = tempHome();
  const path = join(home, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
});
afterEach(async () => { await store.close(); rmHome(home); });

describe('audit rows mirrored into the _audit index', () => {
  it('writes one _audit event per audit row in the same transaction, without secrets, and the chain still verifies', () => {
    const log = new AuditLog(store, new Keyring(KEY_A), { mirrorToEvents: true });
    log.record({ action: 'auth.login', outcome: 'failure', actor: 'mallory', ip: '198.51.100.4', details: { via: 'api', password: 'hunter2-secret' } });
    log.record({ action: 'token.create', outcome: 'success', actor: 'alice', target: 'alice:abcd1234' });
    const rows = store.sqlite.prepare(`SELECT "index", source, sourcetype, text, extracted_fields FROM events ORDER BY seq`).all() as { index: string; text: string; extracted_fields: string }[];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.index === '_audit')).toBe(true);
    expect(JSON.parse(rows[0]!.extracted_fields)).toMatchObject({ action: 'auth.login', outcome: 'failure', actor: 'mallory', ip: '198.51.100.4' });
    expect(rows[0]!.text).toContain('auth.login');
    expect(JSON.stringify(rows)).not.toContain('hunter2-secret');
    expect(verify(store, new Keyring(KEY_A))).toEqual({ ok: true, rows: 2 });
  });
});
