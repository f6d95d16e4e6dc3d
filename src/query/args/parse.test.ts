import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../lexer/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { defineCommand, parseArgs, type CommandSpec } from './index.js';
import { chart, head, makeEvents, search, statsAvg, statsCount } from '../../../test/golden/sample-commands.js';

function words(text: string): Token[] {
  const r = tokenize(text);
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value;
}
function parse(spec: CommandSpec, text: string): Record<string, unknown> {
  const r = parseArgs(spec, words(text));
  if (!r.ok) throw new Error(`unexpected error: ${r.diagnostics[0]?.message}`);
  return r.value;
}
function error(spec: CommandSpec, text: string): Diagnostic {
  const r = parseArgs(spec, words(text), { span: { start: 0, end: text.length }, command: { index: 0, name: spec.name } });
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  expect(r.diagnostics).toHaveLength(1);
  const d = r.diagnostics[0] as Diagnostic;
  expect(d.code).toBe('DLV_QUERY_ARGUMENT');
  expect(d.command).toEqual({ index: 0, name: spec.name });
  return d;
}

describe('parseArgs: options', () => {
  it('applies defaults when nothing is given', () => {
    expect(parse(head, '')).toEqual({ limit: 10 });
    expect(parse(search, '')).toMatchObject({
      terms: [],
      last_hour: false,
      order_by: [],
      limit: null,
      offset: 0, // string default '0' converted with the type, as argparse does
      model: 'events.models.Event',
      latest_by: null,
    });
  });
  it('accepts --opt v, --opt=v, short -n v and attached -n5', () => {
    expect(parse(head, '--limit 5')).toEqual({ limit: 5 });
    expect(parse(head, '--limit=5')).toEqual({ limit: 5 });
    expect(parse(head, '-n 5')).toEqual({ limit: 5 });
    expect(parse(head, '-n5')).toEqual({ limit: 5 });
    expect(parse(head, '-n=5')).toEqual({ limit: 5 });
  });
  it('takes negative numbers as values, not options', () => {
    expect(parse(head, '-n -3')).toEqual({ limit: -3 });
    expect(parse(search, '--older-than -1.5')).toMatchObject({ older_than: '-1.5' });
  });
  it('accepts --opt=-x for values starting with a dash', () => {
    expect(parse(search, '--order-by=-created')).toMatchObject({ order_by: ['-created'] });
    const d = error(search, '--order-by -created');
    expect(d.message).toBe('argument --order-by: expected one argument');
  });
  it('accepts unique prefixes of long options and rejects ambiguous ones', () => {
    expect(parse(search, '--last-h')).toMatchObject({ last_hour: true });
    expect(parse(search, '--lim 3')).toMatchObject({ limit: 3 });
    expect(parse(search, '--lim=3')).toMatchObject({ limit: 3 });
    const d = error(search, 'a=1 --last x=1');
    expect(d.message).toBe(
      'ambiguous option: --last could match --last-15-minutes, --last-hour, --last-day, --last-week, --last-month',
    );
    expect(d.span).toEqual({ start: 4, end: 10 });
    expect(error(search, '--lat').message).toBe('ambiguous option: --lat could match --latest, --latest-by');
    expect(parse(search, '--latest')).toMatchObject({ latest: true, latest_by: null }); // exact match wins
  });
  it('collects append options into lists, last store wins, count counts', () => {
    expect(parse(search, '--order-by a --order-by=b')).toMatchObject({ order_by: ['a', 'b'] });
    expect(parse(search, '--limit 1 --limit 2')).toMatchObject({ limit: 2 });
    expect(parse(makeEvents, '-d a -d b -vv --verbose')).toMatchObject({ drop: ['a', 'b'], verbose: 3 });
    expect(parse(makeEvents, '-Sv')).toMatchObject({ save: true, verbose: 1 });
    expect(parse(makeEvents, '-Sdfoo')).toMatchObject({ save: true, drop: ['foo'] });
  });
  it('rejects an explicit value on a flag', () => {
    expect(error(makeEvents, '--save=yes').message).toBe("argument -S/--save: ignored explicit argument 'yes'");
    expect(error(makeEvents, '-Sx').message).toBe("argument -S/--save: ignored explicit argument 'x'");
  });
  it('makes * and + options greedy', () => {
    expect(parse(search, 'a=1 --latest-by host source')).toMatchObject({ terms: ['a=1'], latest_by: ['host', 'source'] });
    expect(parse(search, '--latest-by host a=1')).toMatchObject({ terms: [], latest_by: ['host', 'a=1'] });
    expect(parse(statsCount, '--by a b --field-name n')).toMatchObject({ by: ['a', 'b'], field_name: 'n', field: null });
    expect(error(statsCount, '--by --distinct').message).toBe('argument --by: expected at least one argument');
  });
  it('reports a missing option value', () => {
    const d = error(head, '-n');
    expect(d.message).toBe('argument -n/--limit: expected one argument');
    expect(d.span).toEqual({ start: 0, end: 2 });
  });
});

