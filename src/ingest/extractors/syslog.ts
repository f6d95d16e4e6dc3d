import { parseSyslog } from '../syslog/index.js';
import type { ParseSyslogOptions } from '../syslog/index.js';

/**
 * Extracts syslog fields from an event's text (RFC 5424 or RFC 3164). Keys: `syslog_format`, `facility`
 * (name) / `facility_code`, `severity` (name) / `severity_code`, `syslog_timestamp` (ISO-8601 UTC),
 * `hostname`, `app`, `procid`, `msgid`, `structured_data` (SD-ID → params), `message`. Keys whose value is
 * unknown are omitted. Never throws: text that is not syslog yields `{ syslog_format: 'unknown', message }`.
 */
export function extractSyslog(text: string, opts?: ParseSyslogOptions): Record<string, unknown> {
  const m = parseSyslog(text, opts);
  const fields: Record<string, unknown> = {
    syslog_format: m.format,
    facility: m.facilityName,
    facility_code: m.facility,
    severity: m.severityName,
    severity_code: m.severity,
    syslog_timestamp: m.timestamp,
    hostname: m.hostname,
    app: m.app,
    procid: m.procid,
    msgid: m.msgid,
    structured_data: m.structuredData,
    message: m.message,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}
