/** qs_exclude EXPR… — reference §6.2: the complement of qs_filter. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_exclude', () => {
  it('removes matching events', async () => {
    expect(await h.ok('search | qs_exclude index=web | qs_count')).toBe(6);
    expect(await h.ok('search index=web | qs_exclude extracted_fields__status=200 | qs_values host | qs_order_by host')).toEqual([{ host: 'web2' }, { host: 'web2' }, { host: 'web3' }]);
  });
  it('several terms exclude rows matching all of them', async () => {
    expect(await h.ok('search | qs_exclude index=web host=web1 | qs_count')).toBe(10);
  });
  it('Q objects', async () => {
    expect(await h.ok('search | qs_exclude Q(host=web1)||Q(host=app1) | qs_count')).toBe(7);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_exclude'); });
  it('needs a lazy query and known fields', async () => {
    expectCmdError(await h.fail('fake_data --list | qs_exclude a=1'), 'DLV_QUERY_LAZY_INPUT', 'qs_exclude', 1);
    expectCmdError(await h.fail('search | qs_exclude zz=1'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_exclude', 1);
    expectCmdError(await h.fail('search | qs_exclude'), 'DLV_QUERY_ARGUMENT', 'qs_exclude', 1);
  });
});
