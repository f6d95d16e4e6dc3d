/** qs_explain [--format F] [OPT=VAL…] — reference §6.2: the database plan as text. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_explain', () => {
  it('returns the plan text; index/time filters use indexes', async () => {
    const p = await h.ok<string>('search | qs_explain');
    expect(typeof p).toBe('string');
    expect(p).toMatch(/USING INDEX/);
    expect(await h.ok<string>('search index=web | qs_explain')).toMatch(/INDEX/);
  });
  it('--format is accepted', async () => {
    expect(typeof (await h.ok('search | qs_explain --format json'))).toBe('string');
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_explain', ['--format F']); });
  it('needs a lazy query', async () => {
    expectCmdError(await h.fail('fake_data --list | qs_explain'), 'DLV_QUERY_LAZY_INPUT', 'qs_explain', 1);
  });
});
