/**
 * Syslog parsing and framing (pure, no sockets): RFC 5424 / RFC 3164 messages, RFC 6587 TCP framing
 * (octet counting and LF), RFC 5425 TLS framing (octet counting only), RFC 5426 UDP datagrams.
 */
export { parseSyslog, DEFAULT_MAX_PARSE_CHARS } from './parse.js';
export { SyslogFramer } from './framer.js';
export type { SyslogFrame, FramerResult, FramerStats, SyslogFramerOptions } from './framer.js';
export { parseDatagram, DEFAULT_MAX_DATAGRAM_BYTES } from './datagram.js';
export { FACILITY_NAMES, SEVERITY_NAMES, MAX_PRI } from './names.js';
export type { FacilityName, SeverityName } from './names.js';
export type { SyslogMessage, StructuredData, ParseSyslogOptions } from './types.js';
