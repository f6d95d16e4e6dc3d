import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { createUser, findUser, type User } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { Keyring } from '../../src/security/keys/index.js';
import { createAuthServices, type AuthServices } from '../../src/server/auth/services.js';
import { protectedRoutes, publicRoutes } from '../../src/server/auth/wire.js';
import { registerAuditRoutes } from '../../src/server/routes/audit.js';
import { registerGroupRoutes } from '../../src/server/routes/groups.js';
import { registerResetRoutes } from '../../src/server/routes/reset.js';
import { registerUserRoutes } from '../../src/server/routes/users.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { basic } from '../helpers/client.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req, type Reply } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

const PW = 'correct-horse-battery-staple';
let s: InProcessServer;
let svc: AuthServices;
let store: Store;
let home: string;
const users: Record<string, User> = {};

beforeAll(async () => {
  home = tempHome();
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0' } });
  store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  svc = createAuthServices(settings, store, keyring, false);
  s = await startInProcess({}, {
    home, store, keyring,
    registerProtected: protectedRoutes(svc, [registerUserRoutes, registerGroupRoutes, registerAuditRoutes]),
    registerPublic: publicRoutes(svc, [registerResetRoutes]),
  });
  for (const username of ['root', 'admin2']) users[username] = await createUser(store, { username, password: PW, isSuperuser: true }, { minPasswordLength: 8 });
  for (const username of ['mgr', 'gmgr', 'plain', 'victim', 'v2', 'v3', 'v4']) users[username] = await createUser(store, { username, password: PW }, { minPasswordLength: 8 });
  const grant = (u: string, codenames: string[]) => store.db.insertInto('user_permissions').values(codenames.map((codename) => ({ user_id: users[u]!.id, codename }))).execute();
  await grant('mgr', ['view_user', 'add_user', 'change_user', 'delete_user']);
  await grant('gmgr', ['view_group', 'add_group', 'change_group']);
});
afterAll(async () => {
  await s.close();
  await store.close();
  rmHome(home);
});

