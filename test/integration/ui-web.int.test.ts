import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/plugins/security-headers.js';
import { rmHome } from '../helpers/fl.js';
import { req, type Reply } from '../helpers/http.js';
import { addUser, PW, startUi, tempTree, type UiServer } from './ui-harness.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-3f9a1c.js"></script><link rel="stylesheet" href="/assets/app-77bb01.css"></head><body><div id="root"></div></body></html>';
const JS = 'console.log("delve ui");';
const CSS = 'body{color:#111}';

/** A request with the path sent exactly as given (no URL normalisation of `..` or percent escapes). */
function raw(base: string, path: string, method = 'GET'): Promise<Reply> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
      });
    });
    r.on('error', reject);
    r.end();
  });
}

function expectSecurityHeaders(r: Reply): void {
  expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['x-frame-options']).toBe('DENY');
  expect(r.headers['referrer-policy']).toBe('same-origin');
}

describe('web UI served from a build directory', () => {
  let s: UiServer;
  let dist: string;
  beforeAll(async () => {
    dist = tempTree({
      'index.html': INDEX,
      'assets/app-3f9a1c.js': JS,
      'assets/app-77bb01.css': CSS,
      'assets/font-1a2b.woff2': 'wOF2',
      'assets/nested/chunk-9z.js': 'export {}',
      'assets/.hidden.js': 'hidden',
      'secret.txt': 'TOP-SECRET-DIST',
    }, 'delve-dist-');
    s = await startUi({}, { web: { root: dist } });
    await addUser(s.store, 'alice');
  });
  afterAll(async () => {
    await s.close();
    rmHome(dist);
  });

  it('serves hashed assets as immutable with the right content types and the security headers', async () => {
    const js = await req(`${s.url}/assets/app-3f9a1c.js`);
    expect(js.status).toBe(200);
    expect(js.body).toBe(JS);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(js);
    const css = await req(`${s.url}/assets/app-77bb01.css`);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toBe(CSS);
    expect((await req(`${s.url}/assets/font-1a2b.woff2`)).headers['content-type']).toBe('font/woff2');
    expect((await req(`${s.url}/assets/nested/chunk-9z.js`)).status).toBe(200);
    const head = await req(`${s.url}/assets/app-3f9a1c.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it.each([
    '/assets/missing-123.js', '/assets/', '/assets/nested', '/assets/nested/', '/assets/.hidden.js', '/assets/../secret.txt',
    '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/assets/%2e%2e%2fsecret.txt', '/assets/nested/../../secret.txt',
    '/assets/nested/%2e%2e/%2e%2e/secret.txt', '/assets//etc/passwd', '/assets/%2fetc%2fpasswd', '/assets/..%5csecret.txt', '/secret.txt',
  ])('answers %s with a JSON 404 (no listing, no traversal)', async (path) => {
    const r = await raw(s.url, path);
    expect(r.status).toBe(404);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('DLV_HTTP_NOT_FOUND');
    expect(r.body).not.toContain('TOP-SECRET');
    expect(r.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(r);
  });

  it.each([
    '/', '/login', '/login?next=%2Fexplore', '/setup', '/explore', '/explore/abc', '/library', '/library/queries/1', '/tokens',
    '/admin', '/admin/users/42', '/profile', '/docs', '/docs/user/index.md',
  ])('answers GET %s with index.html, never cached, under the strict CSP', async (path) => {
    const r = await req(`${s.url}${path}`);
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(r);
  });

  it('HEAD of a UI route answers like GET without a body', async () => {
    for (const path of ['/login', '/', '/explore']) {
      const r = await req(`${s.url}${path}`, { method: 'HEAD' });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    }
  });

  it('keeps other paths and the API as they were', async () => {
    const other = await req(`${s.url}/explorer`);
    expect(other.status).toBe(404);
    expect((await req(`${s.url}/api/`)).status).toBe(401);
    expect((await req(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('the script-free form login and logout still work', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await req(`${s.url}/login`, { method: 'POST', headers: form, body: `username=alice&password=${PW}&next=%2Fexplore` });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/explore');
    const cookie = (ok.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^delve_session=/);
    const me = await req(`${s.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const csrf = me.json<{ csrf_token: string }>().csrf_token;
    const bad = await req(`${s.url}/login`, { method: 'POST', headers: form, body: 'username=alice&password=wrong' });
    expect(bad.status).toBe(401);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    const out = await req(`${s.url}/logout`, { method: 'POST', headers: { ...form, cookie }, body: `csrf_token=${encodeURIComponent(csrf)}` });
    expect(out.status).toBe(303);
    expect((await req(`${s.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('without a web build', () => {
  let s: UiServer;
  beforeAll(async () => { s = await startUi(); });
  afterAll(async () => { await s.close(); });

  it('keeps the server-rendered /login and the / redirect, and serves no UI routes', async () => {
    const login = await req(`${s.url}/login?next=/explore`);
    expect(login.status).toBe(200);
    expect(login.body).toContain('<form method="post" action="/login">');
    expect(login.body).toContain('value="/explore"');
    const root = await req(`${s.url}/`);
    expect(root.status).toBe(303);
    expect(root.headers.location).toBe('/login?next=%2F');
    for (const path of ['/assets/app.js', '/setup', '/explore', '/docs/user/index.md']) {
      const r = await req(`${s.url}${path}`);
      expect(r.status).toBe(404);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('DLV_HTTP_NOT_FOUND');
    }
  });
});
