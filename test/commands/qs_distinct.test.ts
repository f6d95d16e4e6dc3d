/** qs_distinct [F…] — reference §6.2: distinct rows. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_distinct', () => {
  it('removes duplicate projected rows', async () => {
    expect(await h.ok('search | qs_values index | qs_distinct | qs_order_by index')).toEqual([{ index: 'app' }, { index: 'web' }]);
    expect(await h.ok('search | qs_values index source | qs_distinct | qs_count')).toBe(4);
  });
  it('with fields', async () => {
    expect(await h.ok('search | qs_distinct host | qs_count')).toBe(5);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_distinct'); });
  it('needs a lazy query; unknown fields refused', async () => {
    expectCmdError(await h.fail('fake_data --list | qs_distinct'), 'DLV_QUERY_LAZY_INPUT', 'qs_distinct', 1);
    expectCmdError(await h.fail('search | qs_distinct nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_distinct', 1);
  });
});
