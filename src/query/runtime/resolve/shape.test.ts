import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowCount, shapeResult, toJsonValue } from './shape.js';

describe('shapeResult (reference §4.7)', () => {
  it('gives every row the union of keys in first-seen order, missing ones null', () => {
    expect(shapeResult([{ a: 1 }, { b: 2, a: 3 }, { c: undefined }])).toEqual([{ a: 1, b: null, c: null }, { a: 3, b: 2, c: null }, { a: null, b: null, c: null }]);
    expect(Object.keys((shapeResult([{ b: 1 }, { a: 1 }]) as object[])[0]!)).toEqual(['b', 'a']);
  });

  it('leaves lists of scalars, objects and scalars in shape', () => {
    expect(shapeResult([1, 'a', null])).toEqual([1, 'a', null]);
    expect(shapeResult({ x: [{ a: 1 }, { b: 1 }] })).toEqual({ x: [{ a: 1 }, { b: 1 }] });
    expect(shapeResult(5)).toBe(5);
    expect(shapeResult(null)).toBeNull();
    expect(shapeResult(undefined)).toBeNull();
  });

  it('converts Dates to ISO-8601 UTC, NaN/±Infinity to null, bigint to a string', () => {
    const d = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    expect(shapeResult([{ t: d, n: Number.NaN, i: Number.POSITIVE_INFINITY, m: -Infinity, b: 12345678901234567890n, nested: { t: d } }])).toEqual([
      { t: '2024-01-02T03:04:05.006Z', n: null, i: null, m: null, b: '12345678901234567890', nested: { t: '2024-01-02T03:04:05.006Z' } },
    ]);
    expect(toJsonValue(new Date(Number.NaN))).toBeNull();
    expect(toJsonValue(() => 1)).toBeNull();
  });

  it('cuts cycles instead of overflowing the stack', () => {
    const o: Record<string, unknown> = { a: 1 };
    o['self'] = o;
    expect(() => JSON.stringify(shapeResult(o))).not.toThrow();
  });

  it('always produces JSON that round-trips unchanged (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }), (v) => {
        const shaped = shapeResult(v);
        expect(JSON.parse(JSON.stringify(shaped) ?? 'null')).toEqual(shaped);
      }),
      { numRuns: 300 },
    );
  });

  it('counts rows', () => {
    expect(rowCount([1, 2])).toBe(2);
    expect(rowCount(null)).toBe(0);
    expect(rowCount({ a: 1 })).toBe(1);
  });
});
