import { constants, X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelveError, isDelveError } from '../../errors.js';
import { makeCa, makeCert, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert } from '../../../test/helpers/certs.js';
import { DEFAULT_CIPHERS, loadTlsMaterial, type TlsSettings } from './index.js';

let dir: string;
let ca: CertAuthority;
let good: IssuedCert;
let other: IssuedCert;
let encrypted: IssuedCert;

beforeAll(() => {
  dir = makeTempDir();
  ca = makeCa(dir, 'ca');
  good = makeCert(dir, { ca, cn: 'localhost', days: 90 });
  other = makeCert(dir, { ca, cn: 'other' });
  encrypted = makeCert(dir, { ca, cn: 'enc', keyType: 'rsa', passphrase: 'correct horse' });
});
afterAll(() => removeTempDir(dir));

function settings(over: Partial<TlsSettings> = {}): TlsSettings {
  return { privateKey: good.key, certificate: good.cert, module: 'builtin', clientAuth: 'none', debug: false, ...over };
}

function failure(s: TlsSettings, now?: Date): DelveError {
  try {
    loadTlsMaterial(s, now);
  } catch (e) {
    if (isDelveError(e)) return e;
    throw e;
  }
  throw new Error('expected loadTlsMaterial to throw');
}

describe('loadTlsMaterial', () => {
  it('returns null when TLS is off', () => {
    expect(loadTlsMaterial(settings({ privateKey: undefined, certificate: undefined }))).toBeNull();
    expect(loadTlsMaterial(settings({ privateKey: '', certificate: ' ' }))).toBeNull();
  });

  it('requires both key and certificate, naming the missing one', () => {
    const noCert = failure(settings({ certificate: undefined }));
    expect(noCert.code).toBe('DLV_TLS_CONFIG');
    expect(noCert.field).toBe('DELVE_SSL_CERTIFICATE');
    expect(noCert.message).toContain('DELVE_SSL_CERTIFICATE');
    const noKey = failure(settings({ privateKey: undefined }));
    expect(noKey.code).toBe('DLV_TLS_CONFIG');
    expect(noKey.field).toBe('DELVE_SSL_PRIVATE_KEY');
  });

  it('reports an unreadable file with setting and path, never the content', () => {
    const missing = join(dir, 'nope.pem');
    const e = failure(settings({ certificate: missing }));
    expect(e.code).toBe('DLV_TLS_FILE_UNREADABLE');
    expect(e.message).toContain('DELVE_SSL_CERTIFICATE');
    expect(e.message).toContain(missing);
    const e2 = failure(settings({ privateKey: dir })); // a directory: EISDIR
    expect(e2.code).toBe('DLV_TLS_FILE_UNREADABLE');
    expect(e2.field).toBe('DELVE_SSL_PRIVATE_KEY');
  });

  it('rejects files that are not PEM certificates or keys without echoing them', () => {
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'SECRET-LOOKING-CONTENT\n');
    const c = failure(settings({ certificate: junk }));
    expect(c.code).toBe('DLV_TLS_CERT_INVALID');
    const k = failure(settings({ privateKey: junk }));
    expect(k.code).toBe('DLV_TLS_KEY_INVALID');
    for (const e of [c, k]) expect(e.message).not.toContain('SECRET-LOOKING');
    const half = join(dir, 'half.pem');
    const pem = readFileSync(good.cert, 'utf8');
    writeFileSync(half, pem.slice(0, pem.length / 2));
    expect(failure(settings({ certificate: half })).code).toBe('DLV_TLS_CERT_INVALID');
  });

  it('needs the right passphrase for an encrypted key and never echoes it', () => {
    const base = settings({ privateKey: encrypted.key, certificate: encrypted.cert });
    const none = failure(base);
    expect(none.code).toBe('DLV_TLS_PASSPHRASE');
    expect(none.message).toContain('DELVE_SSL_KEY_PASSPHRASE');
    const wrong = failure({ ...base, keyPassphrase: 'wrong battery' });
    expect(wrong.code).toBe('DLV_TLS_PASSPHRASE');
    expect(JSON.stringify(wrong.toJSON()) + wrong.message).not.toContain('wrong battery');
    const ok = loadTlsMaterial({ ...base, keyPassphrase: 'correct horse' });
    expect(ok?.secureOptions.passphrase).toBe('correct horse');
    expect(ok?.info.serialNumber).toBe(encrypted.serial);
  });

  it('rejects a key that does not belong to the certificate', () => {
    const e = failure(settings({ privateKey: other.key }));
    expect(e.code).toBe('DLV_TLS_KEY_MISMATCH');
    const rsaKeyEcCert = failure(settings({ privateKey: encrypted.key, keyPassphrase: 'correct horse' }));
    expect(rsaKeyEcCert.code).toBe('DLV_TLS_KEY_MISMATCH');
  });

  it('refuses expired and not-yet-valid certificates unless DEBUG, which warns', () => {
    const expired = makeCert(dir, { ca, cn: 'old', expired: true });
    const future = makeCert(dir, { ca, cn: 'future', notYetValid: true });
    for (const c of [expired, future]) {
      const s = settings({ privateKey: c.key, certificate: c.cert });
      expect(failure(s).code).toBe('DLV_TLS_CERT_EXPIRED');
      const m = loadTlsMaterial({ ...s, debug: true });
      expect(m?.warnings.join(' ')).toMatch(/DEBUG/);
    }
    // `now` decides: the good certificate is expired 100 days from now.
    expect(failure(settings(), new Date(Date.now() + 100 * 86_400_000)).code).toBe('DLV_TLS_CERT_EXPIRED');
  });

  it('validates module, listing the allowed values; openssl means builtin', () => {
    const e = failure(settings({ module: 'gnutls' }));
    expect(e.code).toBe('DLV_TLS_MODULE_UNKNOWN');
    expect(e.message).toContain('builtin, http2, openssl');
    expect(loadTlsMaterial(settings({ module: 'openssl' }))?.module).toBe('builtin');
    expect(failure(settings({ module: '__proto__' })).code).toBe('DLV_TLS_MODULE_UNKNOWN');
    const h2 = loadTlsMaterial(settings({ module: 'http2' }));
    expect(h2?.module).toBe('http2');
    expect(h2?.secureOptions.allowHTTP1).toBe(true);
    expect(loadTlsMaterial(settings())?.secureOptions.allowHTTP1).toBeUndefined();
  });

  it('validates client auth', () => {
    expect(failure(settings({ clientAuth: 'sometimes' as TlsSettings['clientAuth'] })).code).toBe('DLV_TLS_CONFIG');
    for (const mode of ['optional', 'required'] as const) {
      const e = failure(settings({ clientAuth: mode }));
      expect(e.code).toBe('DLV_TLS_CONFIG');
      expect(e.message).toContain('DELVE_SSL_CA_CERTIFICATE');
    }
    // mutual TLS asked for while HTTPS is off would silently serve plain HTTP without client auth
    const off = failure(settings({ privateKey: undefined, certificate: undefined, clientAuth: 'required', caCertificate: ca.cert }));
    expect(off.code).toBe('DLV_TLS_CONFIG');
    const req = loadTlsMaterial(settings({ clientAuth: 'required', caCertificate: ca.cert }))?.secureOptions;
    expect(req).toMatchObject({ requestCert: true, rejectUnauthorized: true, ca: readFileSync(ca.cert, 'utf8') });
    const opt = loadTlsMaterial(settings({ clientAuth: 'optional', caCertificate: ca.cert }))?.secureOptions;
    expect(opt).toMatchObject({ requestCert: true, rejectUnauthorized: false });
    expect(failure(settings({ clientAuth: 'required', caCertificate: good.key })).code).toBe('DLV_TLS_CERT_INVALID');
  });

  it('uses the Mozilla intermediate defaults and hardening flags', () => {
    const m = loadTlsMaterial(settings());
    expect(m?.secureOptions).toMatchObject({
      minVersion: 'TLSv1.2', ciphers: DEFAULT_CIPHERS, ecdhCurve: 'X25519:prime256v1:secp384r1', honorCipherOrder: false,
      requestCert: false, rejectUnauthorized: false,
    });
    expect(DEFAULT_CIPHERS).toBe('ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:'
      + 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305');
    const flags = m?.secureOptions.secureOptions ?? 0;
    expect(flags & constants.SSL_OP_NO_COMPRESSION).toBe(constants.SSL_OP_NO_COMPRESSION);
    expect(flags & constants.SSL_OP_NO_RENEGOTIATION).toBe(constants.SSL_OP_NO_RENEGOTIATION);
    expect(m?.warnings).toEqual([]);
  });

  it('describes the certificate', () => {
    const m = loadTlsMaterial(settings());
    const x = new X509Certificate(readFileSync(good.cert));
    expect(m?.info).toMatchObject({ serialNumber: good.serial, subject: 'CN=localhost', issuer: 'CN=ca', fingerprint256: x.fingerprint256 });
    expect(m?.info.validTo).toBeInstanceOf(Date);
    expect(m?.info.daysRemaining).toBeGreaterThanOrEqual(88);
    expect(m?.info.daysRemaining).toBeLessThanOrEqual(90);
  });

  it('validates the minimum version and cipher string', () => {
    expect(loadTlsMaterial(settings({ minVersion: 'TLSv1.3' }))?.secureOptions.minVersion).toBe('TLSv1.3');
    const e = failure(settings({ minVersion: 'SSLv3' }));
    expect(e).toMatchObject({ code: 'DLV_TLS_CONFIG', field: 'DELVE_SSL_MIN_VERSION' });
    const old = loadTlsMaterial(settings({ minVersion: 'TLSv1.1' }));
    expect(old?.warnings.join(' ')).toContain('DELVE_SSL_MIN_VERSION');
    expect(failure(settings({ ciphers: 'NO-SUCH-CIPHER' }))).toMatchObject({ code: 'DLV_TLS_CONFIG', field: 'DELVE_SSL_CIPHERS' });
    expect(loadTlsMaterial(settings({ ciphers: 'ECDHE+AESGCM' }))?.secureOptions.ciphers).toBe('ECDHE+AESGCM');
  });

  it('does not depend on the key file being private (that is a check --deploy finding)', () => {
    chmodSync(good.key, 0o644);
    expect(loadTlsMaterial(settings())).not.toBeNull();
    chmodSync(good.key, 0o600);
  });

  it('only ever throws DelveError for arbitrary setting values (property)', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('builtin', 'http2', 'openssl', 'TLSv1.2', 'none', 'required', 'HIGH'));
    fc.assert(fc.property(
      fc.record({ module: text, clientAuth: text, minVersion: fc.option(text, { nil: undefined }),
        ciphers: fc.option(text, { nil: undefined }), keyPassphrase: fc.option(fc.string(), { nil: undefined }),
        debug: fc.boolean(), withFiles: fc.boolean() }),
      (r) => {
        const s: TlsSettings = { ...r, clientAuth: r.clientAuth as TlsSettings['clientAuth'],
          ...(r.withFiles ? { privateKey: good.key, certificate: good.cert } : {}) };
        try {
          loadTlsMaterial(s);
        } catch (e) {
          if (!(e instanceof DelveError)) throw e;
        }
      },
    ), { numRuns: 150 });
  });
});
