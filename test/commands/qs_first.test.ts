/** qs_first — reference §6.2: first record (pk order if unordered; null if empty); records use `user`. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_first', () => {
  it('returns one record object (not a list) with `user`', async () => {
    const r = await h.ok<Record<string, unknown>>('search index=web | qs_first');
    expect(r).toMatchObject({ host: 'web1', text: 'GET /index.html 200 ok', created: '2024-01-15T10:00:00.000000Z', user: h.users.alice.id });
    expect(r).not.toHaveProperty('user_id');
  });
  it('honours ordering', async () => {
    expect(await h.ok(`search index=web | qs_order_by "'-extracted_fields__bytes'" | qs_first`)).toMatchObject({ host: 'web3', extracted_fields: { bytes: 300 } });
  });
  it('null when empty', async () => { expect(await h.ok('search index=nosuch | qs_first')).toBeNull(); });
  it('answers -h', async () => { await expectHelp(h, 'qs_first'); });
  it('takes no arguments; needs a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_first 1'), 'DLV_QUERY_ARGUMENT', 'qs_first', 1);
    expectCmdError(await h.fail('fake_data --list | qs_first'), 'DLV_QUERY_LAZY_INPUT', 'qs_first', 1);
  });
});
