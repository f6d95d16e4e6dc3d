/** echo EXPR… — reference §6.1: input rows, then {"expression": e} per argument (⚠BUG fixed after search). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('echo', () => {
  it('one row per argument', async () => {
    expect(await h.ok('echo hello "two words" é')).toEqual([{ expression: 'hello' }, { expression: 'two words' }, { expression: 'é' }]);
  });
  it('appends to the input rows (union of keys)', async () => {
    expect(await h.ok('fake_data --dict | echo hi')).toEqual([{ foo: 1, bar: 'baz', expression: null }, { foo: null, bar: null, expression: 'hi' }]);
  });
  it('works right after an unresolved search (the reference crashed)', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app --limit 1 | echo x');
    expect(r).toHaveLength(2);
    expect(r[1]).toMatchObject({ expression: 'x' });
  });
  it('renders templates', async () => {
    expect(await h.ok('echo "{{ who | upper }}"', { local_context: { who: 'ann' } })).toEqual([{ expression: 'ANN' }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'echo', ['EXPR']); });
  it('needs an argument', async () => { expectCmdError(await h.fail('echo'), 'DLV_QUERY_ARGUMENT', 'echo', 0); });
});
