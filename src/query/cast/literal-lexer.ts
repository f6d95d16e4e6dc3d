/**
 * Lexer for the Python/JSON literal subset understood by `cast`: punctuation, string literals
 * (single or double quoted, Python escapes), unsigned numbers and bare names. Returns `undefined`
 * on anything else; never throws.
 */
import { parseNumber, type ParsedNumber } from './numbers.js';

export type LitToken =
  | { kind: 'punct'; v: string }
  | { kind: 'str'; v: string }
  | { kind: 'num'; v: ParsedNumber }
  | { kind: 'name'; v: string };

const PUNCT = new Set(['[', ']', '(', ')', '{', '}', ',', ':', '-', '+']);
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
};

/** Tokenize `s`; `undefined` if it contains something outside the literal subset. */
export function lexLiteral(s: string): LitToken[] | undefined {
  const out: LitToken[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i += 1;
    } else if (PUNCT.has(c)) {
      out.push({ kind: 'punct', v: c });
      i += 1;
    } else if (c === "'" || c === '"') {
      const r = lexString(s, i);
      if (r === undefined) return undefined;
      out.push({ kind: 'str', v: r.value });
      i = r.end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s.charAt(i + 1)))) {
      let j = i;
      while (j < n) {
        const d = s.charAt(j);
        if (/[0-9A-Za-z_.]/.test(d)) j += 1;
        else if ((d === '+' || d === '-') && /[eE]/.test(s.charAt(j - 1)) && !/^0[xX]/.test(s.slice(i, j))) j += 1;
        else break;
      }
      const num = parseNumber(s.slice(i, j));
      if (num === undefined) return undefined;
      out.push({ kind: 'num', v: num });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_]/.test(s.charAt(j))) j += 1;
      out.push({ kind: 'name', v: s.slice(i, j) });
      i = j;
    } else {
      return undefined;
    }
  }
  return out;
}

/** Lex a Python string literal starting at the quote `s[start]`. */
function lexString(s: string, start: number): { value: string; end: number } | undefined {
  const q = s.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < s.length) {
    const c = s.charAt(i);
    if (c === q) return { value, end: i + 1 };
    if (c === '\n' || c === '\r') return undefined; // a newline ends a single-quoted Python string: syntax error
    if (c !== '\\') {
      value += c;
      i += 1;
      continue;
    }
    const e = s.charAt(i + 1);
    if (e === '') return undefined;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      value += simple;
      i += 2;
    } else if (e === '\n') {
      i += 2; // line continuation
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = s.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      value += String.fromCodePoint(code);
      i += 2 + len;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))?.[0] ?? e;
      value += String.fromCodePoint(parseInt(oct, 8));
      i += 1 + oct.length;
    } else if (e === 'N') {
      return undefined; // \N{NAME} needs the Unicode name table; not supported
    } else {
      value += `\\${e}`; // unknown escapes keep the backslash, as in Python
      i += 2;
    }
  }
  return undefined;
}
