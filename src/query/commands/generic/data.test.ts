import { describe, expect, it } from 'vitest';
import { echo, fakeData } from './data.js';
import { run, runError } from './test-helpers.js';

describe('fake_data', () => {
  it('produces each documented sample and ignores its input', async () => {
    expect(await run(fakeData, [{ x: 1 }], '--dict')).toEqual({ foo: 1, bar: 'baz' });
    expect(await run(fakeData, [], '--list')).toEqual(['foo', 'bar', 'baz']);
    expect(await run(fakeData, [], '--empty-list')).toEqual([]);
    expect(await run(fakeData, [], '--list-of-dicts')).toEqual([
      { foo: 1, bar: 'foo' },
      { foo: 2, bar: 'bar' },
      { foo: 3, bar: 'foobar' },
    ]);
    expect(await run(fakeData, [], '--string')).toBe('The quick brown fox jumped over the lazy dog.');
    expect(await run(fakeData, [], '--integer')).toBe(123);
    expect(await run(fakeData, [], '--float')).toBe(123.456);
    expect(await run(fakeData, [], '--boolean')).toBe(false);
  });
  it('returns fresh values (a later command mutating them cannot change the next run)', async () => {
    const a = (await run(fakeData, [], '--dict')) as Record<string, unknown>;
    a['foo'] = 99;
    expect(await run(fakeData, [], '--dict')).toEqual({ foo: 1, bar: 'baz' });
  });
  it('requires exactly one choice', async () => {
    expect((await runError(fakeData, [], '')).message).toContain('one of the arguments');
    expect((await runError(fakeData, [], '--dict --list')).message).toContain('not allowed with');
  });
});

describe('echo', () => {
  it('appends one expression row per argument after the input rows', async () => {
    expect(await run(echo, [{ a: 1 }], 'hello "two words"')).toEqual([{ a: 1 }, { expression: 'hello' }, { expression: 'two words' }]);
  });
  it('works on any resolved input (the original crashed after search)', async () => {
    expect(await run(echo, [], 'x')).toEqual([{ expression: 'x' }]);
    expect(await run(echo, null, 'x')).toEqual([{ expression: 'x' }]);
    expect(await run(echo, { one: 1 }, 'x')).toEqual([{ one: 1 }, { expression: 'x' }]);
    expect(await run(echo, 5, 'x')).toEqual([5, { expression: 'x' }]);
  });
});
