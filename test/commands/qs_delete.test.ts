/** qs_delete — reference §6.2: rows deleted; needs delete_event and index write access. */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_delete', () => {
  it('is refused without delete_event (reader) and for nobody; nothing is deleted', async () => {
    const e = await h.fail('search | qs_delete', 403, { user: 'reader' });
    expectCmdError(e, 'DLV_AUTH_FORBIDDEN', 'qs_delete', 1);
    expect((await h.q('search | qs_delete', { user: 'nobody' })).status).toBe(403);
    expect(h.eventCount()).toBe(EVENTS.length);
  });
  it('an error later in the pipeline stops it before anything is deleted', async () => {
    expect((await h.q('search | qs_delete | nosuchcmd')).status).toBe(400);
    expect(h.eventCount()).toBe(EVENTS.length);
  });
  it('deletes matching rows and returns the count', async () => {
    expect(await h.ok('search host=web3 | qs_delete')).toBe(2);
    expect(h.eventCount()).toBe(EVENTS.length - 2);
    expect(await h.ok('search host=nosuch | qs_delete')).toBe(0);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_delete'); });
  it('takes no arguments; needs a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_delete x'), 'DLV_QUERY_ARGUMENT', 'qs_delete', 1);
    expectCmdError(await h.fail('fake_data --list | qs_delete'), 'DLV_QUERY_LAZY_INPUT', 'qs_delete', 1);
  });
});
