/** qs_latest [FIELD…] — reference §6.2: the record with the largest FIELD (error if empty). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_latest', () => {
  it('by created (default and explicit)', async () => {
    expect(await h.ok('search index=web | qs_latest created')).toMatchObject({ text: 'timeout while reading', created: '2024-01-15T10:05:00.000000Z' });
    expect(await h.ok('search | qs_latest')).toMatchObject({ text: 'job failed | pipe' });
  });
  it('by a JSON field', async () => {
    expect(await h.ok('search index=app | qs_latest extracted_fields__duration')).toMatchObject({ text: 'payment failed: connection refused' });
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_latest'); });
  it('an empty query is a 400', async () => {
    const e = await h.fail('search index=nosuch | qs_latest created');
    expect(e.command?.name).toBe('qs_latest');
    expect(e.message).toContain('does not exist');
  });
});
