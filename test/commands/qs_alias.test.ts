/** qs_alias EXPR… — reference §6.2: computed expressions usable in filters, not in the output. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_alias', () => {
  it('an alias can be filtered on but is not output', async () => {
    expect(await h.ok('search index=app | qs_alias h=Upper(host) | qs_filter h=APP1 | qs_count')).toBe(3);
    const r = await h.ok<Record<string, unknown>[]>('search index=app | qs_alias h=Upper(host) | qs_filter h=APP1');
    expect(r).toHaveLength(3);
    expect(r[0]).not.toHaveProperty('h');
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_alias'); });
  it('needs a lazy query and valid expressions', async () => {
    expectCmdError(await h.fail('fake_data --list | qs_alias a=Upper(x)'), 'DLV_QUERY_LAZY_INPUT', 'qs_alias', 1);
    expectCmdError(await h.fail('search | qs_alias'), 'DLV_QUERY_ARGUMENT', 'qs_alias', 1);
  });
});
