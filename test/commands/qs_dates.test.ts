/** qs_dates FIELD year|month|week|day [ASC|DESC] — reference §6.2 (⚠BUG fixed: a distinct date list). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_dates', () => {
  it('lists distinct truncated dates', async () => {
    expect(await h.ok('search | qs_dates created day')).toEqual(['2024-01-15']);
    expect(await h.ok('search | qs_dates created month')).toEqual(['2024-01-01']);
    expect(await h.ok('search | qs_dates created year DESC')).toEqual(['2024-01-01']);
  });
  it('empty query gives []', async () => { expect(await h.ok('search index=nosuch | qs_dates created day')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'qs_dates', ['{year,month,week,day}']); });
  it('a bad kind or order is a 400', async () => {
    expectCmdError(await h.fail('search | qs_dates created hour'), 'DLV_QUERY_ARGUMENT', 'qs_dates', 1);
    expectCmdError(await h.fail('search | qs_dates created day UP'), 'DLV_QUERY_ARGUMENT', 'qs_dates', 1);
  });
});
