import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/security/keys/index.js';
import { signObject } from '../../src/security/signing/index.js';
import { createSetupToken, SETUP_PURPOSE } from '../../src/server/routes/setup.js';
import { Client } from '../helpers/client.js';
import { KEY_A, KEY_B, rmHome, tempHome } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { startFl } from '../helpers/server.js';
import { startUi, type UiServer } from './ui-harness.js';

const GOOD = 'plum-orchard-kettle-42';

interface ErrorBody { error: { code: string; field?: string } }

const post = (c: Client, body: unknown, headers: Record<string, string> = {}) => c.send('POST', '/api/setup/', body, headers);
const setupRows = (s: UiServer) => s.store.sqlite.prepare("SELECT outcome, target, actor FROM audit_log WHERE action = 'auth.setup' ORDER BY seq").all() as { outcome: string; target: string | null; actor: string | null }[];

describe('first-run setup API', () => {
  let s: UiServer;
  beforeAll(async () => { s = await startUi(); });
  afterAll(async () => { await s.close(); });

  it('says setup is needed while there are no users', async () => {
    const r = await req(`${s.url}/api/setup/`);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ needed: true });
  });

  it.each([
    ['a forged token', () => 'not-a-token'],
    ['a token with a tampered signature', () => `${createSetupToken(s.keyring).slice(0, -2)}AA`],
    ['an expired token', () => createSetupToken(s.keyring, { now: Date.now() - 3601_000 })],
    ['a token signed with a key that is not configured', () => createSetupToken(new Keyring(KEY_B))],
    ['a token signed for another purpose', () => signObject(s.keyring, 'delve.password-reset', { n: 'x'.repeat(24) })],
    ['a token without a nonce', () => signObject(s.keyring, SETUP_PURPOSE, { x: 1 })],
  ])('refuses %s with DLV_SETUP_TOKEN_INVALID (403, field token)', async (_name, make) => {
    const r = await post(new Client(s.url), { token: make(), username: 'admin', password: GOOD });
    expect(r.status).toBe(403);
    expect(r.json<ErrorBody>().error).toMatchObject({ code: 'DLV_SETUP_TOKEN_INVALID', field: 'token' });
    expect(s.store.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  });

  it('validates the username and password like createsuperuser, without using up the link', async () => {
    const token = createSetupToken(s.keyring);
    const weak = await post(new Client(s.url), { token, username: 'admin', password: '12345678' });
    expect(weak.status).toBe(400);
    expect(weak.json<ErrorBody>().error).toMatchObject({ code: 'DLV_PASSWORD_INVALID', field: 'password' });
    const similar = await post(new Client(s.url), { token, username: 'administrator', password: 'administrator1' });
    expect(similar.json<ErrorBody>().error).toMatchObject({ code: 'DLV_PASSWORD_INVALID', field: 'password' });
    const badName = await post(new Client(s.url), { token, username: 'no spaces', password: GOOD });
    expect(badName.json<ErrorBody>().error).toMatchObject({ code: 'DLV_USER_INVALID', field: 'username' });
    const badEmail = await post(new Client(s.url), { token, username: 'admin', email: 'nope', password: GOOD });
    expect(badEmail.json<ErrorBody>().error).toMatchObject({ code: 'DLV_USER_INVALID', field: 'email' });
    const cross = await post(new Client(s.url), { token, username: 'admin', password: GOOD }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.json<ErrorBody>().error.code).toBe('DLV_AUTH_CSRF');
    expect((await req(`${s.url}/api/setup/`)).json()).toEqual({ needed: true });
  });

  it('creates the first superuser, logs them in like a login, and audits it; then setup is done', async () => {
    const token = createSetupToken(s.keyring);
    const c = new Client(s.url);
    const r = await post(c, { token, username: 'admin', email: 'admin@example.com', password: GOOD });
    expect(r.status).toBe(201);
    const body = r.json<{ user: Record<string, unknown>; csrf_token: string }>();
    expect(body.user).toMatchObject({ username: 'admin', email: 'admin@example.com', is_superuser: true, is_active: true });
    expect(body.user).not.toHaveProperty('password');
    expect(body.csrf_token).toEqual(expect.any(String));
    expect(r.headers['set-cookie']?.[0]).toMatch(/^delve_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    c.csrf = body.csrf_token;
    const me = await c.send('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    const meBody = me.json<{ user: { username: string; is_superuser: boolean; permissions: string[] }; via: string }>();
    expect(meBody).toMatchObject({ user: { username: 'admin', is_superuser: true }, via: 'session' });
    expect(meBody.user.permissions).toEqual(expect.arrayContaining(['add_user', 'delete_group', 'view_event']));
    // an unsafe request with the returned CSRF token works (the session is a normal one)
    expect((await c.send('POST', '/api/tokens/', { name: 'first', scope: 'read' })).status).toBe(201);

    const rows = setupRows(s);
    const ok = rows.filter((x) => x.outcome === 'success');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ actor: 'admin', target: expect.stringMatching(/^setup-link:[0-9a-f]{64}$/) });
    expect(JSON.stringify(rows)).not.toContain(token);

    const again = await post(new Client(s.url), { token: createSetupToken(s.keyring), username: 'evil', password: GOOD });
    expect(again.status).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('DLV_SETUP_DONE');
    const reused = await post(new Client(s.url), { token, username: 'evil', password: GOOD });
    expect(reused.json<ErrorBody>().error.code).toBe('DLV_SETUP_DONE');
    expect((await req(`${s.url}/api/setup/`)).json()).toEqual({ needed: false });
  });

  it('refuses a used link even if every user was deleted since', async () => {
    const token = createSetupToken(s.keyring);
    s.store.sqlite.exec('DELETE FROM users');
    const first = await post(new Client(s.url), { token, username: 'second', password: GOOD });
    expect(first.status).toBe(201);
    s.store.sqlite.exec('DELETE FROM users');
    const reused = await post(new Client(s.url), { token, username: 'third', password: GOOD });
    expect(reused.status).toBe(403);
    expect(reused.json<ErrorBody>().error).toMatchObject({ code: 'DLV_SETUP_TOKEN_INVALID', field: 'token' });
    expect(s.store.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  });
});

