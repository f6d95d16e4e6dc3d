/**
 * Value conversion for arguments: Python `int()` / `float()` semantics (ints must be safe JS integers,
 * floats must be finite — DIVERGENCE: Python also accepts huge ints, `inf` and `nan`), or `cast()`.
 */
import { cast } from '../cast/index.js';
import type { Argument, ValueType } from './types.js';

const INT = /^[+-]?[0-9](?:_?[0-9])*$/;
const DIGITS = '[0-9](?:_?[0-9])*';
const FLOAT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);

/** Python's whitespace for int()/float() stripping (ASCII subset). */
function strip(s: string): string {
  return s.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
}

/** Convert one value string; `undefined` means "invalid <type> value". */
export function convertValue(type: ValueType, raw: string): { value: unknown } | undefined {
  switch (type) {
    case 'string':
      return { value: raw };
    case 'cast':
      return { value: cast(raw) };
    case 'int': {
      const s = strip(raw);
      if (!INT.test(s)) return undefined;
      const n = Number(s.replace(/_/g, ''));
      return Number.isSafeInteger(n) ? { value: n === 0 ? 0 : n } : undefined;
    }
    case 'float': {
      const s = strip(raw);
      if (!FLOAT.test(s)) return undefined;
      const n = Number(s.replace(/_/g, ''));
      return Number.isFinite(n) ? { value: n === 0 ? 0 : n } : undefined;
    }
  }
}

/** Python repr() of a string, for argparse-style messages (`'x'`, or `"it's"`). */
export function pyRepr(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  const short = out.length > 200 ? `${out.slice(0, 197)}...` : out;
  return `${quote}${short}${quote}`;
}

/**
 * Convert and check one value of `arg`; returns the value or an argparse-style error message
 * (`invalid int value: 'x'`, `invalid choice: 'pie' (choose from 'bar', 'line')`).
 */
export function convertArgValue(arg: Argument, raw: string): { value: unknown } | { error: string } {
  const converted = convertValue(arg.type, raw);
  if (converted === undefined) return { error: `argument ${arg.displayName}: invalid ${arg.type} value: ${pyRepr(raw)}` };
  if (arg.choices !== undefined && !arg.choices.some((c) => c === converted.value)) {
    const allowed = arg.choices.map(pyRepr).join(', ');
    return { error: `argument ${arg.displayName}: invalid choice: ${pyRepr(converted.value)} (choose from ${allowed})` };
  }
  return converted;
}
