import { describe, expect, it } from 'vitest';
import { MAX_REGEX_INPUT } from '../../lookups/python-regex.js';
import { replace, rex } from './regex.js';
import { run, runError } from './test-helpers.js';

describe('rex', () => {
  it('sets the named groups of the first match as top-level fields; unmatched optional groups → null', async () => {
    const out = await run(rex, [{ text: 'GET /a 200' }, { text: 'POST /b' }], `'(?P<method>[A-Z]+) (?P<path>\\S+)(?: (?P<status>\\d+))?'`);
    expect(out).toEqual([
      { text: 'GET /a 200', method: 'GET', path: '/a', status: '200' },
      { text: 'POST /b', method: 'POST', path: '/b', status: null },
    ]);
  });
  it('applies several regexes, reads -f fields and paths, and adds nothing when a regex does not match', async () => {
    const rows = [{ e: { msg: 'user=bob id=7' } }];
    expect(await run(rex, rows, `-f e__msg 'user=(?P<user>\\w+)' 'id=(?P<id>\\d+)' 'nomatch(?P<z>x)'`)).toEqual([
      { e: { msg: 'user=bob id=7' }, user: 'bob', id: '7' },
    ]);
  });
  it('a null field matches nothing; a missing field is an error', async () => {
    expect(await run(rex, [{ text: null }], `'(?P<a>.)'`)).toEqual([{ text: null }]);
    const e = await runError(rex, [{ msg: 'x' }], `'(?P<a>.)'`);
    expect(e.code).toBe('DLV_QUERY_FIELD_MISSING');
    expect(e.message).toContain('no field "text"');
  });
  it('rejects invalid, over-long and explosive patterns with clear codes', async () => {
    expect((await runError(rex, [], `'(?P<a>'`)).code).toBe('DLV_QUERY_ARGUMENT');
    expect((await runError(rex, [], `'${'a'.repeat(1001)}'`)).code).toBe('DLV_QUERY_LIMIT');
    const e = await runError(rex, [], `'(?P<x>(a+)+)b'`);
    expect(e.code).toBe('DLV_QUERY_LIMIT');
    expect(e.message).toContain('(a+)+');
  });
  it('only searches the first MAX_REGEX_INPUT characters of a value', async () => {
    const text = `${'x'.repeat(MAX_REGEX_INPUT)}TAIL`;
    expect(await run(rex, [{ text }], `'(?P<t>TAIL)'`)).toEqual([{ text }]);
  });
});

describe('replace', () => {
  it('replaces every match, with Python backreferences', async () => {
    expect(await run(replace, [{ m: 'a1b22' }], `-f m '(\\d+)' '<\\1>'`)).toEqual([{ m: 'a<1>b<22>' }]);
    expect(await run(replace, [{ m: 'k=v' }], `-f m '(?P<k>\\w)=(?P<v>\\w)' '\\g<v>=\\g<k> \\g<0> $1'`)).toEqual([{ m: 'v=k k=v $1' }]);
  });
  it('writes nested paths without mutating the input', async () => {
    const input = [{ e: { msg: 'secret=abc' }, other: 1 }];
    expect(await run(replace, input, `-f e__msg 'secret=\\w+' 'secret=***'`)).toEqual([{ e: { msg: 'secret=***' }, other: 1 }]);
    expect(input[0]?.e.msg).toBe('secret=abc');
  });
  it('keeps text beyond the regex input cap unchanged', async () => {
    const text = `${'a'.repeat(MAX_REGEX_INPUT)}aaa`;
    const out = (await run(replace, [{ t: text }], `-f t 'a' 'b'`)) as { t: string }[];
    expect(out[0]?.t).toBe(`${'b'.repeat(MAX_REGEX_INPUT)}aaa`);
  });
  it('rejects bad group references and missing fields', async () => {
    expect((await runError(replace, [{ m: 'x' }], `-f m 'x' '\\2'`)).message).toContain('group 2');
    expect((await runError(replace, [{ m: 'x' }], `-f m 'x' '\\g<nope>'`)).message).toContain('unknown group name');
    expect((await runError(replace, [{ m: 'x' }], `-f m 'x' '\\q'`)).message).toContain('Bad escape');
    expect((await runError(replace, [{ a: 'x' }], `-f m 'x' 'y'`)).code).toBe('DLV_QUERY_FIELD_MISSING');
  });
  it('leaves null alone and replaces in the text of numbers', async () => {
    expect(await run(replace, [{ m: null }, { m: 500 }], `-f m '0' 'x'`)).toEqual([{ m: null }, { m: '5xx' }]);
  });
});
