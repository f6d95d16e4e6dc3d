/** Data sources that ignore or extend their input: fake_data and echo (reference §6.1). */
import { defineCommand } from '../../args/index.js';
import type { CommandDef } from '../command.js';
import { strings } from './rows.js';

const FAKE: Record<string, () => unknown> = {
  dict: () => ({ foo: 1, bar: 'baz' }),
  list: () => ['foo', 'bar', 'baz'],
  empty_list: () => [],
  list_of_dicts: () => [
    { foo: 1, bar: 'foo' },
    { foo: 2, bar: 'bar' },
    { foo: 3, bar: 'foobar' },
  ],
  string: () => 'The quick brown fox jumped over the lazy dog.',
  integer: () => 123,
  float: () => 123.456,
  boolean: () => false,
};

/** `fake_data --dict|--list|--empty-list|--list-of-dicts|--string|--integer|--float|--boolean`: sample values for trying commands. */
export const fakeData: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'fake_data',
    description: 'Produce a fixed sample value (ignores the input); handy for trying out commands.',
    args: [
      { flags: ['--dict'], action: 'store_true', help: 'the object {"foo": 1, "bar": "baz"}' },
      { flags: ['--list'], action: 'store_true', help: 'the list ["foo", "bar", "baz"]' },
      { flags: ['--empty-list'], action: 'store_true', help: 'an empty list' },
      { flags: ['--list-of-dicts'], action: 'store_true', help: 'three rows with fields foo (1..3) and bar' },
      { flags: ['--string'], action: 'store_true', help: 'a sentence' },
      { flags: ['--integer'], action: 'store_true', help: 'the integer 123' },
      { flags: ['--float'], action: 'store_true', help: 'the number 123.456' },
      { flags: ['--boolean'], action: 'store_true', help: 'false' },
    ],
    exclusive: [
      {
        options: ['--dict', '--list', '--empty-list', '--list-of-dicts', '--string', '--integer', '--float', '--boolean'],
        required: true,
      },
    ],
  }),
  run(_ctx, _input, args) {
    const which = Object.keys(FAKE).find((k) => args[k] === true) ?? 'empty_list';
    return (FAKE[which] as () => never)();
  },
};

/**
 * `echo EXPR…`: the input rows followed by one `{"expression": EXPR}` row per argument. The runtime
 * resolves the input first, so echo after `search` works (the original crashed). A non-list input
 * (object or scalar) becomes the first element; null/empty input adds nothing.
 */
export const echo: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'echo',
    description: 'Append one {"expression": EXPR} row per argument to the input rows.',
    args: [{ name: 'expressions', metavar: 'EXPR', nargs: '+', help: 'text to echo (rendered as a template first)' }],
  }),
  run(_ctx, input, args) {
    const head: unknown[] = Array.isArray(input) ? [...input] : input === null ? [] : [input];
    return [...head, ...strings(args['expressions']).map((expression) => ({ expression }))];
  },
};
