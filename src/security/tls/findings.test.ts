import { chmodSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir, type IssuedCert } from '../../../test/helpers/certs.js';
import { describeTlsFindings, isLoopback, loadTlsMaterial, weakCipherTokens, type TlsMaterial, type TlsSettings } from './index.js';

let dir: string;
let cert: IssuedCert;
let settings: TlsSettings;
let material: TlsMaterial;
const DAY = 86_400_000;

beforeAll(() => {
  dir = makeTempDir();
  const ca = makeCa(dir, 'ca');
  cert = makeCert(dir, { ca, cn: 'localhost', days: 90 });
  settings = { privateKey: cert.key, certificate: cert.cert, module: 'builtin', clientAuth: 'none', debug: false };
  const m = loadTlsMaterial(settings);
  if (m === null) throw new Error('TLS off');
  material = m;
});
afterAll(() => removeTempDir(dir));

const codes = (f: { code: string; severity: string }[]) => f.map((x) => `${x.code}:${x.severity}`);
const off: TlsSettings = { module: 'builtin', clientAuth: 'none', debug: false };

describe('describeTlsFindings', () => {
  it('TLS off is a warning on loopback and an error on an exposed address', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost', '[::1]']) {
      expect(codes(describeTlsFindings(off, null, { bindHost: host }))).toEqual(['DLV_CHECK_TLS_OFF:warning']);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'delve.example.com']) {
      const [f] = describeTlsFindings(off, null, { bindHost: host });
      expect(f).toMatchObject({ code: 'DLV_CHECK_TLS_OFF', severity: 'error' });
      expect(f?.fix).toContain('DELVE_SSL_CERTIFICATE');
    }
  });

  it('a healthy setup yields only an info line', () => {
    expect(codes(describeTlsFindings(settings, material, { bindHost: '0.0.0.0' }))).toEqual(['DLV_CHECK_TLS_OK:info']);
  });

  it('flags expiry within 30 days (warning) and expiry or not-yet-valid (error)', () => {
    const soon = new Date(material.info.validTo.getTime() - 10 * DAY);
    expect(codes(describeTlsFindings(settings, material, { bindHost: '127.0.0.1', now: soon }))).toEqual(['DLV_CHECK_TLS_EXPIRING:warning']);
    const after = new Date(material.info.validTo.getTime() + DAY);
    expect(codes(describeTlsFindings(settings, material, { bindHost: '127.0.0.1', now: after }))).toEqual(['DLV_CHECK_TLS_EXPIRED:error']);
    const before = new Date(material.info.validFrom.getTime() - DAY);
    expect(codes(describeTlsFindings(settings, material, { bindHost: '127.0.0.1', now: before }))).toEqual(['DLV_CHECK_TLS_EXPIRED:error']);
  });

  it('flags a private key readable by group or others, with chmod 600 as the fix', () => {
    try {
      for (const mode of [0o640, 0o604, 0o660]) {
        chmodSync(cert.key, mode);
        const f = describeTlsFindings(settings, material, { bindHost: '127.0.0.1' }).find((x) => x.code === 'DLV_CHECK_TLS_KEY_PERMISSIONS');
        expect(f).toMatchObject({ severity: 'error', fix: `chmod 600 ${cert.key}` });
      }
      chmodSync(cert.key, 0o400);
      expect(codes(describeTlsFindings(settings, material, { bindHost: '127.0.0.1' }))).toEqual(['DLV_CHECK_TLS_OK:info']);
    } finally {
      chmodSync(cert.key, 0o600);
    }
  });

  it('flags a minimum version below TLS 1.2', () => {
    const s = { ...settings, minVersion: 'TLSv1.1' };
    const m = loadTlsMaterial(s);
    expect(codes(describeTlsFindings(s, m, { bindHost: '127.0.0.1' }))).toContain('DLV_CHECK_TLS_MIN_VERSION:error');
    expect(codes(describeTlsFindings({ ...off, minVersion: 'TLSv1' }, null, { bindHost: '127.0.0.1' })))
      .toContain('DLV_CHECK_TLS_MIN_VERSION:error');
  });

  it('warns about custom ciphers with non-ECDHE or non-AEAD suites', () => {
    const s = { ...settings, ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:HIGH' };
    const f = describeTlsFindings(s, material, { bindHost: '127.0.0.1' }).find((x) => x.code === 'DLV_CHECK_TLS_WEAK_CIPHERS');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('AES128-SHA, HIGH');
    const strong = { ...settings, ciphers: 'ECDHE+AESGCM:ECDHE-ECDSA-CHACHA20-POLY1305:!aNULL:@SECLEVEL=2' };
    expect(codes(describeTlsFindings(strong, material, { bindHost: '127.0.0.1' }))).toEqual(['DLV_CHECK_TLS_OK:info']);
  });
});

describe('weakCipherTokens', () => {
  it('classifies suites and aliases', () => {
    expect(weakCipherTokens('ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305')).toEqual([]);
    expect(weakCipherTokens('TLS_AES_128_GCM_SHA256,EECDH+CHACHA20')).toEqual([]);
    expect(weakCipherTokens('ECDHE-RSA-AES128-SHA256 DHE-RSA-AES128-GCM-SHA256 ECDHE+AES ALL')).toEqual(
      ['ECDHE-RSA-AES128-SHA256', 'DHE-RSA-AES128-GCM-SHA256', 'ECDHE+AES', 'ALL']);
  });

  it('never throws and only reports tokens of its input (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const out = weakCipherTokens(s);
      for (const t of out) expect(s).toContain(t);
    }), { numRuns: 500 });
  });
});

describe('isLoopback', () => {
  it('recognises loopback forms only', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST', 'app.localhost', '::ffff:127.0.0.1']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.com', '', '::ffff:10.0.0.1']) expect(isLoopback(h)).toBe(false);
  });

  it('never throws (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof isLoopback(s) === 'boolean'), { numRuns: 500 });
  });
});
