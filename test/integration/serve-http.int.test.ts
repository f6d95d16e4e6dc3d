import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { startFl, startInProcess, type InProcessServer } from '../helpers/server.js';

describe('./fl serve (real process)', () => {
  it('starts on a fresh home with migrations applied, answers health checks, logs access, and stops cleanly on SIGTERM', async () => {
    const home = tempHome();
    try {
      const srv = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_A } });
      expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await req(`${srv.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await req(`${srv.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
      const unauth = await req(`${srv.url}/api/?token=SEKRET-QUERY-TOKEN`, { headers: { authorization: 'Basic U0VLUkVULUJBU0lDOnB3', cookie: 'sessionid=SEKRET-COOKIE' } });
      expect(unauth.status).toBe(401);
      expect(unauth.json()).toMatchObject({ error: { code: 'DLV_AUTH_INVALID' } });
      const none = await req(`${srv.url}/api/`);
      expect(none.status).toBe(401);
      expect(none.json()).toEqual({ error: { code: 'DLV_AUTH_REQUIRED', message: 'Authentication credentials were not provided.' } });
      expect(none.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(await srv.stop('SIGTERM')).toBe(0);
      expect(srv.stdout()).toContain('Delve stopped.');
      expect(existsSync(join(home, 'var', 'db.sqlite3-wal'))).toBe(false); // database closed (WAL checkpointed)
      const logDir = join(home, 'var', 'log');
      const logs = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8')).join('\n');
      expect(logs).toContain('"url":"/api/?token=[redacted]"');
      for (const secret of ['SEKRET-QUERY-TOKEN', 'SEKRET-COOKIE', 'U0VLUkVULUJBU0lDOnB3', KEY_A]) expect(logs).not.toContain(secret);
    } finally {
      rmHome(home);
    }
  });

  it('SIGINT also stops with exit 0', async () => {
    const home = tempHome();
    try {
      const srv = await startFl(['--host', '127.0.0.1'], { home, env: { DELVE_SECRET_KEY: KEY_A } });
      expect(await srv.stop('SIGINT')).toBe(0);
    } finally {
      rmHome(home);
    }
  });
});

describe('HTTP limits and access restrictions', () => {
  let s: InProcessServer;
  beforeAll(async () => {
    s = await startInProcess({ DELVE_MAX_REQUEST_BODY_SIZE: '1024', DELVE_MAX_REQUEST_HEADER_SIZE: '2048', DELVE_SOCKET_TIMEOUT: '1', DELVE_ACCEPTED_QUEUE_TIMEOUT: '2' }, {
      registerPublic: (app) => { app.post('/echo-test', async (r) => ({ size: JSON.stringify(r.body).length })); },
    });
  });
  afterAll(async () => { await s.close(); });

  it('answers 413 with the standard body for an over-limit body', async () => {
    const ok = await req(`${s.url}/echo-test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(100) }) });
    expect(ok.status).toBe(200);
    const big = await req(`${s.url}/echo-test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(5000) }) });
    expect(big.status).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'DLV_HTTP_BODY_TOO_LARGE' } });
  });

  it('answers 431 for over-limit headers', async () => {
    const r = await req(`${s.url}/healthz`, { headers: { 'x-big': 'y'.repeat(4000) } });
    expect(r.status).toBe(431);
    expect(r.json()).toMatchObject({ error: { code: 'DLV_HTTP_HEADERS_TOO_LARGE' } });
  });

  it('answers 400 for invalid JSON with a clear message', async () => {
    const r = await req(`${s.url}/echo-test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'DLV_HTTP_BAD_REQUEST' } });
  });

  it('cuts off a slow client that never finishes its headers', async () => {
    const u = new URL(s.url);
    const closedAfter = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      const sock = connect(Number(u.port), u.hostname, () => sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
      sock.on('data', () => undefined);
      sock.on('close', () => resolve(Date.now() - t0));
      sock.on('error', () => undefined);
      setTimeout(() => { sock.destroy(); resolve(-1); }, 15_000);
    });
    expect(closedAfter).toBeGreaterThan(0); // closed by the server, not by our 15 s guard
  });

  it('refuses a Host header outside ALLOWED_HOSTS with 400', async () => {
    const r = await req(`${s.url}/healthz`, { headers: { host: 'evil.example' } });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'DLV_HTTP_HOST_NOT_ALLOWED' } });
    expect((await req(`${s.url}/healthz`, { headers: { host: 'localhost:8000' } })).status).toBe(200);
  });

  it('sends the security headers on every response (including errors)', async () => {
    for (const path of ['/healthz', '/nope', '/api/']) {
      const r = await req(`${s.url}${path}`);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy']).not.toContain('unsafe');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined(); // plain HTTP: no HSTS
    }
  });
});

describe('DELVE_ALLOWED_NETWORKS and DELVE_TRUSTED_PROXIES', () => {
  it('drops peers outside the allowed networks before any HTTP processing', async () => {
    const s = await startInProcess({ DELVE_ALLOWED_NETWORKS: '10.0.0.0/8' });
    try {
      await expect(req(`${s.url}/healthz`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      await s.close();
    }
    const s2 = await startInProcess({ DELVE_ALLOWED_NETWORKS: '10.0.0.0/8,127.0.0.0/8' });
    try {
      expect((await req(`${s2.url}/healthz`)).status).toBe(200);
    } finally {
      await s2.close();
    }
  });

  it('rejects an invalid CIDR at startup with the setting name', async () => {
    await expect(startInProcess({ DELVE_ALLOWED_NETWORKS: '10.0.0.0/33' })).rejects.toMatchObject({ code: 'DLV_CONFIG_INVALID', field: 'DELVE_ALLOWED_NETWORKS' });
  });

  it('believes X-Forwarded-For only from trusted proxies', async () => {
    const seen: string[] = [];
    const register = (app: import('fastify').FastifyInstance): void => { app.get('/ip-test', async (r) => { seen.push(r.ip); return {}; }); };
    const plain = await startInProcess({}, { registerPublic: register });
    const proxied = await startInProcess({ DELVE_TRUSTED_PROXIES: '127.0.0.1' }, { registerPublic: register });
    try {
      await req(`${plain.url}/ip-test`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      await req(`${proxied.url}/ip-test`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(seen).toEqual(['127.0.0.1', '203.0.113.9']);
    } finally {
      await plain.close();
      await proxied.close();
    }
  });
});
