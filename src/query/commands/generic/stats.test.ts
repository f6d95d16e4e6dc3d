import { describe, expect, it } from 'vitest';
import { stats } from './stats.js';
import { run, runError } from './test-helpers.js';

const rows = [
  { host: 'b', ms: 10, user: 'x' },
  { host: 'a', ms: 20, user: 'y' },
  { host: 'b', ms: null, user: 'x' },
  { host: 'a', ms: 40, user: null },
  { host: 'c' },
];

describe('stats', () => {
  it('alone returns null', async () => {
    expect(await run(stats, rows)).toBeNull();
  });
  it('rejects options without a sub-command and options of the other sub-command', async () => {
    expect((await runError(stats, rows, '--by host')).message).toContain('needs a sub-command');
    expect((await runError(stats, rows, 'avg ms --distinct')).message).toBe('stats avg does not take --distinct.');
    expect((await runError(stats, rows, 'count --as-field x')).message).toBe('stats count does not take --as-field.');
    expect((await runError(stats, rows, 'avg')).message).toContain('needs the field');
    expect((await runError(stats, rows, 'median x')).message).toContain("invalid choice: 'median'");
  });
});

describe('stats avg', () => {
  it('adds the overall mean to every row, skipping null and missing values', async () => {
    const out = (await run(stats, rows, 'avg ms')) as { avg: number }[];
    expect(out.map((r) => r.avg)).toEqual([70 / 3, 70 / 3, 70 / 3, 70 / 3, 70 / 3]);
  });
  it('groups with --by: rows sorted by key, mean per group, --as-field names it, existing keys win', async () => {
    const out = await run(stats, rows, 'avg ms --by host --as-field mean');
    expect(out).toEqual([
      { host: 'a', ms: 20, user: 'y', mean: 30 },
      { host: 'a', ms: 40, user: null, mean: 30 },
      { host: 'b', ms: 10, user: 'x', mean: 10 },
      { host: 'b', ms: null, user: 'x', mean: 10 },
      { host: 'c', mean: null },
    ]);
    const kept = (await run(stats, [{ ms: 1, avg: 'mine' }], 'avg ms')) as { avg: unknown }[];
    expect(kept[0]?.avg).toBe('mine');
  });
  it('errors on non-numeric values', async () => {
    const e = await runError(stats, [{ ms: '5' }], 'avg ms');
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toContain('only numbers can be averaged');
  });
});

describe('stats count', () => {
  it('without --by returns a bare integer: rows, non-null F, distinct rows, distinct F', async () => {
    expect(await run(stats, rows, 'count')).toBe(5);
    expect(await run(stats, rows, 'count user')).toBe(3);
    expect(await run(stats, rows, 'count --distinct')).toBe(5);
    expect(await run(stats, [{ a: 1 }, { a: 1 }, { a: 2 }], 'count --distinct')).toBe(2);
    expect(await run(stats, rows, 'count user --distinct')).toBe(2);
  });
  it('with --by annotates every row with key and the group count, sorted by key (nulls last)', async () => {
    const out = await run(stats, [...rows, { ms: 1 }], 'count user --by host --field-name n');
    expect(out).toEqual([
      { host: 'a', ms: 20, user: 'y', key: 'a', n: 1 },
      { host: 'a', ms: 40, user: null, key: 'a', n: 1 },
      { host: 'b', ms: 10, user: 'x', key: 'b', n: 2 },
      { host: 'b', ms: null, user: 'x', key: 'b', n: 2 },
      { host: 'c', key: 'c', n: 0 },
      { ms: 1, key: null, n: 0 },
    ]);
  });
  it('uses a list key for several --by fields', async () => {
    const out = (await run(stats, [{ a: 1, b: 2 }, { a: 1, b: 2 }], 'count --by a b')) as object[];
    expect(out[0]).toEqual({ a: 1, b: 2, key: [1, 2], count: 2 });
  });
  it('errors clearly when group keys have mixed types', async () => {
    const e = await runError(stats, [{ h: 1 }, { h: 'x' }], 'count --by h');
    expect(e.message).toContain('cannot sort the --by groups');
  });
});
