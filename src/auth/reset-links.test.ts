import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { Keyring } from '../security/keys/index.js';
import { verifyPassword } from '../security/passwords/index.js';
import { sign } from '../security/signing/index.js';
import { openSqlite, Store } from '../storage/index.js';
import { checkResetLink, consumeResetLink, createResetLink, RESET_PURPOSE } from './reset-links.js';
import { createUser, findUser, type User } from './users.js';

const KEY_A = 'reset-test-key-A-0123456789abcdefghijklmnopqrstuvwxyzABCDEF';
const KEY_B = 'reset-test-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlk';
const settings = { PASSWORD_MIN_LENGTH: 8 };
const T0 = Date.UTC(2025, 5, 1);
let dir: string;
let store: Store;
let alice: User;
const ringA = new Keyring(KEY_A);

async function invalid(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toMatchObject({ code: 'DLV_AUTH_LINK_INVALID' });
}

describe('password-reset links', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delve-reset-'));
    const path = join(dir, 'db.sqlite3');
    store = new Store(openSqlite({ path }), path);
    await store.migrate();
    alice = await createUser(store, { username: 'alice', password: 'old passphrase 1' }, { minPasswordLength: 8 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets the new password once, ends every session, and is refused the second time', async () => {
    const link = createResetLink({ keyring: ringA }, alice);
    expect(link.path).toBe(`/reset/${link.token}`);
    expect(link.token.length).toBeLessThanOrEqual(200); // fits Fastify's path-parameter limit
    expect(link.token).not.toContain(alice.password);
    await store.db.insertInto('sessions').values({ id_hash: 'h'.repeat(64), user_id: alice.id, created_at: 1, last_seen_at: 1, expires_at: 9e15, password_hmac: 'x', ip: '', user_agent: '', data: '{}' }).execute();
    const dropped: string[] = [];
    expect((await checkResetLink({ keyring: ringA, store }, link.token)).id).toBe(alice.id);
    await consumeResetLink({ keyring: ringA, store, settings, basicCache: { invalidateUser: (id) => dropped.push(id) } }, link.token, 'brand new passphrase 2');
    const after = (await findUser(store, 'alice'))!;
    expect(await verifyPassword(after.password, 'brand new passphrase 2')).toBe(true);
    expect(await store.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect(dropped).toEqual([alice.id]);
    await invalid(consumeResetLink({ keyring: ringA, store, settings }, link.token, 'another passphrase 3'));
    await invalid(checkResetLink({ keyring: ringA, store }, link.token));
  });

  it('two concurrent uses of one link: exactly one wins', async () => {
    const link = createResetLink({ keyring: ringA }, alice);
    const results = await Promise.allSettled([
      consumeResetLink({ keyring: ringA, store, settings }, link.token, 'first winner pass 1'),
      consumeResetLink({ keyring: ringA, store, settings }, link.token, 'second winner pass 2'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('validates the new password without using the link', async () => {
    const link = createResetLink({ keyring: ringA }, alice);
    await expect(consumeResetLink({ keyring: ringA, store, settings }, link.token, '12345678901')).rejects.toMatchObject({ code: 'DLV_PASSWORD_INVALID' });
    await expect(consumeResetLink({ keyring: ringA, store, settings }, link.token, 'alice')).rejects.toMatchObject({ code: 'DLV_PASSWORD_INVALID' });
    await consumeResetLink({ keyring: ringA, store, settings }, link.token, 'fine passphrase 9');
  });

  it('expires after its TTL (default 3 days)', async () => {
    const link = createResetLink({ keyring: ringA }, alice, { now: T0 });
    expect(link.expiresAt).toBe(T0 + 3 * 86400_000);
    expect((await checkResetLink({ keyring: ringA, store }, link.token, { now: T0 + 3 * 86400_000 - 1000 })).id).toBe(alice.id);
    await invalid(checkResetLink({ keyring: ringA, store }, link.token, { now: T0 + 3 * 86400_000 }));
    const short = createResetLink({ keyring: ringA }, alice, { now: T0, ttlSeconds: 60 });
    await invalid(consumeResetLink({ keyring: ringA, store, settings }, short.token, 'fine passphrase 9', { now: T0 + 61_000 }));
  });

  it('keeps working under a fallback key after rotation; removing the old key invalidates it', async () => {
    const link = createResetLink({ keyring: ringA }, alice);
    await invalid(checkResetLink({ keyring: new Keyring(KEY_B), store }, link.token));
    const rotated = new Keyring(KEY_B, [KEY_A]);
    expect((await checkResetLink({ keyring: rotated, store }, link.token)).id).toBe(alice.id);
    await consumeResetLink({ keyring: rotated, store, settings }, link.token, 'rotated passphrase 4');
  });

  it('refuses disabled users, deleted users, other purposes and forged payloads', async () => {
    const link = createResetLink({ keyring: ringA }, alice);
    await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', alice.id).execute();
    await invalid(checkResetLink({ keyring: ringA, store }, link.token));
    await store.db.updateTable('users').set({ is_active: 1 }).where('id', '=', alice.id).execute();
    const other = sign(ringA, 'delve.session', JSON.stringify({ uid: alice.id, ph: 'x', exp: 9e9 }));
    await invalid(checkResetLink({ keyring: ringA, store }, other));
    const wrongPh = sign(ringA, RESET_PURPOSE, JSON.stringify({ uid: alice.id, ph: 'x'.repeat(22), exp: 9e9 }));
    await invalid(checkResetLink({ keyring: ringA, store }, wrongPh));
    await store.db.deleteFrom('users').where('id', '=', alice.id).execute();
    await invalid(checkResetLink({ keyring: ringA, store }, link.token));
  });

  it('never throws anything but DLV_AUTH_LINK_INVALID for arbitrary tokens', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.base64String(), fc.constant(null), fc.integer()), async (t) => {
      try {
        await checkResetLink({ keyring: ringA, store }, t);
        return false;
      } catch (e) {
        return e instanceof DelveError && e.code === 'DLV_AUTH_LINK_INVALID';
      }
    }), { numRuns: 200 });
  });
});
