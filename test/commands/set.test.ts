/** set K=V… — reference §6.3: cast values into the local context; input passes through. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('set', () => {
  it('sets template variables for later commands; input passes through', async () => {
    expect(await h.ok('set idx=app | search index={{ idx }} | qs_count')).toBe(6);
    expect(await h.ok('fake_data --list | set a=1')).toEqual(['foo', 'bar', 'baz']);
  });
  it('values are cast (lists usable in for loops)', async () => {
    const r = await h.ok('set hs=[1,2] | echo "{% for x in hs %}{{ x }};{% endfor %}"');
    expect(r).toEqual([{ expression: '1;2;' }]);
  });
  it('overrides the request local_context for later commands', async () => {
    expect(await h.ok('set idx=web | search index={{ idx }} | qs_count', { local_context: { idx: 'app' } })).toBe(6);
    expect(await h.ok('search index={{ idx }} | qs_count', { local_context: { idx: 'app' } })).toBe(6);
  });
  it('empty input stays empty', async () => { expect(await h.ok('set a=1')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'set', ['K=V']); });
  it('a term without = is a 400', async () => {
    expectCmdError(await h.fail('set nonsense'), 'DLV_QUERY_ARGUMENT', 'set', 0);
    expectCmdError(await h.fail('set'), 'DLV_QUERY_ARGUMENT', 'set', 0);
  });
});
