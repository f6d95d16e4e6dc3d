/**
 * Python 3 `re` syntax (str patterns) → JavaScript RegExp source for the `u` flag.
 *
 * Python's str patterns are Unicode-aware and JavaScript's (even with `u`) are not, so the character classes are
 * spelled out with Unicode property escapes:
 *   \w → [\p{L}\p{N}_]   exactly Python's `str.isalnum() or "_"` (letters and numbers of every script; like Python, NOT
 *                        combining marks such as U+0301 — only differences are characters newer than Python's tables)
 *   \d → \p{Nd}          Python's Unicode decimal digits (Arabic-Indic ٣, Devanagari ३, …; not ² or Ⅻ)
 *   \s → str.isspace()   \p{Zs} (incl. U+00A0, U+2003, U+3000), \t-\r, \x1c-\x1f, \x85, U+2028, U+2029 (not U+FEFF)
 *   \b \B               boundaries between Python word characters (lookarounds), \W \D \S their complements
 * `(?a)` switches these to ASCII ([A-Za-z0-9_], [0-9], [ \t-\r]); DIVERGENCE: with `(?ai)` non-ASCII letters still fold.
 * Case-insensitive matching uses JavaScript's `u`+`i` Unicode simple case folding (É/é, Σ/σ/ς, K/K, ſ/s), as Python does.
 *
 * Also Python-exact: `.` excludes only \n (JavaScript also excluded \r, U+2028, U+2029); `$` matches at the end or
 * before a final \n; with (?m) `^`/`$` break lines at \n only; `{` that is not a quantifier is literal; `{,n}`;
 * `]` and `}` outside a class are literal; identity escapes of punctuation (`\-`, `\_`, `\'`, `\,`, `\é`) are literal;
 * `\a`, `\U0001F600`, octal escapes (`\0`, `\012`, `[\1]`); `(?P<n>…)`, `(?P=n)`, `(?#comment)`, `\A`, `\Z`; leading
 * inline flags (?aimsu). Python errors stay errors: unknown ASCII-letter escapes (`\q`), bad ranges (`[\w-z]`, `[z-a]`),
 * unterminated classes. Not supported (DLV_QUERY_ARGUMENT): `\N{name}`, (?x), (?L), and what JavaScript lacks
 * (scoped flags `(?i:…)`, possessive quantifiers, atomic groups, conditionals).
 */
import { DelveError } from '../../errors.js';

/** A translated pattern: JavaScript source (for the `u` flag), flags (`i` only) and the named groups in order. */
export interface TranslatedRegex {
  source: string;
  flags: string;
  names: string[];
}

type Sets = { word: string; digit: string; space: string };
const UNICODE_SETS: Sets = { word: '\\p{L}\\p{N}_', digit: '\\p{Nd}', space: '\\p{Zs}\\t-\\r\\x1c-\\x1f\\x85\\p{Zl}\\p{Zp}' };
const ASCII_SETS: Sets = { word: 'A-Za-z0-9_', digit: '0-9', space: '\\t-\\r ' };

type Atom = { cp: number } | { set: string; negated: boolean };
/** What the translator emitted last, for Python's repeat errors. */
type Last = 'assert' | 'quant' | 'lazy' | 'other';

const SYNTAX_OUT = new Set('^$\\.*+?()[]{}|/');
const SYNTAX_IN = new Set('^$\\.*+?()[]{}|/-');
const HEX = /^[0-9a-fA-F]+$/;
const GROUP_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A code point as a literal that is valid under `u`, inside (`inClass`) or outside a class. */
function literal(cp: number, inClass: boolean): string {
  if (cp < 0x80) {
    const ch = String.fromCharCode(cp);
    if ((inClass ? SYNTAX_IN : SYNTAX_OUT).has(ch)) return `\\${ch}`;
    if (cp >= 0x20 && cp < 0x7f) return ch;
    return `\\x${cp.toString(16).padStart(2, '0')}`;
  }
  if (cp < 0xa0 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2028 || cp === 0x2029) return `\\u{${cp.toString(16)}}`;
  return String.fromCodePoint(cp);
}

const SIMPLE: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

