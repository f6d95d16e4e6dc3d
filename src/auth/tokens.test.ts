import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { openSqlite, Store } from '../storage/index.js';
import { createToken, hashToken, listTokens, parseDuration, revokeAllForUser, revokeToken, scopeAllows, TOKEN_SCOPES, verifyToken } from './tokens.js';
import { createUser, type User } from './users.js';

const T0 = Date.UTC(2025, 5, 1);
let dir: string;
let store: Store;
let alice: User;
let bob: User;

describe('API tokens', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delve-tokens-'));
    const path = join(dir, 'db.sqlite3');
    store = new Store(openSqlite({ path }), path);
    await store.migrate();
    alice = await createUser(store, { username: 'alice', password: 'correct horse battery' }, { minPasswordLength: 8 });
    bob = await createUser(store, { username: 'bob', password: 'another good passphrase' }, { minPasswordLength: 8 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a dlv_ token that verifies to its user, with a display prefix and no hash in the record', async () => {
    const { token, record } = await createToken(store, alice.id, { name: 'ci', scope: 'ingest' }, { now: T0 });
    expect(token).toMatch(/^dlv_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ user_id: alice.id, name: 'ci', scope: 'ingest', prefix: token.slice(4, 12), expires_at: null });
    expect(record).not.toHaveProperty('token_hash');
    const v = await verifyToken(store, token, { now: T0 + 1 });
    expect(v?.user.id).toBe(alice.id);
    expect(v?.token.id).toBe(record.id);
    expect(v?.token).not.toHaveProperty('token_hash');
  });

  it('stores only the SHA-256: the database files never contain the token', async () => {
    const { token } = await createToken(store, alice.id, { name: 'secret-test', scope: 'read' });
    const row = await store.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    await store.close();
    const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true); // the scan does see stored values
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(token.slice(4)))).toBe(false);
  });

  it('rejects unknown, malformed and tampered tokens', async () => {
    const { token } = await createToken(store, alice.id, { name: '', scope: 'read' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    for (const t of [token.slice(0, -1) + last, token + 'x', token.slice(4), '', 'dlv_', 42, null, `${token} `]) {
      expect(await verifyToken(store, t)).toBeNull();
    }
  });

  it('expires tokens', async () => {
    const { token, record } = await createToken(store, alice.id, { name: 'short', scope: 'read', expiresInSeconds: parseDuration('1h') }, { now: T0 });
    expect(record.expires_at).toBe(T0 + 3600_000);
    expect(await verifyToken(store, token, { now: T0 + 3599_999 })).not.toBeNull();
    expect(await verifyToken(store, token, { now: T0 + 3600_000 })).toBeNull();
  });

  it('refuses tokens of disabled or deleted users', async () => {
    const { token } = await createToken(store, alice.id, { name: '', scope: 'admin' });
    await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', alice.id).execute();
    expect(await verifyToken(store, token)).toBeNull();
    await store.db.updateTable('users').set({ is_active: 1 }).where('id', '=', alice.id).execute();
    expect(await verifyToken(store, token)).not.toBeNull();
    await store.db.deleteFrom('users').where('id', '=', alice.id).execute();
    expect(await verifyToken(store, token)).toBeNull();
  });

  it('revokes one token (owner-scoped unless admin) and all of a user', async () => {
    const a1 = await createToken(store, alice.id, { name: 'a1', scope: 'read' }, { now: T0 });
    const a2 = await createToken(store, alice.id, { name: 'a2', scope: 'ingest' }, { now: T0 + 1 });
    const b1 = await createToken(store, bob.id, { name: 'b1', scope: 'read' }, { now: T0 + 2 });
    expect(await revokeToken(store, bob.id, a1.record.id)).toBe(false); // not bob's
    expect(await verifyToken(store, a1.token)).not.toBeNull();
    expect(await revokeToken(store, alice.id, a1.record.id)).toBe(true);
    expect(await revokeToken(store, alice.id, a1.record.id)).toBe(false);
    expect(await verifyToken(store, a1.token)).toBeNull();
    expect(await revokeToken(store, null, b1.record.id)).toBe(true); // admin
    expect(await verifyToken(store, b1.token)).toBeNull();
    expect(await revokeAllForUser(store, alice.id)).toBe(1);
    expect(await verifyToken(store, a2.token)).toBeNull();
    const list = await listTokens(store, alice.id);
    expect(list.map((t) => t.name)).toEqual(['a2', 'a1']);
    expect(list.every((t) => t.revoked_at !== null && !('token_hash' in t))).toBe(true);
  });

  it('records last use at most once a minute', async () => {
    const { token, record } = await createToken(store, alice.id, { name: '', scope: 'read' }, { now: T0 });
    await verifyToken(store, token, { now: T0 + 1000 });
    await verifyToken(store, token, { now: T0 + 30_000 });
    const used = async (): Promise<number | null> => (await listTokens(store, alice.id)).find((t) => t.id === record.id)!.last_used_at;
    expect(await used()).toBe(T0 + 1000);
    await verifyToken(store, token, { now: T0 + 61_000 });
    expect(await used()).toBe(T0 + 61_000);
  });

  it('validates name, scope and lifetime', async () => {
    const bad = [
      { name: 'x'.repeat(101), scope: 'read' },
      { name: 'a\nb', scope: 'read' },
      { name: 'ok', scope: 'write' },
      { name: 'ok', scope: 'read', expiresInSeconds: 0 },
      { name: 'ok', scope: 'read', expiresInSeconds: 1.5 },
      { name: 'ok', scope: 'read', expiresInSeconds: 11 * 366 * 86400 },
    ];
    for (const input of bad) {
      await expect(createToken(store, alice.id, input as never)).rejects.toMatchObject({ code: 'DLV_AUTH_TOKEN_INVALID' });
    }
  });
});

describe('scopeAllows', () => {
  it('ingest → {ingest}, read → {read}, admin → everything, unknown → nothing', () => {
    const allowed = (s: string): string[] => TOKEN_SCOPES.filter((n) => scopeAllows(s, n));
    expect(allowed('ingest')).toEqual(['ingest']);
    expect(allowed('read')).toEqual(['read']);
    expect(allowed('admin')).toEqual(['ingest', 'read', 'admin']);
    for (const s of ['bogus', '__proto__', 'toString', 'constructor', 'Admin', '']) expect(allowed(s)).toEqual([]);
  });
});

describe('parseDuration', () => {
  it.each([['90d', 90 * 86400], ['45s', 45], ['30m', 1800], ['12h', 43200], ['2w', 1209600], [' 7d ', 604800]])('%s', (text, secs) => {
    expect(parseDuration(text)).toBe(secs);
  });
  it.each(['', '90', 'd', '0d', '-1d', '1.5d', '90D', '1y', '01d', '1 d', '99999999999d', '9999w'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'DLV_AUTH_TOKEN_INVALID', field: 'expires' }));
  });
  it('never throws anything but a DelveError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,12}[smhdwy]?$/)), (text) => {
        try {
          const s = parseDuration(text);
          expect(Number.isSafeInteger(s) && s > 0).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
