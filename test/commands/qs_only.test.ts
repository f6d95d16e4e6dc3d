/**
 * qs_only F… — reference §6.2 calls it a load hint with no effect on the output; §12 #15 lists that as a defect we do
 * not copy: here it outputs `id` plus the named fields (the rows themselves are unchanged).
 */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_only', () => {
  it('does not change which rows come out', async () => {
    expect(await h.ok('search | qs_only host | qs_count')).toBe(12);
    expect(await h.ok('search index=app | qs_only host | qs_values host | qs_limit 1')).toEqual([{ host: 'app2' }]);
  });
  it('outputs id and the named fields only', async () => {
    const full = await h.ok<Record<string, unknown>[]>('search index=app');
    const only = await h.ok<Record<string, unknown>[]>('search index=app | qs_only host');
    expect(only).toEqual(full.map((r) => ({ id: r['id'], host: r['host'] })));
    const [row] = await h.ok<Record<string, unknown>[]>('search index=app | qs_only host extracted_fields__status | qs_limit 1');
    expect(Object.keys(row!)).toEqual(['id', 'host', 'extracted_fields__status']);
    expect(await h.ok('search | qs_only host | qs_group_by host n=Count(id)')).toEqual(await h.ok('search | qs_group_by host n=Count(id)'));
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_only'); });
  it('needs fields, known fields, a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_only'), 'DLV_QUERY_ARGUMENT', 'qs_only', 1);
    expectCmdError(await h.fail('search | qs_only nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_only', 1);
    expectCmdError(await h.fail('search | qs_only host nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_only', 1);
    expectCmdError(await h.fail('search | qs_only user__password', 403), 'DLV_QUERY_FORBIDDEN_FIELD', 'qs_only', 1);
    expectCmdError(await h.fail('fake_data --list | qs_only a'), 'DLV_QUERY_LAZY_INPUT', 'qs_only', 1);
  });
});
