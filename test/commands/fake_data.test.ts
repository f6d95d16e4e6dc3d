/** fake_data --dict|--list|--empty-list|--list-of-dicts|--string|--integer|--float|--boolean — reference §6.1. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('fake_data', () => {
  it('produces each fixed value', async () => {
    expect(await h.ok('fake_data --dict')).toEqual({ foo: 1, bar: 'baz' });
    expect(await h.ok('fake_data --list')).toEqual(['foo', 'bar', 'baz']);
    expect(await h.ok('fake_data --empty-list')).toEqual([]);
    expect(await h.ok('fake_data --list-of-dicts')).toEqual([{ foo: 1, bar: 'foo' }, { foo: 2, bar: 'bar' }, { foo: 3, bar: 'foobar' }]);
    expect(await h.ok('fake_data --string')).toBe('The quick brown fox jumped over the lazy dog.');
    expect(await h.ok('fake_data --integer')).toBe(123);
    expect(await h.ok('fake_data --float')).toBe(123.456);
    expect(await h.ok('fake_data --boolean')).toBe(false);
  });
  it('ignores its input and accepts unique prefixes', async () => {
    expect(await h.ok('search | fake_data --int')).toBe(123);
  });
  it('answers -h', async () => { await expectHelp(h, 'fake_data', ['--list-of-dicts']); });
  it('needs exactly one of the options', async () => {
    expectCmdError(await h.fail('fake_data'), 'DLV_QUERY_ARGUMENT', 'fake_data', 0);
    expectCmdError(await h.fail('fake_data --dict --list'), 'DLV_QUERY_ARGUMENT', 'fake_data', 0);
    expectCmdError(await h.fail('fake_data --li'), 'DLV_QUERY_ARGUMENT', 'fake_data', 0);
  });
});
