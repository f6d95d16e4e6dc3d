/** sql_query CONNECTION SQL — DESIGN §6: superusers only, named read-only connections from settings. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('sql_query', () => {
  it('is refused for non-superusers', async () => {
    const r = await h.q('sql_query main "SELECT 1"');
    expect(r.status).toBe(403);
    expect(r.error.command?.name).toBe('sql_query');
  });
  it('an unknown connection is refused for superusers too', async () => {
    const r = await h.q('sql_query nosuch "SELECT 1"', { user: 'root' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.error.command?.name).toBe('sql_query');
  });
  it('answers -h', async () => { await expectHelp(h, 'sql_query', ['CONNECTION']); });
  it('needs both arguments and must be first', async () => {
    expectCmdError(await h.fail('sql_query main', 400, { user: 'root' }), 'DLV_QUERY_ARGUMENT', 'sql_query', 0);
    expect((await h.q('fake_data --list-of-dicts | sql_query main "SELECT 1"', { user: 'root' })).status).toBeGreaterThanOrEqual(400);
  });
});
