import { describe as suite, expect, it } from 'vitest';
import { defineCommand, describe, formatHelp, formatNargs, formatUsage } from './index.js';
import { DelveError } from '../../errors.js';
import { chart, head, search, statsCount } from '../../../test/golden/sample-commands.js';

suite('formatUsage / formatHelp', () => {
  it('formats usage like argparse', () => {
    expect(formatUsage(head)).toBe('usage: head [-h] [-n LIMIT]');
    expect(formatUsage(statsCount)).toBe('usage: stats count [-h] [--distinct] [--by G [G ...]] [--field-name N] [F]');
    expect(formatUsage(chart)).toBe(
      'usage: chart [-h] -x X -y Y [-t {bar,line}] [-b BY]\n' +
        '             [--time-x {minute,hour,day,week,month,quarter,year}]',
    );
  });
  it('shows exclusive groups in place and wraps long usage, positionals last', () => {
    const lines = formatUsage(search).split('\n');
    expect(lines[0]).toBe('usage: search [-h]');
    expect(lines[1]).toBe('              [--last-15-minutes | --last-hour | --last-day | --last-week | --last-month]');
    expect(lines[lines.length - 1]).toBe('              [TERMS ...]');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(90);
  });
  it('formats nargs', () => {
    expect(['M', '[M]', '[M ...]', 'M [M ...]', 'M M M', '']).toEqual(
      [null, '?', '*', '+', 3, 0].map((n) => formatNargs('M', n as never)),
    );
  });
  it('formats help with sections and aligned help text', () => {
    expect(formatHelp(head)).toBe(
      [
        'usage: head [-h] [-n LIMIT]',
        '',
        'Keep the first N rows (negative: all but the last |N|).',
        '',
        'options:',
        '  -h, --help            show this help message and exit',
        '  -n LIMIT, --limit LIMIT',
        '                        how many rows',
        '',
      ].join('\n'),
    );
    expect(formatHelp(search)).toContain('positional arguments:\n  TERMS                 KEY=VALUE lookups and full-text words\n');
  });
});

suite('describe', () => {
  it('returns structured, JSON-safe data for the API and the editor', () => {
    const d = describe(chart);
    expect(d).toMatchObject({ name: 'chart', prog: 'chart', usage: formatUsage(chart), description: 'Chart rows with Chart.js.' });
    expect(d.help).toBe(formatHelp(chart));
    const t = d.arguments.find((a) => a.dest === 'type');
    expect(t).toEqual({
      name: '-t/--type',
      flags: ['-t', '--type'],
      dest: 'type',
      positional: false,
      action: 'store',
      nargs: null,
      type: 'string',
      metavar: '{bar,line}',
      invocation: '-t {bar,line}, --type {bar,line}',
      choices: ['bar', 'line'],
      default: 'bar',
      help: null,
      required: false,
      exclusiveGroup: null,
    });
    expect(d.arguments.find((a) => a.dest === 'x')?.required).toBe(true);
    expect(JSON.parse(JSON.stringify(describe(search))).arguments.length).toBe(16);
    expect(describe(search).arguments.find((a) => a.dest === 'terms')).toMatchObject({ positional: true, nargs: '*', name: 'TERMS' });
    expect(describe(search).arguments.find((a) => a.dest === 'last_day')?.exclusiveGroup).toBe(0);
  });
});

suite('defineCommand fails at construction on a bad definition', () => {
  const bad: Array<[string, Parameters<typeof defineCommand>[0]]> = [
    ['duplicate flag', { name: 'c', args: [{ flags: ['-a'] }, { flags: ['-a', '--b'] }] }],
    ['reserved -h', { name: 'c', args: [{ flags: ['-h'] }] }],
    ['duplicate dest', { name: 'c', args: [{ flags: ['--a'] }, { flags: ['-x'], dest: 'a' }] }],
    ['bad flag', { name: 'c', args: [{ flags: ['limit'] }] }],
    ['bad nargs', { name: 'c', args: [{ flags: ['--a'], nargs: 0 }] }],
    ['nargs on a flag', { name: 'c', args: [{ flags: ['--a'], action: 'store_true', nargs: 1 }] }],
    ['bad default', { name: 'c', args: [{ flags: ['--a'], type: 'int', default: 'x' }] }],
    ['empty choices', { name: 'c', args: [{ flags: ['--a'], choices: [] }] }],
    ['unknown group member', { name: 'c', args: [{ flags: ['--a'] }, { flags: ['--b'] }], exclusive: [{ options: ['--a', '--z'] }] }],
    ['required group member', { name: 'c', args: [{ flags: ['--a'], required: true }, { flags: ['--b'] }], exclusive: [{ options: ['--a', '--b'] }] }],
    ['bad name', { name: 'a b', args: [] }],
    ['__proto__ dest', { name: 'c', args: [{ flags: ['--x'], dest: '__proto__' }] }],
  ];
  it.each(bad)('%s', (_, def) => {
    expect(() => defineCommand(def)).toThrow(DelveError);
  });
});
