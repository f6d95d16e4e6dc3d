import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { User } from '../../auth/users.js';
import { DelveError } from '../../errors.js';
import { defineCommand } from '../args/index.js';
import type { CommandDef } from '../commands/command.js';
import { evaluatePipeline, runPipeline, type RunOutcome } from './executor.js';
import { queryDeadline } from './limits.js';
import { defaultRegistry } from './registry.js';
import type { ExecContext, QueryServices } from './types.js';

const USER = { id: 'u1', username: 'tester', is_active: 1, is_superuser: 0 } as unknown as User;

function ctx(o: Partial<ExecContext> = {}): ExecContext {
  return { user: USER, locals: {}, globals: {}, maxRows: 1000, signal: new AbortController().signal, now: () => new Date(0), ...o };
}
const registry = defaultRegistry();
const run = (text: string, c: ExecContext = ctx()): Promise<RunOutcome> => runPipeline(registry, text, c);
const failure = async (text: string, c?: ExecContext) => {
  const out = await run(text, c);
  if (out.ok) throw new Error(`expected a failure, got ${JSON.stringify(out.result)}`);
  return out.error;
};

describe('runPipeline: eager evaluation', () => {
  it('runs the commands in order and shapes the result', async () => {
    expect(await run('fake_data --list-of-dicts | stats count')).toMatchObject({ ok: true, result: 3, rows: 1, truncated: false });
    const out = await run('fake_data --dict | echo hi');
    expect(out).toMatchObject({ ok: true, result: [{ foo: 1, bar: 'baz', expression: null }, { foo: null, bar: null, expression: 'hi' }] });
  });

  it('renders each segment just before it runs: set writes the locals that later segments read', async () => {
    const c = ctx({ globals: { who: 'global', g: 'G' } });
    expect(await run('set who=local | echo "{{ who }} {{ g }}" | select expression', c)).toMatchObject({ result: [{ expression: 'local G' }] });
    expect(c.locals).toEqual({ who: 'local' });
  });

  it('a rendered | never splits the pipeline; rendered quotes take part in tokenizing (reference §4.2)', async () => {
    expect(await run('echo "{{ v }}"', ctx({ locals: { v: 'a | b' } }))).toMatchObject({ result: [{ expression: 'a | b' }] });
    expect(await run('echo {{ v }}', ctx({ locals: { v: 'a | b' } }))).toMatchObject({ result: [{ expression: 'a' }, { expression: '|' }, { expression: 'b' }] });
    expect(await run('echo {{ v }}', ctx({ locals: { v: '"x y"' } }))).toMatchObject({ result: [{ expression: 'x y' }] });
  });

  it('caps the rows at maxRows and says so', async () => {
    expect(await run('fake_data --list-of-dicts', ctx({ maxRows: 2 }))).toMatchObject({ ok: true, rows: 2, truncated: true });
  });
});

describe('runPipeline: help', () => {
  it('-h/--help anywhere answers that command\'s help and runs nothing', async () => {
    const c = ctx();
    const out = await run('set x=1 | head --help | nope_not_run', c);
    expect(out.ok).toBe(false); // unknown commands are found before anything runs
    const h = await run('set x=1 | head -h', c);
    expect(h).toMatchObject({ ok: true, help: true, rows: 0 });
    expect((h as { result: { help: string } }).result.help).toMatch(/^usage: head/);
    expect(c.locals).toEqual({});
  });

  it('stats sub-commands have their own usage', async () => {
    const h = await run('stats count -h');
    expect((h as { result: { help: string } }).result.help).toMatch(/^usage: stats count/);
    const e = await failure('fake_data --list-of-dicts | stats avg foo --distinct');
    expect(e).toMatchObject({ code: 'DLV_QUERY_ARGUMENT', command: { index: 1, name: 'stats' } });
    expect(await run('fake_data --list-of-dicts | stats avg foo --as-field m | select m')).toMatchObject({ result: [{ m: 2 }, { m: 2 }, { m: 2 }] });
  });
});