describe('parseArgs: positionals and interleaving', () => {
  it('interleaves options with positionals', () => {
    expect(parse(search, 'index=web --last-hour status=500')).toMatchObject({
      terms: ['index=web', 'status=500'],
      last_hour: true,
    });
    // --by is greedy, so it swallows the field: argparse reports the positional as missing
    expect(error(statsAvg, '--by host bytes').message).toBe('the following arguments are required: FIELD');
    expect(parse(statsAvg, 'bytes --by host')).toEqual({ field: 'bytes', by: ['host'], as_field: 'avg' });
  });
  it('-- ends options', () => {
    expect(parse(search, '--limit 2 -- --last-hour -x')).toMatchObject({ terms: ['--last-hour', '-x'], limit: 2, last_hour: false });
    expect(error(head, '-n -- 5').message).toBe('argument -n/--limit: expected one argument');
  });
  it('rejects a dash-leading word that is not an option nor a negative number', () => {
    const d = error(search, 'a=1 -created');
    expect(d.message).toBe('unrecognized arguments: -created');
    expect(d.span).toEqual({ start: 4, end: 12 });
    expect(error(head, '--bogus').message).toBe('unrecognized arguments: --bogus');
  });
  it('an inner quote layer keeps a dash value positional', () => {
    expect(parse(search, `"'-created'"`)).toMatchObject({ terms: ["'-created'"] });
  });
  it('reports missing required positionals and options, in declaration order', () => {
    const d = error(statsAvg, '--by host');
    expect(d.message).toBe('the following arguments are required: FIELD');
    expect(d.span).toEqual({ start: 0, end: 9 });
    expect(error(chart, '-t line').message).toBe('the following arguments are required: -x, -y');
  });
  it('reports surplus positionals as unrecognized arguments', () => {
    const d = error(statsAvg, 'a b c');
    expect(d.message).toBe('unrecognized arguments: b c');
    expect(d.span).toEqual({ start: 2, end: 5 });
  });
  it('matches positional nargs like argparse', () => {
    const spec = defineCommand({
      name: 'p',
      args: [
        { name: 'first', nargs: '*' },
        { name: 'pair', nargs: 2, type: 'int' },
        { name: 'opt', nargs: '?', default: 'd' },
      ],
    });
    expect(parse(spec, '1 2')).toEqual({ first: [], pair: [1, 2], opt: 'd' });
    expect(parse(spec, 'a b 1 2')).toEqual({ first: ['a', 'b'], pair: [1, 2], opt: 'd' });
    expect(error(spec, 'a b x').message).toBe("argument pair: invalid int value: 'b'");
    expect(error(spec, '1').message).toBe('the following arguments are required: pair');
  });
});

describe('parseArgs: types, choices, exclusion, help', () => {
  it('converts int, float and cast values with argparse messages', () => {
    const d = error(head, '--limit x');
    expect(d.message).toBe("argument -n/--limit: invalid int value: 'x'");
    expect(d.span).toEqual({ start: 8, end: 9 });
    expect(error(head, '--limit=1.5').message).toBe("argument -n/--limit: invalid int value: '1.5'");
    expect(parse(head, "-n ' 1_000 '")).toEqual({ limit: 1000 });
    expect(error(head, '-n 99999999999999999999').message).toContain('invalid int value');
    const spec = defineCommand({
      name: 't',
      args: [
        { flags: ['--f'], type: 'float' },
        { flags: ['--c'], type: 'cast' },
      ],
    });
    expect(parse(spec, '--f 1e3 --c [1,2]')).toEqual({ f: 1000, c: [1, 2] });
    expect(error(spec, '--f nan').message).toBe("argument --f: invalid float value: 'nan'");
    expect(error(spec, `--f "it's"`).message).toBe(`argument --f: invalid float value: "it's"`);
  });
  it('checks choices after conversion', () => {
    expect(parse(chart, '-x a -y b -t line')).toMatchObject({ x: 'a', y: 'b', type: 'line', time_x: null });
    const d = error(chart, '-x a -y b --type pie');
    expect(d.message).toBe("argument -t/--type: invalid choice: 'pie' (choose from 'bar', 'line')");
    expect(d.span).toEqual({ start: 17, end: 20 });
  });
  it('enforces mutually exclusive groups', () => {
    const d = error(search, '--last-hour --last-day');
    expect(d.message).toBe('argument --last-day: not allowed with argument --last-hour');
    expect(d.span).toEqual({ start: 12, end: 22 });
    expect(parse(search, '--last-hour --last-hour')).toMatchObject({ last_hour: true });
    const req = defineCommand({
      name: 'r',
      args: [{ flags: ['--a'], action: 'store_true' }, { flags: ['--b'], action: 'store_true' }],
      exclusive: [{ options: ['a', '--b'], required: true }],
    });
    expect(error(req, '').message).toBe('one of the arguments --a --b is required');
    expect(parse(req, '--b')).toEqual({ a: false, b: true });
  });
  it('returns {help: true} for -h/--help, and an earlier error wins', () => {
    expect(parseArgs(head, words('-h'))).toEqual({ ok: true, value: { help: true } });
    expect(parseArgs(chart, words('--help'))).toEqual({ ok: true, value: { help: true } });
    expect(parseArgs(statsAvg, words('--he'))).toEqual({ ok: true, value: { help: true } }); // prefix, and before missing FIELD
    expect(error(head, '-n x -h').message).toBe("argument -n/--limit: invalid int value: 'x'");
  });
  it('puts the usage line in the hint', () => {
    expect(error(head, '-n x').hint).toBe('usage: head [-h] [-n LIMIT]');
  });
  it('never lets a caller mutate the spec defaults', () => {
    const a = parse(search, '');
    (a['order_by'] as unknown[]).push('x');
    (a['terms'] as unknown[]).push('y');
    expect(parse(search, '')).toMatchObject({ order_by: [], terms: [] });
  });
});
