/** send_email TO SUBJECT MESSAGE… — reference §6.6: registered; superusers; empty input → nothing sent. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('send_email', () => {
  it('passes empty input through without sending', async () => {
    expect(await h.ok('send_email a@example.org subj hello world', { user: 'root' })).toEqual([]);
  });
  it('is refused for non-superusers', async () => {
    const r = await h.q('fake_data --list-of-dicts | send_email a@example.org subj hi');
    expect(r.status).toBe(403);
    expect(r.error.command?.name).toBe('send_email');
  });
  it('answers -h', async () => { await expectHelp(h, 'send_email', ['SUBJECT']); });
  it('missing arguments are a 400', async () => {
    expectCmdError(await h.fail('send_email a@example.org'), 'DLV_QUERY_ARGUMENT', 'send_email', 0);
  });
});
