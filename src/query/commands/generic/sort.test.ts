import { describe, expect, it } from 'vitest';
import { head, sort, transpose, valueList } from './sort.js';
import { run, runError } from './test-helpers.js';

describe('sort', () => {
  it('stably sorts rows by the field tuple, ascending or with -d descending', async () => {
    const rows = [{ a: 2, b: 'x', i: 0 }, { a: 1, b: 'y', i: 1 }, { a: 2, b: 'a', i: 2 }, { a: 1, b: 'y', i: 3 }];
    expect(((await run(sort, rows, 'a')) as { i: number }[]).map((r) => r.i)).toEqual([1, 3, 0, 2]);
    expect(((await run(sort, rows, 'a b')) as { i: number }[]).map((r) => r.i)).toEqual([1, 3, 2, 0]);
    expect(((await run(sort, rows, '-d a')) as { i: number }[]).map((r) => r.i)).toEqual([0, 2, 1, 3]);
  });
  it('sorts plain values when no field is given, and datetimes/lists', async () => {
    expect(await run(sort, [3, 1, 2])).toEqual([1, 2, 3]);
    expect(await run(sort, ['b', 'a'], '-d')).toEqual(['b', 'a']);
    expect(await run(sort, [[1, 2], [1], [0, 9]])).toEqual([[0, 9], [1], [1, 2]]);
    const [d1, d2] = [new Date(1), new Date(2)];
    expect(await run(sort, [{ t: d2 }, { t: d1 }], 't')).toEqual([{ t: d1 }, { t: d2 }]);
  });
  it('explains missing values and mixed types', async () => {
    const e = await runError(sort, [{ a: 1 }, { b: 1 }], 'a');
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toMatch(/^sort: cannot sort by "a": Cannot order/);
    expect((await runError(sort, [1, 'a'])).message).toContain('number 1');
  });
});

describe('head', () => {
  const list = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  it('keeps the first N (default 10); negative N keeps all but the last |N|', async () => {
    expect(await run(head, list)).toEqual(list.slice(0, 10));
    expect(await run(head, list, '-n 2')).toEqual([1, 2]);
    expect(await run(head, list, '-n -10')).toEqual([1, 2]);
    expect(await run(head, list, '-n -20')).toEqual([]);
    expect(await run(head, list, '-n 0')).toEqual([]);
  });
  it('needs a list', async () => {
    expect((await runError(head, { a: 1 })).message).toContain('head needs a list');
  });
});

describe('value_list', () => {
  it('lists one field ("" where absent)', async () => {
    expect(await run(valueList, [{ a: 1 }, { b: 2 }, { a: null }, { a: { b: 3 } }], 'a')).toEqual([1, '', null, { b: 3 }]);
  });
});

describe('transpose', () => {
  const rows = [{ a: 1, b: 2 }, { b: 3, c: 4 }];
  it('one row per key, keys in first-seen order, missing → null', async () => {
    expect(await run(transpose, rows)).toEqual([
      { key: 'a', 0: 1, 1: null },
      { key: 'b', 0: 2, 1: 3 },
      { key: 'c', 0: null, 1: 4 },
    ]);
  });
  it('uses the given fields, in order', async () => {
    expect(await run(transpose, rows, 'c a')).toEqual([
      { key: 'c', 0: null, 1: 4 },
      { key: 'a', 0: 1, 1: null },
    ]);
  });
});
