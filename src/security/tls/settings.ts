/**
 * TLS settings as the config layer hands them over, the Mozilla "intermediate" defaults, and validation of the
 * plain-value settings (module, minimum version, client auth, cipher string). File contents are checked in
 * load-material.ts.
 */
import { createSecureContext, type SecureVersion } from 'node:tls';
import { DelveError } from '../../errors.js';

/** TLS-related settings (paths are absolute; `_FILE` variants are resolved by the config layer). */
export type TlsSettings = {
  /** DELVE_SSL_PRIVATE_KEY: PEM private key path. */
  privateKey?: string;
  /** DELVE_SSL_CERTIFICATE: PEM certificate path (leaf first, then intermediates). */
  certificate?: string;
  /** DELVE_SSL_MODULE: `builtin` | `http2` | `openssl` (synonym of builtin). */
  module: string;
  /** DELVE_SSL_MIN_VERSION: `TLSv1.2` (default) or `TLSv1.3`; older versions are accepted with a warning. */
  minVersion?: string;
  /** DELVE_SSL_CIPHERS: OpenSSL cipher string for TLS <= 1.2 (TLS 1.3 suites stay OpenSSL's defaults). */
  ciphers?: string;
  /** DELVE_SSL_KEY_PASSPHRASE: passphrase of an encrypted private key. */
  keyPassphrase?: string;
  /** DELVE_SSL_CA_CERTIFICATE: PEM bundle of CAs trusted to sign client certificates. */
  caCertificate?: string;
  /** DELVE_SSL_CLIENT_AUTH: mutual TLS mode. */
  clientAuth: 'none' | 'optional' | 'required';
  /** DELVE_DEBUG: turns some startup errors (expired certificate) into warnings. */
  debug: boolean;
};

export type TlsModule = 'builtin' | 'http2';
export type ClientAuth = TlsSettings['clientAuth'];

/** Setting names, used in every message so users know what to fix. */
export const SETTING = {
  privateKey: 'DELVE_SSL_PRIVATE_KEY',
  certificate: 'DELVE_SSL_CERTIFICATE',
  module: 'DELVE_SSL_MODULE',
  minVersion: 'DELVE_SSL_MIN_VERSION',
  ciphers: 'DELVE_SSL_CIPHERS',
  keyPassphrase: 'DELVE_SSL_KEY_PASSPHRASE',
  caCertificate: 'DELVE_SSL_CA_CERTIFICATE',
  clientAuth: 'DELVE_SSL_CLIENT_AUTH',
} as const;

/** Mozilla intermediate profile (v5.7): ECDHE key exchange with AES-GCM / ChaCha20-Poly1305 only. */
export const DEFAULT_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');
export const DEFAULT_CURVES = 'X25519:prime256v1:secp384r1';
export const DEFAULT_MIN_VERSION: SecureVersion = 'TLSv1.2';

/** Accepted DELVE_SSL_MODULE values and what they mean. */
export const MODULES: Readonly<Record<string, TlsModule>> = { builtin: 'builtin', http2: 'http2', openssl: 'builtin' };
const VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const CLIENT_AUTH: readonly ClientAuth[] = ['none', 'optional', 'required'];

/** Treat `undefined` and blank strings as "not set". */
export function isSet(v: string | undefined): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** DELVE_SSL_MODULE → module; throws DLV_TLS_MODULE_UNKNOWN listing the allowed values. */
export function parseModule(value: string): TlsModule {
  const m = Object.hasOwn(MODULES, value) ? MODULES[value] : undefined;
  if (m === undefined) {
    throw new DelveError('DLV_TLS_MODULE_UNKNOWN',
      `${SETTING.module} must be one of: ${Object.keys(MODULES).join(', ')} (got ${JSON.stringify(String(value))}).`,
      { field: SETTING.module });
  }
  return m;
}

/** DELVE_SSL_MIN_VERSION → version; versions below TLSv1.2 are allowed but produce a warning. */
export function parseMinVersion(value: string | undefined, warnings: string[]): SecureVersion {
  if (!isSet(value)) return DEFAULT_MIN_VERSION;
  const v = VERSIONS.find((x) => x === value);
  if (v === undefined) {
    throw new DelveError('DLV_TLS_CONFIG',
      `${SETTING.minVersion} must be TLSv1.2 or TLSv1.3 (got ${JSON.stringify(String(value))}).`,
      { field: SETTING.minVersion });
  }
  if (v === 'TLSv1' || v === 'TLSv1.1') {
    warnings.push(`${SETTING.minVersion}=${v} allows obsolete TLS versions; use TLSv1.2 or TLSv1.3.`);
  }
  return v;
}

/** DELVE_SSL_CLIENT_AUTH; optional/required need DELVE_SSL_CA_CERTIFICATE. */
export function parseClientAuth(value: string, caCertificate: string | undefined): ClientAuth {
  const v = CLIENT_AUTH.find((x) => x === value);
  if (v === undefined) {
    throw new DelveError('DLV_TLS_CONFIG',
      `${SETTING.clientAuth} must be one of: ${CLIENT_AUTH.join(', ')} (got ${JSON.stringify(String(value))}).`,
      { field: SETTING.clientAuth });
  }
  if (v !== 'none' && !isSet(caCertificate)) {
    throw new DelveError('DLV_TLS_CONFIG',
      `${SETTING.clientAuth}=${v} needs ${SETTING.caCertificate} (the CA that signs client certificates).`,
      { field: SETTING.caCertificate });
  }
  return v;
}

/** DELVE_SSL_CIPHERS → cipher string; rejects strings OpenSSL cannot match to any suite. */
export function parseCiphers(value: string | undefined): string {
  if (!isSet(value)) return DEFAULT_CIPHERS;
  try {
    createSecureContext({ ciphers: value });
  } catch {
    throw new DelveError('DLV_TLS_CONFIG',
      `${SETTING.ciphers} does not select any cipher suite OpenSSL knows; leave it unset for the secure default.`,
      { field: SETTING.ciphers });
  }
  return value;
}
