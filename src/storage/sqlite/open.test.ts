import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { Store } from '../store.js';
import { openSqlite } from './open.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'delve-db-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const KEY = 'db-encryption-key-for-tests-only';

describe('openSqlite', () => {
  it('creates the file 0600 in a 0700 directory, in WAL mode', () => {
    const path = join(dir, 'var', 'db.sqlite3');
    const db = openSqlite({ path });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'var')).mode & 0o777).toBe(0o700);
  });

  it('encrypts at rest: the file has no SQLite header and no plaintext', async () => {
    const path = join(dir, 'enc.sqlite3');
    const store = new Store(openSqlite({ path, encryptionKey: KEY }), path);
    await store.migrate();
    store.sqlite.prepare("INSERT INTO secrets (name, key_id, ciphertext, created_at, updated_at) VALUES ('n', 'k', 'VISIBLE-MARKER-TEXT', 1, 1)").run();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await store.close();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('VISIBLE-MARKER-TEXT'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
    const again = openSqlite({ path, encryptionKey: KEY });
    expect(again.prepare('SELECT ciphertext FROM secrets').get()).toEqual({ ciphertext: 'VISIBLE-MARKER-TEXT' });
    again.close();
  });

  it('gives a clear error (not corruption) for a wrong or missing key', async () => {
    const path = join(dir, 'enc.sqlite3');
    const store = new Store(openSqlite({ path, encryptionKey: KEY }), path);
    await store.migrate();
    await store.close();
    for (const encryptionKey of ['wrong-key', null]) {
      const e = (() => { try { openSqlite({ path, encryptionKey }); return null; } catch (x) { return x as DelveError; } })();
      expect(e).toBeInstanceOf(DelveError);
      expect(e?.code).toBe('DLV_DB_ENCRYPTION_KEY');
      expect(e?.message).toMatch(/DELVE_DATABASE_ENCRYPTION_KEY/);
      expect(e?.message).not.toContain('wrong-key');
    }
    // the file is intact: the right key still opens it
    const ok = openSqlite({ path, encryptionKey: KEY });
    expect(ok.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    ok.close();
  });

  it('migrations are forward-only and idempotent', async () => {
    const path = join(dir, 'm.sqlite3');
    const store = new Store(openSqlite({ path }), path);
    const first = await store.migrate();
    expect(first[0]).toBe('0001-initial');
    expect(await store.migrate()).toEqual([]);
    expect(await store.pendingMigrations()).toEqual([]);
    const group = store.sqlite.prepare("SELECT name, index_read FROM groups WHERE name = 'Users'").get();
    expect(group).toEqual({ name: 'Users', index_read: '["*"]' });
    await store.close();
  });
});
