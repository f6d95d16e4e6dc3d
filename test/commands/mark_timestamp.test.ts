/** mark_timestamp F… — reference §6.3: present non-datetime values are date-parsed (failure → error). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('mark_timestamp', () => {
  it('parses ISO dates into UTC datetimes (naive = UTC)', async () => {
    const src = await h.rows([{ t: '2024-01-02T03:04:05Z' }, { t: '2024-01-02 10:00' }]);
    const r = await h.ok<{ t: string }[]>(`${src} | mark_timestamp t`);
    expect(r.map((x) => new Date(x.t).toISOString())).toEqual(['2024-01-02T03:04:05.000Z', '2024-01-02T10:00:00.000Z']);
  });
  it('absent fields are left alone', async () => {
    const src = await h.rows([{ a: 1 }]);
    expect(await h.ok(`${src} | mark_timestamp t`)).toEqual([{ a: 1 }]);
  });
  it('feeds explode_timestamp', async () => {
    const src = await h.rows([{ t: '2024-03-05T06:07:08Z' }]);
    expect(await h.ok(`${src} | mark_timestamp t | explode_timestamp t`)).toEqual([{ year: 2024, month: 3, day: 5, hour: 6, minute: 7, second: 8, microsecond: 0 }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('mark_timestamp t')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'mark_timestamp'); });
  it('an unparsable value or no field is a 400', async () => {
    const src = await h.rows([{ t: 'not a date at all' }]);
    expectCmdError(await h.fail(`${src} | mark_timestamp t`), 'DLV_QUERY_TYPE', 'mark_timestamp', 2);
    expectCmdError(await h.fail('search | mark_timestamp'), 'DLV_QUERY_ARGUMENT', 'mark_timestamp', 1);
  });
});
