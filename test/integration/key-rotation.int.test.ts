import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../helpers/client.js';
import { makeCa, makeCert, makeTempDir, removeTempDir } from '../helpers/certs.js';
import { fl, KEY_A, KEY_B, rmHome, tempHome } from '../helpers/fl.js';
import { startFl, startInProcess } from '../helpers/server.js';

const PW = 'rotation-test-passphrase';

describe('SECRET_KEY rotation with real restarts', () => {
  let home: string;
  beforeAll(() => {
    home = tempHome();
    expect(fl(['createsuperuser', '--username', 'admin', '--no-input'], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SUPERUSER_PASSWORD: PW } }).code).toBe(0);
  });
  afterAll(() => rmHome(home));

  it('old key → fallback keeps sessions, CSRF tokens and reset links valid and re-issues the cookie; removing it rejects what only it signed', async () => {
    // 0. with key A, an admin creates password-reset links for two users
    for (const u of ['bob', 'carol']) expect(fl(['createsuperuser', '--username', u, '--no-input'], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SUPERUSER_PASSWORD: PW } }).code).toBe(0);
    const linkBob = fl(['resetpassword', 'bob'], { home, env: { DELVE_SECRET_KEY: KEY_A } }).stdout.trim();
    const linkCarol = fl(['resetpassword', 'carol'], { home, env: { DELVE_SECRET_KEY: KEY_A } }).stdout.trim();
    const pathOf = (link: string): string => link.slice(link.indexOf('/reset/'));
    expect(pathOf(linkBob)).toMatch(/^\/reset\/\S+$/);
    // 1. running with key A: log in
    let srv = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_A } });
    const browser = new Client(srv.url);
    expect((await browser.login('admin', PW)).status).toBe(200);
    const cookieA = browser.cookie!;
    const csrfA = browser.csrf!;
    expect(await srv.stop()).toBe(0);

    // 2. rotate: B is the key, A a fallback
    srv = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_B, DELVE_SECRET_KEY_FALLBACKS: KEY_A } });
    const b2 = new Client(srv.url);
    b2.cookie = cookieA;
    b2.csrf = csrfA;
    const me = await b2.send('GET', '/api/auth/me');
    expect(me.status).toBe(200); // still logged in
    expect(me.headers['set-cookie']?.[0]).toMatch(/^delve_session=/); // re-issued under B
    const cookieB = b2.cookie!;
    expect(cookieB).not.toBe(cookieA);
    // the CSRF token signed with A still works for an unsafe request
    expect((await b2.send('POST', '/api/tokens/', { scope: 'read', name: 'after-rotation' })).status).toBe(201);
    const csrfB = me.json<{ csrf_token: string }>().csrf_token;
    // a reset link signed with A still works
    expect((await b2.send('GET', pathOf(linkBob))).status).toBe(200);
    expect(await srv.stop()).toBe(0);

    // 3. A removed: only what B signed is accepted
    srv = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_B } });
    const old = new Client(srv.url);
    old.cookie = cookieA;
    expect((await old.send('GET', '/api/auth/me')).status).toBe(401);
    const current = new Client(srv.url);
    current.cookie = cookieB;
    current.csrf = csrfA;
    expect((await current.send('GET', '/api/auth/me')).status).toBe(200);
    expect((await current.send('POST', '/api/tokens/', { scope: 'read' })).status).toBe(403); // CSRF token signed by A only
    current.csrf = csrfB;
    expect((await current.send('POST', '/api/tokens/', { scope: 'read' })).status).toBe(201);
    // a reset link signed only with A is now rejected
    const dead = await current.send('GET', pathOf(linkCarol));
    expect(dead.status).toBe(400);
    expect(await srv.stop()).toBe(0);

    // the audit chain spans the rotation and still verifies with B + A, and records the rotation
    const { default: Database } = await import('better-sqlite3-multiple-ciphers');
    const db = new Database(`${home}/var/db.sqlite3`, { readonly: true });
    const actions = (db.prepare('SELECT action FROM audit_log').all() as { action: string }[]).map((r) => r.action);
    db.close();
    expect(actions).toContain('key.rotation');
  });
});

describe('cookie flags under HTTPS', () => {
  it('uses the __Host- prefix with Secure', async () => {
    const dir = makeTempDir();
    try {
      const ca = makeCa(dir, 'ca');
      const cert = makeCert(dir, { ca, cn: 'localhost', days: 365 });
      const s = await startInProcess({ DELVE_SSL_PRIVATE_KEY: cert.key, DELVE_SSL_CERTIFICATE: cert.cert, ALLOWED_HOSTS: 'localhost' });
      try {
        const { createUser } = await import('../../src/auth/users.js');
        await createUser(s.store, { username: 'tls-user', password: PW }, { minPasswordLength: 8 });
        const c = new Client(s.url.replace('127.0.0.1', 'localhost'), { ca: readFileSync(ca.cert) });
        const r = await c.login('tls-user', PW);
        expect(r.headers['set-cookie']?.[0]).toMatch(/^__Host-delve_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
        expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
        expect((await c.send('GET', '/api/auth/me')).status).toBe(200);
      } finally {
        await s.close();
      }
    } finally {
      removeTempDir(dir);
    }
  });
});
