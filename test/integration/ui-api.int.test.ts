import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/auth/users.js';
import { DISTINCT_INDEXES } from '../../src/server/routes/indexes.js';
import { makeCa, makeCert, makeTempDir, removeTempDir } from '../helpers/certs.js';
import { basic } from '../helpers/client.js';
import { KEY_A, KEY_B } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { addUser, loggedIn, PW, startUi, type UiServer } from './ui-harness.js';

interface ErrorBody { error: { code: string; field?: string } }
interface Rules { ok: boolean; rules: { id: string; label: string; ok: boolean }[] }

let s: UiServer;
const users: Record<string, User> = {};

function group(name: string, read: string[], perms: string[], members: User[]): void {
  const id = randomUUID();
  s.store.sqlite.prepare('INSERT INTO groups (id, name, index_read, index_write, created_at) VALUES (?, ?, ?, ?, ?)').run(id, name, JSON.stringify(read), '[]', Date.now());
  for (const p of perms) s.store.sqlite.prepare('INSERT INTO group_permissions (group_id, codename) VALUES (?, ?)').run(id, p);
  for (const m of members) s.store.sqlite.prepare('INSERT INTO user_groups (user_id, group_id) VALUES (?, ?)').run(m.id, id);
}

function leaveDefaultGroup(u: User): void {
  s.store.sqlite.prepare("DELETE FROM user_groups WHERE user_id = ? AND group_id = (SELECT id FROM groups WHERE name = 'Users')").run(u.id);
}

function addEvents(index: string, n: number): void {
  const next = s.store.sqlite.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM events');
  const insert = s.store.sqlite.prepare('INSERT INTO events (seq, id, created, "index", text) VALUES (?, ?, ?, ?, ?)');
  s.store.sqlite.transaction(() => {
    let seq = next.get()!.n;
    for (let i = 0; i < n; i++) insert.run(seq++, randomUUID(), Date.now() * 1000 + i, index, `event ${i}`);
  })();
}

beforeAll(async () => {
  s = await startUi({ DELVE_SECRET_KEY_FALLBACKS: KEY_B, DELVE_PASSWORD_MIN_LENGTH: '10' });
  for (const name of ['alice', 'bob', 'carol', 'dave']) users[name] = await addUser(s.store, name);
  users.root = await addUser(s.store, 'root', true);
  s.store.sqlite.prepare("INSERT INTO user_permissions (user_id, codename) VALUES (?, 'view_user')").run(users.bob!.id);
  for (const name of ['bob', 'carol', 'dave']) leaveDefaultGroup(users[name]!);
  group('web-readers', ['web*'], ['view_event', 'add_group'], [users.bob!]);
  group('internal', ['_internal', 'app'], [], [users.carol!]);
  for (const [index, n] of [['web', 3], ['webshop', 2], ['app', 5], ['db', 1], ['_internal', 2]] as const) addEvents(index, n);
});
afterAll(async () => { await s.close(); });

