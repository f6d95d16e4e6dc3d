/** ensure_list F — reference §6.3: non-array → [v]; absent → [null]. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('ensure_list', () => {
  it('wraps scalars and objects, keeps arrays, absent → [null]', async () => {
    const src = await h.rows([{ v: 1 }, { v: [1, 2] }, { v: { k: 'é' } }, { v: null }, { w: 0 }]);
    expect(await h.ok(`${src} | ensure_list v`)).toEqual([
      { v: [1], w: null }, { v: [1, 2], w: null }, { v: [{ k: 'é' }], w: null }, { v: [null], w: null }, { w: 0, v: [null] },
    ]);
  });
  it('then event_split flattens uniformly', async () => {
    const src = await h.rows([{ v: 'a' }, { v: ['b', 'c'] }]);
    expect(await h.ok(`${src} | ensure_list v | event_split v`)).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('ensure_list v')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'ensure_list'); });
  it('exactly one field', async () => {
    expectCmdError(await h.fail('search | ensure_list'), 'DLV_QUERY_ARGUMENT', 'ensure_list', 1);
    expectCmdError(await h.fail('search | ensure_list a b'), 'DLV_QUERY_ARGUMENT', 'ensure_list', 1);
  });
});