class Translator {
  private i = 0;
  readonly names: string[] = [];
  /** Capturing groups opened so far, and the stack of open groups (their numbers; 0 = not capturing, -1 = lookaround). */
  private opened = 0;
  private readonly open: number[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly sets: Sets;
  private readonly wordClass: string;

  constructor(
    private readonly p: string,
    private readonly field: string,
    private readonly opts: { ascii: boolean; dotAll: boolean; multiline: boolean },
  ) {
    this.sets = opts.ascii ? ASCII_SETS : UNICODE_SETS;
    this.wordClass = `[${this.sets.word}]`;
  }

  private bad(msg: string, at = this.i): never {
    throw new DelveError('DLV_QUERY_ARGUMENT', `Invalid regular expression: ${msg} at position ${at}`, { field: this.field });
  }

  translate(start: number): string {
    const { p } = this;
    this.i = start;
    let out = '';
    let prev: Last = 'other';
    while (this.i < p.length) {
      const ch = p[this.i] as string;
      const at = this.i;
      if (ch === '*' || ch === '+' || ch === '?' || (ch === '{' && this.quantifierAt(at) !== null)) {
        if (prev === 'assert') this.bad('nothing to repeat');
        if (prev === 'quant' && ch === '+') this.bad('possessive quantifiers (*+, ++, ?+, {m,n}+) are not supported');
        if (prev === 'lazy' || (prev === 'quant' && ch !== '?')) this.bad('multiple repeat');
        prev = prev === 'quant' ? 'lazy' : 'quant';
        out += ch === '{' ? this.brace() : ch;
        if (ch !== '{') this.i += 1;
        continue;
      }
      const before: Last = prev;
      prev = 'other';
      if (ch === '\\') {
        out += this.escapeOutside();
        if (/^[AZbB]$/.test(p[at + 1] ?? '')) prev = 'assert';
      } else if (ch === '[') {
        out += this.charClass();
      } else if (ch === '(') {
        const g = this.group();
        if (g === '') prev = before === 'quant' ? 'lazy' : before; // a (?#comment) is not there (but ends a quantifier)
        out += g;
      } else if (ch === '{') {
        this.i += 1;
        out += '\\{';
      } else {
        this.i += 1;
        if (ch === '.') out += this.opts.dotAll ? '[\\s\\S]' : '[^\\n]';
        else if (ch === '^') out += this.opts.multiline ? '(?<=^|\\n)' : '^';
        else if (ch === '$') out += this.opts.multiline ? '(?=\\n|$)' : '(?=\\n?$)';
        else if (ch === '}' || ch === ']') out += `\\${ch}`;
        else if (ch === ')') out += this.open.pop() === -1 ? '))' : ')';
        else out += ch;
        if (ch === '^' || ch === '$') prev = 'assert';
      }
    }
    return out;
  }

  /** `(`: Python group extensions; plain groups and JavaScript-compatible ones pass through. */
  private group(): string {
    const { p } = this;
    const at = this.i;
    if (p.startsWith('(?P<', at) || (p.startsWith('(?<', at) && p[at + 3] !== '=' && p[at + 3] !== '!')) {
      const from = p.indexOf('<', at) + 1;
      const end = p.indexOf('>', from);
      const name = end < 0 ? '' : p.slice(from, end);
      if (!GROUP_NAME.test(name)) this.bad('bad character in group name', from);
      if (this.names.includes(name)) this.bad(`redefinition of group name ${JSON.stringify(name)}`, from);
      this.names.push(name);
      this.open.push(++this.opened);
      this.numbers.set(name, this.opened);
      this.i = end + 1;
      return `(?<${name}>`;
    }
    if (p.startsWith('(?P=', at)) {
      const end = p.indexOf(')', at);
      const name = end < 0 ? '' : p.slice(at + 4, end);
      if (!GROUP_NAME.test(name)) this.bad('bad character in group name', at + 4);
      const n = this.numbers.get(name);
      if (n === undefined) this.bad(`unknown group name ${JSON.stringify(name)}`, at + 4);
      if (this.open.includes(n)) this.bad('cannot refer to an open group', at);
      this.i = end + 1;
      return `\\k<${name}>`;
    }
    if (p.startsWith('(?#', at)) {
      const end = p.indexOf(')', at);
      if (end < 0) this.bad('missing ), unterminated comment');
      this.i = end + 1;
      return '';
    }
    if (p.startsWith('(?P', at)) this.bad('unknown extension ?P', at + 1);
    const look = /^\(\?(?:=|!|<=|<!)/.exec(p.slice(at, at + 4));
    if (look !== null) {
      // wrapped, so that a quantifier after it (legal in Python, meaningless) is legal under `u` too
      this.open.push(-1);
      this.i += look[0].length;
      return `(?:${look[0]}`;
    }
    this.open.push(p[at + 1] === '?' ? 0 : ++this.opened);
    this.i += 1;
    return '(';
  }

  /** The quantifier `{m}`, `{m,}`, `{,n}`, `{m,n}` at `at` (Python: `{,n}` = `{0,n}`), or null: such a `{` is literal. */
  private quantifierAt(at: number): RegExpExecArray | null {
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.p.slice(at, at + 40));
    return m === null || (m[1] === '' && m[2] === undefined) ? null : m;
  }

  /** A quantifier in braces (quantifierAt must have found one), in JavaScript spelling. */
  private brace(): string {
    const m = this.quantifierAt(this.i) as RegExpExecArray;
    this.i += m[0].length;
    const min = m[1] === '' ? '0' : (m[1] as string);
    return `{${min}${m[2] === undefined ? '' : `,${m[3] ?? ''}`}}`;
  }

  private negatedSet(body: string): string {
    return `[^${body}]`;
  }

  /** An escape outside a character class. */
  private escapeOutside(): string {
    const { p } = this;
    const at = this.i;
    const c = p[at + 1];
    if (c === undefined) this.bad('bad escape (end of pattern)');
    const w = this.wordClass;
    const nw = this.negatedSet(this.sets.word);
    switch (c) {
      // Assertions are spelled with a POSITIVE look-ahead in every branch: V8 (u flag) also tries positions inside a
      // surrogate pair, where a negative look-ahead such as (?![\s\S]) wrongly succeeds (/(?![\s\S])/u finds index 1
      // in "😀a"); JavaScript's own ^ and $ (no m flag) are exact.
      case 'A':
        this.i += 2;
        return '^';
      case 'Z':
        this.i += 2;
        return '$';
      case 'b':
        this.i += 2;
        return `(?:(?<=${w})(?=$|${nw})|(?<=^|${nw})(?=${w}))`;
      case 'B':
        this.i += 2;
        return `(?:(?<=${w})(?=${w})|(?<=^|${nw})(?=$|${nw}))`;
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      const d = /^[0-9]{1,3}/.exec(p.slice(at + 1, at + 4))?.[0] ?? c;
      if (d.length === 3 && /^[0-7]{3}$/.test(d)) {
        const cp = parseInt(d, 8);
        if (cp > 0o377) this.bad(`octal escape value \\${d} outside of range 0-0o377`);
        this.i += 4;
        return literal(cp, false);
      }
      const ref = d.slice(0, 2);
      if (Number(ref) > this.opened) this.bad(`invalid group reference ${ref}`, at + 1);
      if (this.open.includes(Number(ref))) this.bad('cannot refer to an open group', at);
      this.i += 1 + ref.length;
      return `(?:\\${ref})`;
    }
    const atom = this.escapeAtom(false);
    if ('cp' in atom) return literal(atom.cp, false);
    return atom.negated ? this.negatedSet(atom.set) : `[${atom.set}]`;
  }

  /** An escape that denotes one character or a category (inside or outside a class); advances past it. */
  private escapeAtom(inClass: boolean): Atom {
    const { p } = this;
    const at = this.i;
    const cp = p.codePointAt(at + 1);
    if (cp === undefined) this.bad('bad escape (end of pattern)');
    const c = String.fromCodePoint(cp);
    this.i = at + 1 + c.length;
    switch (c) {
      case 'd':
      case 'D':
        return { set: this.sets.digit, negated: c === 'D' };
      case 'w':
      case 'W':
        return { set: this.sets.word, negated: c === 'W' };
      case 's':
      case 'S':
        return { set: this.sets.space, negated: c === 'S' };
      case 'b':
        if (inClass) return { cp: 8 };
        break;
      case 'x':
      case 'u':
      case 'U': {
        const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
        const hex = p.slice(this.i, this.i + n);
        if (hex.length !== n || !HEX.test(hex)) this.bad(`incomplete escape \\${c}${hex}`, at);
        const v = parseInt(hex, 16);
        if (v > 0x10ffff) this.bad(`bad escape \\${c}${hex}`, at);
        this.i += n;
        return { cp: v };
      }
      case 'N':
        this.bad('named Unicode escapes \\N{...} are not supported; write \\uXXXX instead', at);
        break;
      default:
        if (Object.hasOwn(SIMPLE, c)) return { cp: SIMPLE[c] as number };
    }
    if (c >= '0' && c <= '7' && (inClass || c === '0')) {
      const digits = /^[0-7]{1,3}/.exec(p.slice(at + 1, at + 4))?.[0] ?? c;
      const v = parseInt(digits, 8);
      if (v > 0o377) this.bad(`octal escape value \\${digits} outside of range 0-0o377`, at);
      this.i = at + 1 + digits.length;
      return { cp: v };
    }
    if (/^[A-Za-z0-9]$/.test(c)) this.bad(`bad escape \\${c}`, at);
    return { cp };
  }

  /** One member of a class: an escape or a character. */
  private classAtom(): Atom {
    if (this.p[this.i] === '\\') return this.escapeAtom(true);
    const cp = this.p.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return { cp };
  }

  /** `[…]` with Python's rules (a leading `]` is literal, categories inside, ranges checked). */
  private charClass(): string {
    const { p } = this;
    const start = this.i;
    this.i += 1;
    const negate = p[this.i] === '^';
    if (negate) this.i += 1;
    const items: string[] = [];
    const complements: string[] = [];
    for (let first = true; ; first = false) {
      if (this.i >= p.length) this.bad('unterminated character set', start);
      if (p[this.i] === ']' && !first) {
        this.i += 1;
        break;
      }
      const at = this.i;
      const a = this.classAtom();
      if (p[this.i] === '-' && this.i + 1 < p.length && p[this.i + 1] !== ']') {
        this.i += 1;
        const b = this.classAtom();
        if (!('cp' in a) || !('cp' in b) || b.cp < a.cp) this.bad(`bad character range ${p.slice(at, this.i)}`, at);
        items.push(`${literal(a.cp, true)}-${literal(b.cp, true)}`);
      } else if ('cp' in a) {
        items.push(literal(a.cp, true));
      } else if (a.negated) {
        complements.push(a.set);
      } else {
        items.push(a.set);
      }
    }
    const body = items.join('');
    if (complements.length === 0) return `[${negate ? '^' : ''}${body}]`;
    // a class with \W \S \D inside: the union of the plain members and each complement
    const alternatives = [...(body === '' ? [] : [`[${body}]`]), ...complements.map((s) => this.negatedSet(s))].join('|');
    return negate ? `(?:(?!${alternatives})[\\s\\S])` : `(?:${alternatives})`;
  }
}

/**
 * Translate a Python pattern; `field` names the argument in errors. Throws DLV_QUERY_ARGUMENT for unsupported flags
 * and for syntax that Python rejects and the translation must understand (escapes, classes, group names).
 */
export function translatePythonRegex(pattern: string, field: string): TranslatedRegex {
  const flags = new Set<string>();
  let i = 0;
  for (let lead = /^\(\?([a-zA-Z]+)\)/.exec(pattern); lead !== null; lead = /^\(\?([a-zA-Z]+)\)/.exec(pattern.slice(i))) {
    const letters = lead[1] as string;
    if (!/^[aiLmsux]+$/.test(letters)) break; // not a flag group: JavaScript reports it
    for (const f of letters) {
      if (f === 'x' || f === 'L') {
        throw new DelveError('DLV_QUERY_ARGUMENT', `The inline flag (?${f}) is not supported; remove it.`, { field });
      }
      flags.add(f);
    }
    i += lead[0].length;
  }
  if (flags.has('a') && flags.has('u')) {
    throw new DelveError('DLV_QUERY_ARGUMENT', 'Invalid regular expression: the ASCII (?a) and UNICODE (?u) flags are incompatible', { field });
  }
  const t = new Translator(pattern, field, { ascii: flags.has('a'), dotAll: flags.has('s'), multiline: flags.has('m') });
  const source = t.translate(i);
  return { source, flags: flags.has('i') ? 'i' : '', names: t.names };
}
