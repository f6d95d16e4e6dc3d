import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../security/passwords/index.js';
import { openSqlite, Store } from '../storage/index.js';
import { BasicAuthCache } from './basic-cache.js';
import { createUser, findUser, setPassword } from './users.js';

const PW = 'correct horse battery';
let dir: string;
let store: Store;
let clock: number;

/** What the Basic-auth path does: cache first, argon2 on a miss. Returns the user id or null. */
async function login(cache: BasicAuthCache, username: string, password: string): Promise<{ id: string | null; argon2: boolean }> {
  const user = await findUser(store, username);
  const hit = cache.get(username, password, user);
  if (hit) return { id: hit, argon2: false };
  if (!user || !user.is_active || !(await verifyPassword(user.password, password))) return { id: null, argon2: true };
  cache.set(username, password, user);
  return { id: user.id, argon2: true };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-basic-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  clock = 1_750_000_000_000;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BasicAuthCache', () => {
  it('skips argon2 on repeat requests, and only for the exact credentials', async () => {
    const alice = await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
    const cache = new BasicAuthCache({ now: () => clock });
    expect(await login(cache, 'alice', PW)).toEqual({ id: alice.id, argon2: true });
    expect(await login(cache, 'alice', PW)).toEqual({ id: alice.id, argon2: false });
    expect(await login(cache, 'alice', PW + 'x')).toEqual({ id: null, argon2: true });
    expect(cache.get('alice', PW.toUpperCase(), alice)).toBeNull();
  });

  it('a password change invalidates immediately', async () => {
    const alice = await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
    const cache = new BasicAuthCache({ now: () => clock });
    await login(cache, 'alice', PW);
    await setPassword(store, alice, 'a brand new passphrase', { minPasswordLength: 8 });
    expect(await login(cache, 'alice', PW)).toEqual({ id: null, argon2: true });
    // Even if the old password were set again, the PHC salt differs, so the old entry never matches.
    await store.db.updateTable('users').set({ password: await hashPassword(PW) }).where('id', '=', alice.id).execute();
    expect(cache.get('alice', PW, await findUser(store, 'alice'))).toBeNull();
  });

  it('disabling the user invalidates immediately', async () => {
    const alice = await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
    const cache = new BasicAuthCache({ now: () => clock });
    await login(cache, 'alice', PW);
    await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', alice.id).execute();
    expect(await login(cache, 'alice', PW)).toEqual({ id: null, argon2: true });
    expect(cache.get('alice', PW, undefined)).toBeNull();
  });

  it('expires entries after the TTL and supports invalidateUser', async () => {
    const alice = await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
    const cache = new BasicAuthCache({ ttlSeconds: 300, now: () => clock });
    cache.set('alice', PW, alice);
    clock += 299_999;
    expect(cache.get('alice', PW, alice)).toBe(alice.id);
    clock += 1;
    expect(cache.get('alice', PW, alice)).toBeNull();
    cache.set('alice', PW, alice);
    cache.invalidateUser(alice.id);
    expect(cache.get('alice', PW, alice)).toBeNull();
  });

  it('does not accept an entry for another user row (e.g. username reused after deletion)', () => {
    const cache = new BasicAuthCache();
    const old = { id: 'u1', password: '$argon2id$x', is_active: 1 };
    cache.set('alice', PW, old);
    expect(cache.get('alice', PW, { ...old, id: 'u2' })).toBeNull();
  });

  it('never holds the password, and stays within maxEntries', () => {
    const cache = new BasicAuthCache({ maxEntries: 10 });
    const user = { id: 'u1', password: '$argon2id$stored', is_active: 1 };
    for (let i = 0; i < 50; i++) cache.set(`user${i}`, `${PW}-${i}`, user);
    expect(cache.size).toBe(10);
    const dump = inspect(cache, { depth: 10, showHidden: true, maxArrayLength: null, maxStringLength: null });
    expect(dump).toContain('$argon2id$stored'); // the dump does show entry contents...
    for (let i = 0; i < 50; i++) expect(dump).not.toContain(`${PW}-${i}`); // ...but never a password
    expect(cache.get('user49', `${PW}-49`, user)).toBe('u1');
    expect(cache.get('user0', `${PW}-0`, user)).toBeNull();
  });
});
