/** explode_timestamp F [--prefix P] — reference §6.3: datetime → year…microsecond (UTC), original removed. */
import { describe, expect, it } from 'vitest';
import { createdAt, expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('explode_timestamp', () => {
  it('splits the created datetime of search rows', async () => {
    const r = await h.ok('search index=web --order-by created --limit 1 | select created | explode_timestamp created');
    expect(createdAt(0)).toBe('2024-01-15T10:00:00Z');
    expect(r).toEqual([{ year: 2024, month: 1, day: 15, hour: 10, minute: 0, second: 0, microsecond: 0 }]);
  });
  it('--prefix prefixes the parts', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=web --order-by created --offset 2 --limit 1 | select created host | explode_timestamp created --prefix c_');
    expect(r).toEqual([{ host: 'web2', c_year: 2024, c_month: 1, c_day: 15, c_hour: 10, c_minute: 2, c_second: 0, c_microsecond: 0 }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('explode_timestamp t')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'explode_timestamp', ['--prefix P']); });
  it('no field is a 400', async () => {
    expectCmdError(await h.fail('search | explode_timestamp'), 'DLV_QUERY_ARGUMENT', 'explode_timestamp', 1);
  });
});
