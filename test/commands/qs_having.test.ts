/** qs_having EXPR… — reference §6.2: filter after grouping, may use aggregate aliases. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_having', () => {
  it('filters groups on an aggregate alias', async () => {
    expect(await h.ok('search | qs_group_by host n=Count(id) | qs_having n__gt=2')).toEqual([{ host: 'app1', n: 3 }, { host: 'app2', n: 3 }]);
    expect(await h.ok('search index=app | qs_group_by host total=Sum(extracted_fields__count) | qs_having total__gte=3')).toEqual([{ host: 'app1', total: 4 }]);
  });
  it('can also filter on the group field', async () => {
    expect(await h.ok('search | qs_group_by host n=Count(id) | qs_having host__startswith=web n=2')).toEqual([{ host: 'web1', n: 2 }, { host: 'web2', n: 2 }, { host: 'web3', n: 2 }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_having'); });
  it('an unknown alias or no lazy input is a 400', async () => {
    expectCmdError(await h.fail('search | qs_having n__gt=2'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_having', 1);
    expectCmdError(await h.fail('fake_data --list | qs_having n=1'), 'DLV_QUERY_LAZY_INPUT', 'qs_having', 1);
  });
});