const call = (who: string, method: string, path: string, body?: unknown, pw = PW): Promise<Reply> =>
  req(`${s.url}${path}`, { method, headers: { ...basic(who, pw), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const code = (r: Reply): string | undefined => r.json<{ error?: { code: string } }>().error?.code;
const audit = (action: string): { actor: string; target: string; outcome: string; details: string }[] =>
  store.sqlite.prepare('SELECT actor, target, outcome, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as never;
const id = (name: string): string => users[name]!.id;

describe('/api/users/', () => {
  it('lists with limit/offset pagination and never shows password hashes', async () => {
    const r = await call('root', 'GET', '/api/users/?limit=2');
    expect(r.status).toBe(200);
    const page = r.json<{ count: number; next: string; previous: null; results: { username: string; groups: string[]; permissions: string[] }[] }>();
    expect(page.count).toBeGreaterThanOrEqual(9);
    expect(page.results.map((u) => u.username)).toEqual(['admin2', 'gmgr']);
    expect(page.previous).toBeNull();
    expect(page.next).toBe(`${s.url}/api/users/?limit=2&offset=2`);
    const p2 = (await req(page.next, { headers: basic('root', PW) })).json<{ previous: string; results: { username: string }[] }>();
    expect(p2.results.map((u) => u.username)).toEqual(['mgr', 'plain']);
    expect(p2.previous).toBe(`${s.url}/api/users/?limit=2`);
    const all = await call('mgr', 'GET', '/api/users/?limit=100');
    expect(all.body).not.toMatch(/argon2|"password"/);
    expect(all.json<{ next: null; results: { username: string; groups: string[]; permissions: string[] }[] }>().results.find((u) => u.username === 'mgr'))
      .toMatchObject({ groups: ['Users'], permissions: ['add_user', 'change_user', 'delete_user', 'view_user'], is_superuser: false });
    expect(code(await call('root', 'GET', '/api/users/?limit=0'))).toBe('DLV_HTTP_VALIDATION');
  });

  it('needs view_user (denials are audited); a user may read their own record', async () => {
    const r = await call('plain', 'GET', '/api/users/');
    expect(r.status).toBe(403);
    expect(code(r)).toBe('DLV_AUTH_FORBIDDEN');
    expect(audit('permission.denied').some((a) => a.actor === 'plain')).toBe(true);
    expect((await call('plain', 'GET', `/api/users/${id('plain')}/`)).json()).toMatchObject({ username: 'plain' });
    expect((await call('plain', 'GET', `/api/users/${id('root')}/`)).status).toBe(403);
    expect((await call('root', 'GET', `/api/users/${randomUUID()}/`)).status).toBe(404);
  });

  it('creates users (validated password, Users group by default); only superusers grant privileges', async () => {
    const r = await call('mgr', 'POST', '/api/users/', { username: 'newbie', password: 'newbie-pass-phrase', email: 'n@example.com' });
    expect(r.status).toBe(201);
    expect(r.json()).toMatchObject({ username: 'newbie', email: 'n@example.com', groups: ['Users'], permissions: [], is_superuser: false });
    expect(code(await call('mgr', 'POST', '/api/users/', { username: 'newbie', password: 'newbie-pass-phrase' }))).toBe('DLV_USER_EXISTS');
    expect(code(await call('mgr', 'POST', '/api/users/', { username: 'weak', password: '12345678901' }))).toBe('DLV_PASSWORD_INVALID');
    for (const extra of [{ is_superuser: true }, { groups: ['Users'] }, { permissions: ['view_event'] }]) {
      const denied = await call('mgr', 'POST', '/api/users/', { username: 'sneaky', password: 'sneaky-pass-phrase', ...extra });
      expect(denied.status).toBe(403);
    }
    expect(await findUser(store, 'sneaky')).toBeUndefined();
    const su = await call('root', 'POST', '/api/users/', { username: 'boss', password: 'boss-pass-phrase', is_superuser: true, groups: [], permissions: ['view_event'] });
    expect(su.json()).toMatchObject({ is_superuser: true, groups: [], permissions: ['view_event'] });
    expect(code(await call('root', 'POST', '/api/users/', { username: 'x1', password: 'x1-pass-phrase-ok', groups: ['nope'] }))).toBe('DLV_USER_INVALID');
    expect(code(await call('root', 'POST', '/api/users/', { username: 'x1', password: 'x1-pass-phrase-ok', permissions: ['be_god'] }))).toBe('DLV_USER_INVALID');
    const created = audit('user.create').find((a) => a.target === 'boss');
    expect(JSON.parse(created!.details)).toMatchObject({ is_superuser: true, permissions: ['view_event'] });
  });

  it('blocks privilege escalation and self-lock-out with a clear 403', async () => {
    const attempts: [string, string, object][] = [
      ['mgr', 'mgr', { groups: ['Users', 'Admins'] }], ['mgr', 'mgr', { is_superuser: true }], ['mgr', 'mgr', { permissions: ['view_group'] }],
      ['mgr', 'mgr', { is_active: false }], ['root', 'root', { is_superuser: false }], ['root', 'root', { is_active: false }],
      ['root', 'root', { groups: [] }], ['mgr', 'root', { email: 'pwned@example.com' }], ['mgr', 'admin2', { password: 'takeover-pass-phrase' }],
      ['mgr', 'plain', { is_superuser: true }], ['mgr', 'plain', { permissions: ['change_user'] }], ['mgr', 'plain', { groups: [] }],
      ['plain', 'victim', { email: 'x@example.com' }], ['plain', 'plain', { is_superuser: true }], ['root', 'root', { password: 'new-root-pass-phrase' }],
    ];
    await store.db.insertInto('groups').values({ id: randomUUID(), name: 'Admins', index_read: '["*"]', index_write: '[]', created_at: Date.now() }).execute();
    const before = audit('permission.denied').length;
    for (const [who, target, body] of attempts) {
      const r = await call(who, 'PATCH', `/api/users/${id(target)}/`, body);
      expect(r.status, `${who} → ${target} ${JSON.stringify(body)}`).toBe(403);
      expect(r.json<{ error: { message: string } }>().error.message).toMatch(/superuser|your own|another administrator|permission/);
    }
    expect(audit('permission.denied').length - before).toBe(attempts.length);
    const mgr = (await findUser(store, 'mgr'))!;
    expect(mgr.is_superuser).toBe(0);
    expect((await findUser(store, 'root'))!.is_superuser).toBe(1);
    const own = await call('plain', 'PATCH', `/api/users/${id('plain')}/`, { first_name: 'Pat', is_superuser: false });
    expect(own.json()).toMatchObject({ first_name: 'Pat', is_superuser: false });
  });

  it('change_user edits ordinary users; superusers set groups and permissions, which take effect', async () => {
    expect((await call('mgr', 'PATCH', `/api/users/${id('victim')}/`, { email: 'victim@example.com', last_name: 'V' })).json()).toMatchObject({ email: 'victim@example.com', last_name: 'V' });
    expect(code(await call('mgr', 'PATCH', `/api/users/${id('victim')}/`, { email: 'not-an-email' }))).toBe('DLV_USER_INVALID');
    expect((await call('plain', 'GET', '/api/groups/')).status).toBe(403);
    const r = await call('root', 'PATCH', `/api/users/${id('plain')}/`, { groups: ['users', 'Admins'], permissions: ['view_group'] });
    expect(r.json()).toMatchObject({ groups: ['Admins', 'Users'], permissions: ['view_group'] });
    expect((await call('plain', 'GET', '/api/groups/')).status).toBe(200);
    const row = audit('user.update').find((a) => a.target === 'plain' && a.actor === 'root');
    expect(JSON.parse(row!.details)).toMatchObject({ fields: ['groups', 'permissions'], permissions: ['view_group'] });
  });

  it('disabling a user ends every session, revokes every token and drops cached Basic credentials at once', async () => {
    const v = (await findUser(store, 'v2'))!;
    const session = await svc.sessions.create(v);
    const { token } = await createToken(store, v.id, { name: 't', scope: 'admin' });
    const me = (h: Record<string, string>) => req(`${s.url}/api/auth/me`, { headers: h });
    expect((await me({ cookie: `${svc.cookieName}=${encodeURIComponent(session.cookieValue)}` })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await me(basic('v2', PW))).status).toBe(200);
    const r = await call('mgr', 'PATCH', `/api/users/${v.id}/`, { is_active: false });
    expect(r.json()).toMatchObject({ is_active: false });
    expect((await me({ cookie: `${svc.cookieName}=${encodeURIComponent(session.cookieValue)}` })).status).toBe(401);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await me(basic('v2', PW))).status).toBe(401);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(v.id)).toEqual({ n: 0 });
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL').get(v.id)).toEqual({ n: 0 });
    expect(JSON.parse(audit('user.disable').find((a) => a.target === 'v2')!.details)).toMatchObject({ logins_ended: 1, revoked_token_count: 1 });
    await call('mgr', 'PATCH', `/api/users/${v.id}/`, { is_active: true });
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401); // revoked stays revoked
  });

  it('an administrator-set password is validated, ends sessions, and is never audited', async () => {
    const v = (await findUser(store, 'v3'))!;
    const session = await svc.sessions.create(v);
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('v3', PW) })).status).toBe(200);
    expect(code(await call('mgr', 'PATCH', `/api/users/${v.id}/`, { password: '1234567890123' }))).toBe('DLV_PASSWORD_INVALID');
    expect((await call('mgr', 'PATCH', `/api/users/${v.id}/`, { password: 'Fresh-Admin-Set-Pass-7' })).status).toBe(200);
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('v3', PW) })).status).toBe(401);
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('v3', 'Fresh-Admin-Set-Pass-7') })).status).toBe(200);
    expect((await svc.sessions.resolve(session.cookieValue))).toBeNull();
    expect(JSON.parse(audit('user.update').find((a) => a.target === 'v3')!.details)).toEqual({ fields: ['password'] });
    const dump = JSON.stringify(store.sqlite.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['Fresh-Admin-Set-Pass-7', PW, 'takeover-pass-phrase', 'newbie-pass-phrase', '$argon2']) expect(dump).not.toContain(secret);
  });

  it('deletes users; nobody deletes themselves; only superusers delete superusers', async () => {
    expect((await call('mgr', 'DELETE', `/api/users/${id('admin2')}/`)).status).toBe(403);
    expect((await call('root', 'DELETE', `/api/users/${id('root')}/`)).status).toBe(403);
    expect((await call('plain', 'DELETE', `/api/users/${id('v4')}/`)).status).toBe(403);
    expect((await call('mgr', 'DELETE', `/api/users/${id('v4')}/`)).status).toBe(204);
    expect((await call('root', 'GET', `/api/users/${id('v4')}/`)).status).toBe(404);
    expect(audit('user.delete').map((a) => a.target)).toContain('v4');
  });
});