describe('runPipeline: errors carry command and span', () => {
  it('syntax and unknown commands', async () => {
    expect(await failure('echo "x')).toMatchObject({ code: 'DLV_QUERY_SYNTAX', status: 400, span: { start: 5, end: 7 } });
    expect(await failure('echo a | zap b')).toMatchObject({ code: 'DLV_QUERY_UNKNOWN_COMMAND', command: { index: 1, name: 'zap' }, span: { start: 9, end: 12 } });
    expect(await failure('echo a |')).toMatchObject({ code: 'DLV_QUERY_EMPTY_SEGMENT' });
  });

  it('argument errors point at the word; template errors at the segment', async () => {
    expect(await failure('fake_data --list | head -n x')).toMatchObject({ code: 'DLV_QUERY_ARGUMENT', span: { start: 27, end: 28 } });
    expect(await failure('fake_data --list | head -n {% if %}')).toMatchObject({ code: 'DLV_QUERY_TEMPLATE', command: { index: 1, name: 'head' } });
  });

  it('qs_* needs a lazy query; source commands must come first', async () => {
    const lazy = await failure('fake_data --list | qs_count');
    expect(lazy).toMatchObject({ code: 'DLV_QUERY_LAZY_INPUT', command: { index: 1, name: 'qs_count' }, span: { start: 19, end: 27 } });
    expect(lazy.message).toMatch(/can only operate on QuerySets like the output of the search command\.$/);
    expect(await failure('fake_data --list | search')).toMatchObject({ message: 'Search must appear as the first search command.', command: { index: 1 } });
  });

  it('refuses commands the caller has no permission for (403), before running them', async () => {
    const services = { hasPermission: async () => false, depth: 0 } as unknown as QueryServices;
    expect(await failure('search index=web', ctx({ services }))).toMatchObject({ code: 'DLV_AUTH_FORBIDDEN', status: 403, command: { index: 0, name: 'search' }, span: { start: 0, end: 16 } });
  });

  it('unexpected errors become DLV_INTERNAL without their message; DelveErrors keep theirs', async () => {
    const boom: CommandDef = { kind: 'generic', spec: defineCommand({ name: 'boom', args: [] }), run: () => { throw new Error('secret internals /etc/x'); } };
    const nice: CommandDef = { kind: 'generic', spec: defineCommand({ name: 'nice', args: [] }), run: () => { throw new DelveError('DLV_QUERY_TYPE', 'bad type', { field: 'f' }); } };
    const r = defaultRegistry([boom, nice]);
    const e = await runPipeline(r, 'echo a | boom', ctx());
    expect(e).toMatchObject({ ok: false, error: { code: 'DLV_INTERNAL', status: 500, command: { index: 1, name: 'boom' } } });
    expect(JSON.stringify((e as { error: { message: string } }).error.message)).not.toContain('secret');
    expect(await runPipeline(r, 'nice', ctx())).toMatchObject({ ok: false, error: { code: 'DLV_QUERY_TYPE', message: 'bad type', field: 'f', status: 400 } });
  });

  it('a stopped query reports the abort reason (timeout 408, cancellation 499)', async () => {
    const d = queryDeadline(60_000);
    d.cancel();
    expect(await failure('echo a', ctx({ signal: d.signal }))).toMatchObject({ code: 'DLV_QUERY_CANCELLED', status: 499 });
    const t = queryDeadline(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(await failure('echo a', ctx({ signal: t.signal }))).toMatchObject({ code: 'DLV_QUERY_TIMEOUT', status: 408 });
    d.dispose();
    t.dispose();
  });

  it('a command that ignores the signal cannot hold the query past it', async () => {
    const never: CommandDef = { kind: 'generic', spec: defineCommand({ name: 'never', args: [] }), run: () => new Promise(() => undefined) };
    const d = queryDeadline(60_000);
    const p = runPipeline(defaultRegistry([never]), 'never', ctx({ signal: d.signal }));
    d.cancel();
    expect(await p).toMatchObject({ ok: false, error: { code: 'DLV_QUERY_CANCELLED', command: { name: 'never' } } });
    d.dispose();
  });
});

describe('evaluatePipeline never throws (fuzz)', () => {
  const pieces = ['echo', 'set', 'head', 'stats', 'count', 'avg', 'select', 'search', 'qs_count', 'fake_data', '--list-of-dicts', '-n', '-h', '|', '||',
    '"', "'", '{{', '}}', '{%', '%}', 'x=1', ' ', '#', '\\', '\n', 'foo', '--by', '[1,2]', 'nope'];
  it('returns an outcome for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 12 }), async (parts) => {
        const out = await evaluatePipeline(registry, parts.join(' '), ctx());
        expect(typeof out.ok).toBe('boolean');
        if (!out.ok) expect(out.error.code).toMatch(/^DLV_/);
      }),
      { numRuns: 300 },
    );
  });
});
