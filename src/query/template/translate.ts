/**
 * Jinja → Liquid pre-translation for the subset of Jinja that Delve queries use (reference §4.2).
 *
 * Inside `{{ … }}` and `{% … %}` (outside quoted strings):
 * - filter call syntax `x | f(a, b)` → `x | f: a, b` (and `f()` → `f`);
 * - `loop.` → `forloop.`; `True`/`False`/`None`/`none` → `true`/`false`/`nil`;
 * - tags `{% elif %}` → `{% elsif %}`, `{% set x = … %}` → `{% assign x = … %}`;
 * - `{# comment #}` is removed; `{% raw %}…{% endraw %}` is copied untouched;
 * - Jinja's `trim_blocks` + `lstrip_blocks` (reference §4.2): spaces/tabs before a block tag or comment
 *   that starts a line are removed, and so is one newline right after it.
 * Everything else is left for Liquid, which reports what it cannot parse. This is text rewriting only;
 * it never evaluates anything.
 */

const IDENT_START = /[A-Za-z_]/;
const WORDS: Record<string, string> = { True: 'true', False: 'false', None: 'nil', none: 'nil', loop: 'forloop' };

/** Match `re` (sticky) at `at`; '' when it does not match. Avoids re-slicing the text (linear time). */
function matchAt(re: RegExp, s: string, at: number): string {
  re.lastIndex = at;
  return re.exec(s)?.[0] ?? '';
}
const WS = /\s*/y;
const NAME = /[A-Za-z_]\w*/y;
const OPEN = /\{[{%#]/g;
const END_RAW = /\{%-?\s*endraw\s*-?%\}/g;

/** Index just after the quoted string starting at `i` (or the text's end when unterminated). */
function skipString(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  while (j < s.length && s[j] !== q) j += s[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, s.length);
}

/**
 * Translate one expression body (the inside of `{{ }}` or a tag's arguments). One linear pass: a stack
 * remembers whether each open `(` began a filter call (its `)` is dropped) or a plain group.
 */
export function translateExpression(expr: string): string {
  let out = '';
  let i = 0;
  const parens: boolean[] = [];
  while (i < expr.length) {
    const c = expr[i] as string;
    if (c === '"' || c === "'") {
      const end = skipString(expr, i);
      out += expr.slice(i, end);
      i = end;
    } else if (c === '|') {
      out += c;
      i++;
      const ws = matchAt(WS, expr, i);
      const name = matchAt(NAME, expr, i + ws.length);
      if (name === '') continue;
      out += ws + name;
      i += ws.length + name.length;
      const gap = matchAt(WS, expr, i);
      if (expr[i + gap.length] !== '(') continue;
      i += gap.length + 1;
      const inside = matchAt(WS, expr, i);
      if (expr[i + inside.length] === ')') {
        i += inside.length + 1; // f() → f
      } else {
        out += ': ';
        parens.push(true);
      }
    } else if (c === '(' || c === ')') {
      const call = c === ')' ? parens.pop() : (parens.push(false), false);
      if (!call) out += c;
      i++;
    } else if (IDENT_START.test(c) && (i === 0 || !/[\w.]/.test(expr[i - 1] as string))) {
      const word = matchAt(NAME, expr, i);
      const mapped = WORDS[word];
      out += mapped !== undefined && (word !== 'loop' || expr[i + word.length] === '.') ? mapped : word;
      i += word.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index of the closing delimiter `close` at or after `from`, skipping quoted strings; -1 if none. */
function findClose(s: string, from: number, close: string): number {
  for (let i = from; i < s.length; ) {
    const c = s[i];
    if (c === '"' || c === "'") {
      i = skipString(s, i);
      continue;
    }
    if (s.startsWith(close, i)) return i;
    i++;
  }
  return -1;
}

function translateTag(body: string): string {
  const m = /^(-?\s*)([A-Za-z_]\w*)([\s\S]*)$/.exec(body);
  if (m === null) return body;
  const [, lead, name, rest] = m as unknown as [string, string, string, string];
  const tag = name === 'elif' ? 'elsif' : name === 'set' ? 'assign' : name;
  return `${lead}${tag}${translateExpression(rest)}`;
}

/** Jinja `lstrip_blocks`: drop the spaces/tabs between the start of a line and a block tag. */
function lstripBlock(out: string): string {
  let j = out.length;
  while (j > 0 && (out[j - 1] === ' ' || out[j - 1] === '\t')) j--;
  return j === out.length || (j > 0 && out[j - 1] !== '\n') ? out : out.slice(0, j);
}

/** Jinja `trim_blocks`: skip one newline right after a block tag; returns the next index. */
function trimBlock(text: string, at: number): number {
  if (text[at] === '\n') return at + 1;
  if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
  return at;
}

/** Rewrite Jinja-style template text into Liquid (see the module comment). */
export function jinjaToLiquid(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    OPEN.lastIndex = i;
    const found = OPEN.exec(text);
    if (found === null) {
      out += text.slice(i);
      break;
    }
    const start = found.index;
    out += text.slice(i, start);
    const kind = text[start + 1];
    if (kind === '#') {
      const end = text.indexOf('#}', start + 2);
      out = lstripBlock(out);
      i = end < 0 ? text.length : trimBlock(text, end + 2);
      continue;
    }
    const closer = kind === '{' ? '}}' : '%}';
    const end = findClose(text, start + 2, closer);
    if (end < 0) {
      out += text.slice(start);
      break;
    }
    const body = text.slice(start + 2, end);
    if (kind === '%' && /^-?\s*raw\s*-?$/.test(body)) {
      END_RAW.lastIndex = end;
      const endRaw = END_RAW.exec(text);
      const stop = endRaw === null ? text.length : endRaw.index + endRaw[0].length;
      out += text.slice(start, stop);
      i = stop;
      continue;
    }
    if (kind === '{') {
      out += `{{${translateExpression(body)}}}`;
      i = end + 2;
    } else {
      out = `${lstripBlock(out)}{%${translateTag(body)}%}`;
      i = trimBlock(text, end + 2);
    }
  }
  return out;
}
