/**
 * Python `re` patterns and replacement strings for JavaScript (rex, replace, filter regex/iregex, the database
 * regex/iregex lookups through plan/sqlite-functions.ts).
 *
 * Patterns are translated by python-regex-syntax.ts and compiled with the `u` flag, so they behave like Python 3 str
 * patterns: \w \d \s \b are Unicode-aware (`\w` matches é, `\d` matches ٣, `\s` matches U+00A0) and IGNORECASE folds
 * non-ASCII letters (É/é).
 *
 * SAFETY: JavaScript regexes cannot be interrupted, so a pathological pattern ("catastrophic
 * backtracking") could stall the process. Guards: patterns are capped at MAX_PATTERN_LENGTH characters,
 * the classic explosive shape — an unbounded repetition of a group that itself ends in an unbounded
 * repetition, e.g. `(a+)+`, `(\w+\s*)*` — is refused (DLV_QUERY_LIMIT), and regexes see at most the first
 * MAX_REGEX_INPUT characters of a value. This reduces but does not remove the risk; the runtime's query
 * time limit cannot interrupt a single running regex.
 */
import { DelveError } from '../../errors.js';
import { translatePythonRegex } from './python-regex-syntax.js';

/** Longest accepted pattern, in characters. */
export const MAX_PATTERN_LENGTH = 1000;
/** Regexes look at most at this many leading characters of a value. */
export const MAX_REGEX_INPUT = 65_536;

const NESTED_QUANTIFIER = /\((?:\?(?:<[A-Za-z_]\w*>|:))?(?:[^()\\]|\\.)*(?:[+*]|\{\d+,\})\??\)(?:[+*]|\{\d+,\})/;
/** Named groups of the regexes compiled here, in pattern order. */
const NAMES = new WeakMap<RegExp, readonly string[]>();

/** The part of a value a regex looks at. */
export function regexInput(s: string): string {
  return s.length > MAX_REGEX_INPUT ? s.slice(0, MAX_REGEX_INPUT) : s;
}

/**
 * Compile a Python-style pattern. `field` names the argument for error messages. Throws DLV_QUERY_LIMIT
 * for over-long or explosive patterns and DLV_QUERY_ARGUMENT for invalid ones.
 */
export function compilePythonRegex(pattern: string, opts: { ignoreCase?: boolean; global?: boolean; field: string }): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new DelveError('DLV_QUERY_LIMIT', `The regular expression is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}.`, {
      field: opts.field,
    });
  }
  const { source, flags, names } = translatePythonRegex(pattern, opts.field);
  // checked on the Python spelling (where \b, \w, $ are single tokens) and on the translation
  if (NESTED_QUANTIFIER.test(pattern) || NESTED_QUANTIFIER.test(source)) {
    throw new DelveError(
      'DLV_QUERY_LIMIT',
      'The regular expression repeats a group that itself ends in a repetition (like (a+)+); such patterns can take exponential time. Rewrite it without the nested repetition.',
      { field: opts.field },
    );
  }
  let all = `u${flags}`;
  if (opts.ignoreCase === true && !all.includes('i')) all += 'i';
  if (opts.global === true) all += 'g';
  let re: RegExp;
  try {
    re = new RegExp(source, all);
  } catch (e) {
    // V8 says `Invalid regular expression: /<translated source>/<flags>: <reason>`; the translation would only confuse
    const reason = e instanceof Error ? e.message.replace(/^Invalid regular expression: (?:\/[\s\S]*\/[a-z]*: )?/, '') : 'invalid';
    throw new DelveError('DLV_QUERY_ARGUMENT', `Invalid regular expression: ${reason}`, { field: opts.field });
  }
  NAMES.set(re, names);
  return re;
}

/** Names of the named groups of a regex compiled by compilePythonRegex (else read from its source), in pattern order. */
export function groupNames(re: RegExp): string[] {
  const known = NAMES.get(re);
  if (known !== undefined) return [...known];
  const names: string[] = [];
  const rx = /\(\?<([\p{L}_$][\p{L}\p{N}_$]*)>/gu;
  for (const m of re.source.matchAll(rx)) {
    if (m.index === 0 || re.source[m.index - 1] !== '\\') names.push(m[1] as string);
  }
  return names;
}

/** Number of capturing groups of a compiled regex. */
export function groupCount(re: RegExp): number {
  return (new RegExp(`${re.source}|`, re.flags.replace('g', '')).exec('')?.length ?? 1) - 1;
}

/** Whether `i` falls between the two halves of a surrogate pair of `s`. */
function insidePair(s: string, i: number): boolean {
  const lead = s.charCodeAt(i - 1);
  const trail = s.charCodeAt(i);
  return lead >= 0xd800 && lead <= 0xdbff && trail >= 0xdc00 && trail <= 0xdfff;
}

type Part = string | { group: number | string };
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/**
 * Compile a Python replacement string (`\1`, `\g<1>`, `\g<name>`, `\n`, `\\`) for `re`; returns a
 * function for String.prototype.replace. Bad group references throw DLV_QUERY_ARGUMENT.
 */
export function compileReplacement(repl: string, re: RegExp, field: string): (...args: unknown[]) => string {
  const count = groupCount(re);
  const names = new Set(groupNames(re));
  const parts: Part[] = [];
  let lit = '';
  const bad = (msg: string): never => {
    throw new DelveError('DLV_QUERY_ARGUMENT', msg, { field });
  };
  for (let i = 0; i < repl.length; i++) {
    const ch = repl[i] as string;
    if (ch !== '\\' || i + 1 >= repl.length) {
      lit += ch;
      continue;
    }
    const next = repl[i + 1] as string;
    const digits = /^\d{1,2}/.exec(repl.slice(i + 1, i + 3));
    const g = /^g<([^>]*)>/.exec(repl.slice(i + 1, i + 200));
    let ref: number | string | undefined;
    if (digits !== null && next !== '0') {
      ref = Number(digits[0]);
      i += digits[0].length;
    } else if (g !== null) {
      const name = g[1] as string;
      ref = /^\d+$/.test(name) ? Number(name) : name;
      i += g[0].length;
    } else if (Object.hasOwn(SIMPLE_ESCAPES, next)) {
      lit += SIMPLE_ESCAPES[next];
      i += 1;
      continue;
    } else if (/[A-Za-z]/.test(next)) {
      bad(`Bad escape \\${next} in the replacement; write \\\\ for a backslash.`);
    } else {
      lit += ch;
      continue;
    }
    if (typeof ref === 'number' && ref > count) bad(`The replacement refers to group ${ref}, but the pattern has ${count} group(s).`);
    if (typeof ref === 'string' && !names.has(ref)) bad(`The replacement refers to an unknown group name ${JSON.stringify(ref)}.`);
    if (lit !== '') parts.push(lit);
    lit = '';
    parts.push({ group: ref as number | string });
  }
  if (lit !== '') parts.push(lit);
  return (...args: unknown[]): string => {
    // V8 (u flag) can report an EMPTY match inside a surrogate pair (e.g. (?<!\w) between the halves of an emoji);
    // Python has no such position, and replacing there would split the character
    const offset = args[count + 1];
    const input = args[count + 2];
    if (args[0] === '' && typeof offset === 'number' && typeof input === 'string' && insidePair(input, offset)) return '';
    const last = args[args.length - 1];
    const groups = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : {};
    return parts
      .map((p) => {
        if (typeof p === 'string') return p;
        const v = typeof p.group === 'number' ? args[p.group] : groups[p.group];
        return typeof v === 'string' ? v : '';
      })
      .join('');
  };
}
