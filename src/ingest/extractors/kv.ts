/**
 * The `kv` extractor: `key=value` pairs anywhere in the text, e.g.
 * `a=1 b="x y" c='z' d=` → `{ a: '1', b: 'x y', c: 'z', d: '' }`.
 * - Keys match `[A-Za-z0-9_.-]+` and must not directly follow another key character.
 * - Pairs are separated by whitespace, `,` or `;`; other words in the text are ignored.
 * - Values are unquoted (up to the next whitespace, `,` or `;`) or quoted with `"` or `'`; inside
 *   quotes `\"`, `\'` and `\\` are unescaped, other backslashes are kept (Windows paths survive).
 *   An unterminated quote is read as an unquoted value (quote included).
 * - Values stay strings (the query language casts when comparing).
 * - A repeated key collects its values in an array in order (`a=1 a=2` → `{ a: ['1', '2'] }`),
 *   like Splunk's multivalue fields.
 * - Keys `__proto__`, `constructor`, `prototype` are dropped. Text without any pair gives `{}`.
 */
import { checkInputSize, extractLimit, resolveLimits } from './limits.js';
import { isUnsafeKey } from './safe-keys.js';
import type { ExtractorOptions } from './types.js';

const PAIR_RE = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)=(?:"((?:[^"\\]|\\[\s\S])*)"|'((?:[^'\\]|\\[\s\S])*)'|([^\s,;]*))/g;

function unescape(s: string): string {
  return s.includes('\\') ? s.replace(/\\(["'\\])/g, '$1') : s;
}

/** Extracts `key=value` pairs (see the module doc). */
export function extractKv(text: string, options?: ExtractorOptions): Record<string, unknown> {
  const limits = resolveLimits(options);
  checkInputSize(text, limits.maxBytes);
  const out: Record<string, unknown> = {};
  let pairs = 0;
  for (const m of text.matchAll(PAIR_RE)) {
    if (++pairs > limits.maxFields) {
      throw extractLimit(`The event text has more than ${limits.maxFields} key=value pairs (the extraction limit).`);
    }
    const key = m[1]!;
    if (isUnsafeKey(key)) continue;
    const value = m[2] !== undefined ? unescape(m[2]) : m[3] !== undefined ? unescape(m[3]) : m[4]!;
    if (!Object.hasOwn(out, key)) out[key] = value;
    else {
      const prev = out[key];
      if (Array.isArray(prev)) prev.push(value);
      else out[key] = [prev, value];
    }
  }
  return out;
}
