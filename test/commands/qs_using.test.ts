/** qs_using ALIAS — reference §6.2: database alias (only "default" exists). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_using', () => {
  it('default is accepted and changes nothing', async () => {
    expect(await h.ok('search | qs_using default | qs_count')).toBe(12);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_using', ['ALIAS']); });
  it('another alias or none is a 400', async () => {
    expectCmdError(await h.fail('search | qs_using other'), 'DLV_QUERY_MODEL', 'qs_using', 1);
    expectCmdError(await h.fail('search | qs_using'), 'DLV_QUERY_ARGUMENT', 'qs_using', 1);
  });
});
