/**
 * Facts about a certificate that operators and `fl check --deploy` care about, and PEM bundle splitting.
 */
import { X509Certificate } from 'node:crypto';

/** Summary of the serving (leaf) certificate. */
export type CertInfo = {
  subject: string;
  issuer: string;
  /** Upper-case hex, as Node prints it. */
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  /** Whole days until `validTo` (negative once expired). */
  daysRemaining: number;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
};

const DAY_MS = 86_400_000;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Summarise a parsed certificate relative to `now`. */
export function certInfo(cert: X509Certificate, now: Date): CertInfo {
  const validFrom = new Date(cert.validFrom);
  const validTo = new Date(cert.validTo);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    validFrom,
    validTo,
    daysRemaining: Math.floor((validTo.getTime() - now.getTime()) / DAY_MS),
    fingerprint256: cert.fingerprint256,
  };
}

/** 'expired' | 'not-yet-valid' | 'valid' for the given instant. */
export function validityState(info: Pick<CertInfo, 'validFrom' | 'validTo'>, now: Date): 'expired' | 'not-yet-valid' | 'valid' {
  if (now.getTime() > info.validTo.getTime()) return 'expired';
  if (now.getTime() < info.validFrom.getTime()) return 'not-yet-valid';
  return 'valid';
}

/**
 * Parse every certificate block of a PEM bundle. Returns null when the text holds no block or a block does
 * not parse (so a truncated, half-written file is never mistaken for a good one).
 */
export function parsePemCertificates(pem: string): X509Certificate[] | null {
  const blocks = pem.match(PEM_CERT);
  if (blocks === null) return null;
  const certs: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      return null;
    }
  }
  // Text after the last END line that starts another BEGIN means the file was cut mid-block.
  const tail = pem.slice(pem.lastIndexOf('-----END CERTIFICATE-----'));
  if (tail.includes('-----BEGIN CERTIFICATE-----')) return null;
  return certs;
}
