/**
 * The `apache` extractor: Apache/nginx access-log lines in Common Log Format
 * (`%h %l %u %t "%r" %>s %b`) and Combined (`... "%{Referer}i" "%{User-agent}i"`), with or without
 * trailing whitespace (the original required trailing whitespace — fixed). Also accepted:
 * a `vhost:port` prefix (`vhost_combined`), an X-Forwarded-For list as the host
 * (`1.2.3.4, 10.0.0.1`), a referer without a user agent, and extra fields after the standard ones
 * (ignored, as in the original).
 *
 * Fields (all strings): host, ident, user, time (with brackets, as in the original), timestamp
 * (ISO-8601 UTC, when the time parses), request, method/path/protocol (when the request line splits),
 * status, size (`-` stays `-`), referer and user_agent (combined), vhost/port (vhost prefix),
 * forwarded_for (array, when host is a list). `\"` and `\\` inside quoted fields are unescaped;
 * Apache's `\xhh` escapes are kept as written.
 */
import { apacheTimeToIso } from './apache-time.js';
import { checkInputSize, extractFailed, resolveLimits } from './limits.js';
import type { ExtractorOptions } from './types.js';

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
const HOST = String.raw`([^\s,]+(?:,\s?[^\s,]+)*|\S+)`;
const BODY = String.raw`${HOST} +(\S+) +(\S+) +\[([^\]]*)\] +${QUOTED} +(\d{3}) +(\S+)(?: +${QUOTED}(?: +${QUOTED})?)?(?:\s[\s\S]*)?$`;
const LINE_RE = new RegExp(`^${BODY}`);
const VHOST_LINE_RE = new RegExp(String.raw`^([^\s:]+):(\d+) +${BODY}`);

function unescape(s: string): string {
  return s.includes('\\') ? s.replace(/\\(["\\])/g, '$1') : s;
}

function fieldsFrom(groups: readonly (string | undefined)[]): Record<string, unknown> {
  const [host, ident, user, time, request, status, size, referer, userAgent] = groups as string[];
  const out: Record<string, unknown> = { host, ident, user, time: `[${time}]` };
  const timestamp = apacheTimeToIso(time!);
  if (timestamp !== undefined) out['timestamp'] = timestamp;
  const req = unescape(request!);
  out['request'] = req;
  const parts = req.split(' ');
  if ((parts.length === 3 || parts.length === 2) && /^[A-Za-z]+$/.test(parts[0]!) && parts[1] !== '') {
    out['method'] = parts[0];
    out['path'] = parts[1];
    if (parts.length === 3) out['protocol'] = parts[2];
  }
  out['status'] = status;
  out['size'] = size;
  if (referer !== undefined) out['referer'] = unescape(referer);
  if (userAgent !== undefined) out['user_agent'] = unescape(userAgent);
  if (host!.includes(',')) out['forwarded_for'] = host!.split(',').map((h) => h.trim());
  return out;
}

/** Extracts the fields of one access-log line (see the module doc). */
export function extractApache(text: string, options?: ExtractorOptions): Record<string, unknown> {
  checkInputSize(text, resolveLimits(options).maxBytes);
  const line = text.trim();
  const m = LINE_RE.exec(line);
  if (m !== null) return fieldsFrom(m.slice(1));
  const v = VHOST_LINE_RE.exec(line);
  if (v !== null) return { vhost: v[1], port: v[2], ...fieldsFrom(v.slice(3)) };
  throw extractFailed('The event text is not an Apache access-log line (expected Common or Combined Log Format: host ident user [time] "request" status size ["referer" "user-agent"]).');
}
