/** qs_group_by FIELDS… ALIAS=AGG… — reference §6.2: project to fields, add aggregates, order by fields. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_group_by', () => {
  it('groups by host with Count and Avg, ordered by the fields', async () => {
    expect(await h.ok('search index=app | qs_group_by host n=Count(id) avg=Avg(extracted_fields__duration)')).toEqual([
      { host: 'app1', n: 3, avg: 0.875 }, { host: 'app2', n: 3, avg: 7 },
    ]);
  });
  it('groups by a JSON field (nulls form their own group, first)', async () => {
    expect(await h.ok('search index=app | qs_group_by extracted_fields__level n=Count(id)')).toEqual([
      { extracted_fields__level: null, n: 1 }, { extracted_fields__level: 'error', n: 1 }, { extracted_fields__level: 'info', n: 3 }, { extracted_fields__level: 'warn', n: 1 },
    ]);
  });
  it('several fields; Sum, Max, Min; distinct counts', async () => {
    expect(await h.ok('search index=web !source=error.log | qs_group_by host index total=Sum(extracted_fields__bytes) hi=Max(extracted_fields__status) lo=Min(extracted_fields__bytes)')).toEqual([
      { host: 'web1', index: 'web', total: 350, hi: 200, lo: 100 },
      { host: 'web2', index: 'web', total: 50, hi: 500, lo: 0 },
      { host: 'web3', index: 'web', total: 300, hi: 200, lo: 300 },
    ]);
    expect(await h.ok('search | qs_group_by index hosts=Count(host,distinct=True)')).toEqual([{ index: 'app', hosts: 2 }, { index: 'web', hosts: 3 }]);
  });
  it('unnamed aggregates are auto-named <path>__<func> (as qs_aggregate); complex unnamed expressions are refused', async () => {
    expect(await h.ok('search index=app | qs_group_by host Count(id)')).toEqual([{ host: 'app1', id__count: 3 }, { host: 'app2', id__count: 3 }]);
    expectCmdError(await h.fail('search index=app | qs_group_by host Count(id)+1'), 'DLV_QUERY_EXPRESSION', 'qs_group_by', 1);
  });
  it('filtered aggregates with filter=Q(...)', async () => {
    expect(await h.ok('search | qs_group_by index errs=Count(id,filter=Q(extracted_fields__level=error))')).toEqual([{ index: 'app', errs: 1 }, { index: 'web', errs: 1 }]);
  });
  it('composes with qs_having, qs_order_by and generic commands', async () => {
    expect(await h.ok('search | qs_group_by host n=Count(id) | qs_having n__gt=2 | qs_order_by "\'-host\'"')).toEqual([{ host: 'app2', n: 3 }, { host: 'app1', n: 3 }]);
    expect(await h.ok('search | qs_group_by host n=Count(id) | sort -d n host | head -n 1')).toEqual([{ host: 'app2', n: 3 }]);
  });
  it('empty input query gives []', async () => {
    expect(await h.ok('search index=nosuch | qs_group_by host n=Count(id)')).toEqual([]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_group_by'); });
  it('needs a lazy query; unknown functions and fields are refused', async () => {
    expectCmdError(await h.fail('fake_data --list-of-dicts | qs_group_by foo'), 'DLV_QUERY_LAZY_INPUT', 'qs_group_by', 1);
    const fn = await h.fail('search | qs_group_by host n=Evil(id)');
    expect(fn.command?.name).toBe('qs_group_by');
    expectCmdError(await h.fail('search | qs_group_by nosuch n=Count(id)'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_group_by', 1);
    expectCmdError(await h.fail('search | qs_group_by'), 'DLV_QUERY_ARGUMENT', 'qs_group_by', 1);
  });
});
