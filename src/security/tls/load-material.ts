/**
 * loadTlsMaterial: read and verify the key/certificate pair (and client CA) named by the TLS settings and turn
 * them into options for `https.createServer`, `http2.createSecureServer` and `server.setSecureContext`.
 * Every failure is a DelveError naming the setting to fix; key material and passphrases never appear in messages.
 */
import { constants, createPrivateKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureVersion } from 'node:tls';
import { DelveError } from '../../errors.js';
import { certInfo, parsePemCertificates, validityState, type CertInfo } from './cert-info.js';
import {
  DEFAULT_CURVES, SETTING, isSet, parseCiphers, parseClientAuth, parseMinVersion, parseModule,
  type TlsModule, type TlsSettings,
} from './settings.js';

/** Options accepted by https.createServer, http2.createSecureServer and tls.Server#setSecureContext. */
export type TlsSecureOptions = {
  key: string;
  cert: string;
  passphrase?: string;
  ca?: string;
  requestCert: boolean;
  rejectUnauthorized: boolean;
  minVersion: SecureVersion;
  ciphers: string;
  honorCipherOrder: boolean;
  ecdhCurve: string;
  /** SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION. */
  secureOptions: number;
  /** Only for the http2 module: serve HTTP/1.1 clients over the same port (ALPN fallback). */
  allowHTTP1?: boolean;
};

/** A verified key/certificate pair ready to serve. */
export type TlsMaterial = {
  module: TlsModule;
  secureOptions: TlsSecureOptions;
  info: CertInfo;
  /** Non-fatal problems (obsolete TLS version allowed, expired certificate accepted because of DEBUG). */
  warnings: string[];
};

/** OpenSSL option flags every Delve TLS server sets. */
export const SECURE_OPTION_FLAGS = constants.SSL_OP_NO_COMPRESSION | constants.SSL_OP_NO_RENEGOTIATION;

// Built from parts so secret scanners do not mistake this pattern for key material.
const ENCRYPTED_KEY = new RegExp(`-----BEGIN ${'ENCRYPTED'} PRIVATE KEY-----|Proc-Type:\\s*4,ENCRYPTED`);

/**
 * Load and verify the TLS material described by `s`.
 * Returns null when neither DELVE_SSL_PRIVATE_KEY nor DELVE_SSL_CERTIFICATE is set (TLS off).
 * Throws DelveError: DLV_TLS_CONFIG (only one of the pair, bad version/client-auth/ciphers, OpenSSL refuses the
 * pair), DLV_TLS_MODULE_UNKNOWN, DLV_TLS_FILE_UNREADABLE, DLV_TLS_CERT_INVALID, DLV_TLS_KEY_INVALID,
 * DLV_TLS_PASSPHRASE, DLV_TLS_KEY_MISMATCH, DLV_TLS_CERT_EXPIRED (a warning instead when `s.debug`).
 */
