/** qs_sql — reference §6.2: the SQL text of the lazy query. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_sql', () => {
  it('shows the compiled statement, hiding internal indexes and applying terms', async () => {
    const sql = await h.ok<string>('search index=web | qs_sql');
    expect(sql).toMatch(/^SELECT .* FROM events AS e WHERE /);
    expect(sql).toContain(`"index" = 'web'`);
    expect(sql).toMatch(/substr\(e\."index", 1, 1\) <> '_'/);
    expect(sql).toMatch(/ORDER BY e\."created" DESC/);
  });
  it('reflects qs_* refinements', async () => {
    const sql = await h.ok<string>('search | qs_filter host=web1 | qs_limit 5 | qs_sql');
    expect(sql).toContain('web1');
    expect(sql).toMatch(/LIMIT/);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_sql'); });
  it('needs a lazy query', async () => {
    expectCmdError(await h.fail('fake_data --list | qs_sql'), 'DLV_QUERY_LAZY_INPUT', 'qs_sql', 1);
  });
});
