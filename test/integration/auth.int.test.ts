import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.js';
import { basic, Client } from '../helpers/client.js';
import { req } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

const PW = 'correct-horse-battery-staple';
let s: InProcessServer;
beforeAll(async () => {
  s = await startInProcess({ DELVE_TRUSTED_PROXIES: '127.0.0.1', DELVE_LOGIN_FAILURE_LIMIT: '5' });
  for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) await createUser(s.store, { username, password: PW }, { minPasswordLength: 8 });
  await createUser(s.store, { username: 'root', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
});
afterAll(async () => { await s.close(); });

const auditRows = (action: string): { actor: string; outcome: string; details: string }[] =>
  s.store.sqlite.prepare('SELECT actor, outcome, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as never;

describe('login, me, logout', () => {
  it('JSON login sets an HttpOnly SameSite=Lax session cookie (no Secure over plain HTTP) and /me answers', async () => {
    const c = new Client(s.url);
    const r = await c.login('alice', PW);
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ user: { username: 'alice', is_superuser: false } });
    expect(JSON.stringify(r.json())).not.toMatch(/argon2/);
    const cookie = r.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^delve_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const me = await c.send('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'alice' }, via: 'session', csrf_token: expect.any(String) });
    expect(auditRows('auth.login').some((row) => row.actor === 'alice' && row.outcome === 'success')).toBe(true);
  });

  it('stores only a hash of the session id', async () => {
    const c = new Client(s.url);
    await c.login('alice', PW);
    const raw = decodeURIComponent((c.cookie ?? '').split('=')[1] ?? '');
    const dump = JSON.stringify(s.store.sqlite.prepare('SELECT * FROM sessions').all());
    expect(raw.length).toBeGreaterThan(40);
    expect(dump).not.toContain(raw.split('.')[0]);
  });

  it('session fixation: a session the browser had before login is destroyed and a new id issued', async () => {
    const attacker = new Client(s.url);
    await attacker.login('bob', PW);
    const planted = attacker.cookie!;
    const victim = new Client(s.url);
    victim.cookie = planted;
    await victim.login('carol', PW);
    expect(victim.cookie).not.toBe(planted);
    expect((await attacker.send('GET', '/api/auth/me')).status).toBe(401);
    expect((await victim.send('GET', '/api/auth/me')).json()).toMatchObject({ user: { username: 'carol' } });
  });

  it('logout destroys the session server-side', async () => {
    const c = new Client(s.url);
    await c.login('alice', PW);
    const cookie = c.cookie;
    expect((await c.send('POST', '/api/auth/logout')).status).toBe(204);
    const replay = await req(`${s.url}/api/auth/me`, { headers: { cookie: cookie! } });
    expect(replay.status).toBe(401);
    expect(replay.json()).toMatchObject({ error: { code: 'DLV_AUTH_INVALID' } });
  });

  it('idle and absolute timeouts end sessions', async () => {
    const a = new Client(s.url);
    await a.login('dave', PW);
    const b = new Client(s.url);
    await b.login('dave', PW);
    const [sa, sb] = s.store.sqlite.prepare("SELECT id_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'dave' ORDER BY created_at").all() as { id_hash: string }[];
    s.store.sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(Date.now() - 3 * 3600_000, sa!.id_hash);
    s.store.sqlite.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?').run(Date.now() - 1000, sb!.id_hash);
    expect((await a.send('GET', '/api/auth/me')).status).toBe(401);
    expect((await b.send('GET', '/api/auth/me')).status).toBe(401);
  });

  it('unauthenticated API requests get 401 with WWW-Authenticate; HTTP Basic works', async () => {
    const r = await req(`${s.url}/api/auth/me`);
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/^Basic/);
    // A browser script's fetch gets the 401 without the challenge (no native credentials box over the web UI).
    const fromScript = await req(`${s.url}/api/auth/me`, { headers: { 'sec-fetch-mode': 'cors' } });
    expect(fromScript.status).toBe(401);
    expect(fromScript.headers['www-authenticate']).toBeUndefined();
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('alice', PW) })).json()).toMatchObject({ user: { username: 'alice' }, via: 'basic' });
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('alice', 'wrong-password') })).status).toBe(401);
  });

  it('the HTML login form works without script and redirects only to local paths', async () => {
    const page = await req(`${s.url}/login?next=/explore`);
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/<script|style=/i);
    expect(page.body).toContain('value="/explore"');
    const ok = await req(`${s.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=alice&password=${PW}&next=%2F%2Fevil.example` });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    const bad = await req(`${s.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=%3Cb%3Ealice&password=nope' });
    expect(bad.status).toBe(401);
    expect(bad.body).toContain('Invalid username or password.');
    expect(bad.body).toContain('&lt;b&gt;alice');
  });
});

describe('CSRF', () => {
  it('cookie-authenticated unsafe requests need the token and a same-origin request', async () => {
    const c = new Client(s.url);
    await c.login('erin', PW);
    const token = c.csrf!;
    c.csrf = null;
    expect((await c.send('POST', '/api/tokens/', { scope: 'read' })).json()).toMatchObject({ error: { code: 'DLV_AUTH_CSRF' } });
    expect((await c.send('POST', '/api/tokens/', { scope: 'read' }, { 'x-csrf-token': 'forged.token.value' })).status).toBe(403);
    expect((await c.send('POST', '/api/tokens/', { scope: 'read' }, { 'x-csrf-token': token, origin: 'https://evil.example' })).status).toBe(403);
    expect((await c.send('POST', '/api/tokens/', { scope: 'read' }, { 'x-csrf-token': token, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await c.send('POST', '/api/tokens/', { scope: 'read' }, { 'x-csrf-token': token, origin: s.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('a cross-site form post is refused, and the session survives it', async () => {
    const c = new Client(s.url);
    await c.login('erin', PW);
    const r = await req(`${s.url}/api/auth/logout`, { method: 'POST', headers: { cookie: c.cookie!, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
    expect(r.status).toBe(403);
    const form = await req(`${s.url}/logout`, { method: 'POST', headers: { cookie: c.cookie!, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf_token=' });
    expect(form.status).toBe(403);
    expect((await c.send('GET', '/api/auth/me')).status).toBe(200);
  });

  it('Basic and Bearer requests are exempt', async () => {
    const r = await req(`${s.url}/api/tokens/`, { method: 'POST', headers: { ...basic('erin', PW), 'content-type': 'application/json' }, body: JSON.stringify({ scope: 'admin', name: 'ci' }) });
    expect(r.status).toBe(201);
    const { token } = r.json<{ token: string }>();
    const r2 = await req(`${s.url}/api/tokens/`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ scope: 'read' }) });
    expect(r2.status).toBe(201);
  });
});

describe('brute-force protection', () => {
  const attempt = (username: string, password: string, ip: string): Promise<import('../helpers/http.js').Reply> =>
    req(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ username, password }) });

  it('locks username+IP after 5 failures with 429 + Retry-After, the same for unknown users, and audits it', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('frank', 'wrong-guess', '198.51.100.7')).status).toBe(401);
    const locked = await attempt('frank', PW, '198.51.100.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json<{ error: { message: string } }>().error.message).toMatch(/Try again in \d+ seconds/);
    for (let i = 0; i < 5; i++) await attempt('no-such-user', 'wrong-guess', '198.51.100.8');
    const ghost = await attempt('no-such-user', 'x', '198.51.100.8');
    expect(ghost.status).toBe(429);
    expect(Object.keys(ghost.json<{ error: object }>().error)).toEqual(Object.keys(locked.json<{ error: object }>().error));
    expect(auditRows('auth.lockout').map((r) => r.actor)).toEqual(expect.arrayContaining(['frank', 'no-such-user']));
  });

  it('a login from another IP is not blocked by an attacker hammering the username elsewhere', async () => {
    for (let i = 0; i < 6; i++) await attempt('alice', 'wrong-guess', '203.0.113.66');
    expect((await attempt('alice', PW, '203.0.113.66')).status).toBe(429);
    expect((await attempt('alice', PW, '192.0.2.10')).status).toBe(200);
  });

  it('unknown and known users get identical failure bodies', async () => {
    const a = await attempt('alice', 'nope-nope', '192.0.2.50');
    const b = await attempt('nobody-here', 'nope-nope', '192.0.2.51');
    expect(a.status).toBe(b.status);
    expect(a.body).toBe(b.body);
  });
});

describe('sessions and password change', () => {
  it('lists and revokes own sessions; a password change ends the others and keeps the current one', async () => {
    await createUser(s.store, { username: 'gina', password: PW }, { minPasswordLength: 8 });
    const a = new Client(s.url);
    const b = new Client(s.url);
    const c = new Client(s.url);
    await a.login('gina', PW);
    await b.login('gina', PW);
    await c.login('gina', PW);
    const list = (await a.send('GET', '/api/auth/sessions')).json<{ results: { publicId: string; current: boolean }[] }>().results;
    expect(list).toHaveLength(3);
    expect(list.filter((x) => x.current)).toHaveLength(1);
    const other = list.find((x) => !x.current)!;
    expect((await a.send('DELETE', `/api/auth/sessions/${other.publicId}`)).status).toBe(204);
    const weak = await a.send('POST', '/api/auth/password', { current_password: PW, new_password: '12345678' });
    expect(weak.status).toBe(400);
    expect(weak.json()).toMatchObject({ error: { code: 'DLV_PASSWORD_INVALID' } });
    const changed = await a.send('POST', '/api/auth/password', { current_password: PW, new_password: 'a-much-better-passphrase' });
    expect(changed.status).toBe(200);
    expect(changed.json()).toEqual({ ended_sessions: 1 });
    expect((await a.send('GET', '/api/auth/me')).status).toBe(200);
    expect((await b.send('GET', '/api/auth/me')).status).toBe(401);
    expect((await c.send('GET', '/api/auth/me')).status).toBe(401);
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('gina', PW) })).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('returned once, stored hashed, listed without the secret, scoped, revocable, expiring', async () => {
    const create = (scope: string, extra: object = {}) => req(`${s.url}/api/tokens/`, { method: 'POST', headers: { ...basic('bob', PW), 'content-type': 'application/json' }, body: JSON.stringify({ scope, name: `t-${scope}`, ...extra }) });
    const ingest = (await create('ingest')).json<{ token: string; id: string }>();
    const read = (await create('read', { expires_in: '90d' })).json<{ token: string; id: string; expires: string }>();
    expect(ingest.token).toMatch(/^dlv_/);
    expect(new Date(read.expires).getTime()).toBeGreaterThan(Date.now() + 89 * 86400_000);
    expect(JSON.stringify(s.store.sqlite.prepare('SELECT * FROM api_tokens').all())).not.toContain(ingest.token);
    const listed = await req(`${s.url}/api/tokens/`, { headers: basic('bob', PW) });
    expect(listed.body).not.toContain(ingest.token.slice(4));
    const bearer = (t: string): Record<string, string> => ({ authorization: `Bearer ${t}` });
    expect((await req(`${s.url}/api/auth/me`, { headers: bearer(ingest.token) })).status).toBe(200);
    const denied = await req(`${s.url}/api/tokens/`, { headers: bearer(ingest.token) });
    expect(denied.status).toBe(403);
    expect(denied.json()).toMatchObject({ error: { code: 'DLV_AUTH_SCOPE' } });
    expect((await req(`${s.url}/api/tokens/${read.id}/`, { method: 'DELETE', headers: basic('bob', PW) })).status).toBe(204);
    expect((await req(`${s.url}/api/auth/me`, { headers: bearer(read.token) })).status).toBe(401);
    s.store.sqlite.prepare('UPDATE api_tokens SET expires_at = ? WHERE id = ?').run(Date.now() - 1, ingest.id);
    expect((await req(`${s.url}/api/auth/me`, { headers: bearer(ingest.token) })).status).toBe(401);
    expect((await req(`${s.url}/api/auth/me`, { headers: bearer('dlv_not-a-real-token') })).status).toBe(401);
  });
});
