import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect as h2connect } from 'node:http2';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeClientCert, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert } from '../helpers/certs.js';
import { fl, KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { startFl, startInProcess } from '../helpers/server.js';

let dir: string;
let ca: CertAuthority;
let good: IssuedCert;
let other: IssuedCert;
let caPem: Buffer;
beforeAll(() => {
  dir = makeTempDir();
  ca = makeCa(dir, 'delve-test-ca');
  good = makeCert(dir, { ca, cn: 'localhost', days: 365 });
  other = makeCert(dir, { ca, cn: 'localhost', days: 365, name: 'other' });
  caPem = readFileSync(ca.cert);
});
afterAll(() => removeTempDir(dir));

const tlsEnv = (c: IssuedCert, extra: Record<string, string> = {}): Record<string, string> => ({ DELVE_SSL_PRIVATE_KEY: c.key, DELVE_SSL_CERTIFICATE: c.cert, ...extra });
const localhost = (url: string): string => url.replace('127.0.0.1', 'localhost');

describe('HTTPS', () => {
  it('serves HTTPS only on the port, with HSTS and TLS >= 1.2', async () => {
    const s = await startInProcess(tlsEnv(good, { ALLOWED_HOSTS: 'localhost' }));
    try {
      expect(s.url).toMatch(/^https:/);
      const r = await req(`${localhost(s.url)}/healthz`, { ca: caPem });
      expect(r.status).toBe(200);
      expect(r.peerSerial).toBe(good.serial);
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
      await expect(req(`${localhost(s.url).replace('https:', 'http:')}/healthz`)).rejects.toThrow();
      await expect(req(`${localhost(s.url)}/healthz`, { ca: caPem, agent: new Agent({ ca: caPem, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }) })).rejects.toThrow();
    } finally {
      await s.close();
    }
  });

  it('HSTS options: includeSubDomains and preload are opt-in', async () => {
    const s = await startInProcess(tlsEnv(good, { ALLOWED_HOSTS: 'localhost', DELVE_SECURE_HSTS_SECONDS: '600', DELVE_SECURE_HSTS_INCLUDE_SUBDOMAINS: 'true', DELVE_SECURE_HSTS_PRELOAD: 'true' }));
    try {
      expect((await req(`${localhost(s.url)}/api/`, { ca: caPem })).headers['strict-transport-security']).toBe('max-age=600; includeSubDomains; preload');
    } finally {
      await s.close();
    }
  });

  it('DELVE_SSL_MODULE=http2 speaks h2 (ALPN) and HTTP/1.1 on the same port', async () => {
    const s = await startInProcess(tlsEnv(good, { ALLOWED_HOSTS: 'localhost', DELVE_SSL_MODULE: 'http2' }));
    try {
      const h1 = await req(`${localhost(s.url)}/healthz`, { ca: caPem });
      expect(h1.status).toBe(200);
      const h2 = await new Promise<{ status: number; body: string; hsts: unknown }>((resolve, reject) => {
        const client = h2connect(localhost(s.url), { ca: caPem });
        client.on('error', reject);
        const stream = client.request({ ':path': '/healthz' });
        let body = '';
        let status = 0;
        let hsts: unknown;
        stream.on('response', (h) => { status = Number(h[':status']); hsts = h['strict-transport-security']; });
        stream.on('data', (d: Buffer) => { body += d.toString(); });
        stream.on('end', () => { client.close(); resolve({ status, body, hsts }); });
        stream.end();
      });
      expect(h2).toEqual({ status: 200, body: '{"status":"ok"}', hsts: 'max-age=31536000' });
    } finally {
      await s.close();
    }
  });

  it('mutual TLS required: clients without a certificate from the CA cannot complete the handshake', async () => {
    const otherCa = makeCa(dir, 'other-ca');
    const alice = makeClientCert(dir, { ca, cn: 'alice', days: 365 });
    const mallory = makeClientCert(dir, { ca: otherCa, cn: 'mallory', days: 365 });
    const s = await startInProcess(tlsEnv(good, { ALLOWED_HOSTS: 'localhost', DELVE_SSL_CA_CERTIFICATE: ca.cert, DELVE_SSL_CLIENT_AUTH: 'required' }));
    try {
      const url = `${localhost(s.url)}/healthz`;
      expect((await req(url, { ca: caPem, cert: readFileSync(alice.cert), key: readFileSync(alice.key) })).status).toBe(200);
      await expect(req(url, { ca: caPem })).rejects.toThrow();
      await expect(req(url, { ca: caPem, cert: readFileSync(mallory.cert), key: readFileSync(mallory.key) })).rejects.toThrow();
    } finally {
      await s.close();
    }
  });

  it('DELVE_HTTP_REDIRECT_PORT answers only 308 redirects to the HTTPS origin', async () => {
    const s = await startInProcess(tlsEnv(good, { ALLOWED_HOSTS: 'localhost', DELVE_HTTP_REDIRECT_PORT: '0' }));
    try {
      const port = s.server.redirectPort;
      expect(port).toBeGreaterThan(0);
      const r = await req(`http://localhost:${port}/api/events/?x=1`);
      expect(r.status).toBe(308);
      expect(r.headers.location).toBe(`https://localhost:${s.server.port}/api/events/?x=1`);
      const evil = await req(`http://127.0.0.1:${port}/`, { headers: { host: 'evil.example' } });
      expect(evil.status).toBe(400); // not an open redirect
    } finally {
      await s.close();
    }
  });

  it('hot reload: new connections get the new certificate, open ones keep working; a broken pair is rejected', async () => {
    const live = makeTempDir('delve-live-');
    const key = join(live, 'key.pem');
    const cert = join(live, 'cert.pem');
    copyFileSync(good.key, key);
    copyFileSync(good.cert, cert);
    const s = await startInProcess({ DELVE_SSL_PRIVATE_KEY: key, DELVE_SSL_CERTIFICATE: cert, ALLOWED_HOSTS: 'localhost' });
    const keepAlive = new Agent({ ca: caPem, keepAlive: true, maxSockets: 1 });
    const url = `${localhost(s.url)}/healthz`;
    const waitFor = async (serial: string): Promise<void> => {
      for (let i = 0; i < 50; i++) {
        if ((await req(url, { ca: caPem })).peerSerial === serial) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`serial ${serial} never served`);
    };
    try {
      expect((await req(url, { ca: caPem, agent: keepAlive })).peerSerial).toBe(good.serial);
      // atomic rename of a new pair
      copyFileSync(other.key, join(live, 'key.tmp'));
      copyFileSync(other.cert, join(live, 'cert.tmp'));
      renameSync(join(live, 'key.tmp'), key);
      renameSync(join(live, 'cert.tmp'), cert);
      await waitFor(other.serial);
      const old = await req(url, { ca: caPem, agent: keepAlive }); // the old connection still works
      expect(old.status).toBe(200);
      expect(old.peerSerial).toBe(good.serial);
      // a broken pair (key of another certificate): rejected, the current pair keeps serving
      copyFileSync(good.key, key);
      await new Promise((r) => setTimeout(r, 2500));
      expect((await req(url, { ca: caPem })).peerSerial).toBe(other.serial);
      // in-place write of the matching certificate completes the pair
      writeFileSync(cert, readFileSync(good.cert));
      await waitFor(good.serial);
      expect(s.server.reloadTls()).toMatchObject({ ok: true });
    } finally {
      keepAlive.destroy();
      await s.close();
      removeTempDir(live);
    }
  });
});

describe('TLS startup errors (./fl serve)', () => {
  const serveError = (env: Record<string, string>, args: string[] = []): { code: number; stderr: string } => {
    const home = tempHome();
    try {
      return fl(['serve', '--port', '0', ...args], { home, env: { DELVE_SECRET_KEY: KEY_A, ...env } });
    } finally {
      rmHome(home);
    }
  };

  it.each([
    ['only a key', { DELVE_SSL_PRIVATE_KEY: '__KEY__' }, /DLV_TLS_CONFIG/],
    ['only a certificate', { DELVE_SSL_CERTIFICATE: '__CERT__' }, /DLV_TLS_CONFIG/],
    ['an unreadable file', { DELVE_SSL_PRIVATE_KEY: '/nonexistent/key.pem', DELVE_SSL_CERTIFICATE: '__CERT__' }, /DLV_TLS_FILE_UNREADABLE/],
    ['a key that does not match', { DELVE_SSL_PRIVATE_KEY: '__OTHERKEY__', DELVE_SSL_CERTIFICATE: '__CERT__' }, /DLV_TLS_KEY_MISMATCH/],
    ['an unknown module', { DELVE_SSL_PRIVATE_KEY: '__KEY__', DELVE_SSL_CERTIFICATE: '__CERT__', DELVE_SSL_MODULE: 'gnutls' }, /builtin, http2, openssl/],
  ])('refuses to start with %s', (_what, env, msg) => {
    const sub = (v: string): string => v.replace('__KEY__', good.key).replace('__CERT__', good.cert).replace('__OTHERKEY__', other.key);
    const r = serveError(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, sub(v)])));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses an expired certificate unless DEBUG', async () => {
    const expired = makeCert(dir, { ca, cn: 'localhost', expired: true, name: 'expired' });
    expect(serveError(tlsEnv(expired)).stderr).toMatch(/DLV_TLS_CERT_EXPIRED/);
    const home = tempHome();
    try {
      const srv = await startFl([], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_DEBUG: 'true', ...tlsEnv(expired) } });
      expect(srv.url).toMatch(/^https:/);
      expect(await srv.stop()).toBe(0);
    } finally {
      rmHome(home);
    }
  });

  it('accepts an encrypted key with DELVE_SSL_KEY_PASSPHRASE_FILE and --private-key/--certificate flags; SIGHUP reloads', async () => {
    const enc = makeCert(dir, { ca, cn: 'localhost', days: 365, passphrase: 'pem-pass-phrase', name: 'enc' });
    const pf = join(dir, 'pass');
    writeFileSync(pf, 'pem-pass-phrase\n', { mode: 0o600 });
    const home = tempHome();
    try {
      expect(serveError({ DELVE_SSL_KEY_PASSPHRASE: 'wrong' }, ['--private-key', enc.key, '--certificate', enc.cert]).stderr).toMatch(/DLV_TLS_PASSPHRASE/);
      const srv = await startFl(['--private-key', enc.key, '--certificate', enc.cert], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SSL_KEY_PASSPHRASE_FILE: pf, ALLOWED_HOSTS: 'localhost' } });
      expect((await req(`${localhost(srv.url)}/healthz`, { ca: caPem })).peerSerial).toBe(enc.serial);
      srv.proc.kill('SIGHUP');
      await new Promise((r) => setTimeout(r, 500));
      expect((await req(`${localhost(srv.url)}/healthz`, { ca: caPem })).status).toBe(200);
      expect(await srv.stop()).toBe(0);
      const log = readFileSync(join(home, 'var', 'log', 'serve.log'), 'utf8');
      expect(log).toMatch(/reload/i);
      expect(log).not.toContain('pem-pass-phrase');
    } finally {
      rmHome(home);
    }
  });
});
