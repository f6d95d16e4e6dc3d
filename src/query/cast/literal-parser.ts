/**
 * A small recursive-descent parser for Python/JSON literals (reference §4.4 rule 1, DESIGN §6).
 * Never evaluates anything: it only builds values from literal tokens.
 *
 * Grammar:  value := ['-'|'+'] NUMBER | STRING+ | NAME(true/false/null/none, any case)
 *                  | '[' items ']' | '(' ')' | '(' value ')' | '(' value ',' items ')' | '{' '}'
 *                  | '{' key ':' value (',' key ':' value)* [','] '}' | '{' items '}'
 * Lists and tuples → arrays; sets → arrays of distinct elements in first-seen order; dicts → objects
 * whose keys are strings (numbers, booleans and null become their JSON spelling, as Python's json.dumps
 * would write them). Adjacent strings concatenate (`'a' 'b'` → `ab`), as in Python.
 * Nesting deeper than MAX_DEPTH is refused (so huge inputs cannot exhaust the stack).
 * DIVERGENCES: complex numbers, bytes, string prefixes (r'', b'', f'') and `\N{…}` escapes are not
 * literals here (they stay strings); `true/false/null` are accepted in any case, as DESIGN §6 asks.
 */
import type { CastValue } from './types.js';
import { lexLiteral, type LitToken } from './literal-lexer.js';
import { negate, type ParsedNumber } from './numbers.js';

export const MAX_DEPTH = 64;

type Parsed = { value: CastValue; hashable: boolean };

class NotLiteral {}
const NOT_LITERAL = new NotLiteral();

/** Parse `text` as one literal; `undefined` when it is not exactly one literal. */
export function parseLiteral(text: string): { value: CastValue } | undefined {
  const tokens = lexLiteral(text);
  if (tokens === undefined || tokens.length === 0) return undefined;
  const p = new Parser(tokens);
  try {
    const r = p.value(0);
    if (p.pos !== tokens.length) return undefined;
    return { value: r.value };
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}

function numberValue(n: ParsedNumber): CastValue {
  return typeof n === 'number' ? n : n.bigDecimal;
}

class Parser {
  pos = 0;
  constructor(private readonly tokens: LitToken[]) {}

  private peek(): LitToken | undefined {
    return this.tokens[this.pos];
  }
  private isPunct(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'punct' && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isPunct(v)) throw NOT_LITERAL;
    this.pos += 1;
  }

  value(depth: number): Parsed {
    if (depth > MAX_DEPTH) throw NOT_LITERAL;
    const t = this.peek();
    if (t === undefined) throw NOT_LITERAL;
    this.pos += 1;
    switch (t.kind) {
      case 'num':
        return { value: numberValue(t.v), hashable: true };
      case 'str': {
        let s = t.v;
        for (let n = this.peek(); n !== undefined && n.kind === 'str'; n = this.peek()) {
          s += n.v;
          this.pos += 1;
        }
        return { value: s, hashable: true };
      }
      case 'name': {
        const lower = t.v.toLowerCase();
        if (lower === 'true') return { value: true, hashable: true };
        if (lower === 'false') return { value: false, hashable: true };
        if (lower === 'null' || lower === 'none') return { value: null, hashable: true };
        throw NOT_LITERAL; // bare names are not literals
      }
      case 'punct':
        return this.compound(t.v, depth);
    }
  }

  private compound(open: string, depth: number): Parsed {
    if (open === '-' || open === '+') {
      const n = this.peek();
      if (n === undefined || n.kind !== 'num') throw NOT_LITERAL;
      this.pos += 1;
      return { value: numberValue(open === '-' ? negate(n.v) : n.v), hashable: true };
    }
    if (open === '[') {
      const items = this.items(']', depth);
      return { value: items.map((i) => i.value), hashable: false };
    }
    if (open === '(') {
      if (this.isPunct(')')) {
        this.pos += 1;
        return { value: [], hashable: true };
      }
      const first = this.value(depth + 1);
      if (this.isPunct(')')) {
        this.pos += 1;
        return first; // parenthesized value, not a tuple
      }
      this.expect(',');
      const rest = this.items(')', depth);
      const all = [first, ...rest];
      return { value: all.map((i) => i.value), hashable: all.every((i) => i.hashable) };
    }
    if (open === '{') return this.braces(depth);
    throw NOT_LITERAL;
  }

  /** Comma-separated values up to `close` (trailing comma allowed); the opener is already consumed. */
  private items(close: string, depth: number): Parsed[] {
    const out: Parsed[] = [];
    while (!this.isPunct(close)) {
      out.push(this.value(depth + 1));
      if (this.isPunct(',')) this.pos += 1;
      else break;
    }
    this.expect(close);
    return out;
  }

  private braces(depth: number): Parsed {
    if (this.isPunct('}')) {
      this.pos += 1;
      return { value: {}, hashable: false };
    }
    const first = this.value(depth + 1);
    if (!this.isPunct(':')) {
      let rest: Parsed[] = [];
      if (this.isPunct(',')) {
        this.pos += 1;
        rest = this.items('}', depth);
      } else {
        this.expect('}');
      }
      return { value: distinct([first, ...rest]), hashable: false };
    }
    const obj: { [key: string]: CastValue } = {};
    let key: Parsed = first;
    for (;;) {
      this.expect(':');
      const val = this.value(depth + 1);
      // defineProperty: a `__proto__` key becomes an own property instead of changing the prototype.
      Object.defineProperty(obj, dictKey(key), { value: val.value, enumerable: true, writable: true, configurable: true });
      if (!this.isPunct(',')) break;
      this.pos += 1;
      if (this.isPunct('}')) break;
      key = this.value(depth + 1);
    }
    this.expect('}');
    return { value: obj, hashable: false };
  }
}

/** JSON-style key for a hashable scalar; containers (even hashable tuples) cannot be JSON keys. */
function dictKey(k: Parsed): string {
  const v = k.value;
  if (!k.hashable || (typeof v === 'object' && v !== null)) throw NOT_LITERAL;
  return v === null ? 'null' : String(v);
}

/** Set semantics: elements must be hashable; keep the first of equal elements. */
function distinct(items: Parsed[]): CastValue[] {
  const seen = new Set<string>();
  const out: CastValue[] = [];
  for (const item of items) {
    if (!item.hashable) throw NOT_LITERAL;
    const key = `${typeof item.value}:${JSON.stringify(item.value)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item.value);
    }
  }
  return out;
}
