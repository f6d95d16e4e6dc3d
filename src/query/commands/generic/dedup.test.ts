import { describe, expect, it } from 'vitest';
import { dedup, distinct, merge } from './dedup.js';
import { run, runError } from './test-helpers.js';

describe('dedup', () => {
  const rows = [{ a: 1, b: 1 }, { b: 1, a: 1 }, { a: 2, b: 1 }, { a: 1, b: 1 }];
  it('removes consecutive duplicates of whole rows (key order ignored)', async () => {
    expect(await run(dedup, rows)).toEqual([{ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 1 }]);
  });
  it('compares on the given fields', async () => {
    expect(await run(dedup, rows, 'b')).toEqual([{ a: 1, b: 1 }]);
    expect(await run(dedup, [{ x: { y: 1 } }, { x: { y: 1 }, z: 1 }, { x: { y: 2 } }], 'x__y')).toEqual([{ x: { y: 1 } }, { x: { y: 2 } }]);
  });
  it('--all removes duplicates anywhere, keeping first occurrences', async () => {
    expect(await run(dedup, rows, '--all')).toEqual([{ a: 1, b: 1 }, { a: 2, b: 1 }]);
    expect(await run(dedup, [{ a: 1 }, { a: '1' }, { a: true }, { a: 1 }], 'a --all')).toEqual([{ a: 1 }, { a: '1' }, { a: true }]);
  });
});

describe('distinct', () => {
  it('returns one row of unique non-null values in first-seen order; fields without values are left out', async () => {
    const rows = [{ h: 'b', e: { s: 2 } }, { h: 'a', e: { s: 2 } }, { h: 'b', e: null }, { h: null }];
    expect(await run(distinct, rows, 'h e__s nope')).toEqual([{ h: ['b', 'a'], e__s: [2] }]);
  });
  it('rejects list and object values', async () => {
    const e = await runError(distinct, [{ a: [1] }], 'a');
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toContain('row 1');
  });
});

describe('merge', () => {
  it('groups by the F tuple; other keys become lists of distinct values in first-seen order', async () => {
    const rows = [
      { host: 'a', status: 200, path: '/x' },
      { host: 'b', status: 500 },
      { host: 'a', status: 404, path: '/x' },
      { status: 1 },
    ];
    expect(await run(merge, rows, 'host')).toEqual([
      { host: 'a', status: [200, 404], path: ['/x'] },
      { host: 'b', status: [500] },
      { host: null, status: [1] },
    ]);
  });
});
