import { FACILITY_NAMES, SEVERITY_NAMES } from './names.js';
import { parsePri } from './pri.js';
import { parseRfc3164 } from './rfc3164.js';
import { looksLikeRfc5424, parseRfc5424 } from './rfc5424.js';
import type { ParseSyslogOptions, SyslogMessage } from './types.js';

/** Default cap on the characters parsed from one message (4× the framer's default 64 KiB frame). */
export const DEFAULT_MAX_PARSE_CHARS = 262_144;

/**
 * Parses one syslog message (RFC 5424 or RFC 3164). Never throws: text without a valid `<PRI>` (missing,
 * above 191, leading zeros, non-digits) comes back as `{ format: 'unknown', message: <whole text> }`;
 * a valid PRI followed by something other than an RFC 5424 header is parsed as RFC 3164, best effort.
 * Trailing CR/LF/NUL are removed; input longer than `opts.maxChars` is cut and marked `truncated`.
 */
export function parseSyslog(message: string, opts: ParseSyslogOptions = {}): SyslogMessage {
  let text = typeof message === 'string' ? message : String(message);
  const maxChars = opts.maxChars ?? DEFAULT_MAX_PARSE_CHARS;
  let truncated = false;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    truncated = true;
  }
  text = trimLineEnd(text);
  const out: SyslogMessage = { format: 'unknown', message: text };
  try {
    const pri = parsePri(text);
    if (pri) {
      out.pri = pri.pri;
      out.facility = pri.facility;
      out.facilityName = FACILITY_NAMES[pri.facility];
      out.severity = pri.severity;
      out.severityName = SEVERITY_NAMES[pri.severity];
      if (looksLikeRfc5424(text, pri.end)) parseRfc5424(text, pri.end, out);
      else parseRfc3164(text, pri.end, validNow(opts.now), out);
    }
  } catch {
    // Defensive only: a parser bug must not crash ingestion. Keep the whole text as the message.
    const fallback: SyslogMessage = { format: 'unknown', message: text };
    if (truncated) fallback.truncated = true;
    return fallback;
  }
  if (truncated) out.truncated = true;
  return out;
}

function validNow(now: Date | undefined): Date {
  return now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
}

/** Removes trailing CR, LF and NUL (a loop: a `/[\r\n\0]+$/` regex is quadratic on hostile input). */
export function trimLineEnd(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x0a && c !== 0x0d && c !== 0) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}
