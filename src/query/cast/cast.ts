/**
 * `cast(string)`: turn a query word into a typed value (reference §4.4, DESIGN §6).
 *
 * Order: (1) a Python/JSON literal — ints (`5`, `-3`, `1_000`, `0x10`), floats (`1.5`, `1e3`), quoted
 * strings (`"q"` → `q`), `true/false/null/none` in any case, lists/tuples/sets/dicts of literals;
 * (2) an ISO-8601 date or datetime → `Date`; (3) otherwise the original string, unchanged.
 * Non-strings pass through untouched. Never throws and never evaluates code.
 *
 * DIVERGENCES from the original (documented in DESIGN §6 and here):
 * - `true`, `null`, `{"a": true}` are literals here (the original kept them as strings).
 * - `2024-10-10` is a date here (the original kept it: valid Python subtraction).
 * - The lenient date parse (`05`, `10:00`, `Jan 5`, `1.2.3`) is approximated as ISO dates only.
 * - Ints beyond ±(2^53−1) become their exact decimal string; floats overflowing to infinity stay strings.
 * - Complex numbers and bytes literals stay strings.
 */
import { parseIsoDateTime } from './dates.js';
import { parseLiteral } from './literal-parser.js';
import type { CastValue } from './types.js';

/** Cast a string to the value it spells; non-strings are returned as they are. */
export function cast(value: string): CastValue;
export function cast<T>(value: T): T | CastValue;
export function cast(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return value;
  const literal = parseLiteral(trimmed);
  if (literal !== undefined) return literal.value;
  const date = parseIsoDateTime(trimmed);
  if (date !== undefined) return date;
  return value;
}
