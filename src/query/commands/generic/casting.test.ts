import { describe, expect, it } from 'vitest';
import { autocast, evalCommand, markTimestamp } from './casting.js';
import { run, runError } from './test-helpers.js';

describe('eval', () => {
  it('casts literal values: no arithmetic', async () => {
    expect(await run(evalCommand, [{ a: 1 }], `foo=[1,2,3] d="{'k':'v'}" n=5 s=abc sum=1+2`)).toEqual([
      { a: 1, foo: [1, 2, 3], d: { k: 'v' }, n: 5, s: 'abc', sum: '1+2' },
    ]);
  });
  it('$FIELD copies (and casts) a field; a missing field keeps the raw text', async () => {
    expect(await run(evalCommand, [{ a: '42', n: { x: 'y' } }], "b='$a' c='$nope' d='$n__x' e='$$a'")).toEqual([
      { a: '42', n: { x: 'y' }, b: 42, c: '$nope', d: 'y', e: 42 },
    ]);
  });
  it('applies assignments in order (later ones see earlier ones) and keeps = inside values', async () => {
    expect(await run(evalCommand, [{}], "a=1 b='$a' q=x=y")).toEqual([{ a: 1, b: 1, q: 'x=y' }]);
  });
  it('rejects a word without NAME=', async () => {
    const e = await runError(evalCommand, [{}], 'oops');
    expect(e.code).toBe('DLV_QUERY_ARGUMENT');
    expect((await runError(evalCommand, [{}], '=5')).message).toContain('Expected NAME=VALUE');
  });
  it('does not mutate its input', async () => {
    const input = [{ a: 1 }];
    await run(evalCommand, input, 'a=2');
    expect(input).toEqual([{ a: 1 }]);
  });
});

describe('autocast', () => {
  it('casts text values and passes others through', async () => {
    const out = await run(autocast, [{ a: '5', b: 'true', c: '[1, 2]', d: 'abc', e: 7, f: '2024-01-02' }], 'a b c d e f');
    expect(out).toEqual([{ a: 5, b: true, c: [1, 2], d: 'abc', e: 7, f: new Date('2024-01-02T00:00:00Z') }]);
  });
  it('errors on a missing field', async () => {
    const e = await runError(autocast, [{ a: '1' }], 'a b');
    expect(e.code).toBe('DLV_QUERY_FIELD_MISSING');
    expect(e.message).toContain('row 1 has no field "b"');
  });
});

describe('mark_timestamp', () => {
  it('turns ISO text and epoch seconds into datetimes, skipping absent/null/datetime values', async () => {
    const d = new Date('2020-01-01T00:00:00Z');
    const out = await run(markTimestamp, [{ a: '2024-01-31T10:00:00Z', b: 0, c: null, e: d }], 'a b c e missing');
    expect(out).toEqual([{ a: new Date('2024-01-31T10:00:00Z'), b: new Date(0), c: null, e: d }]);
  });
  it('errors on a value that is not a date', async () => {
    const e = await runError(markTimestamp, [{ a: 'yesterday' }], 'a');
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toContain('"a" is not a date');
  });
});
