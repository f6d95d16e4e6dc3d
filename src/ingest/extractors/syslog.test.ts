import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractSyslog } from './syslog.js';

const now = new Date('2026-11-29T07:00:00Z');

describe('extractSyslog', () => {
  it('RFC 3164 sshd line → names and codes, undefined keys omitted', () => {
    expect(extractSyslog('<35>Nov 29 06:33:44 bastion sshd[4721]: error: maximum authentication attempts exceeded', { now })).toEqual({
      syslog_format: 'rfc3164', facility: 'auth', facility_code: 4, severity: 'err', severity_code: 3,
      syslog_timestamp: '2026-11-29T06:33:44Z', hostname: 'bastion', app: 'sshd', procid: '4721',
      message: 'error: maximum authentication attempts exceeded',
    });
  });

  it('RFC 5424 with structured data', () => {
    const fields = extractSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"] hi');
    expect(fields).toEqual({
      syslog_format: 'rfc5424', facility: 'local4', facility_code: 20, severity: 'notice', severity_code: 5,
      syslog_timestamp: '2003-10-11T22:14:15.003Z', hostname: 'mymachine.example.com', app: 'evntslog', msgid: 'ID47',
      structured_data: { 'exampleSDID@32473': { iut: '3' } }, message: 'hi',
    });
    expect(JSON.parse(JSON.stringify(fields))).toEqual(fields);
  });

  it('non-syslog text → only format and message', () => {
    expect(extractSyslog('GET /index.html 200')).toEqual({ syslog_format: 'unknown', message: 'GET /index.html 200' });
  });

  it('never throws and never returns undefined values', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      const f = extractSyslog(s);
      expect(Object.values(f)).not.toContain(undefined);
    }), { numRuns: 300 });
  });
});
