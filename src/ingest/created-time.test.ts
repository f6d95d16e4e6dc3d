import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { microsToIso, parseIsoToMicros } from './created-time.js';

describe('created times', () => {
  it('parse ISO-8601 forms to epoch µs, keeping microseconds', () => {
    expect(parseIsoToMicros('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseIsoToMicros('2024-03-05T10:00:00.123456Z')).toBe(Date.UTC(2024, 2, 5, 10) * 1000 + 123456);
    expect(parseIsoToMicros('2024-03-05T12:00:00+02:00')).toBe(Date.UTC(2024, 2, 5, 10) * 1000);
    expect(parseIsoToMicros('2024-03-05 10:00')).toBe(Date.UTC(2024, 2, 5, 10) * 1000);
    expect(parseIsoToMicros('2024-03-05')).toBe(Date.UTC(2024, 2, 5) * 1000);
    for (const bad of ['2024-02-30', '2024-13-01', '2024-03-05T24:00:00Z', 'yesterday', '', '2024-03-05T10:00:00+25:00']) expect(parseIsoToMicros(bad), bad).toBeUndefined();
  });
  it('round-trip through microsToIso (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (us) => {
      expect(parseIsoToMicros(microsToIso(us))).toBe(us);
    }));
  });
  it('never throw on any input (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => { parseIsoToMicros(s); }));
  });
});