describe('/api/groups/', () => {
  it('CRUD with validated codenames and index patterns', async () => {
    const r = await call('root', 'POST', '/api/groups/', { name: 'Web team', permissions: ['view_event', 'view_event'], index_read: ['web*'], index_write: ['web-ingest'] });
    expect(r.status).toBe(201);
    const g = r.json<{ id: string }>();
    expect(g).toMatchObject({ name: 'Web team', permissions: ['view_event'], index_read: ['web*'], index_write: ['web-ingest'] });
    const bad = await call('root', 'POST', '/api/groups/', { name: 'B', permissions: ['fly'] });
    expect(bad.json()).toMatchObject({ error: { code: 'DLV_GROUP_INVALID', field: 'permissions' } });
    expect((await call('root', 'POST', '/api/groups/', { name: 'B', index_read: ['web/*'] })).json()).toMatchObject({ error: { code: 'DLV_INDEX_INVALID', field: 'index_read' } });
    expect(code(await call('root', 'POST', '/api/groups/', { name: 'web TEAM' }))).toBe('DLV_GROUP_EXISTS');
    expect((await call('root', 'PATCH', `/api/groups/${g.id}/`, { index_read: ['web*', 'api*'] })).json()).toMatchObject({ index_read: ['api*', 'web*'] });
    expect((await call('gmgr', 'GET', `/api/groups/${g.id}/`)).json()).toMatchObject({ name: 'Web team' });
    const list = (await call('gmgr', 'GET', '/api/groups/?limit=1')).json<{ count: number; next: string; results: unknown[] }>();
    expect(list.results).toHaveLength(1);
    expect(list.next).toContain('offset=1');
    expect((await call('gmgr', 'DELETE', `/api/groups/${g.id}/`)).status).toBe(403);
    expect((await call('root', 'DELETE', `/api/groups/${g.id}/`)).status).toBe(204);
    expect(code(await call('root', 'GET', `/api/groups/${g.id}/`))).toBe('DLV_GROUP_NOT_FOUND');
    expect(audit('group.create').some((a) => a.target === 'Web team')).toBe(true);
    expect(JSON.parse(audit('group.update').find((a) => a.target === 'Web team')!.details)).toMatchObject({ fields: ['index_read'] });
    expect(audit('group.delete').some((a) => a.target === 'Web team')).toBe(true);
    const users = (await store.db.selectFrom('groups').select('id').where('name', '=', 'Users').executeTakeFirstOrThrow()).id;
    expect(code(await call('root', 'DELETE', `/api/groups/${users}/`))).toBe('DLV_GROUP_INVALID');
  });

  it('non-superusers cannot grant permissions they lack, internal indexes, or indexes beyond their own', async () => {
    expect((await call('gmgr', 'POST', '/api/groups/', { name: 'G1', permissions: ['delete_user'] })).status).toBe(403);
    expect((await call('gmgr', 'POST', '/api/groups/', { name: 'G1', index_read: ['_audit'] })).status).toBe(403);
    expect((await call('gmgr', 'POST', '/api/groups/', { name: 'G1', index_write: ['_*'] })).status).toBe(403);
    const ok = await call('gmgr', 'POST', '/api/groups/', { name: 'G1', permissions: ['view_event', 'view_group'], index_read: ['web*'] });
    expect(ok.status).toBe(201);
    const gid = ok.json<{ id: string }>().id;
    // gmgr only reads web*/logs via a narrowed Users-like group: take them out of Users, into G1 only.
    await call('root', 'PATCH', `/api/users/${id('gmgr')}/`, { groups: ['G1'] });
    expect((await call('gmgr', 'PATCH', `/api/groups/${gid}/`, { index_read: ['web*', 'db'] })).status).toBe(403);
    expect((await call('gmgr', 'PATCH', `/api/groups/${gid}/`, { index_read: ['*'] })).status).toBe(403);
    expect((await call('gmgr', 'PATCH', `/api/groups/${gid}/`, { index_read: ['web*', 'web-prod?'] })).status).toBe(200);
    expect((await call('gmgr', 'PATCH', `/api/groups/${gid}/`, { permissions: ['view_group'] })).status).toBe(200); // removing is fine
    expect((await call('root', 'PATCH', `/api/groups/${gid}/`, { index_read: ['web*', '_audit'] })).json()).toMatchObject({ index_read: ['_audit', 'web*'] });
    expect(audit('permission.denied').filter((a) => a.actor === 'gmgr').length).toBeGreaterThanOrEqual(5);
  });

  it('preview lists existing indexes a pattern matches (internal ones only for _ patterns, readable ones only)', async () => {
    const now = Date.now() * 1000;
    for (const index of ['web1', 'web2', 'db', '_audit']) {
      store.sqlite.prepare('INSERT INTO events (id, created, "index", text) VALUES (?, ?, ?, ?)').run(randomUUID(), now, index, 'x');
    }
    expect((await call('root', 'GET', '/api/groups/preview?pattern=web*')).json()).toEqual({ pattern: 'web*', indexes: ['web1', 'web2'] });
    expect((await call('root', 'GET', '/api/groups/preview?pattern=*')).json<{ indexes: string[] }>().indexes).toEqual(['db', 'web1', 'web2']);
    expect((await call('root', 'GET', '/api/groups/preview?pattern=_*')).json<{ indexes: string[] }>().indexes).toEqual(['_audit']);
    expect(code(await call('root', 'GET', '/api/groups/preview?pattern=a%20b'))).toBe('DLV_INDEX_INVALID');
    expect((await call('gmgr', 'GET', '/api/groups/preview?pattern=*')).json<{ indexes: string[] }>().indexes).toEqual(['web1', 'web2']);
    expect((await call('plain', 'GET', '/api/groups/preview?pattern=*')).status).toBe(200); // plain holds view_group now
  });
});

