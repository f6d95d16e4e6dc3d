/** qs_count — reference §6.2: the number of rows (int). */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_count', () => {
  it('counts all, per index and with filters', async () => {
    expect(await h.ok('search | qs_count')).toBe(EVENTS.length);
    expect(await h.ok('search index=web | qs_count')).toBe(6);
    expect(await h.ok('search "connection refused" | qs_count')).toBe(2);
    expect(await h.ok('search index=nosuch | qs_count')).toBe(0);
  });
  it('counts groups after qs_group_by / qs_values + qs_distinct and honours qs_limit', async () => {
    expect(await h.ok('search | qs_group_by host n=Count(id) | qs_count')).toBe(5);
    expect(await h.ok('search | qs_values host | qs_distinct | qs_count')).toBe(5);
    expect(await h.ok('search | qs_limit 3 | qs_count')).toBe(3);
  });
  it('honours the caller\'s index ACL (nobody sees nothing; internal indexes are hidden)', async () => {
    expect((await h.q('search | qs_count', { user: 'nobody' })).status).toBe(403);
    expect(await h.ok('search index=_audit | qs_count')).toBe(0);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_count'); });
  it('takes no arguments and needs a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_count x'), 'DLV_QUERY_ARGUMENT', 'qs_count', 1);
    expectCmdError(await h.fail('qs_count'), 'DLV_QUERY_LAZY_INPUT', 'qs_count', 0);
    expectCmdError(await h.fail('search | resolve | qs_count'), 'DLV_QUERY_LAZY_INPUT', 'qs_count', 2);
  });
});
