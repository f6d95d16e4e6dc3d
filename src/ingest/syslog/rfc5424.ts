import { isDigit } from './pri.js';
import { parseStructuredData } from './structured-data.js';
import { parseRfc3339 } from './timestamp.js';
import type { SyslogMessage } from './types.js';

/** RFC 5424 §6 maximum field lengths; longer values are cut to these. */
export const HEADER_LIMITS = { hostname: 255, app: 48, procid: 128, msgid: 32 } as const;

/**
 * True when the text after `<PRI>` looks like RFC 5424: VERSION (1–3 digits, no leading zero), SP, then a
 * NILVALUE or a `YYYY-` timestamp. Requiring the timestamp shape keeps `<13>1 apple fell` out.
 */
export function looksLikeRfc5424(text: string, pos: number): boolean {
  let i = pos;
  if (!isDigit(text.charCodeAt(i)) || text[i] === '0') return false;
  while (isDigit(text.charCodeAt(i)) && i - pos < 3) i++;
  if (text[i] !== ' ') return false;
  i++;
  if (text[i] === '-') return text[i + 1] === ' ' || i + 1 === text.length;
  return /^\d{4}-/.test(text.slice(i, i + 5));
}

/**
 * Parses the RFC 5424 part after `<PRI>`: `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID
 * SP STRUCTURED-DATA [SP MSG]`. `-` (NILVALUE) leaves a field undefined. Best effort: a short header fills
 * what it has; malformed structured data is left in the message so nothing is lost.
 */
export function parseRfc5424(text: string, pos: number, out: SyslogMessage): SyslogMessage {
  out.format = 'rfc5424';
  out.message = '';
  const cursor = { i: pos };
  out.version = Number(nextToken(text, cursor));
  const ts = nextToken(text, cursor);
  if (ts !== undefined && ts !== '-') {
    const iso = parseRfc3339(ts);
    if (iso !== undefined) out.timestamp = iso;
  }
  const fields = ['hostname', 'app', 'procid', 'msgid'] as const;
  for (const field of fields) {
    const tok = nextToken(text, cursor);
    if (tok === undefined) return out;
    if (tok !== '-' && tok !== '') out[field] = tok.slice(0, HEADER_LIMITS[field]);
  }
  let i = cursor.i;
  if (i >= text.length) return out;
  if (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === text.length)) {
    i++;
  } else if (text[i] === '[') {
    const sd = parseStructuredData(text, i);
    if (sd) {
      out.structuredData = sd.data;
      i = sd.end;
    }
  }
  if (text[i] === ' ') i++;
  out.message = stripBom(text.slice(i));
  return out;
}

/** Reads up to the next SP (exclusive) and moves past it; `undefined` at the end of the text. */
function nextToken(text: string, cursor: { i: number }): string | undefined {
  if (cursor.i >= text.length) return undefined;
  const sp = text.indexOf(' ', cursor.i);
  const end = sp === -1 ? text.length : sp;
  const tok = text.slice(cursor.i, end);
  cursor.i = sp === -1 ? text.length : sp + 1;
  return tok;
}

/** Removes a leading UTF-8 byte-order mark (U+FEFF), which RFC 5424 allows before a UTF-8 MSG. */
export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
