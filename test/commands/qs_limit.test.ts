/** qs_limit N [--offset M=0] — reference §6.2: slice. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, spanText, useHarness } from './harness.js';

const h = useHarness();

describe('qs_limit', () => {
  it('limits and offsets', async () => {
    expect(await h.ok('search index=web | qs_order_by created | qs_limit 2 | qs_values host')).toEqual([{ host: 'web1' }, { host: 'web1' }]);
    expect(await h.ok('search index=web | qs_order_by created | qs_limit 2 --offset 2 | qs_values host')).toEqual([{ host: 'web2' }, { host: 'web2' }]);
    expect(await h.ok('search | qs_limit 0 | qs_count')).toBe(0);
    expect(await h.ok('search | qs_limit 100 --offset 10 | qs_count')).toBe(2);
  });
  it('a filter after the slice applies to the sliced rows', async () => {
    expect(await h.ok('search index=web | qs_limit 2 | qs_filter host=web1')).toEqual([]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_limit', ['--offset M']); });
  it('a non-integer N is a 400 pointing at it', async () => {
    const q = 'search | qs_limit ten';
    const e = await h.fail(q);
    expectCmdError(e, 'DLV_QUERY_ARGUMENT', 'qs_limit', 1);
    expect(spanText(q, e)).toBe('ten');
    expectCmdError(await h.fail('search | qs_limit'), 'DLV_QUERY_ARGUMENT', 'qs_limit', 1);
  });
});
