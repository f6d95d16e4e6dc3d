/** transpose [F…] — reference §6.3: one row per key {key, "0": row0[k], "1": row1[k], …}. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('transpose', () => {
  it('turns rows into columns', async () => {
    const src = await h.rows([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(await h.ok(`${src} | transpose`)).toEqual([{ key: 'a', 0: 1, 1: 2 }, { key: 'b', 0: 'x', 1: 'y' }]);
  });
  it('F limits the keys', async () => {
    const src = await h.rows([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(await h.ok(`${src} | transpose b`)).toEqual([{ key: 'b', 0: 'x', 1: 'y' }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('transpose')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'transpose'); });
  it('an unknown option is a 400', async () => { expectCmdError(await h.fail('search | transpose --x'), 'DLV_QUERY_ARGUMENT', 'transpose', 1); });
});
