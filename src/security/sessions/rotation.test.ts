import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, type User } from '../../auth/users.js';
import { openSqlite, Store } from '../../storage/index.js';
import { Keyring } from '../keys/keyring.js';
import { passwordHmac, SessionStore } from './index.js';

const A = 'rotation-key-A-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF';
const B = 'rotation-key-B-zyxwvutsrqponmlkjihgfedcba-9876543210-FEDCBA';
const C = 'rotation-key-C-a1b2c3d4e5f6g7h8i9j0-klmnopqrstuvwxyz-QRSTUV';
let dir: string;
let store: Store;
let user: User;

const sessions = (kr: Keyring): SessionStore => new SessionStore(store, kr, { idleSeconds: 3600, maxAgeSeconds: 86400 });
const storedHmac = async (): Promise<string> => (await store.db.selectFrom('sessions').select('password_hmac').executeTakeFirstOrThrow()).password_hmac;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-rotation-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  user = await createUser(store, { username: 'alice', password: 'correct horse battery' }, { minPasswordLength: 8 });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SECRET_KEY rotation', () => {
  it('keeps users logged in across rotation and re-issues under the current key', async () => {
    const created = await sessions(new Keyring(A)).create(user);
    expect(await storedHmac()).toBe(passwordHmac(new Keyring(A), A, user.password));

    const rotated = await sessions(new Keyring(B, [A])).resolve(created.cookieValue);
    expect(rotated?.user.id).toBe(user.id);
    expect(rotated?.reissue).toEqual(expect.any(String));
    expect(rotated?.reissue).not.toBe(created.cookieValue);
    expect(await storedHmac()).toBe(passwordHmac(new Keyring(B), B, user.password));

    // Fallback removed: the re-issued cookie works, the old one does not.
    const onlyB = sessions(new Keyring(B));
    const again = await onlyB.resolve(rotated!.reissue);
    expect(again?.session.id_hash).toBe(created.idHash);
    expect(again?.reissue).toBeNull();
    expect(await onlyB.resolve(created.cookieValue)).toBeNull();
  });

  it('re-issues when only the stored password HMAC used a fallback (cookie already current)', async () => {
    const created = await sessions(new Keyring(A)).create(user);
    const rotated = await sessions(new Keyring(B, [A])).resolve(created.cookieValue);
    // Simulate a cookie re-issued by another process while this row still has the old HMAC.
    await store.db.updateTable('sessions').set({ password_hmac: passwordHmac(new Keyring(A), A, user.password) }).execute();
    const r = await sessions(new Keyring(B, [A])).resolve(rotated!.reissue);
    expect(r?.reissue).toEqual(expect.any(String));
    expect(await storedHmac()).toBe(passwordHmac(new Keyring(B), B, user.password));
  });

  it('a session whose HMAC key is gone from the keyring ends', async () => {
    const created = await sessions(new Keyring(A)).create(user);
    // Cookie verifies under the fallback, but the password HMAC was made by a key (A) no longer configured.
    const kr = new Keyring(B, [C]);
    await store.db.updateTable('sessions').set({ password_hmac: passwordHmac(new Keyring(A), A, user.password) }).execute();
    expect(await sessions(kr).resolve(created.cookieValue)).toBeNull();
  });

  it('CSRF tokens survive rotation and stay bound to their session', async () => {
    const s = sessions(new Keyring(A));
    const one = await s.create(user);
    const two = await s.create(user);
    expect(s.verifyCsrf(one.idHash, one.csrfToken)).toBe(true);
    expect(s.verifyCsrf(two.idHash, one.csrfToken)).toBe(false);
    expect(s.verifyCsrf(one.idHash, s.csrfToken(one.idHash))).toBe(true);
    expect(sessions(new Keyring(B, [A])).verifyCsrf(one.idHash, one.csrfToken)).toBe(true);
    expect(sessions(new Keyring(B)).verifyCsrf(one.idHash, one.csrfToken)).toBe(false);
    // The session cookie is not a CSRF token and vice versa (different purposes).
    expect(s.verifyCsrf(one.idHash, one.cookieValue)).toBe(false);
    expect(await s.resolve(one.csrfToken)).toBeNull();
  });
});
