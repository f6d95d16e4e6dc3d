import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/security/keys/index.js';
import { getSecret, putSecret } from '../../src/security/secrets-store.js';
import { openSqlite, Store } from '../../src/storage/index.js';
import { fl, KEY_A, KEY_B, rmHome, tempHome } from '../helpers/fl.js';

let home: string;
beforeEach(() => { home = tempHome(); });
afterEach(() => { rmHome(home); });

const open = async (): Promise<Store> => {
  const path = join(home, 'var', 'db.sqlite3');
  const s = new Store(openSqlite({ path }), path);
  await s.migrate();
  return s;
};

describe('fl reencrypt', () => {
  it('rewrites secrets sealed under a fallback key so the old key can be removed', async () => {
    let store = await open();
    const a = new Keyring(KEY_A, []);
    await putSecret(store, a, 'smtp.password', 'smtp-pass-1');
    await putSecret(store, a, 'dsn.reporting', 'postgres://u:p@h/db');
    await store.close();

    const r = fl(['reencrypt', '--json'], { home, env: { DELVE_SECRET_KEY: KEY_B, DELVE_SECRET_KEY_FALLBACKS: KEY_A } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 2, reencrypted: 2, alreadyCurrent: 0, failed: 0 });
    const again = fl(['reencrypt'], { home, env: { DELVE_SECRET_KEY: KEY_B, DELVE_SECRET_KEY_FALLBACKS: KEY_A } });
    expect(again.stdout).toContain('2 total, 0 re-encrypted, 2 already under the current key, 0 failed');

    store = await open();
    const bOnly = new Keyring(KEY_B, []);
    expect(await getSecret(store, bOnly, 'smtp.password')).toBe('smtp-pass-1');
    expect(await getSecret(store, bOnly, 'dsn.reporting')).toBe('postgres://u:p@h/db');
    await expect(getSecret(store, new Keyring(KEY_A, []), 'smtp.password')).rejects.toMatchObject({ code: 'DLV_CRYPTO_DECRYPT' });
    await store.close();
  });

  it('reports rows no configured key can decrypt and exits 1', async () => {
    const store = await open();
    await putSecret(store, new Keyring(KEY_A, []), 'orphan', 'value');
    await store.close();
    const r = fl(['reencrypt'], { home, env: { DELVE_SECRET_KEY: KEY_B } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 failed');
    expect(r.stderr).toContain('orphan');
    expect(r.stderr).not.toContain('value');
  });
});

describe('fl reencrypt and the audit chain', () => {
  it('re-signs the audit chain so it still verifies after the old key is removed', async () => {
    const { AuditLog, verify } = await import('../../src/security/audit/index.js');
    let store = await open();
    const logA = new AuditLog(store, new Keyring(KEY_A, []));
    for (let i = 0; i < 5; i++) logA.record({ action: 'auth.login', outcome: 'success', actor: `u${i}` });
    await store.close();
    const r = fl(['reencrypt', '--json'], { home, env: { DELVE_SECRET_KEY: KEY_B, DELVE_SECRET_KEY_FALLBACKS: KEY_A } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ audit: { rows: 5, resigned: 5 } });
    store = await open();
    expect(verify(store, new Keyring(KEY_B, []))).toEqual({ ok: true, rows: 5 });
    await store.close();
    expect(fl(['audit', 'verify'], { home, env: { DELVE_SECRET_KEY: KEY_B } }).code).toBe(0);
  });

  it('refuses to re-sign a tampered chain', async () => {
    const { AuditLog } = await import('../../src/security/audit/index.js');
    const store = await open();
    const logA = new AuditLog(store, new Keyring(KEY_A, []));
    for (let i = 0; i < 3; i++) logA.record({ action: 'auth.login', outcome: 'success', actor: `u${i}` });
    store.sqlite.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    await store.close();
    const r = fl(['reencrypt'], { home, env: { DELVE_SECRET_KEY: KEY_B, DELVE_SECRET_KEY_FALLBACKS: KEY_A } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_AUDIT_BROKEN');
  });
});
