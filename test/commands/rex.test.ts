/** rex [-f F=text] REGEX… — reference §6.3: named groups of each regex's first match merged at top level. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();
const APP = 'search index=app | qs_order_by created | select text';

describe('rex', () => {
  it('adds the named groups of the first match over text', async () => {
    const r = await h.ok<Record<string, unknown>[]>(`${APP} | rex '(?P<verb>\\w+) (?P<obj>\\w+)' | head -n 2`);
    expect(r).toEqual([
      { text: 'user login alice', verb: 'user', obj: 'login' },
      { text: 'user logout bob', verb: 'user', obj: 'logout' },
    ]);
  });

  it('unmatched (or non-participating optional) groups are null', async () => {
    const r = await h.ok<Record<string, unknown>[]>(`${APP} | rex '^user (?P<action>log\\w+)(?: (?P<who>zz))?'`);
    expect(r.map((x) => [x['action'], x['who']])).toEqual([['login', null], ['logout', null], [null, null], [null, null], [null, null], [null, null]]);
  });

  it('-f picks the field; a__b paths reach nested values', async () => {
    const src = await h.rows([{ u: { mail: 'ann@example.org' } }]);
    expect(await h.ok(`${src} | rex -f u__mail '(?P<user>[^@]+)@(?P<domain>.+)'`)).toEqual([{ u: { mail: 'ann@example.org' }, user: 'ann', domain: 'example.org' }]);
  });

  it('several regexes each contribute their groups (later ones win on clashes)', async () => {
    const src = await h.rows([{ text: 'k=1 v=2' }]);
    expect(await h.ok(`${src} | rex 'k=(?P<k>\\d)' 'v=(?P<v>\\d)'`)).toEqual([{ text: 'k=1 v=2', k: '1', v: '2' }]);
  });

  it('alternation: | inside quotes does not split the pipeline (DESIGN §6); outside quotes || is a literal |', async () => {
    const r = await h.ok<Record<string, unknown>[]>(`${APP} | rex '(?P<kind>login|logout)'`);
    expect(r.map((x) => x['kind'])).toEqual(['login', 'logout', null, null, null, null]);
    const u = await h.ok<Record<string, unknown>[]>(`${APP} | rex (?P<kind>login||logout)`);
    expect(u.map((x) => x['kind'])).toEqual(['login', 'logout', null, null, null, null]);
  });

  it('matches unicode text', async () => {
    const r = await h.ok('search host=web3 extracted_fields__status=200 | select text | rex \'(?P<word>ü\\S+)\'');
    expect(r).toEqual([{ text: 'GET /café 200 ok ünïcödé', word: 'ünïcödé' }]);
  });

  it('empty input gives []', async () => {
    expect(await h.ok(`rex '(?P<a>.)'`)).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'rex', ['-f F']);
  });

  it('a missing field, a non-text field and an invalid regex are 400s naming rex', async () => {
    const src = await h.rows([{ a: 1 }]);
    expectCmdError(await h.fail(`${src} | rex '(?P<x>.)'`), 'DLV_QUERY_FIELD_MISSING', 'rex', 2);
    const list = await h.rows([{ text: [1] }]);
    expectCmdError(await h.fail(`${list} | rex '(?P<x>.)'`), 'DLV_QUERY_TYPE', 'rex', 2);
    expectCmdError(await h.fail(`${APP} | rex '(?P<x'`), 'DLV_QUERY_ARGUMENT', 'rex', 3);
    expectCmdError(await h.fail('search | rex'), 'DLV_QUERY_ARGUMENT', 'rex', 1);
  });
});