describe('password-reset links', () => {
  const form = (path: string, body: string, headers: Record<string, string> = {}) =>
    req(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

  it('an admin link shows a script-free form and works exactly once', async () => {
    expect((await call('mgr', 'POST', `/api/users/${id('admin2')}/reset-link`)).status).toBe(403);
    expect((await call('mgr', 'POST', `/api/users/${id('mgr')}/reset-link`)).status).toBe(403);
    expect((await call('plain', 'POST', `/api/users/${id('victim')}/reset-link`)).status).toBe(403);
    const r = await call('mgr', 'POST', `/api/users/${id('victim')}/reset-link`);
    expect(r.status).toBe(200);
    const { url, expires_at } = r.json<{ url: string; expires_at: string }>();
    expect(url).toMatch(/^\/reset\/[A-Za-z0-9_.-]+$/);
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(2.9 * 86400_000);
    const page = await req(`${s.url}${url}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toContain('victim');
    expect(page.body).not.toMatch(/<script|style=|<style|onload|onclick/i);
    expect((await form(url, 'new_password=Victim-New-Pass-1&confirm_password=Victim-New-Pass-1', { origin: 'https://evil.example' })).status).toBe(403);
    const differ = await form(url, 'new_password=Victim-New-Pass-1&confirm_password=Victim-New-Pass-2');
    expect(differ.status).toBe(400);
    expect(differ.body).toContain('differ');
    const weak = await form(url, 'new_password=12345678901&confirm_password=12345678901');
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('numeric');
    const ok = await form(url, 'new_password=Victim-New-Pass-1&confirm_password=Victim-New-Pass-1', { origin: s.url, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Password changed');
    expect((await req(`${s.url}/api/auth/me`, { headers: basic('victim', 'Victim-New-Pass-1') })).status).toBe(200);
    const again = await form(url, 'new_password=Victim-New-Pass-2&confirm_password=Victim-New-Pass-2');
    expect(again.status).toBe(400);
    expect(again.body).toContain('already used or has expired');
    expect((await req(`${s.url}${url}`)).status).toBe(400);
  });

  it('POST /api/auth/reset (JSON) ends every session; links do not leak into the audit log', async () => {
    const victim = (await findUser(store, 'victim'))!;
    const session = await svc.sessions.create(victim);
    const { url } = (await call('root', 'POST', `/api/users/${victim.id}/reset-link`)).json<{ url: string }>();
    const token = url.slice('/reset/'.length);
    const post = (body: object) => req(`${s.url}/api/auth/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(code(await post({ token, new_password: 'victim' }))).toBe('DLV_PASSWORD_INVALID');
    expect((await post({ token, new_password: 'Victim-Json-Pass-3' })).status).toBe(204);
    expect(await svc.sessions.resolve(session.cookieValue)).toBeNull();
    expect(code(await post({ token, new_password: 'Victim-Json-Pass-4' }))).toBe('DLV_AUTH_LINK_INVALID');
    expect(code(await post({ token: `${token.slice(0, -2)}xx`, new_password: 'Victim-Json-Pass-4' }))).toBe('DLV_AUTH_LINK_INVALID');
    const resets = audit('auth.password_reset');
    expect(resets.filter((a) => a.outcome === 'success' && a.target === 'victim')).toHaveLength(2);
    expect(resets.some((a) => a.outcome === 'failure')).toBe(true);
    expect(audit('user.password_reset_link').filter((a) => a.target === 'victim')).toHaveLength(2);
    const dump = JSON.stringify(store.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain(token.split('.')[2]);
    expect(dump).not.toContain('Victim-Json-Pass-3');
  });
});

describe('/api/audit/', () => {
  it('is superuser-only, filters by action prefix/actor/outcome/time, paginates', async () => {
    expect((await call('mgr', 'GET', '/api/audit/')).status).toBe(403);
    const r = await call('root', 'GET', '/api/audit/?action=user.*&limit=2');
    const page = r.json<{ count: number; next: string; results: { action: string; time: string; seq: number }[] }>();
    expect(page.count).toBeGreaterThan(5);
    expect(page.results).toHaveLength(2);
    expect(page.results.every((x) => x.action.startsWith('user.'))).toBe(true);
    expect(page.results[0]!.seq).toBeGreaterThan(page.results[1]!.seq);
    expect(page.next).toContain('action=user.*');
    const denied = (await call('root', 'GET', '/api/audit/?outcome=denied&actor=gmgr&limit=500')).json<{ count: number; results: { actor: string; outcome: string }[] }>();
    expect(denied.count).toBeGreaterThanOrEqual(5);
    expect(denied.results.every((x) => x.actor === 'gmgr' && x.outcome === 'denied')).toBe(true);
    expect((await call('root', 'GET', '/api/audit/?action=user.create')).json<{ results: { action: string }[] }>().results.every((x) => x.action === 'user.create')).toBe(true);
    expect((await call('root', 'GET', '/api/audit/?since=2999-01-01T00:00:00Z')).json()).toMatchObject({ count: 0, results: [] });
    expect((await call('root', 'GET', '/api/audit/?until=2000-01-01')).json()).toMatchObject({ count: 0 });
    expect((await call('root', 'GET', '/api/audit/?since=yesterday')).json()).toMatchObject({ error: { code: 'DLV_HTTP_VALIDATION', field: 'since' } });
    expect((await call('root', 'GET', '/api/audit/?outcome=maybe')).status).toBe(400);
  });

  it('verify reports OK, then the row an attacker edited', async () => {
    expect((await call('mgr', 'GET', '/api/audit/verify')).status).toBe(403);
    const ok = (await call('root', 'GET', '/api/audit/verify')).json<{ ok: boolean; rows: number }>();
    expect(ok.ok).toBe(true);
    expect(ok.rows).toBeGreaterThan(20);
    store.sqlite.prepare("UPDATE audit_log SET actor = 'nobody' WHERE seq = 3").run();
    expect((await call('root', 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: false, brokenAt: 3 });
    expect(audit('audit.verify').map((a) => a.outcome)).toEqual(['success', 'failure']);
  });
});
