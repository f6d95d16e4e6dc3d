/** stats (dispatcher) — reference §6.4: `stats avg …`, `stats count …`; `stats` alone → null. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, spanText, useHarness } from './harness.js';

const h = useHarness();

describe('stats', () => {
  it('stats alone answers null', async () => {
    expect(await h.ok('search | stats')).toBeNull();
  });

  it('dispatches to count and avg', async () => {
    expect(await h.ok('search | stats count')).toBe(12);
    const r = await h.ok<{ avg: number }[]>('search index=app | stats avg extracted_fields__duration');
    expect(r[0]!.avg).toBeCloseTo((1.5 + 0.25 + 12 + 2) / 4);
  });

  it('counts per host with --by (rows sorted by key)', async () => {
    const r = await h.ok<{ key: string; count: number }[]>('search | stats count --by host | dedup key | select key count');
    expect(r).toEqual([
      { key: 'app1', count: 3 }, { key: 'app2', count: 3 }, { key: 'web1', count: 2 }, { key: 'web2', count: 2 }, { key: 'web3', count: 2 },
    ]);
  });

  it('answers -h for the dispatcher and for each sub-command', async () => {
    await expectHelp(h, 'stats', ['avg|count', '--by G']);
    await expectHelp(h, 'stats avg', ['--as-field N']);
    await expectHelp(h, 'stats count', ['--field-name N']);
  });

  it('an unknown statistic is a 400 pointing at it', async () => {
    const q = 'search | stats median x';
    const e = await h.fail(q);
    expectCmdError(e, 'DLV_QUERY_ARGUMENT', 'stats', 1);
    expect(spanText(q, e)).toBe('median');
    expect(e.message).toContain("invalid choice: 'median'");
  });

  it('empty input: count 0, avg []', async () => {
    expect(await h.ok('stats count')).toBe(0);
    expect(await h.ok('search index=nosuch | stats avg x')).toEqual([]);
  });
});
