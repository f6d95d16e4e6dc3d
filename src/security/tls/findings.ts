/**
 * TLS findings for `fl check --deploy`: what is weak about the HTTPS setup and how to fix it.
 * Finding codes (DLV_CHECK_TLS_*) are report codes, not DelveError codes.
 */
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { validityState } from './cert-info.js';
import type { TlsMaterial } from './load-material.js';
import { SETTING, isSet, type TlsSettings } from './settings.js';

export type TlsFinding = {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix: string;
};

/** Certificates expiring within this many days are reported. */
export const EXPIRY_WARNING_DAYS = 30;

/**
 * Inspect the TLS settings and the loaded material (null = TLS off).
 * `bindHost` is the address the server listens on: TLS off is an error unless it is a loopback address.
 */
export function describeTlsFindings(
  settings: TlsSettings,
  material: TlsMaterial | null,
  ctx: { bindHost: string; now?: Date },
): TlsFinding[] {
  const now = ctx.now ?? new Date();
  const out: TlsFinding[] = [];
  if (material === null) {
    const exposed = !isLoopback(ctx.bindHost);
    out.push({
      code: 'DLV_CHECK_TLS_OFF',
      severity: exposed ? 'error' : 'warning',
      message: exposed
        ? `HTTPS is off and the server listens on ${ctx.bindHost}: passwords and session cookies cross the network in clear text.`
        : 'HTTPS is off (acceptable only behind a TLS-terminating reverse proxy on this host).',
      fix: `Set ${SETTING.privateKey} and ${SETTING.certificate} to a PEM key and certificate.`,
    });
  } else {
    out.push(...certificateFindings(material, now));
  }
  if (isSet(settings.privateKey)) out.push(...keyFileFindings(settings.privateKey));
  const minVersion = material?.secureOptions.minVersion ?? settings.minVersion;
  if (minVersion === 'TLSv1' || minVersion === 'TLSv1.1') {
    out.push({
      code: 'DLV_CHECK_TLS_MIN_VERSION',
      severity: 'error',
      message: `${SETTING.minVersion}=${minVersion} allows obsolete, attackable TLS versions.`,
      fix: `Set ${SETTING.minVersion}=TLSv1.2 (or leave it unset).`,
    });
  }
  if (isSet(settings.ciphers)) {
    const weak = weakCipherTokens(settings.ciphers);
    if (weak.length > 0) {
      out.push({
        code: 'DLV_CHECK_TLS_WEAK_CIPHERS',
        severity: 'warning',
        message: `${SETTING.ciphers} selects suites without ECDHE key exchange or AEAD encryption: ${weak.join(', ')}.`,
        fix: `Unset ${SETTING.ciphers} to use the Mozilla intermediate list (ECDHE with AES-GCM/ChaCha20-Poly1305).`,
      });
    }
  }
  return out;
}

function certificateFindings(material: TlsMaterial, now: Date): TlsFinding[] {
  const { info } = material;
  const state = validityState(info, now);
  if (state !== 'valid') {
    return [{
      code: 'DLV_CHECK_TLS_EXPIRED',
      severity: 'error',
      message: state === 'expired'
        ? `The TLS certificate (serial ${info.serialNumber}) expired on ${info.validTo.toISOString()}.`
        : `The TLS certificate (serial ${info.serialNumber}) is not valid before ${info.validFrom.toISOString()}.`,
      fix: `Install a current certificate at ${SETTING.certificate}; it is reloaded without a restart.`,
    }];
  }
  const days = Math.floor((info.validTo.getTime() - now.getTime()) / 86_400_000);
  if (days < EXPIRY_WARNING_DAYS) {
    return [{
      code: 'DLV_CHECK_TLS_EXPIRING',
      severity: 'warning',
      message: `The TLS certificate (serial ${info.serialNumber}) expires in ${days} day(s), on ${info.validTo.toISOString()}.`,
      fix: `Renew the certificate and replace the files at ${SETTING.certificate}/${SETTING.privateKey}; no restart needed.`,
    }];
  }
  return [{
    code: 'DLV_CHECK_TLS_OK',
    severity: 'info',
    message: `HTTPS on (${material.module}); certificate serial ${info.serialNumber} valid for ${days} more days.`,
    fix: '',
  }];
}

function keyFileFindings(path: string): TlsFinding[] {
  if (process.platform === 'win32') return [];
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return []; // an unreadable key is already a startup error (DLV_TLS_FILE_UNREADABLE)
  }
  if ((mode & 0o077) === 0) return [];
  return [{
    code: 'DLV_CHECK_TLS_KEY_PERMISSIONS',
    severity: 'error',
    message: `The TLS private key ${path} is accessible by group or others (mode ${(mode & 0o777).toString(8)}).`,
    fix: `chmod 600 ${path}`,
  }];
}

/** Loopback names and addresses (127.0.0.0/8, ::1, IPv4-mapped loopback, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^(0{0,4}:){5}(0{0,4}|ffff):127\./.test(h) || /^::ffff:127\./.test(h);
  return false;
}

const AEAD = /GCM|CHACHA20|CCM/;
const ECDHE = /^(ECDHE|EECDH|kECDHE)$/;

/**
 * The entries of an OpenSSL cipher string that may select a suite without ECDHE key exchange or without AEAD
 * encryption. Exclusions (`!x`, `-x`), re-ordering (`+x`) and `@` directives are ignored; broad aliases (`HIGH`, `DEFAULT`, `AES`...)
 * count as weak because they pull in CBC or static-RSA suites. Never throws.
 */
export function weakCipherTokens(ciphers: string): string[] {
  const weak: string[] = [];
  for (const raw of ciphers.split(/[:, ]+/)) {
    const token = raw.trim();
    // Exclusions (!x, -x), re-ordering (+x) and directives (@x) never add suites.
    if (token === '' || /^[!\-+@]/.test(token)) continue;
    if (token.startsWith('TLS_')) continue; // TLS 1.3 suites: all ECDHE/DHE + AEAD
    const parts = token.split('+');
    const strong = parts.length > 1
      ? parts.some((p) => ECDHE.test(p)) && parts.some((p) => AEAD.test(p))
      : /^(ECDHE|EECDH)-(ECDSA|RSA)-/.test(token) && AEAD.test(token);
    if (!strong) weak.push(token);
  }
  return weak;
}
