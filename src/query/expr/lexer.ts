/**
 * Tokenizer of the qs_* expression language: Python-like numbers, strings, names and operators. Names are Python 3
 * identifiers: Unicode letters, digits, marks and `_` (`école`), NFKC-normalised like Python's parser does (`ﬁle` = `file`).
 */
import { DelveError } from '../../errors.js';

export type Tok =
  | { k: 'num'; v: number; text: string; pos: number }
  | { k: 'str'; v: string; pos: number }
  | { k: 'name'; v: string; pos: number }
  | { k: 'op'; v: string; pos: number }
  | { k: 'end'; pos: number };

/** Longest accepted expression text. */
export const MAX_EXPR_LENGTH = 4000;

const OPS = ['**', '//', '==', '!=', '<=', '>=', '<<', '>>', '(', ')', ',', '=', '.', '+', '-', '*', '/', '%', '|', '&', '^', '~', '<', '>', '[', ']', '{', '}', ':', '@'];
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u;
const NUMBER = /^(?:0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[oO][0-7](?:_?[0-7])*|0[bB][01](?:_?[01])*|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?)/;

export function exprError(message: string, text: string): DelveError {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return new DelveError('DLV_QUERY_EXPRESSION', `${message} (in ${JSON.stringify(shown)})`);
}

function number(lit: string, text: string): number {
  const clean = lit.replace(/_/g, '');
  if (/^[0-9]+$/.test(clean) && clean.length > 1 && clean.startsWith('0') && /[1-9]/.test(clean)) {
    throw exprError('Leading zeros are not allowed in numbers', text);
  }
  const n = /^0[oO]/.test(clean) ? parseInt(clean.slice(2), 8) : /^0[bB]/.test(clean) ? parseInt(clean.slice(2), 2) : Number(clean);
  if (!Number.isFinite(n)) throw exprError('Number out of range', text);
  if (Number.isInteger(n) && !/[.eE]/.test(clean) && !Number.isSafeInteger(n)) throw exprError('Integer too large', text);
  return n;
}

/** Tokenize `text`; throws DLV_QUERY_EXPRESSION on a character the language does not use. */
export function lex(text: string): Tok[] {
  if (text.length > MAX_EXPR_LENGTH) throw exprError(`Expressions are limited to ${MAX_EXPR_LENGTH} characters`, text);
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= text.length) throw exprError('Unterminated string', text);
        const d = text[j] as string;
        if (d === c) break;
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1] as string;
          v += ({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`;
          j += 2;
          continue;
        }
        v += d;
        j += 1;
      }
      out.push({ k: 'str', v, pos: i });
      i = j + 1;
      continue;
    }
    if (NAME_START.test(c) || (/[\ud800-\udbff]/.test(c) && NAME_START.test(String.fromCodePoint(text.codePointAt(i) as number)))) {
      const m = NAME.exec(text.slice(i)) as RegExpExecArray;
      out.push({ k: 'name', v: m[0].normalize('NFKC'), pos: i });
      i += m[0].length;
      continue;
    }
    const m = /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? '')) ? NUMBER.exec(text.slice(i)) : null;
    if (m) {
      if (NAME_START.test(String.fromCodePoint(text.codePointAt(i + m[0].length) ?? 0x20))) throw exprError('Invalid number', text);
      out.push({ k: 'num', v: number(m[0], text), text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw exprError(`Unexpected character ${JSON.stringify(c)}`, text);
    out.push({ k: 'op', v: op, pos: i });
    i += op.length;
  }
  out.push({ k: 'end', pos: text.length });
  return out;
}
