import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAuditRow } from './format.js';

const base = { ts: Date.UTC(2024, 4, 2, 3, 4, 5, 6), outcome: 'failure', action: 'auth.login', actor: 'bob', ip: '10.0.0.2', target: null, requestId: 'req-1' };

describe('formatAuditRow', () => {
  it('prints ISO time, outcome, action, actor@ip, target and request id on one line', () => {
    expect(formatAuditRow(base)).toBe('2024-05-02T03:04:05.006Z failure auth.login bob@10.0.0.2 target=- req=req-1');
    expect(formatAuditRow({ ...base, actor: null, ip: null, requestId: null, target: 'carol' }))
      .toBe('2024-05-02T03:04:05.006Z failure auth.login -@- target=carol req=-');
  });

  it('quotes values that could forge a second line or field', () => {
    const line = formatAuditRow({ ...base, actor: 'eve\n2024-01-01T00:00:00.000Z success auth.login admin' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('"eve\\n2024');
  });

  it('property: always exactly one line without raw control characters', () => {
    const s = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    fc.assert(fc.property(s, s, s, s, fc.integer(), (actor, ip, target, requestId, ts) => {
      const line = formatAuditRow({ ...base, ts, actor, ip, target, requestId });
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    }));
  });
});