describe('first-run setup races and key rotation', () => {
  let s: UiServer | undefined;
  afterEach(async () => { await s?.close(); s = undefined; });

  it('two concurrent setups create exactly one administrator', async () => {
    s = await startUi();
    const srv = s;
    const results = await Promise.all(['one', 'two', 'three'].map((u) => post(new Client(srv.url), { token: createSetupToken(srv.keyring), username: u, password: GOOD })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(srv.store.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
  });

  it('accepts a link signed by a fallback key, refuses it once that key is removed', async () => {
    const oldToken = createSetupToken(new Keyring(KEY_B));
    s = await startUi({ DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FALLBACKS: KEY_B });
    const srv = s;
    // With KEY_B still a fallback the link verifies (the request gets past the token check to the password rules).
    const withFallback = await post(new Client(srv.url), { token: oldToken, username: 'admin', password: 'short' });
    expect(withFallback.json<ErrorBody>().error.code).toBe('DLV_PASSWORD_INVALID');
    await srv.close();
    s = await startUi({ DELVE_SECRET_KEY: KEY_A });
    const removed = await post(new Client(s.url), { token: oldToken, username: 'admin', password: GOOD });
    expect(removed.json<ErrorBody>().error.code).toBe('DLV_SETUP_TOKEN_INVALID');
  });
});

describe('./fl serve on an empty home', () => {
  it('prints a one-hour setup link (token in the fragment) that creates the first administrator', async () => {
    const home = tempHome();
    try {
      const srv = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_A } });
      let line: RegExpExecArray | null = null;
      for (let i = 0; i < 100 && !line; i++) {
        line = /Delve has no users yet\. Open this link within 1 hour to create the first administrator: (\S+)/.exec(srv.stdout());
        if (!line) await new Promise((r) => setTimeout(r, 50));
      }
      expect(line).not.toBeNull();
      const link = new URL(line![1]!);
      expect(`${link.protocol}//${link.host}`).toBe(srv.url);
      expect(link.pathname).toBe('/setup');
      expect(link.search).toBe('');
      const token = new URLSearchParams(link.hash.slice(1)).get('token') ?? '';
      expect(token.length).toBeGreaterThan(20);

      const c = new Client(srv.url);
      const r = await post(c, { token, username: 'boss', password: GOOD });
      expect(r.status).toBe(201);
      c.csrf = r.json<{ csrf_token: string }>().csrf_token;
      expect((await c.send('GET', '/api/auth/me')).json()).toMatchObject({ user: { username: 'boss', is_superuser: true } });
      expect((await post(new Client(srv.url), { token, username: 'again', password: GOOD })).json<ErrorBody>().error.code).toBe('DLV_SETUP_DONE');
      expect(await srv.stop('SIGTERM')).toBe(0);
      const logDir = join(home, 'var', 'log');
      const logs = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8')).join('\n');
      expect(logs).toContain('Delve has no users yet');
      expect(logs).not.toContain(KEY_A);
      // The link is a credential: console only, never the log files.
      expect(logs).not.toContain(token);

      // With a user, a restart prints no link.
      const again = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_A } });
      await new Promise((r) => setTimeout(r, 300));
      expect(again.stdout()).not.toContain('Delve has no users yet');
      expect(await again.stop('SIGTERM')).toBe(0);
    } finally {
      rmHome(home);
    }
  });
});
