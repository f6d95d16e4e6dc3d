/**
 * Python numeric literals (without sign): decimal/hex/octal/binary ints with `_` separators, and floats.
 * Ints that are not safe JS integers are returned as their exact decimal string (a `bigint` would make
 * JSON.stringify throw and a lossy `number` would silently change the value).
 * Floats that overflow to ±Infinity are refused (not valid JSON).
 */

const DEC_INT = /^(?:[1-9](?:_?[0-9])*|0(?:_?0)*)$/;
const HEX_INT = /^0[xX](?:_?[0-9a-fA-F])+$/;
const OCT_INT = /^0[oO](?:_?[0-7])+$/;
const BIN_INT = /^0[bB](?:_?[01])+$/;
const DIGITS = '[0-9](?:_?[0-9])*';
const FLOAT = new RegExp(
  `^(?:(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.)(?:[eE][+-]?${DIGITS})?|${DIGITS}[eE][+-]?${DIGITS})$`,
);

/** A parsed number: a JS number, or an exact decimal string for ints beyond Number.MAX_SAFE_INTEGER. */
export type ParsedNumber = number | { bigDecimal: string };

/** Parse an unsigned Python numeric literal; `undefined` when `text` is not one. */
export function parseNumber(text: string): ParsedNumber | undefined {
  let big: bigint | undefined;
  if (DEC_INT.test(text)) big = BigInt(text.replace(/_/g, ''));
  else if (HEX_INT.test(text) || OCT_INT.test(text) || BIN_INT.test(text)) big = BigInt(text.replace(/_/g, ''));
  if (big !== undefined) {
    const n = Number(big);
    return Number.isSafeInteger(n) ? n : { bigDecimal: big.toString() };
  }
  if (FLOAT.test(text)) {
    const f = Number(text.replace(/_/g, ''));
    return Number.isFinite(f) ? f : undefined;
  }
  return undefined;
}

/** Apply a unary minus to a parsed number (keeps exact big ints exact, and never yields -0). */
export function negate(n: ParsedNumber): ParsedNumber {
  if (typeof n === 'number') return n === 0 ? 0 : -n;
  const d = n.bigDecimal;
  return { bigDecimal: d.startsWith('-') ? d.slice(1) : `-${d}` };
}
