/** qs_exists — reference §6.2: bool. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_exists', () => {
  it('true when rows match, false otherwise', async () => {
    expect(await h.ok('search host=web1 | qs_exists')).toBe(true);
    expect(await h.ok('search host=nosuch | qs_exists')).toBe(false);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_exists'); });
  it('takes no arguments; needs a lazy query', async () => {
    expectCmdError(await h.fail('search | qs_exists x'), 'DLV_QUERY_ARGUMENT', 'qs_exists', 1);
    expectCmdError(await h.fail('qs_exists'), 'DLV_QUERY_LAZY_INPUT', 'qs_exists', 0);
  });
});
