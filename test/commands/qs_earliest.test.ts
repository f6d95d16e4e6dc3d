/** qs_earliest [FIELD…] — reference §6.2: the record with the smallest FIELD (error if empty). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_earliest', () => {
  it('by created (default and explicit)', async () => {
    expect(await h.ok('search index=app | qs_earliest created')).toMatchObject({ text: 'user login alice', created: '2024-01-15T10:06:00.000000Z' });
    expect(await h.ok('search index=app | qs_earliest')).toMatchObject({ text: 'user login alice' });
  });
  it('by another field', async () => {
    expect(await h.ok('search index=web extracted_fields__bytes__gte=0 | qs_earliest extracted_fields__bytes')).toMatchObject({ text: 'POST /login 500 connection refused' });
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_earliest'); });
  it('an empty query is a 400 ("does not exist"); unknown fields refused', async () => {
    const e = await h.fail('search index=nosuch | qs_earliest created');
    expect(e.command?.name).toBe('qs_earliest');
    expect(e.message).toContain('does not exist');
    expectCmdError(await h.fail('search | qs_earliest nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_earliest', 1);
  });
});
