/** qs_defer F… — reference §6.2: a load hint. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_defer', () => {
  it('does not change which rows come out', async () => {
    expect(await h.ok('search | qs_defer text | qs_count')).toBe(12);
    expect(await h.ok('search index=app | qs_defer text | qs_values host | qs_limit 1')).toEqual([{ host: 'app2' }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_defer'); });
  it('needs fields and a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_defer'), 'DLV_QUERY_ARGUMENT', 'qs_defer', 1);
    expectCmdError(await h.fail('fake_data --list | qs_defer a'), 'DLV_QUERY_LAZY_INPUT', 'qs_defer', 1);
  });
});
