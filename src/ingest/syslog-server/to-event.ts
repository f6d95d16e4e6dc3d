import { extractSyslog } from '../extractors/syslog.js';
import type { IngestEvent } from '../sink.js';

/** Event fields that do not come from the message. */
export interface SyslogEventDefaults {
  index: string;
  /** `-H/--host`: overrides the host of every event. */
  host?: string;
  source: string;
  sourcetype: string;
}

/**
 * Turns one received syslog message into an event. `text` is the message as received, trimmed; empty messages
 * give null. extracted_fields holds the parsed syslog fields (see `extractSyslog`). host: the `--host` override,
 * else the message's HOSTNAME, else the sender's address. `created` is the message's TIMESTAMP (epoch µs) only
 * when `useMessageTime` is set and the message has a valid one; otherwise the ingest time applies.
 */
export function syslogEvent(raw: string, sender: string, defaults: SyslogEventDefaults, useMessageTime: boolean): IngestEvent | null {
  const text = raw.trim();
  if (text === '') return null;
  const fields = extractSyslog(text);
  const hostname = typeof fields.hostname === 'string' && fields.hostname !== '' ? fields.hostname : undefined;
  const ev: IngestEvent = {
    index: defaults.index,
    host: defaults.host ?? hostname ?? senderHost(sender),
    source: defaults.source,
    sourcetype: defaults.sourcetype,
    text,
    extracted_fields: fields,
  };
  if (useMessageTime && typeof fields.syslog_timestamp === 'string') {
    const created = isoToMicros(fields.syslog_timestamp);
    if (created !== undefined) ev.created = created;
  }
  return ev;
}

/** `::ffff:10.0.0.1` (an IPv4 sender on a dual-stack socket) → `10.0.0.1`. */
export function senderHost(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

const ISO_RE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

/** `2024-05-01T10:00:00.123456Z` → epoch microseconds (fraction digits beyond 6 are cut); undefined if invalid. */
export function isoToMicros(iso: string): number | undefined {
  const m = ISO_RE.exec(iso);
  if (m === null) return undefined;
  const secondsMs = Date.parse(`${m[1]!}Z`);
  if (Number.isNaN(secondsMs)) return undefined;
  const micros = Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
  return secondsMs * 1000 + micros;
}
