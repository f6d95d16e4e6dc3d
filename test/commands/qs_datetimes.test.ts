/** qs_datetimes FIELD kind [ASC|DESC] [--tz TZ] — reference §6.2 (⚠BUG fixed: a distinct datetime list). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_datetimes', () => {
  it('lists distinct truncated datetimes', async () => {
    expect(await h.ok('search | qs_datetimes created hour')).toEqual(['2024-01-15T10:00:00.000000Z']);
    const m = await h.ok<string[]>('search | qs_datetimes created minute DESC');
    expect(m).toHaveLength(12);
    expect(m[0]).toBe('2024-01-15T10:11:00.000000Z');
  });
  it('--tz UTC is accepted', async () => {
    expect(await h.ok('search | qs_datetimes created day --tz UTC')).toEqual(['2024-01-15T00:00:00.000000Z']);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_datetimes', ['--tz TZ']); });
  it('a bad kind or time zone is a 400', async () => {
    expectCmdError(await h.fail('search | qs_datetimes created fortnight'), 'DLV_QUERY_ARGUMENT', 'qs_datetimes', 1);
    expect((await h.fail('search | qs_datetimes created day --tz Mars/Base')).command?.name).toBe('qs_datetimes');
  });
});