export function loadTlsMaterial(s: TlsSettings, now: Date = new Date()): TlsMaterial | null {
  const warnings: string[] = [];
  const module = parseModule(s.module);
  const clientAuth = parseClientAuth(s.clientAuth, s.caCertificate);
  const minVersion = parseMinVersion(s.minVersion, warnings);
  const ciphers = parseCiphers(s.ciphers);
  const keyPath = isSet(s.privateKey) ? s.privateKey : undefined;
  const certPath = isSet(s.certificate) ? s.certificate : undefined;
  if (keyPath === undefined && certPath === undefined) {
    if (clientAuth !== 'none') {
      throw new DelveError('DLV_TLS_CONFIG',
        `${SETTING.clientAuth}=${clientAuth} needs HTTPS: set ${SETTING.privateKey} and ${SETTING.certificate}.`,
        { field: SETTING.clientAuth });
    }
    return null;
  }
  if (keyPath === undefined || certPath === undefined) {
    const missing = keyPath === undefined ? SETTING.privateKey : SETTING.certificate;
    const present = keyPath === undefined ? SETTING.certificate : SETTING.privateKey;
    throw new DelveError('DLV_TLS_CONFIG', `${present} is set but ${missing} is not: HTTPS needs both (or neither).`,
      { field: missing });
  }

  const certPem = readSetting(SETTING.certificate, certPath);
  const keyPem = readSetting(SETTING.privateKey, keyPath);
  const leaf = parseCertFile(SETTING.certificate, certPath, certPem)[0] as X509Certificate;
  const passphrase = isSet(s.keyPassphrase) ? s.keyPassphrase : undefined;
  const key = parseKey(keyPath, keyPem, passphrase);
  if (!matches(leaf, key)) {
    throw new DelveError('DLV_TLS_KEY_MISMATCH',
      `${SETTING.privateKey} (${keyPath}) is not the private key of ${SETTING.certificate} (${certPath}).`,
      { field: SETTING.privateKey });
  }
  let ca: string | undefined;
  if (isSet(s.caCertificate)) {
    ca = readSetting(SETTING.caCertificate, s.caCertificate);
    parseCertFile(SETTING.caCertificate, s.caCertificate, ca);
  }

  const info = certInfo(leaf, now);
  const state = validityState(info, now);
  if (state !== 'valid') {
    const what = state === 'expired'
      ? `expired on ${info.validTo.toISOString()}`
      : `is not valid before ${info.validFrom.toISOString()}`;
    const msg = `The certificate in ${SETTING.certificate} (${certPath}) ${what}; install a current certificate.`;
    if (!s.debug) throw new DelveError('DLV_TLS_CERT_EXPIRED', msg, { field: SETTING.certificate });
    warnings.push(`${msg} (accepted only because DEBUG is on)`);
  }

  const secureOptions: TlsSecureOptions = {
    key: keyPem,
    cert: certPem,
    ...(passphrase === undefined ? {} : { passphrase }),
    ...(ca === undefined ? {} : { ca }),
    requestCert: clientAuth !== 'none',
    rejectUnauthorized: clientAuth === 'required',
    minVersion,
    ciphers,
    honorCipherOrder: false, // Mozilla intermediate: the client chooses (lets devices without AES hardware pick ChaCha20)
    ecdhCurve: DEFAULT_CURVES,
    secureOptions: SECURE_OPTION_FLAGS,
    ...(module === 'http2' ? { allowHTTP1: true } : {}),
  };
  try {
    createSecureContext(secureOptions); // what setSecureContext will do: catches anything OpenSSL still refuses
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^error:[0-9A-F]+:[^:]*::?/i, '') : 'unknown reason';
    throw new DelveError('DLV_TLS_CONFIG', `OpenSSL refused the TLS settings: ${reason}.`, { field: SETTING.certificate });
  }
  return { module, secureOptions, info, warnings };
}

function readSetting(setting: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new DelveError('DLV_TLS_FILE_UNREADABLE', `${setting}: cannot read ${path} (${code}).`, { field: setting });
  }
}

function parseCertFile(setting: string, path: string, pem: string): X509Certificate[] {
  const certs = parsePemCertificates(pem);
  if (certs === null || certs.length === 0) {
    throw new DelveError('DLV_TLS_CERT_INVALID', `${setting}: ${path} does not contain a valid PEM certificate.`,
      { field: setting });
  }
  return certs;
}

function parseKey(path: string, pem: string, passphrase: string | undefined): KeyObject {
  const encrypted = ENCRYPTED_KEY.test(pem);
  try {
    // An empty passphrase makes OpenSSL fail fast on encrypted keys instead of prompting.
    return createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase ?? '' });
  } catch {
    if (encrypted) {
      const what = passphrase === undefined ? 'is encrypted: set' : 'could not be decrypted: check';
      throw new DelveError('DLV_TLS_PASSPHRASE', `${SETTING.privateKey} (${path}) ${what} ${SETTING.keyPassphrase}.`,
        { field: SETTING.keyPassphrase });
    }
    throw new DelveError('DLV_TLS_KEY_INVALID', `${SETTING.privateKey}: ${path} does not contain a valid PEM private key.`,
      { field: SETTING.privateKey });
  }
}

function matches(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}