describe('POST /api/auth/password-check', () => {
  const check = async (body: unknown): Promise<Rules> => {
    const r = await req(`${s.url}/api/auth/password-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    return r.json<Rules>();
  };
  const verdicts = (r: Rules): Record<string, boolean> => Object.fromEntries(r.rules.map((x) => [x.id, x.ok]));

  it('is public and reports each rule with the configured minimum length', async () => {
    const r = await check({ password: 'short' });
    expect(r.ok).toBe(false);
    expect(r.rules.map((x) => x.id)).toEqual(['min_length', 'not_numeric', 'not_common', 'not_similar']);
    expect(r.rules[0]).toEqual({ id: 'min_length', label: 'At least 10 characters', ok: false });
    expect(verdicts(r)).toEqual({ min_length: false, not_numeric: true, not_common: true, not_similar: true });
  });

  it('flags numeric, common and similar passwords exactly as the validators do', async () => {
    expect(verdicts(await check({ password: '12345678901' }))).toMatchObject({ min_length: true, not_numeric: false });
    expect(verdicts(await check({ password: 'password123' }))).toMatchObject({ not_common: false });
    const similar = await check({ password: 'margaretsmith1', username: 'margaret', email: 'margaretsmith@example.com' });
    expect(similar.ok).toBe(false);
    expect(verdicts(similar)).toEqual({ min_length: true, not_numeric: true, not_common: true, not_similar: false });
    const good = await check({ password: PW, username: 'margaret' });
    expect(good.ok).toBe(true);
    expect(good.rules.every((x) => x.ok)).toBe(true);
  });

  it('refuses bodies over 4 KB and non-string passwords', async () => {
    const big = await req(`${s.url}/api/auth/password-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'x'.repeat(5000) }) });
    expect(big.status).toBe(413);
    const bad = await req(`${s.url}/api/auth/password-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x' }) });
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorBody>().error.code).toBe('DLV_HTTP_VALIDATION');
  });
});

describe('GET /api/auth/me permissions', () => {
  const perms = async (name: string): Promise<string[]> => {
    const r = await req(`${s.url}/api/auth/me`, { headers: basic(name, PW) });
    expect(r.status).toBe(200);
    return r.json<{ user: { permissions: string[] } }>().user.permissions;
  };

  it('lists the user\'s own and their groups\' codenames; superusers get all', async () => {
    expect(await perms('bob')).toEqual(['add_group', 'view_event', 'view_user']);
    expect(await perms('carol')).toEqual([]);
    const alice = await perms('alice');
    expect(alice).toContain('view_event');
    expect(alice).toContain('add_query');
    expect(alice).not.toContain('view_user');
    const root = await perms('root');
    expect(root).toEqual(expect.arrayContaining(['view_user', 'add_user', 'change_group', 'delete_token', 'view_event']));
    expect(root.length).toBe(28);
  });
});

describe('GET /api/indexes/', () => {
  const names = async (name: string): Promise<string[]> => {
    const r = await req(`${s.url}/api/indexes/`, { headers: basic(name, PW) });
    expect(r.status).toBe(200);
    return r.json<{ results: { name: string }[] }>().results.map((x) => x.name);
  };

  it('returns the indexes present that the caller may read (internal ones only when granted)', async () => {
    const root = await names('root');
    expect(root).toEqual(expect.arrayContaining(['_internal', 'app', 'db', 'web', 'webshop']));
    expect(root).toEqual([...root].sort());
    expect(await names('alice')).toEqual(['app', 'db', 'web', 'webshop']);
    expect(await names('bob')).toEqual(['web', 'webshop']);
    expect(await names('carol')).toEqual(['_internal', 'app']);
    expect(await names('dave')).toEqual([]);
  });

  it('needs authentication', async () => {
    expect((await req(`${s.url}/api/indexes/`)).status).toBe(401);
  });

  it('uses a skip scan over the ("index", created) index', () => {
    const plan = (s.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${DISTINCT_INDEXES}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH events USING COVERING INDEX events_index_created \(index>\?\)/);
    expect(plan).not.toMatch(/SCAN events(?! USING COVERING INDEX)/);
  });
});

describe('GET /api/security/status', () => {
  it('is for superusers only', async () => {
    const r = await req(`${s.url}/api/security/status`, { headers: basic('alice', PW) });
    expect(r.status).toBe(403);
    expect(r.json<ErrorBody>().error.code).toBe('DLV_AUTH_FORBIDDEN');
    expect((await req(`${s.url}/api/security/status`)).status).toBe(401);
  });

  it('reports findings, key, TLS, database, debug and audit state without key material', async () => {
    const c = await loggedIn(s.url, 'root');
    const r = await c.send('GET', '/api/security/status');
    expect(r.status).toBe(200);
    const body = r.json<Record<string, any>>();
    expect(body.findings.length).toBeGreaterThan(0);
    for (const f of body.findings) expect(f).toEqual({ code: expect.stringMatching(/^DLV_CHECK_/), severity: expect.stringMatching(/^(error|warning|info)$/), message: expect.any(String), fix: expect.any(String) });
    expect(body.findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['DLV_CHECK_KEY_OK', 'DLV_CHECK_KEY_ROTATION', 'DLV_CHECK_DB_UNENCRYPTED']));
    expect(body.key).toMatchObject({ source: 'env', strong: true, length: KEY_A.length, fallbacks: 1 });
    expect(body.tls).toEqual({ enabled: false, module: expect.any(String), client_auth: 'none' });
    expect(body.database).toEqual({ encrypted: false });
    expect(body.debug).toBe(false);
    expect(body.audit).toEqual({ ok: true, rows: expect.any(Number) });
    expect(body.audit.rows).toBeGreaterThan(0);
    for (const secret of [KEY_A, KEY_B, KEY_A.slice(0, 20), KEY_B.slice(0, 20)]) expect(r.body).not.toContain(secret);
  });

  it('reports a broken audit chain', async () => {
    const c = await loggedIn(s.url, 'root');
    const seq = (s.store.sqlite.prepare('SELECT min(seq) AS seq FROM audit_log').get() as { seq: number }).seq;
    const before = s.store.sqlite.prepare('SELECT actor FROM audit_log WHERE seq = ?').get(seq) as { actor: string | null };
    s.store.sqlite.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run('tampered', seq);
    try {
      const body = (await c.send('GET', '/api/security/status')).json<{ audit: Record<string, unknown> }>();
      expect(body.audit).toMatchObject({ ok: false, rows: 0, broken_at: seq });
    } finally {
      s.store.sqlite.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run(before.actor, seq);
    }
  });
});

describe('GET /api/security/status with TLS', () => {
  it('describes the certificate being served, and the new one after a reload', async () => {
    const dir = makeTempDir();
    try {
      const ca = makeCa(dir, 'delve-ui-ca');
      const first = makeCert(dir, { ca, cn: 'localhost', days: 90, name: 'first' });
      const second = makeCert(dir, { ca, cn: 'localhost', days: 200, name: 'second' });
      const key = join(dir, 'live.key');
      const cert = join(dir, 'live.crt');
      copyFileSync(first.key, key);
      copyFileSync(first.cert, cert);
      const t = await startUi({ DELVE_SSL_PRIVATE_KEY: key, DELVE_SSL_CERTIFICATE: cert, ALLOWED_HOSTS: 'localhost' });
      try {
        await addUser(t.store, 'root', true);
        const url = t.url.replace('127.0.0.1', 'localhost');
        const ca509 = readFileSync(ca.cert);
        const get = async (): Promise<Record<string, any>> => {
          const r = await req(`${url}/api/security/status`, { ca: ca509, headers: basic('root', PW) });
          expect(r.status).toBe(200);
          expect(r.body).not.toContain('PRIVATE KEY');
          return r.json<Record<string, any>>();
        };
        const a = (await get()).tls;
        expect(a).toMatchObject({ enabled: true, module: 'builtin', client_auth: 'none', serial: first.serial, subject: expect.stringContaining('localhost'), issuer: expect.stringContaining('delve-ui-ca') });
        expect(new Date(a.not_after).getTime()).toBeGreaterThan(Date.now());
        expect(a.days_left).toBeGreaterThanOrEqual(88);
        expect(a.days_left).toBeLessThanOrEqual(90);
        copyFileSync(second.key, key);
        copyFileSync(second.cert, cert);
        expect(t.server.reloadTls()).toMatchObject({ ok: true });
        const b = (await get()).tls;
        expect(b.serial).toBe(second.serial);
        expect(b.days_left).toBeGreaterThanOrEqual(198);
      } finally {
        await t.close();
      }
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('token scopes', () => {
  it('a read token may list indexes and read the manual index, not the security status', async () => {
    const c = await loggedIn(s.url, 'root');
    const made = await c.send('POST', '/api/tokens/', { name: 'reader', scope: 'read' });
    const token = made.json<{ token: string }>().token;
    const auth = { authorization: `Bearer ${token}` };
    expect((await req(`${s.url}/api/indexes/`, { headers: auth })).status).toBe(200);
    expect((await req(`${s.url}/api/manual/`, { headers: auth })).status).toBe(200);
    expect((await req(`${s.url}/api/security/status`, { headers: auth })).json<ErrorBody>().error.code).toBe('DLV_AUTH_SCOPE');
  });
});
