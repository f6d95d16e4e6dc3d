import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, type User } from '../../auth/users.js';
import { openSqlite, Store } from '../../storage/index.js';
import { Keyring } from '../keys/keyring.js';
import { hashPassword } from '../passwords/index.js';
import { hashSessionId, SessionStore } from './index.js';

const A = 'session-key-A-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH';
const T0 = Date.UTC(2025, 5, 1);
let dir: string;
let store: Store;
let user: User;
let clock: number;
const now = (): number => clock;

function sessions(keyring = new Keyring(A)): SessionStore {
  return new SessionStore(store, keyring, { idleSeconds: 1800, maxAgeSeconds: 86400, now });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-sessions-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  user = await createUser(store, { username: 'alice', password: 'correct horse battery' }, { minPasswordLength: 8 });
  clock = T0;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SessionStore', () => {
  it('round-trips: the cookie resolves to the session and user; only the id hash is stored', async () => {
    const s = sessions();
    const c = await s.create(user, { ip: '10.0.0.1', userAgent: 'vitest' });
    const r = await s.resolve(c.cookieValue);
    expect(r?.user.id).toBe(user.id);
    expect(r?.session.id_hash).toBe(c.idHash);
    expect(r?.reissue).toBeNull();
    const rows = await store.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.expires_at).toBe(T0 + 86400_000);
    const rawId = Buffer.from(c.cookieValue.split('.')[0]!, 'base64url').toString();
    expect(rawId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows[0]?.id_hash).toBe(hashSessionId(rawId));
    expect(JSON.stringify(rows)).not.toContain(rawId);
  });

  it('makes a fresh id on every create (no fixation)', async () => {
    const s = sessions();
    const a = await s.create(user);
    const b = await s.create(user);
    expect(a.idHash).not.toBe(b.idHash);
    expect(a.cookieValue).not.toBe(b.cookieValue);
  });

  it('ends a session idle for longer than idleSeconds, and deletes it', async () => {
    const s = sessions();
    const c = await s.create(user);
    clock = T0 + 1800_000;
    expect(await s.resolve(c.cookieValue)).not.toBeNull(); // exactly idle limit: still alive, and touched
    clock += 1800_000;
    expect(await s.resolve(c.cookieValue)).not.toBeNull();
    clock += 1800_001;
    expect(await s.resolve(c.cookieValue)).toBeNull();
    expect(await store.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('touches last_seen_at at most once per touch interval', async () => {
    const s = sessions();
    const c = await s.create(user);
    clock = T0 + 30_000;
    expect((await s.resolve(c.cookieValue))?.session.last_seen_at).toBe(T0);
    clock = T0 + 61_000;
    await s.resolve(c.cookieValue);
    const row = await store.db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow();
    expect(row.last_seen_at).toBe(T0 + 61_000);
  });

  it('ends a session at its absolute expiry however active it is', async () => {
    const s = sessions();
    const c = await s.create(user);
    for (let t = 0; t < 86400_000; t += 1200_000) {
      clock = T0 + t;
      expect(await s.resolve(c.cookieValue)).not.toBeNull();
    }
    clock = T0 + 86400_000;
    expect(await s.resolve(c.cookieValue)).toBeNull();
  });

  it('rejects sessions of disabled or deleted users', async () => {
    const s = sessions();
    const c = await s.create(user);
    await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
    expect(await s.resolve(c.cookieValue)).toBeNull();
    await store.db.updateTable('users').set({ is_active: 1 }).where('id', '=', user.id).execute();
    expect(await s.resolve(c.cookieValue)).toBeNull(); // it was deleted, re-enabling does not revive it
    await expect(s.create({ ...user, is_active: 0 })).rejects.toMatchObject({ code: 'DLV_AUTH_INVALID' });
    const d = await s.create(user);
    await store.db.deleteFrom('users').where('id', '=', user.id).execute();
    expect(await s.resolve(d.cookieValue)).toBeNull();
  });

  it('a password change ends sessions made before it', async () => {
    const s = sessions();
    const c = await s.create(user);
    const newHash = await hashPassword('another good passphrase');
    await store.db.updateTable('users').set({ password: newHash }).where('id', '=', user.id).execute();
    expect(await s.resolve(c.cookieValue)).toBeNull();
    const d = await s.create({ ...user, password: newHash });
    expect(await s.resolve(d.cookieValue)).not.toBeNull();
  });

  it('rejects a cookie with any single character changed', async () => {
    const s = sessions();
    const { cookieValue } = await s.create(user);
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: cookieValue.length - 1 }), fc.constantFrom(...chars), async (i, ch) => {
        fc.pre(cookieValue[i] !== ch);
        expect(await s.resolve(cookieValue.slice(0, i) + ch + cookieValue.slice(i + 1))).toBeNull();
      }),
      { numRuns: 150 },
    );
    expect(await s.resolve(cookieValue)).not.toBeNull();
  });

  it('rejects garbage without throwing', async () => {
    const s = sessions();
    for (const v of ['', 'x', 'a.b.c', 42, null, undefined, 'A'.repeat(5000)]) expect(await s.resolve(v)).toBeNull();
    const signedOtherValue = (await import('../signing/index.js')).sign(new Keyring(A), 'delve.session', 'not-a-session-id');
    expect(await s.resolve(signedOtherValue)).toBeNull();
  });

  it('a raw id signed for another purpose is not a session cookie', async () => {
    const s = sessions();
    const { cookieValue } = await s.create(user);
    const rawId = Buffer.from(cookieValue.split('.')[0]!, 'base64url').toString();
    const { sign } = await import('../signing/index.js');
    expect(await s.resolve(sign(new Keyring(A), 'delve.csrf', rawId))).toBeNull();
  });

  it('destroy / destroyAllForUser / listForUser / revoke', async () => {
    const s = sessions();
    const bob = await createUser(store, { username: 'bob', password: 'another good passphrase' }, { minPasswordLength: 8 });
    const a1 = await s.create(user, { ip: '10.0.0.1', userAgent: 'ua1' });
    clock += 1000;
    const a2 = await s.create(user, { ip: '10.0.0.2', userAgent: 'ua2' });
    clock += 1000;
    const a3 = await s.create(user);
    const b1 = await s.create(bob);
    const list = await s.listForUser(user.id, { currentIdHash: a2.idHash });
    expect(list.map((x) => x.publicId)).toEqual([a3.publicId, a2.publicId, a1.publicId]);
    expect(list.map((x) => x.current)).toEqual([false, true, false]);
    expect(list[1]).toMatchObject({ ip: '10.0.0.2', userAgent: 'ua2', createdAt: T0 + 1000 });
    expect(JSON.stringify(list)).not.toContain(a2.idHash);

    expect(await s.revoke(bob.id, a1.publicId)).toBe(false); // not bob's session
    expect(await s.revoke(user.id, "' OR 1=1 --")).toBe(false);
    expect(await s.revoke(user.id, a1.publicId)).toBe(true);
    expect(await s.resolve(a1.cookieValue)).toBeNull();

    expect(await s.destroy(a3.cookieValue)).toBe(true);
    expect(await s.resolve(a3.cookieValue)).toBeNull();
    expect(await s.destroy(a3.cookieValue)).toBe(false);
    expect(await s.destroy('garbage')).toBe(false);

    const a4 = await s.create(user);
    expect(await s.destroyAllForUser(user.id, { except: a2.idHash })).toBe(1);
    expect(await s.resolve(a4.cookieValue)).toBeNull();
    expect(await s.resolve(a2.cookieValue)).not.toBeNull();
    expect(await s.resolve(b1.cookieValue)).not.toBeNull();
    expect(await s.destroy(a2.idHash)).toBe(true);
    expect(await s.listForUser(user.id)).toEqual([]);
  });

  it('purgeExpired deletes idle and expired sessions only', async () => {
    const s = sessions();
    await s.create(user);
    clock += 1000_000;
    const live = await s.create(user);
    clock += 1000_000;
    expect(await s.purgeExpired()).toBe(1);
    expect(await s.resolve(live.cookieValue)).not.toBeNull();
  });

  it('refuses nonsensical options at construction', () => {
    expect(() => new SessionStore(store, new Keyring(A), { idleSeconds: 0, maxAgeSeconds: 10 })).toThrow(TypeError);
    expect(() => new SessionStore(store, new Keyring(A), { idleSeconds: 10, maxAgeSeconds: Number.NaN })).toThrow(TypeError);
  });
});
