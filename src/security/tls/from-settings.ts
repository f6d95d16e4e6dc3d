import type { Settings } from '../../config/schema.js';
import type { TlsSettings } from './settings.js';

/** The TLS part of Delve's settings, in the shape the TLS module takes. */
export function tlsSettingsFrom(s: Settings): TlsSettings {
  const opt = (v: string | null): string | undefined => (v === null || v === '' ? undefined : v);
  return {
    privateKey: opt(s.DELVE_SSL_PRIVATE_KEY),
    certificate: opt(s.DELVE_SSL_CERTIFICATE),
    module: s.DELVE_SSL_MODULE,
    minVersion: opt(s.DELVE_SSL_MIN_VERSION),
    ciphers: opt(s.DELVE_SSL_CIPHERS),
    keyPassphrase: opt(s.DELVE_SSL_KEY_PASSPHRASE),
    caCertificate: opt(s.DELVE_SSL_CA_CERTIFICATE),
    clientAuth: s.DELVE_SSL_CLIENT_AUTH,
    debug: s.DEBUG,
  };
}
