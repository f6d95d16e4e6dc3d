/** qs_reverse — reference §6.2: reverse the ordering. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_reverse', () => {
  it('reverses search order (newest first → oldest first)', async () => {
    expect(await h.ok('search index=app | qs_reverse | qs_values text | qs_limit 2')).toEqual([{ text: 'user login alice' }, { text: 'user logout bob' }]);
    expect(await h.ok('search index=app | qs_order_by created | qs_reverse | qs_values text | qs_limit 1')).toEqual([{ text: 'job failed | pipe' }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_reverse'); });
  it('takes no arguments; needs a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_reverse x'), 'DLV_QUERY_ARGUMENT', 'qs_reverse', 1);
    expectCmdError(await h.fail('fake_data --list | qs_reverse'), 'DLV_QUERY_LAZY_INPUT', 'qs_reverse', 1);
  });
});
