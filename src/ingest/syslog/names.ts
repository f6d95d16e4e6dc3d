/**
 * Syslog facility and severity names (RFC 5424 §6.2.1). Facilities 12–15 have no POSIX names; we use
 * rsyslog's spelling (`ntp`, `audit`, `alert`, `clock`) so values match what operators see in rsyslog.
 */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news',
  'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
] as const;

export const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

export type FacilityName = (typeof FACILITY_NAMES)[number];
export type SeverityName = (typeof SEVERITY_NAMES)[number];

/** The largest valid PRI value: facility 23 (local7) × 8 + severity 7 (debug). */
export const MAX_PRI = 191;
