import type { FastifyInstance } from 'fastify';
import type { Settings } from '../../config/schema.js';

/** Strict CSP: no inline scripts or styles, no eval, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

export function hstsValue(s: Settings): string | null {
  if (s.SECURE_HSTS_SECONDS <= 0) return null;
  let v = `max-age=${s.SECURE_HSTS_SECONDS}`;
  if (s.SECURE_HSTS_INCLUDE_SUBDOMAINS) v += '; includeSubDomains';
  if (s.SECURE_HSTS_PRELOAD) v += '; preload';
  return v;
}

/** Security headers on every response (one onSend hook; cheaper than a generic helmet plugin). */
export function registerSecurityHeaders(app: FastifyInstance, s: Settings, tls: boolean): void {
  const fixed: [string, string][] = [
    ['content-security-policy', CONTENT_SECURITY_POLICY],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'same-origin'],
    ['x-frame-options', 'DENY'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=()'],
  ];
  const hsts = tls ? hstsValue(s) : null;
  if (hsts) fixed.push(['strict-transport-security', hsts]);
  app.addHook('onSend', (_req, reply, payload, done) => {
    for (const [k, v] of fixed) reply.header(k, v);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
