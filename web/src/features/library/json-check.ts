/**
 * Strict JSON validation with a precise error position (offset, line, column) and a plain-English message, so the
 * context editors can say *where* the text is wrong. Browsers word JSON.parse errors differently (and some give no
 * position), so this is a small scanner of its own; once it accepts the text, JSON.parse builds the value.
 * Pure: no DOM, unit-tested in test/web/library-json-check.test.ts.
 */
export interface JsonOk { ok: true; value: unknown }
export interface JsonError { ok: false; message: string; offset: number; line: number; column: number }
export type JsonCheck = JsonOk | JsonError;

export interface JsonCheckOptions {
  /** Require a JSON object at the top level (contexts must be mappings). */
  requireObject?: boolean;
  /** Deepest nesting accepted (default 512). */
  maxDepth?: number;
}

class Syntax extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** How a character is shown in a message: `"}"`, `end of input`, `U+0007`. */
function show(c: string | undefined): string {
  if (c === undefined) return 'end of input';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(c);
}

class Scanner {
  i = 0;
  constructor(readonly s: string, readonly maxDepth: number) {}

  ws(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i]!)) this.i += 1;
  }

  /** A helpful message for a character that cannot start what we expected. */
  unexpected(expected: string): never {
    const c = this.s[this.i];
    if (c === undefined) throw new Syntax(`Unexpected end of input: expected ${expected}.`, this.i);
    if (c === '/' && (this.s[this.i + 1] === '/' || this.s[this.i + 1] === '*')) throw new Syntax('Comments are not allowed in JSON.', this.i);
    if (c === "'") throw new Syntax('Use double quotes (") for strings and property names, not single quotes.', this.i);
    throw new Syntax(`Unexpected ${show(c)}: expected ${expected}.`, this.i);
  }

  value(depth: number): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === '-' || isDigit(c)) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (c !== undefined && /[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i, this.i + 40))?.[0] ?? c;
      throw new Syntax(`Unexpected word ${JSON.stringify(word)}: strings need double quotes; the only bare words are true, false and null.`, this.i);
    }
    this.unexpected('a value (object, array, string, number, true, false or null)');
  }

  nest(depth: number): void {
    if (depth > this.maxDepth) throw new Syntax(`Nested more than ${this.maxDepth} levels deep.`, this.i);
  }

  object(depth: number): void {
    this.nest(depth);
    this.i += 1; // {
    this.ws();
    if (this.s[this.i] === '}') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c !== '"') {
        if (c !== undefined && /[A-Za-z_$]/.test(c)) throw new Syntax('Property names must be in double quotes, e.g. {"host": "web1"}.', this.i);
        this.unexpected('a property name in double quotes');
      }
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.unexpected('":" after the property name');
      this.i += 1;
      this.value(depth);
      this.ws();
      const d = this.s[this.i];
      if (d === '}') {
        this.i += 1;
        return;
      }
      if (d !== ',') this.unexpected('"," or "}" after a property value');
      const comma = this.i;
      this.i += 1;
      this.ws();
      if (this.s[this.i] === '}') throw new Syntax('Trailing comma: remove it, or add another property after it.', comma);
    }
  }

  array(depth: number): void {
    this.nest(depth);
    this.i += 1; // [
    this.ws();
    if (this.s[this.i] === ']') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.value(depth);
      this.ws();
      const d = this.s[this.i];
      if (d === ']') {
        this.i += 1;
        return;
      }
      if (d !== ',') this.unexpected('"," or "]" after an array element');
      const comma = this.i;
      this.i += 1;
      this.ws();
      if (this.s[this.i] === ']') throw new Syntax('Trailing comma: remove it, or add another element after it.', comma);
    }
  }

  string(): void {
    const start = this.i;
    this.i += 1; // "
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new Syntax('Unterminated string: add the closing double quote.', start);
      if (c === '"') {
        this.i += 1;
        return;
      }
      if (c.charCodeAt(0) < 0x20) {
        const hint = c === '\n' ? 'a line break inside a string must be written \\n' : `write ${show(c)} as an escape such as \\t or \\u00XX`;
        throw new Syntax(`Control character in a string: ${hint}.`, this.i);
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          for (let k = 2; k < 6; k += 1) {
            if (!isHex(this.s[this.i + k])) throw new Syntax('Invalid \\u escape: it needs exactly four hex digits, e.g. \\u00e9.', this.i);
          }
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          throw new Syntax(`Invalid escape ${e === undefined ? '\\' : `\\${e}`}: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX (write a backslash as \\\\).`, this.i);
        }
        this.i += 2;
        continue;
      }
      this.i += 1;
    }
  }

  number(): void {
    if (this.s[this.i] === '-') this.i += 1;
    const c = this.s[this.i];
    if (c === '0') {
      this.i += 1;
      if (isDigit(this.s[this.i])) throw new Syntax('Numbers cannot have leading zeros.', this.i - 1);
    } else if (isDigit(c)) {
      while (isDigit(this.s[this.i])) this.i += 1;
    } else {
      throw new Syntax(`Invalid number: expected a digit, found ${show(c)}.`, this.i);
    }
    if (this.s[this.i] === '.') {
      this.i += 1;
      if (!isDigit(this.s[this.i])) throw new Syntax('Invalid number: expected a digit after the decimal point.', this.i);
      while (isDigit(this.s[this.i])) this.i += 1;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i += 1;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i += 1;
      if (!isDigit(this.s[this.i])) throw new Syntax('Invalid number: expected a digit in the exponent.', this.i);
      while (isDigit(this.s[this.i])) this.i += 1;
    }
  }
}

/** 1-based line and column (in UTF-16 code units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at; k += 1) {
    if (text.charCodeAt(k) === 10) {
      line += 1;
      lineStart = k + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

function err(text: string, message: string, offset: number): JsonError {
  return { ok: false, message, offset, ...lineColumn(text, offset) };
}

const KIND = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'not an object');

/** Validates `text` as JSON (optionally: an object), returning the value or the first error with its position. */
export function checkJson(text: string, o: JsonCheckOptions = {}): JsonCheck {
  const s = new Scanner(text, o.maxDepth ?? 512);
  s.ws();
  if (s.i >= text.length) {
    return err(text, o.requireObject ? 'Empty: enter a JSON object, e.g. {} or {"host": "web1"}.' : 'Empty: enter a JSON value.', text.length);
  }
  const start = s.i;
  try {
    s.value(0);
    s.ws();
    if (s.i < text.length) throw new Syntax(`Unexpected ${show(text[s.i])} after the end of the JSON value.`, s.i);
  } catch (e) {
    if (e instanceof Syntax) return err(text, e.message, e.offset);
    if (e instanceof RangeError) return err(text, 'Nested too deeply.', s.i);
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err(text, e instanceof Error ? e.message : String(e), 0); // not expected: the scanner accepted it
  }
  if (o.requireObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return err(text, `A context must be a JSON object such as {"host": "web1"}, not ${KIND(value)}.`, start);
  }
  return { ok: true, value };
}

/**
 * The erroneous line around `offset`, cut to about `width` characters, and where the caret goes under it
 * (0-based, in the returned text). Tabs become spaces so the caret lines up in a monospace font.
 */
export function errorExcerpt(text: string, offset: number, width = 60): { text: string; caret: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '').replace(/\t/g, ' ');
  const col = at - lineStart;
  const half = Math.floor(width / 2);
  let from = Math.max(0, col - half);
  const to = Math.min(line.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  const pre = from > 0 ? '…' : '';
  const post = to < line.length ? '…' : '';
  return { text: `${pre}${line.slice(from, to)}${post}`, caret: col - from + pre.length };
}
