import { describe, expect, it } from 'vitest';
import { formatHelp } from '../args/index.js';
import { BUILTIN_COMMANDS, CommandRegistry, defaultRegistry } from './registry.js';

describe('the command registry', () => {
  it('holds every built-in command once, looked up by name', () => {
    const r = defaultRegistry();
    const names = BUILTIN_COMMANDS.map((d) => d.spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of ['search', 'join', 'qs_filter', 'qs_delete', 'stats', 'chart', 'table', 'read_file', 'request', 'sql_query', 'run_query', 'send_email', 'make_events']) {
      expect(r.get(n)?.spec.name).toBe(n);
    }
    expect(r.has('nope')).toBe(false);
    expect(names.filter((n) => n.startsWith('qs_'))).toHaveLength(28);
    expect(() => new CommandRegistry([BUILTIN_COMMANDS[0]!, BUILTIN_COMMANDS[0]!])).toThrow(/duplicate/);
  });

  it('describes every command plus the stats sub-commands, with argparse help', () => {
    const list = defaultRegistry().describeAll();
    const names = list.map((d) => d.name);
    expect(names.indexOf('stats avg')).toBe(names.indexOf('stats') + 1);
    expect(names.indexOf('stats count')).toBe(names.indexOf('stats') + 2);
    expect(list.find((d) => d.name === 'stats count')).toMatchObject({ prog: 'stats count', usage: expect.stringMatching(/^usage: stats count/) as unknown });
    for (const spec of defaultRegistry().specs()) expect(formatHelp(spec)).toMatch(new RegExp(`^usage: ${spec.prog}`));
  });
});
