import { describe, expect, it } from 'vitest';
import { parseSyslog } from './index.js';

const now = new Date('2026-11-29T07:00:00Z');

describe('parseSyslog — RFC 3164 / BSD', () => {
  // The first two lines were captured from util-linux `logger --rfc3164` (UDP to 127.0.0.1) in this environment.
  it('logger --rfc3164 -n host: "<35>Mmm dd hh:mm:ss HOST TAG: MSG"', () => {
    expect(parseSyslog('<35>Nov 29 06:33:44 vm myapp: hello world', { now })).toEqual({
      format: 'rfc3164', pri: 35, facility: 4, facilityName: 'auth', severity: 3, severityName: 'err',
      timestamp: '2026-11-29T06:33:44Z', hostname: 'vm', app: 'myapp', message: 'hello world',
    });
  });

  it('the LF-framed TCP variant (trailing newline removed)', () => {
    expect(parseSyslog('<14>Nov 29 06:33:45 vm myapp: lf framed\n', { now })).toMatchObject({ hostname: 'vm', app: 'myapp', message: 'lf framed' });
  });

  it('local /dev/log format without a hostname', () => {
    const m = parseSyslog('<13>Nov 29 06:33:44 myapp: hello world', { now });
    expect(m.hostname).toBeUndefined();
    expect(m).toMatchObject({ app: 'myapp', message: 'hello world' });
  });

  it('sshd with PID and a space-padded single-digit day', () => {
    const m = parseSyslog('<38>Feb  5 08:01:02 bastion sshd[4721]: Failed password for invalid user admin from 203.0.113.9 port 50022 ssh2', { now });
    expect(m).toMatchObject({
      facilityName: 'auth', severityName: 'info', timestamp: '2026-02-05T08:01:02Z', hostname: 'bastion',
      app: 'sshd', procid: '4721', message: 'Failed password for invalid user admin from 203.0.113.9 port 50022 ssh2',
    });
  });

  it('rsyslog forwarding with an RFC 3339 timestamp and a slash in the tag', () => {
    const m = parseSyslog('<22>2024-06-01T12:00:00.5+02:00 mx1 postfix/smtpd[999]: connect from unknown[198.51.100.7]', { now });
    expect(m).toMatchObject({ timestamp: '2024-06-01T10:00:00.5Z', hostname: 'mx1', app: 'postfix/smtpd', procid: '999', facilityName: 'mail' });
  });

  it('Cisco IOS: sequence number, "*" unsynced marker, milliseconds, zone, %FAC-SEV-MNEMONIC', () => {
    const m = parseSyslog('<189>32: *Mar  1 00:03:29.567 UTC: %SYS-5-CONFIG_I: Configured from console by console', { now });
    expect(m).toMatchObject({
      format: 'rfc3164', facilityName: 'local7', severityName: 'notice', timestamp: '2026-03-01T00:03:29.567Z',
      app: '%SYS-5-CONFIG_I', message: 'Configured from console by console',
    });
    expect(m.hostname).toBeUndefined();
  });

  it('Cisco IOS with origin-id hostname and a CET zone', () => {
    const m = parseSyslog('<187>45: rtr1: Jan 12 10:22:11.403 CET: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down', { now });
    expect(m).toMatchObject({ hostname: 'rtr1', timestamp: '2026-01-12T09:22:11.403Z', app: '%LINK-3-UPDOWN', severityName: 'err' });
  });

  it('Cisco ASA with a year in the timestamp', () => {
    const m = parseSyslog('<166>Jan 05 2015 12:34:56: %ASA-6-302013: Built outbound TCP connection 1 for outside:192.0.2.1/443', { now });
    expect(m).toMatchObject({ timestamp: '2015-01-05T12:34:56Z', app: '%ASA-6-302013', message: 'Built outbound TCP connection 1 for outside:192.0.2.1/443' });
  });

  it('no timestamp: the rest is TAG: MSG or just MSG', () => {
    expect(parseSyslog('<13>kernel: oops', { now })).toMatchObject({ format: 'rfc3164', app: 'kernel', message: 'oops' });
    expect(parseSyslog('<13>just some text', { now })).toMatchObject({ format: 'rfc3164', message: 'just some text' });
    expect(parseSyslog('<13>1 apple fell', { now })).toMatchObject({ format: 'rfc3164', message: '1 apple fell' });
  });

  it('IPv6 hostname', () => {
    expect(parseSyslog('<13>Nov 29 06:00:00 2001:db8::1 app: m', { now })).toMatchObject({ hostname: '2001:db8::1', app: 'app' });
  });
});

describe('RFC 3164 year inference (no year on the wire)', () => {
  const at = (iso: string) => ({ now: new Date(iso) });
  it('uses the current year for a past date', () => {
    expect(parseSyslog('<13>Mar  3 10:00:00 h a: m', at('2026-06-01T00:00:00Z')).timestamp).toBe('2026-03-03T10:00:00Z');
  });
  it('up to a day ahead of now is still this year (clock skew)', () => {
    expect(parseSyslog('<13>Jun  1 20:00:00 h a: m', at('2026-06-01T00:00:00Z')).timestamp).toBe('2026-06-01T20:00:00Z');
  });
  it('more than a day ahead means last year', () => {
    expect(parseSyslog('<13>Dec 31 23:59:59 h a: m', at('2027-01-01T00:00:10Z')).timestamp).toBe('2026-12-31T23:59:59Z');
    expect(parseSyslog('<13>Jun  3 00:00:00 h a: m', at('2026-06-01T00:00:00Z')).timestamp).toBe('2025-06-03T00:00:00Z');
  });
  it('a sender just past New Year while we are on Dec 31 gets next year', () => {
    expect(parseSyslog('<13>Jan  1 00:00:05 h a: m', at('2026-12-31T23:59:50Z')).timestamp).toBe('2027-01-01T00:00:05Z');
  });
  it('Feb 29 goes back to the last leap year', () => {
    expect(parseSyslog('<13>Feb 29 12:00:00 h a: m', at('2026-06-01T00:00:00Z')).timestamp).toBe('2024-02-29T12:00:00Z');
  });
  it('an impossible date keeps the fields but no timestamp', () => {
    const m = parseSyslog('<13>Feb 30 12:00:00 h a: m', at('2026-06-01T00:00:00Z'));
    expect(m.timestamp).toBeUndefined();
    expect(m).toMatchObject({ hostname: 'h', app: 'a', message: 'm' });
  });
});

describe('PRI validation', () => {
  it.each(['<192>x', '<013>x', '<00>x', '<1a>x', '<>x', '<1234>x', '< 13>x', '13>x'])('%s is unknown, whole text kept', (s) => {
    expect(parseSyslog(s)).toEqual({ format: 'unknown', message: s });
  });
  it('accepts 0 and 191', () => {
    expect(parseSyslog('<0>m')).toMatchObject({ facilityName: 'kern', severityName: 'emerg' });
    expect(parseSyslog('<191>m')).toMatchObject({ facilityName: 'local7', severityName: 'debug' });
  });
  it('no PRI: format unknown, message is the whole text', () => {
    const line = 'Nov 29 06:33:44 vm sshd[1]: no pri';
    expect(parseSyslog(line)).toEqual({ format: 'unknown', message: line });
  });
  it('cuts over-long input and says so', () => {
    const m = parseSyslog('<13>' + 'x'.repeat(100), { maxChars: 20 });
    expect(m.truncated).toBe(true);
    expect(m.message).toBe('x'.repeat(16));
  });
});
