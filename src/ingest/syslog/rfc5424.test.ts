import { describe, expect, it } from 'vitest';
import { parseSyslog } from './index.js';

const BOM = '\uFEFF';

describe('parseSyslog — RFC 5424 section 6.5 examples', () => {
  it('example 1: no structured data, BOM before MSG', () => {
    const m = parseSyslog(`<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ${BOM}'su root' failed for lonvick on /dev/pts/8`);
    expect(m).toEqual({
      format: 'rfc5424', pri: 34, facility: 4, facilityName: 'auth', severity: 2, severityName: 'crit', version: 1,
      timestamp: '2003-10-11T22:14:15.003Z', hostname: 'mymachine.example.com', app: 'su', msgid: 'ID47',
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
  });

  it('example 2: microseconds and a -07:00 offset are converted to UTC', () => {
    const m = parseSyslog("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");
    expect(m).toMatchObject({
      format: 'rfc5424', facilityName: 'local4', severityName: 'notice', timestamp: '2003-08-24T12:14:15.000003Z',
      hostname: '192.0.2.1', app: 'myproc', procid: '8710', message: "%% It's time to make the do-nuts.",
    });
    expect(m.msgid).toBeUndefined();
    expect(m.structuredData).toBeUndefined();
  });

  it('example 3: structured data and a message', () => {
    const m = parseSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" ' +
      `eventSource="Application" eventID="1011"] ${BOM}An application event log entry...`);
    expect(m.structuredData).toEqual({ 'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' } });
    expect(m.message).toBe('An application event log entry...');
    expect(m.procid).toBeUndefined();
  });

  it('example 4: two SD elements and no MSG', () => {
    const m = parseSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" ' +
      'eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]');
    expect(m.structuredData).toEqual({
      'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      'examplePriority@32473': { class: 'high' },
    });
    expect(m.message).toBe('');
  });
});

describe('parseSyslog — RFC 5424 from real senders', () => {
  // Captured from util-linux `logger --rfc5424 -n 127.0.0.1 -d` (UDP) in this environment.
  it('logger --rfc5424 with timeQuality, --sd-id, --msgid and -i', () => {
    const m = parseSyslog('<133>1 2026-11-29T06:33:45.145561+00:00 vm myapp 4878 ID47 [timeQuality tzKnown="1" isSynced="0"]' +
      '[exampleSDID@32473 iut="3"] héllo ünïcode');
    expect(m).toMatchObject({
      format: 'rfc5424', facilityName: 'local0', severityName: 'notice', timestamp: '2026-11-29T06:33:45.145561Z',
      hostname: 'vm', app: 'myapp', procid: '4878', msgid: 'ID47', message: 'héllo ünïcode',
      structuredData: { timeQuality: { tzKnown: '1', isSynced: '0' }, 'exampleSDID@32473': { iut: '3' } },
    });
  });

  it('rsyslog RSYSLOG_SyslogProtocol23Format with a +02:00 offset', () => {
    const m = parseSyslog('<86>1 2024-03-05T10:20:30.123456+02:00 web01 sshd 2211 - - Accepted publickey for deploy from 10.0.0.5 port 51234 ssh2\n');
    expect(m).toMatchObject({ facilityName: 'authpriv', severityName: 'info', timestamp: '2024-03-05T08:20:30.123456Z', app: 'sshd' });
    expect(m.message).toBe('Accepted publickey for deploy from 10.0.0.5 port 51234 ssh2');
  });

  it('NILVALUE everywhere', () => {
    expect(parseSyslog('<14>1 - - - - - -')).toEqual({
      format: 'rfc5424', pri: 14, facility: 1, facilityName: 'user', severity: 6, severityName: 'info', version: 1, message: '',
    });
  });

  it('decodes \\" \\\\ \\] and keeps other backslashes literally', () => {
    const m = parseSyslog('<14>1 - h a - - [x@1 q="say \\"hi\\"" b="back\\\\slash" r="a\\]b" o="c:\\temp"] msg');
    expect(m.structuredData).toEqual({ 'x@1': { q: 'say "hi"', b: 'back\\slash', r: 'a]b', o: 'c:\\temp' } });
    expect(m.message).toBe('msg');
  });

  it('repeated SD-IDs and PARAM-NAMEs are suffixed #2, #3, not merged', () => {
    const m = parseSyslog('<14>1 - h a - - [origin ip="1.1.1.1" ip="2.2.2.2"][origin software="x"][origin ip="3.3.3.3"] m');
    expect(m.structuredData).toEqual({
      origin: { ip: '1.1.1.1', 'ip#2': '2.2.2.2' }, 'origin#2': { software: 'x' }, 'origin#3': { ip: '3.3.3.3' },
    });
  });

  it('an SD-ID named __proto__ is data and pollutes nothing', () => {
    const m = parseSyslog('<14>1 - h a - - [__proto__ polluted="yes"][constructor prototype="x"] m');
    expect(Object.keys(m.structuredData!)).toEqual(['__proto__', 'constructor']);
    expect(m.structuredData!['__proto__']).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('malformed structured data stays in the message', () => {
    const m = parseSyslog('<14>1 - h a - - [unterminated x="1" rest of text');
    expect(m.structuredData).toBeUndefined();
    expect(m.message).toBe('[unterminated x="1" rest of text');
  });

  it('an invalid timestamp is dropped but the other fields are kept', () => {
    const m = parseSyslog('<14>1 2024-02-30T10:00:00Z h app - - - body');
    expect(m.timestamp).toBeUndefined();
    expect(m).toMatchObject({ format: 'rfc5424', hostname: 'h', app: 'app', message: 'body' });
  });

  it('caps header fields at the RFC lengths', () => {
    const m = parseSyslog(`<14>1 - ${'h'.repeat(300)} ${'a'.repeat(60)} ${'p'.repeat(200)} ${'m'.repeat(40)} - x`);
    expect([m.hostname!.length, m.app!.length, m.procid!.length, m.msgid!.length]).toEqual([255, 48, 128, 32]);
  });

  it('a short header keeps what is there', () => {
    expect(parseSyslog('<14>1 2024-01-01T00:00:00Z host')).toMatchObject({ format: 'rfc5424', hostname: 'host', message: '' });
  });
});
