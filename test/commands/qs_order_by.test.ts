/** qs_order_by F… — reference §6.2: descending needs "'-f'"; keywords ignored. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_order_by', () => {
  it('orders ascending and descending (inner quotes for -field)', async () => {
    expect(await h.ok('search index=web | qs_order_by extracted_fields__bytes | qs_values extracted_fields__bytes')).toEqual(
      [null, 0, 50, 100, 250, 300].map((b) => ({ extracted_fields__bytes: b })));
    expect(await h.ok(`search index=web | qs_order_by "'-extracted_fields__bytes'" | qs_values extracted_fields__bytes`)).toEqual(
      [300, 250, 100, 50, 0, null].map((b) => ({ extracted_fields__bytes: b })));
  });
  it('several keys', async () => {
    expect(await h.ok(`search index=app | qs_order_by host "'-created'" | qs_values host text | qs_limit 2`)).toEqual([{ host: 'app1', text: 'job done' }, { host: 'app1', text: 'user logout bob' }]);
  });
  it('without fields: no ordering (pk order)', async () => {
    const r = await h.ok<{ text: string }[]>('search index=app | qs_order_by | qs_values text');
    expect(r).toHaveLength(6);
  });
  it('a bare -field is read as an option (argparse): -h answers help', async () => {
    expect((await h.ok<{ help: string }>("search | qs_order_by '-host'")).help).toMatch(/^usage: qs_order_by/);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_order_by'); });
  it('unknown fields and non-lazy input are refused', async () => {
    expectCmdError(await h.fail('search | qs_order_by nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_order_by', 1);
    expectCmdError(await h.fail('fake_data --list | qs_order_by a'), 'DLV_QUERY_LAZY_INPUT', 'qs_order_by', 1);
  });
});
