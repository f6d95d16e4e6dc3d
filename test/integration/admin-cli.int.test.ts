import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeResetLink } from '../../src/auth/reset-links.js';
import { verifyToken } from '../../src/auth/tokens.js';
import { createUser } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { Keyring } from '../../src/security/keys/index.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { fl, KEY_A, rmHome, tempHome } from '../helpers/fl.js';

const PW = 'correct-horse-battery-staple';
let home: string;
const env = { DELVE_SECRET_KEY: KEY_A };
const keyring = new Keyring(KEY_A);
const run = (args: string[]) => fl(args, { home, env });

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const { settings } = await loadSettings({ home, env });
  const store = openStore(settings);
  try {
    await store.migrate();
    return await fn(store);
  } finally {
    await store.close();
  }
}
const dbRun = (sql: string): void => {
  const db = new Database(join(home, 'var', 'db.sqlite3'));
  try { db.prepare(sql).run(); } finally { db.close(); }
};

beforeAll(async () => {
  home = tempHome();
  await withStore(async (store) => {
    await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
    const bob = await createUser(store, { username: 'bob', password: PW }, { minPasswordLength: 8 });
    await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', bob.id).execute();
  });
});
afterAll(() => { rmHome(home); });

describe('fl createtoken', () => {
  it('prints only the token on stdout (details on stderr); the token works with its scope and expiry', async () => {
    const r = run(['createtoken', 'alice', '--scope', 'ingest', '--expires', '90d', '--name', 'relay']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dlv_[A-Za-z0-9_-]{43}\n$/);
    const token = r.stdout.trim();
    expect(r.stderr).toMatch(/Created ingest token .* for "alice".*expires 20\d\d-/);
    expect(r.stderr).not.toContain(token);
    await withStore(async (store) => {
      const v = await verifyToken(store, token);
      expect(v?.user.username).toBe('alice');
      expect(v?.token).toMatchObject({ scope: 'ingest', name: 'relay' });
      expect((v?.token.expires_at ?? 0) - Date.now()).toBeGreaterThan(89 * 86400_000);
    });
  });

  it('refuses bad scopes, lifetimes, unknown and disabled users with clear errors', () => {
    const bad = run(['createtoken', 'alice', '--scope', 'root']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scope must be one of ingest, read, admin');
    expect(run(['createtoken', 'alice']).code).not.toBe(0);
    expect(run(['createtoken', 'alice', '--scope', 'read', '--expires', 'forever']).stderr).toContain('DLV_AUTH_TOKEN_INVALID');
    expect(run(['createtoken', 'nobody', '--scope', 'read']).stderr).toContain('DLV_USER_NOT_FOUND');
    expect(run(['createtoken', 'bob', '--scope', 'read']).stderr).toContain('disabled');
  });
});

describe('fl resetpassword', () => {
  it('prints a single-use reset URL under --base-url (default: the configured server address)', async () => {
    const r = run(['resetpassword', 'alice', '--base-url', 'https://delve.example/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^https:\/\/delve\.example\/reset\/[A-Za-z0-9_.-]+\n$/);
    expect(r.stderr).toMatch(/valid until 20\d\d-.*single use/);
    const token = r.stdout.trim().split('/reset/')[1]!;
    expect(run(['resetpassword', 'alice']).stdout).toMatch(/^http:\/\/127\.0\.0\.1:8000\/reset\//);
    await withStore(async (store) => {
      const settings = { PASSWORD_MIN_LENGTH: 8 };
      await consumeResetLink({ keyring, store, settings }, token, 'Alice-Reset-Pass-1');
      await expect(consumeResetLink({ keyring, store, settings }, token, 'Alice-Reset-Pass-2')).rejects.toMatchObject({ code: 'DLV_AUTH_LINK_INVALID' });
    });
  });

  it('refuses bad base URLs, lifetimes and disabled users', () => {
    expect(run(['resetpassword', 'alice', '--base-url', 'javascript:alert(1)']).code).toBe(2);
    expect(run(['resetpassword', 'alice', '--base-url', 'https://x.example/?a=1']).code).toBe(2);
    expect(run(['resetpassword', 'alice', '--expires', '60d']).code).toBe(2);
    const r = run(['resetpassword', 'bob']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});

describe('fl audit', () => {
  it('tail shows the CLI actions (actor cli), filtered, oldest first, with no secrets', () => {
    const r = run(['audit', 'tail', '-n', '50']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.some((l) => / success token\.create cli@- target=alice:/.test(l))).toBe(true);
    expect(lines.some((l) => / success user\.password_reset_link cli@- target=alice /.test(l))).toBe(true);
    expect(r.stdout).not.toMatch(/dlv_[A-Za-z0-9_-]{43}|\/reset\//);
    const json = run(['audit', 'tail', '--action', 'token.*', '--actor', 'cli', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { action: string; actor: string; seq: number; time: string });
    expect(json.length).toBeGreaterThanOrEqual(1);
    expect(json.every((x) => x.action === 'token.create' && x.actor === 'cli' && x.time.endsWith('Z'))).toBe(true);
    const two = run(['audit', 'tail', '-n', '2', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number });
    expect(two).toHaveLength(2);
    expect(two[0]!.seq).toBeLessThan(two[1]!.seq);
    expect(run(['audit', 'tail', '-n', 'lots']).code).toBe(2);
  });

  it('verify says OK with the row count, then names the row that was edited (exit 1)', () => {
    const ok = run(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ rows verified\n$/);
    dbRun("UPDATE audit_log SET target = 'mallory' WHERE seq = 2");
    const broken = run(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^BROKEN at row 2: row 2 does not match its HMAC/);
  });
});
