import { DelveError, isDelveError } from '../../errors.js';
import { loadTlsMaterial, SETTING, type TlsSecureOptions } from '../../security/tls/index.js';

/** The syslog receiver's TLS flags (RFC 5425). */
export interface SyslogTlsFlags {
  /** `--tls-cert`: PEM certificate chain path. */
  cert?: string;
  /** `--tls-key`: PEM private key path. */
  key?: string;
  /** `--tls-ca`: PEM bundle of CAs trusted for client certificates (mutual TLS). */
  ca?: string;
  /** `--tls-client-auth`: `none` (default), `optional` or `required`. */
  clientAuth?: string;
  /** Passphrase of an encrypted key. */
  passphrase?: string;
  /** Minimum TLS version (default TLSv1.2) and cipher string (default Mozilla intermediate), as for the web server. */
  minVersion?: string;
  ciphers?: string;
  /** DEBUG: an expired certificate is a warning instead of an error. */
  debug?: boolean;
}

const FLAG_FOR_SETTING: Record<string, string> = {
  [SETTING.privateKey]: '--tls-key',
  [SETTING.certificate]: '--tls-cert',
  [SETTING.caCertificate]: '--tls-ca',
  [SETTING.clientAuth]: '--tls-client-auth',
  [SETTING.keyPassphrase]: 'the key passphrase',
};

/**
 * Loads and verifies the syslog TLS material with the web server's hardened defaults (loadTlsMaterial: TLS 1.2+,
 * ECDHE + AEAD ciphers, no compression or renegotiation, mutual TLS via `ca` + `clientAuth`). Returns null when
 * neither --tls-cert nor --tls-key is given (plain TCP). Every problem (one of the pair missing, unreadable or
 * mismatched files, expired certificate...) throws a DelveError naming the flag: a TLS setup error is fatal, the
 * receiver never falls back to plaintext. Returns the options and non-fatal warnings to log.
 */
export function loadSyslogTls(flags: SyslogTlsFlags): { options: TlsSecureOptions; warnings: string[] } | null {
  const clientAuth = flags.clientAuth ?? 'none';
  if (flags.cert === undefined && flags.key === undefined && flags.ca === undefined && clientAuth === 'none') return null;
  try {
    const m = loadTlsMaterial({
      module: 'builtin',
      clientAuth: clientAuth as 'none' | 'optional' | 'required',
      debug: flags.debug ?? false,
      ...(flags.cert === undefined ? {} : { certificate: flags.cert }),
      ...(flags.key === undefined ? {} : { privateKey: flags.key }),
      ...(flags.ca === undefined ? {} : { caCertificate: flags.ca }),
      ...(flags.passphrase === undefined ? {} : { keyPassphrase: flags.passphrase }),
      ...(flags.minVersion === undefined ? {} : { minVersion: flags.minVersion }),
      ...(flags.ciphers === undefined ? {} : { ciphers: flags.ciphers }),
    });
    if (m === null) {
      throw new DelveError('DLV_TLS_CONFIG', '--tls-ca / --tls-client-auth need TLS: also pass --tls-cert and --tls-key.', { field: '--tls-cert' });
    }
    return { options: m.secureOptions, warnings: m.warnings.map(toFlags) };
  } catch (e) {
    if (!isDelveError(e)) throw e;
    const field = e.field === undefined ? undefined : (FLAG_FOR_SETTING[e.field] ?? e.field);
    throw new DelveError(e.code, toFlags(e.message), { ...(field === undefined ? {} : { field }), cause: e });
  }
}

/** Rewrites web-server setting names in a message into the syslog command's flags. */
function toFlags(message: string): string {
  let out = message.replaceAll('needs HTTPS', 'needs TLS').replaceAll('HTTPS needs', 'TLS needs');
  for (const [setting, flag] of Object.entries(FLAG_FOR_SETTING)) out = out.replaceAll(setting, flag);
  return out;
}
