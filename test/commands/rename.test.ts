/** rename -f FROM -t TO — reference §6.3 (missing FROM → error). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('rename', () => {
  it('renames a key in every row (value kept)', async () => {
    const src = await h.rows([{ a: 1, b: 2 }, { a: { x: 'é' } }]);
    expect(await h.ok(`${src} | rename -f a -t z`)).toEqual([{ b: 2, z: 1 }, { b: null, z: { x: 'é' } }]);
  });
  it('works on search rows', async () => {
    const r = await h.ok('search index=app --limit 1 | select host | rename -f host -t machine');
    expect(r).toEqual([{ machine: 'app2' }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('rename -f a -t b')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'rename', ['-f FROM', '-t TO']); });
  it('a missing FROM field or missing options are 400s', async () => {
    const src = await h.rows([{ a: 1 }]);
    expectCmdError(await h.fail(`${src} | rename -f nope -t x`), 'DLV_QUERY_FIELD_MISSING', 'rename', 2);
    expectCmdError(await h.fail('search | rename -f a'), 'DLV_QUERY_ARGUMENT', 'rename', 1);
  });
});
