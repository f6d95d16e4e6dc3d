/** replace -f F REGEX REPL — reference §6.3: substitute all matches (backrefs \1, \g<n>); missing field → error. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('replace', () => {
  it('replaces every match', async () => {
    const src = await h.rows([{ s: 'a-b-c' }]);
    expect(await h.ok(`${src} | replace -f s - +`)).toEqual([{ s: 'a+b+c' }]);
  });
  it('supports \\1 and \\g<name> backreferences', async () => {
    const src = await h.rows([{ s: 'john smith' }]);
    expect(await h.ok(`${src} | replace -f s '(\\w+) (\\w+)' '\\2, \\1'`)).toEqual([{ s: 'smith, john' }]);
    expect(await h.ok(`${src} | replace -f s '(?P<first>\\w+) (?P<last>\\w+)' '\\g<last>'`)).toEqual([{ s: 'smith' }]);
  });
  it('masks digits in search text', async () => {
    const r = await h.ok('search index=web host=web2 | qs_order_by created | select text | replace -f text \'\\d\' X');
    expect(r).toEqual([{ text: 'POST /login XXX connection refused' }, { text: 'GET /index.html XXX not found' }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('replace -f s a b')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'replace', ['-f F', 'REPL']); });
  it('a missing field, missing -f or a bad regex is a 400', async () => {
    const src = await h.rows([{ a: 'x' }]);
    expectCmdError(await h.fail(`${src} | replace -f s a b`), 'DLV_QUERY_FIELD_MISSING', 'replace', 2);
    expectCmdError(await h.fail('search | replace a b'), 'DLV_QUERY_ARGUMENT', 'replace', 1);
    expectCmdError(await h.fail(`${src} | replace -f a '(' b`), 'DLV_QUERY_ARGUMENT', 'replace', 2);
  });
});
