import type { FacilityName, SeverityName } from './names.js';

/**
 * Structured data: SD-ID → (PARAM-NAME → value). Objects have a null prototype, so an SD-ID or
 * parameter named `__proto__` is plain data. Repeated SD-IDs and repeated PARAM-NAMEs inside one
 * element are kept, not merged: the second occurrence is stored as `name#2`, the third as `name#3`, ...
 */
export type StructuredData = Record<string, Record<string, string>>;

/** A parsed syslog message. Every field except `format` and `message` is optional (best effort). */
export interface SyslogMessage {
  /** `rfc5424` (`<PRI>1 ...`), `rfc3164` (any other message with a valid PRI) or `unknown` (no valid PRI). */
  format: 'rfc5424' | 'rfc3164' | 'unknown';
  pri?: number;
  facility?: number;
  facilityName?: FacilityName;
  severity?: number;
  severityName?: SeverityName;
  /** RFC 5424 VERSION (1 for every sender in existence). */
  version?: number;
  /** ISO-8601 in UTC (`...Z`), keeping the sender's fractional-second digits (up to 9). */
  timestamp?: string;
  hostname?: string;
  app?: string;
  procid?: string;
  msgid?: string;
  structuredData?: StructuredData;
  /** MSG without a leading byte-order mark and without trailing CR/LF/NUL. */
  message: string;
  /** Present when the input was longer than the parser's cap and only a prefix was parsed. */
  truncated?: true;
}

export interface ParseSyslogOptions {
  /** Reference time for RFC 3164 timestamps, which carry no year (default: the current time). */
  now?: Date;
  /** Input longer than this many UTF-16 code units is cut before parsing (default 262144). */
  maxChars?: number;
}
