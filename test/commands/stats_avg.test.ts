/** stats avg F [--by G…] [--as-field N=avg] — reference §6.4 (nulls skipped; non-numeric → error). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('stats avg', () => {
  it('adds the overall mean to every row', async () => {
    const src = await h.rows([{ v: 1 }, { v: 2 }, { v: 6 }]);
    expect(await h.ok(`${src} | stats avg v`)).toEqual([{ v: 1, avg: 3 }, { v: 2, avg: 3 }, { v: 6, avg: 3 }]);
  });

  it('--by: the mean per group, rows sorted by group; --as-field names the result', async () => {
    const src = await h.rows([{ g: 'b', v: 4 }, { g: 'a', v: 1 }, { g: 'b', v: 2 }, { g: 'a', v: 3 }]);
    expect(await h.ok(`${src} | stats avg v --by g --as-field mean`)).toEqual([
      { g: 'a', v: 1, mean: 2 }, { g: 'a', v: 3, mean: 2 }, { g: 'b', v: 4, mean: 3 }, { g: 'b', v: 2, mean: 3 },
    ]);
  });

  it('averages a JSON path of search rows, skipping nulls/missing', async () => {
    const r = await h.ok<{ host: string; d: number }[]>('search index=app | stats avg extracted_fields__duration --by host --as-field d | dedup host | select host d');
    expect(r).toEqual([{ host: 'app1', d: (1.5 + 0.25) / 2 }, { host: 'app2', d: (12 + 2) / 2 }]);
  });

  it('an existing key of the result name wins', async () => {
    const src = await h.rows([{ v: 1, avg: 'mine' }]);
    expect(await h.ok(`${src} | stats avg v`)).toEqual([{ v: 1, avg: 'mine' }]);
  });

  it('empty input gives []', async () => {
    expect(await h.ok('stats avg v')).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'stats avg', ['--as-field N']);
  });

  it('a non-numeric value or a missing F is a 400', async () => {
    const src = await h.rows([{ v: 1 }, { v: 'x' }]);
    expectCmdError(await h.fail(`${src} | stats avg v`), 'DLV_QUERY_TYPE', 'stats', 2);
    expectCmdError(await h.fail('search | stats avg'), 'DLV_QUERY_ARGUMENT', 'stats', 1);
  });
});
