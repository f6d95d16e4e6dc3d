/** qs_only F… — reference §6.2: a load hint. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_only', () => {
  it('does not change which rows come out', async () => {
    expect(await h.ok('search | qs_only host | qs_count')).toBe(12);
    expect(await h.ok('search index=app | qs_only host | qs_values host | qs_limit 1')).toEqual([{ host: 'app2' }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_only'); });
  it('needs fields, known fields, a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_only'), 'DLV_QUERY_ARGUMENT', 'qs_only', 1);
    expectCmdError(await h.fail('search | qs_only nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_only', 1);
    expectCmdError(await h.fail('fake_data --list | qs_only a'), 'DLV_QUERY_LAZY_INPUT', 'qs_only', 1);
  });
});
