import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToMicros, senderHost, syslogEvent } from './index.js';

const defaults = { index: 'main', source: 'syslog', sourcetype: 'text/syslog' };

describe('syslogEvent', () => {
  it('never throws, keeps the trimmed text, and always sets a host', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (text, useTime) => {
      const ev = syslogEvent(text, '::ffff:10.1.2.3', defaults, useTime);
      if (text.trim() === '') return ev === null;
      expect(ev!.text).toBe(text.trim());
      expect(ev!.host.length).toBeGreaterThan(0);
      if (ev!.created !== undefined) expect(Number.isSafeInteger(ev!.created)).toBe(true);
      return true;
    }), { numRuns: 500 });
  });

  it('takes host from the message, else the sender, and the override first', () => {
    expect(syslogEvent('<13>1 - web01 app - - - hi', '10.0.0.1', defaults, false)!.host).toBe('web01');
    expect(syslogEvent('<13>1 - - app - - - hi', '::ffff:10.0.0.1', defaults, false)!.host).toBe('10.0.0.1');
    expect(syslogEvent('<13>1 - web01 app - - - hi', '10.0.0.1', { ...defaults, host: 'fixed' }, false)!.host).toBe('fixed');
  });

  it('sets created only with useMessageTime and a valid timestamp', () => {
    const msg = '<13>1 2024-02-29T12:00:00.5Z h a - - - x';
    expect(syslogEvent(msg, 'h', defaults, false)!.created).toBeUndefined();
    expect(syslogEvent(msg, 'h', defaults, true)!.created).toBe(Date.UTC(2024, 1, 29, 12) * 1000 + 500_000);
    expect(syslogEvent('<13>1 - h a - - - x', 'h', defaults, true)!.created).toBeUndefined();
  });
});

describe('helpers', () => {
  it('isoToMicros keeps microseconds and rejects junk', () => {
    expect(isoToMicros('1970-01-01T00:00:01.000001999Z')).toBe(1_000_001);
    expect(isoToMicros('1970-01-01T00:00:00Z')).toBe(0);
    expect(isoToMicros('yesterday')).toBeUndefined();
    expect(isoToMicros('2024-13-45T99:00:00Z')).toBeUndefined();
  });
  it('senderHost unwraps IPv4-mapped IPv6 only', () => {
    expect(senderHost('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(senderHost('2001:db8::1')).toBe('2001:db8::1');
  });
});
