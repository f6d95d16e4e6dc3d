/** resolve — reference §4.7: resolve a lazy query into rows (union of keys, UTC datetimes). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('resolve', () => {
  it('turns a lazy search into full rows', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=web --order-by created --limit 1 | resolve');
    expect(r).toHaveLength(1);
    expect(Object.keys(r[0]!).sort()).toEqual(['created', 'extracted_fields', 'host', 'id', 'index', 'source', 'sourcetype', 'text', 'user_id']);
    expect(r[0]).toMatchObject({ host: 'web1', created: '2024-01-15T10:00:00.000000Z' });
  });
  it('after resolve, qs_* commands are refused (no longer a lazy query)', async () => {
    expectCmdError(await h.fail('search | resolve | qs_count'), 'DLV_QUERY_LAZY_INPUT', 'qs_count', 2);
  });
  it('lists pass through; empty input gives []', async () => {
    expect(await h.ok('fake_data --list | resolve')).toEqual(['foo', 'bar', 'baz']);
    expect(await h.ok('resolve')).toEqual([]);
  });
  it('answers -h', async () => { await expectHelp(h, 'resolve'); });
  it('takes no arguments', async () => { expectCmdError(await h.fail('search | resolve x'), 'DLV_QUERY_ARGUMENT', 'resolve', 1); });
});
