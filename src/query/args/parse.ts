/**
 * parseArgs: argparse semantics over already-tokenized words (reference §4.3).
 *
 * Options are consumed where they appear (`--opt v`, `--opt=v`, `-n5`, unique long prefixes, greedy
 * `*`/`+`, `append`/`count` repeats, mutually exclusive groups); the remaining words are then matched
 * to the positionals with argparse's own nargs patterns. `--` ends options. `-h/--help` anywhere
 * (before a failing option) returns `{ help: true }`.
 *
 * DIVERGENCES (improvements; every command line the original accepted parses the same):
 * - Positionals may be split by options (`search a=1 --limit 5 b=2`), like Python's
 *   parse_intermixed_args; plain argparse rejected the later words as "unrecognized arguments".
 * - `append` starts from an empty list (argparse appends to the default), `count` defaults to 0
 *   and `append` to [] (argparse: None).
 */
import { diagnostic, fail, ok, type Result, type Span } from '../diagnostics.js';
import type { Token } from '../lexer/index.js';
import { classifyWord } from './classify.js';
import { convertArgValue, pyRepr } from './convert.js';
import { formatUsage } from './usage.js';
import type { Argument, CommandSpec, Nargs } from './types.js';

export type ParseArgsOptions = {
  /** Span for errors not tied to one word (missing arguments); defaults to the words' extent. */
  span?: Span;
  /** Attached to every diagnostic. */
  command?: { index: number; name: string };
};

type Item =
  | { kind: 'value' | 'dd' | 'unknown'; tok: Token }
  | { kind: 'option'; tok: Token; arg: Argument; flag: string; explicit: string | undefined; attached: boolean };

