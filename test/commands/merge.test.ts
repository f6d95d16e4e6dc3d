/** merge F… — reference §6.3: group by F values; other keys → arrays of distinct values (first-seen order). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('merge', () => {
  it('groups rows and collects the other keys as distinct arrays', async () => {
    const src = await h.rows([{ g: 'a', v: 1, w: 'x' }, { g: 'b', v: 2, w: 'x' }, { g: 'a', v: 3, w: 'x' }, { g: 'a', v: 1, w: 'y' }]);
    expect(await h.ok(`${src} | merge g`)).toEqual([{ g: 'a', v: [1, 3], w: ['x', 'y'] }, { g: 'b', v: [2], w: ['x'] }]);
  });
  it('merges search rows per host', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app | qs_order_by created | select host source | merge host');
    expect(r).toEqual([{ host: 'app1', source: ['app.log', 'worker.log'] }, { host: 'app2', source: ['app.log', 'worker.log'] }]);
  });
  it('a missing group field groups as null', async () => {
    const src = await h.rows([{ v: 1 }, { g: 'a', v: 2 }, { v: 3 }]);
    expect(await h.ok(`${src} | merge g`)).toEqual([{ g: null, v: [1, 3] }, { g: 'a', v: [2] }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('merge g')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'merge'); });
  it('no field is a 400', async () => { expectCmdError(await h.fail('search | merge'), 'DLV_QUERY_ARGUMENT', 'merge', 1); });
});
