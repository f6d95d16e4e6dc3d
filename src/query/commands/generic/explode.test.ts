import { describe, expect, it } from 'vitest';
import { ensureList, eventSplit, explode, explodeTimestamp } from './explode.js';
import { makeCtx, run, runError } from './test-helpers.js';

describe('explode', () => {
  it('merges an object value (prefixed, overwriting) and removes it', async () => {
    expect(await run(explode, [{ a: 1, f: { a: 2, b: 3 }, z: 0 }], 'f')).toEqual([{ a: 2, z: 0, b: 3 }]);
    expect(await run(explode, [{ a: 1, f: { a: 2 } }], 'f --prefix f_')).toEqual([{ a: 1, f_a: 2 }]);
  });
  it('removes null, moves other values last, leaves rows without the field unchanged', async () => {
    const out = (await run(explode, [{ f: null, a: 1 }, { f: 5, a: 1 }, { a: 1 }], 'f')) as object[];
    expect(out).toEqual([{ a: 1 }, { a: 1, f: 5 }, { a: 1 }]);
    expect(Object.keys(out[1] as object)).toEqual(['a', 'f']);
  });
  it('copies a __proto__ key as data, never as the prototype', async () => {
    const inner = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const out = (await run(explode, [{ f: inner }], 'f')) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(out[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('explode_timestamp', () => {
  it('splits datetimes (UTC), dates and times; the original field is removed', async () => {
    const d = new Date('2024-03-05T06:07:08.123Z');
    expect(await run(explodeTimestamp, [{ t: d, x: 1 }], 't')).toEqual([
      { x: 1, year: 2024, month: 3, day: 5, hour: 6, minute: 7, second: 8, microsecond: 123000 },
    ]);
    expect(await run(explodeTimestamp, [{ t: '2024-03-05' }], 't --prefix t_')).toEqual([{ t_year: 2024, t_month: 3, t_day: 5 }]);
    expect(await run(explodeTimestamp, [{ t: '10:11:12.5' }], 't')).toEqual([{ hour: 10, minute: 11, second: 12, microsecond: 500000 }]);
  });
  it('leaves absent/null alone and rejects other values', async () => {
    expect(await run(explodeTimestamp, [{ a: 1 }, { t: null }], 't')).toEqual([{ a: 1 }, { t: null }]);
    expect((await runError(explodeTimestamp, [{ t: 'soon' }], 't')).code).toBe('DLV_QUERY_TYPE');
  });
});

describe('event_split', () => {
  it('makes one row per list element with the literal key F', async () => {
    expect(await run(eventSplit, [{ id: 1, e: { tags: ['a', 'b'] } }], 'e__tags')).toEqual([
      { id: 1, e: { tags: ['a', 'b'] }, e__tags: 'a' },
      { id: 1, e: { tags: ['a', 'b'] }, e__tags: 'b' },
    ]);
  });
  it('makes one row per object entry with F and F_key; other values pass; [] drops the row', async () => {
    expect(await run(eventSplit, [{ f: { x: 1, y: 2 } }, { f: 'plain' }, { f: [] }, { g: 1 }], 'f')).toEqual([
      { f: 1, f_key: 'x' },
      { f: 2, f_key: 'y' },
      { f: 'plain' },
      { g: 1 },
    ]);
  });
  it('refuses to exceed the row cap', async () => {
    const e = await runError(eventSplit, [{ f: [1, 2, 3] }, { f: [4, 5, 6] }], 'f', makeCtx({ maxRows: 4 }));
    expect(e.code).toBe('DLV_QUERY_LIMIT');
  });
  it('stops when the run is cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    expect((await runError(eventSplit, [{ f: [1] }], 'f', makeCtx({ signal: ac.signal }))).code).toBe('DLV_QUERY_CANCELLED');
  });
});

describe('ensure_list', () => {
  it('wraps non-lists, keeps lists, absent → [null]', async () => {
    expect(await run(ensureList, [{ f: 1 }, { f: [1] }, {}, { f: null }], 'f')).toEqual([{ f: [1] }, { f: [1] }, { f: [null] }, { f: [null] }]);
  });
});