class ArgError {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

const HELP_REQUESTED = Symbol('help');

/** Parse `tokens` (the words after the command name) against `spec`; never throws. */
export function parseArgs(
  spec: CommandSpec,
  tokens: readonly Token[],
  options: ParseArgsOptions = {},
): Result<Record<string, unknown>> {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const wholeSpan = options.span ?? (first && last ? { start: first.span.start, end: last.span.end } : { start: 0, end: 0 });
  try {
    const value = run(spec, tokens, wholeSpan);
    return ok(value === HELP_REQUESTED ? { help: true } : value);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    const extra = { hint: formatUsage(spec), ...(options.command ? { command: options.command } : {}) };
    return fail(diagnostic('DLV_QUERY_ARGUMENT', e.message, e.span, extra));
  }
}

function classifyAll(spec: CommandSpec, tokens: readonly Token[]): Item[] {
  let afterDoubleDash = false;
  return tokens.map((tok): Item => {
    if (afterDoubleDash) return { kind: 'value', tok };
    if (tok.value === '--') {
      afterDoubleDash = true;
      return { kind: 'dd', tok };
    }
    const c = classifyWord(spec, tok.value);
    if (c.kind === 'ambiguous') throw new ArgError(c.message, tok.span);
    if (c.kind === 'option') return { ...c, tok };
    return { kind: c.kind === 'value' ? 'value' : 'unknown', tok };
  });
}

function run(spec: CommandSpec, tokens: readonly Token[], wholeSpan: Span): Record<string, unknown> | typeof HELP_REQUESTED {
  const items = classifyAll(spec, tokens);
  const values: Record<string, unknown> = {};
  for (const arg of spec.arguments) {
    if (arg.action !== 'help') values[arg.dest] = fresh(arg.default);
  }
  const seen = new Set<Argument>();
  const groupSeen = new Map<number, Argument>();
  const positional: Token[] = [];
  const extras: Token[] = [];
  const appended = new Set<Argument>();

  const take = (arg: Argument, raws: readonly { raw: string; span: Span }[], optionTok: Token): void => {
    const converted = raws.map(({ raw, span }) => {
      const r = convertArgValue(arg, raw);
      if ('error' in r) throw new ArgError(r.error, span);
      return r.value;
    });
    if (arg.group !== undefined) {
      const other = groupSeen.get(arg.group);
      if (other !== undefined && other !== arg) {
        throw new ArgError(`argument ${arg.displayName}: not allowed with argument ${other.displayName}`, optionTok.span);
      }
      groupSeen.set(arg.group, arg);
    }
    seen.add(arg);
    const single = arg.nargs === null || arg.nargs === '?' ? (converted.length > 0 ? converted[0] : arg.const) : converted;
    switch (arg.action) {
      case 'store':
        values[arg.dest] = single;
        break;
      case 'store_true':
        values[arg.dest] = true;
        break;
      case 'store_false':
        values[arg.dest] = false;
        break;
      case 'store_const':
        values[arg.dest] = arg.const;
        break;
      case 'count':
        values[arg.dest] = (typeof values[arg.dest] === 'number' ? (values[arg.dest] as number) : 0) + 1;
        break;
      case 'append': {
        const list = appended.has(arg) ? (values[arg.dest] as unknown[]) : [];
        list.push(single);
        values[arg.dest] = list;
        appended.add(arg);
        break;
      }
      case 'help':
        break;
    }
  };

  let i = 0;
  while (i < items.length) {
    const it = items[i] as Item;
    if (it.kind !== 'option') {
      if (it.kind === 'value') positional.push(it.tok);
      else if (it.kind === 'unknown') extras.push(it.tok);
      i += 1;
      continue;
    }
    const attached = it.attached;
    let { arg, explicit } = it;
    for (;;) {
      if (arg.action === 'help') return HELP_REQUESTED;
      if (arg.nargs === 0) {
        take(arg, [], it.tok);
        if (explicit === undefined) break;
        const next = attached && explicit !== '' ? spec.flagIndex.get(`-${explicit.charAt(0)}`) : undefined;
        if (next === undefined) {
          throw new ArgError(`argument ${arg.displayName}: ignored explicit argument ${pyRepr(explicit)}`, it.tok.span);
        }
        arg = next;
        explicit = explicit.length > 1 ? explicit.slice(1) : undefined;
        continue;
      }
      if (explicit !== undefined) {
        if (typeof arg.nargs === 'number' && arg.nargs > 1) throw new ArgError(expected(arg), it.tok.span);
        take(arg, [{ raw: explicit, span: it.tok.span }], it.tok);
        break;
      }
      let avail = 0;
      while (items[i + 1 + avail]?.kind === 'value') avail += 1;
      const count = argCount(arg.nargs, avail);
      if (count === undefined) throw new ArgError(expected(arg), it.tok.span);
      const raws = items.slice(i + 1, i + 1 + count).map((v) => ({ raw: v.tok.value, span: v.tok.span }));
      take(arg, raws, it.tok);
      i += count;
      break;
    }
    i += 1;
  }

  const missing = assignPositionals(spec, positional, values, extras);
  for (const arg of spec.arguments) {
    if (arg.kind === 'option' && arg.required && !seen.has(arg)) missing.push(arg);
  }
  if (missing.length > 0) {
    const names = spec.arguments.filter((a) => missing.includes(a)).map((a) => a.displayName);
    throw new ArgError(`the following arguments are required: ${names.join(', ')}`, wholeSpan);
  }
  spec.groups.forEach((g, gi) => {
    if (g.required && !groupSeen.has(gi)) {
      throw new ArgError(`one of the arguments ${g.members.map((m) => m.displayName).join(' ')} is required`, wholeSpan);
    }
  });
  if (extras.length > 0) {
    extras.sort((a, b) => a.span.start - b.span.start);
    const span = { start: (extras[0] as Token).span.start, end: (extras[extras.length - 1] as Token).span.end };
    throw new ArgError(`unrecognized arguments: ${extras.map((t) => t.value).join(' ')}`, span);
  }
  return values;
}

/** A copy of a default list, so callers can never mutate the spec's default. */
function fresh(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}

/** How many of `avail` following values an option with `nargs` takes; undefined = not enough. */
function argCount(nargs: Nargs | null, avail: number): number | undefined {
  if (nargs === null) return avail >= 1 ? 1 : undefined;
  if (nargs === '?') return Math.min(1, avail);
  if (nargs === '*') return avail;
  if (nargs === '+') return avail >= 1 ? avail : undefined;
  return avail >= nargs ? nargs : undefined;
}

function expected(arg: Argument): string {
  const n = arg.nargs;
  const what = n === null || n === 1 ? 'expected one argument' : n === '+' ? 'expected at least one argument' : `expected ${String(n)} arguments`;
  return `argument ${arg.displayName}: ${what}`;
}

function nargsPattern(nargs: Nargs | null): string {
  if (nargs === null) return '(A)';
  if (nargs === '?') return '(A?)';
  if (nargs === '*') return '(A*)';
  if (nargs === '+') return '(A+)';
  return `(A{${nargs}})`;
}

/**
 * Match positional words to positional arguments like argparse's `_match_arguments_partial`
 * (the longest prefix of positionals whose patterns match); stores values, pushes leftovers to
 * `extras`, and returns the required positionals that got nothing.
 */
function assignPositionals(spec: CommandSpec, words: Token[], values: Record<string, unknown>, extras: Token[]): Argument[] {
  const posArgs = spec.arguments.filter((a) => a.kind === 'positional');
  const subject = 'A'.repeat(words.length);
  let counts: number[] = [];
  for (let k = posArgs.length; k > 0; k -= 1) {
    const m = new RegExp(`^${posArgs.slice(0, k).map((a) => nargsPattern(a.nargs)).join('')}`).exec(subject);
    if (m !== null) {
      counts = m.slice(1).map((g) => (g ?? '').length);
      break;
    }
  }
  let pos = 0;
  counts.forEach((count, idx) => {
    const arg = posArgs[idx] as Argument;
    const taken = words.slice(pos, pos + count);
    pos += count;
    const converted = taken.map((t) => {
      const r = convertArgValue(arg, t.value);
      if ('error' in r) throw new ArgError(r.error, t.span);
      return r.value;
    });
    if (arg.nargs === null) values[arg.dest] = converted[0];
    else if (arg.nargs === '?') values[arg.dest] = converted.length > 0 ? converted[0] : fresh(arg.default);
    else if (arg.nargs === '*' && converted.length === 0) values[arg.dest] = fresh(arg.default);
    else values[arg.dest] = converted;
  });
  extras.push(...words.slice(pos));
  return posArgs.slice(counts.length).filter((a) => a.required);
}
