/** qs_select_related PATH… — reference §6.2: a load hint on relations; output unchanged. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_select_related', () => {
  it('leaves the output unchanged', async () => {
    expect(await h.ok('search | qs_select_related user | qs_count')).toBe(12);
    expect(await h.ok('search index=app | qs_select_related user | qs_values user__username | qs_limit 1')).toEqual([{ user__username: 'alice' }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_select_related'); });
  it('the first segment must be a relation; needs a lazy query', async () => {
    const e = await h.fail('search | qs_select_related host');
    expect(e.command?.name).toBe('qs_select_related');
    expectCmdError(await h.fail('fake_data --list | qs_select_related user'), 'DLV_QUERY_LAZY_INPUT', 'qs_select_related', 1);
  });
});
