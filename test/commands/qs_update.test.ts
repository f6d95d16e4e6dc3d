/** qs_update FIELD=EXPR… — reference §6.2: rows changed; needs change_event and index write access. */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_update', () => {
  it('updates matching rows and returns how many changed', async () => {
    expect(await h.ok(`search host=web3 | qs_update "source='moved.log'"`)).toBe(2);
    expect(await h.ok('search source=moved.log | qs_count')).toBe(2);
    expect(await h.ok(`search host=web3 | qs_update "text=Concat(text,Value('!'))"`)).toBe(2);
    expect(await h.ok('search host=web3 | qs_order_by created | qs_values text')).toEqual([{ text: 'GET /café 200 ok ünïcödé!' }, { text: 'timeout while reading!' }]);
  });
  it('a bare a.b on the right is the text "a__b" (reference §5.3: attribute access → a__b)', async () => {
    expect(await h.ok('search host=web1 | qs_update source=x.y')).toBe(2);
    expect(await h.ok('search source=x__y | qs_count')).toBe(2);
    expect(await h.ok("search host=web2 | qs_update host=Upper(host)")).toBe(2);
    expect(await h.ok('search host=WEB2 | qs_count')).toBe(2);
  });
  it('0 when nothing matches', async () => {
    expect(await h.ok('search host=nosuch | qs_update source=x')).toBe(0);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_update', ['FIELD=EXPR']); });
  it('is refused without change_event (reader) and for nobody; nothing changes', async () => {
    const e = await h.fail('search host=web1 | qs_update source=hacked', 403, { user: 'reader' });
    expectCmdError(e, 'DLV_AUTH_FORBIDDEN', 'qs_update', 1);
    expect(await h.ok('search source=hacked | qs_count')).toBe(0);
    expect((await h.q('search | qs_update source=hacked', { user: 'nobody' })).status).toBe(403);
    expect(h.eventCount()).toBe(EVENTS.length);
  });
  it('refuses read-only columns/unknown fields and non-lazy input', async () => {
    expect((await h.fail('search | qs_update id=1')).command?.name).toBe('qs_update');
    expect((await h.fail('search | qs_update nosuch=1')).command?.name).toBe('qs_update');
    expect((await h.fail('search | qs_update extracted_fields__x=1')).command?.name).toBe('qs_update');
    expectCmdError(await h.fail('fake_data --list | qs_update a=1'), 'DLV_QUERY_LAZY_INPUT', 'qs_update', 1);
    expectCmdError(await h.fail('search | qs_update'), 'DLV_QUERY_ARGUMENT', 'qs_update', 1);
  });
});
