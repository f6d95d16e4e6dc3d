/**
 * qs_defer F… — reference §6.2 calls it a load hint with no effect on the output; §12 #15 lists that as a defect we
 * do not copy: here it outputs every column except the named ones (the rows themselves are unchanged).
 */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_defer', () => {
  it('does not change which rows come out', async () => {
    expect(await h.ok('search | qs_defer text | qs_count')).toBe(12);
    expect(await h.ok('search index=app | qs_defer text | qs_values host | qs_limit 1')).toEqual([{ host: 'app2' }]);
  });
  it('outputs every column except the named ones', async () => {
    const full = await h.ok<Record<string, unknown>[]>('search index=app');
    const deferred = await h.ok<Record<string, unknown>[]>('search index=app | qs_defer text extracted_fields');
    expect(deferred).toEqual(full.map(({ text: _t, extracted_fields: _f, ...rest }) => rest));
    expect(Object.keys(deferred[0]!)).not.toContain('text');
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_defer'); });
  it('needs fields, known fields and a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_defer'), 'DLV_QUERY_ARGUMENT', 'qs_defer', 1);
    expectCmdError(await h.fail('search | qs_defer nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_defer', 1);
    expectCmdError(await h.fail('fake_data --list | qs_defer a'), 'DLV_QUERY_LAZY_INPUT', 'qs_defer', 1);
  });
});
