/** qs_last — reference §6.2: last record (pk order if unordered; null if empty). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_last', () => {
  it('returns the last record', async () => {
    expect(await h.ok('search index=app | qs_last')).toMatchObject({ host: 'app2', text: 'job failed | pipe', user: h.users.alice.id });
    expect(await h.ok('search index=app | qs_order_by host created | qs_last')).toMatchObject({ text: 'job failed | pipe' });
  });
  it('null when empty', async () => { expect(await h.ok('search index=nosuch | qs_last')).toBeNull(); });
  it('answers -h', async () => { await expectHelp(h, 'qs_last'); });
  it('takes no arguments; needs a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_last x'), 'DLV_QUERY_ARGUMENT', 'qs_last', 1);
    expectCmdError(await h.fail('fake_data --list | qs_last'), 'DLV_QUERY_LAZY_INPUT', 'qs_last', 1);
  });
});
