/** head [-n N=10] — reference §6.3: first N rows; negative N = all but the last |N|. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, spanText, useHarness } from './harness.js';

const h = useHarness();
const nums = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('head', () => {
  it('defaults to 10 rows', async () => {
    const r = await h.ok<unknown[]>('search | head');
    expect(r).toHaveLength(10);
  });

  it('-n N and --limit N take the first N rows in order', async () => {
    const src = await h.rows(nums(5));
    expect(await h.ok(`${src} | head -n 2`)).toEqual([{ i: 0 }, { i: 1 }]);
    expect(await h.ok(`${src} | head --limit 3`)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(await h.ok(`${src} | head --limit=1`)).toEqual([{ i: 0 }]);
    expect(await h.ok(`${src} | head --lim 1`)).toEqual([{ i: 0 }]);
  });

  it('keeps newest-first search order', async () => {
    const r = await h.ok<{ text: string }[]>('search index=app | head -n 2 | select text');
    expect(r).toEqual([{ text: 'job failed | pipe' }, { text: 'job done' }]);
  });

  it('negative N drops the last |N| rows; 0 gives []; N beyond the length gives all', async () => {
    const src = await h.rows(nums(4));
    expect(await h.ok(`${src} | head -n -1`)).toEqual(nums(3));
    expect(await h.ok(`${src} | head -n -10`)).toEqual([]);
    expect(await h.ok(`${src} | head -n 0`)).toEqual([]);
    expect(await h.ok(`${src} | head -n 99`)).toEqual(nums(4));
  });

  it('works on a list of scalars', async () => {
    expect(await h.ok('fake_data --list | head -n 2')).toEqual(['foo', 'bar']);
  });

  it('empty input gives []', async () => {
    expect(await h.ok('head -n 3')).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'head', ['-n N, --limit N']);
  });

  it('a non-integer N is a 400 pointing at the value', async () => {
    const q = 'search | head -n many';
    const e = await h.fail(q);
    expectCmdError(e, 'DLV_QUERY_ARGUMENT', 'head', 1);
    expect(spanText(q, e)).toBe('many');
    expect(e.message).toContain("invalid int value: 'many'");
    expectCmdError(await h.fail('search | head 5'), 'DLV_QUERY_ARGUMENT', 'head');
  });
});
