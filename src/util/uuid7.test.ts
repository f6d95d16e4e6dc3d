import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUuidv7Generator, isUuidv7, uuidv7, uuidv7Timestamp } from './uuid7.js';

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, timestamp in the first 48 bits', () => {
    const id = uuidv7(0x0123456789ab);
    expect(isUuidv7(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(id.slice(0, 13)).toBe('01234567-89ab');
    expect(uuidv7Timestamp(id)).toBe(0x0123456789ab);
  });

  it('embeds the current time by default', () => {
    const before = Date.now();
    const ts = uuidv7Timestamp(uuidv7())!;
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('is strictly increasing within one millisecond, as strings', () => {
    const gen = createUuidv7Generator();
    const ids = Array.from({ length: 5000 }, () => gen(1_700_000_000_000));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // 5000 ids overflow the 12-bit counter at least once: the timestamp moves forward, never back.
    expect(uuidv7Timestamp(ids.at(-1)!)).toBeGreaterThan(1_700_000_000_000);
  });

  it('stays monotonic when the clock steps back', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { minLength: 2, maxLength: 50 }), (times) => {
      const gen = createUuidv7Generator();
      const ids = times.map((t) => gen(t));
      for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
      ids.forEach((id) => expect(isUuidv7(id)).toBe(true));
    }));
  });

  it('rejects non-v7 strings in the helpers', () => {
    expect(isUuidv7('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(false);
    expect(uuidv7Timestamp('not-a-uuid')).toBeUndefined();
  });
});
