import { HEADER_LIMITS, stripBom } from './rfc5424.js';
import { parseBsdTimestamp, parseRfc3339 } from './timestamp.js';
import type { SyslogMessage } from './types.js';

/** Cisco IOS prefix: a sequence number and, with `logging origin-id hostname`, the device name. */
const CISCO_PREFIX = /^(\d{1,10}): (?:([A-Za-z0-9][A-Za-z0-9._-]{0,254}): )?(?=[*.]?[A-Z][a-z]{2} |%)/;
/** A token that is a hostname, not a tag: hostname characters (IPv6 colons allowed), no trailing colon. */
const HOSTNAME = /^[A-Za-z0-9_][A-Za-z0-9._:%-]*$/;
/** TAG[PID]: (tag up to 64 chars: real-world tags such as `postfix/smtpd` exceed RFC 3164's 32). */
const TAG = /^([^\s[\]:]{1,64})(?:\[([^\]\s]{0,128})\])?:(?: |$)/;

/**
 * Parses the part after `<PRI>` of a BSD-style message: `TIMESTAMP HOSTNAME TAG[PID]: MSG`, tolerating a
 * missing hostname (`Mmm dd hh:mm:ss tag: msg`, as `logger` sends), a missing timestamp, an RFC 3339
 * timestamp (rsyslog's forwarding format), Cisco IOS sequence numbers and ASA `Mmm dd yyyy hh:mm:ss:`.
 * Heuristic (as rsyslog's): the word after the timestamp is the hostname unless it ends with `:` or has `[`.
 */
export function parseRfc3164(text: string, pos: number, now: Date, out: SyslogMessage): SyslogMessage {
  out.format = 'rfc3164';
  let rest = text.slice(pos);
  let hostKnown = false;
  const cisco = CISCO_PREFIX.exec(rest);
  if (cisco) {
    if (cisco[2] !== undefined) out.hostname = cisco[2];
    hostKnown = true;
    rest = rest.slice(cisco[0].length);
  }
  let timed = false;
  const bsd = parseBsdTimestamp(rest, now);
  if (bsd) {
    if (bsd.timestamp !== undefined) out.timestamp = bsd.timestamp;
    rest = rest.slice(bsd.length);
    timed = true;
  } else {
    const sp = rest.indexOf(' ');
    const iso = parseRfc3339(sp === -1 ? rest : rest.slice(0, sp));
    if (iso !== undefined) {
      out.timestamp = iso;
      rest = sp === -1 ? '' : rest.slice(sp);
      timed = true;
    }
  }
  if (timed) rest = rest.replace(/^ +/, '');
  if (timed && !hostKnown) {
    const sp = rest.indexOf(' ');
    const word = sp === -1 ? rest : rest.slice(0, sp);
    if (word.length <= HEADER_LIMITS.hostname && HOSTNAME.test(word) && !word.endsWith(':')) {
      out.hostname = word;
      rest = sp === -1 ? '' : rest.slice(sp + 1).replace(/^ +/, '');
      if (rest.startsWith(': ')) rest = rest.slice(2); // Cisco ASA with device-id: "host : %ASA-..."
    }
  }
  const tag = TAG.exec(rest);
  if (tag) {
    out.app = tag[1]!;
    if (tag[2] !== undefined && tag[2] !== '') out.procid = tag[2];
    rest = rest.slice(tag[0].length);
  }
  out.message = stripBom(rest);
  return out;
}
