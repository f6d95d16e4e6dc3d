/**
 * The `json` extractor: the event text is one JSON document. An object becomes the fields; any other
 * value (array, string, number, boolean, null) becomes `{ value: v }` (reference §8.1).
 * Keys `__proto__`, `constructor` and `prototype` are dropped at every level (see safe-keys.ts).
 */
import { checkInputSize, extractFailed, extractLimit, resolveLimits } from './limits.js';
import { isUnsafeKey } from './safe-keys.js';
import type { ExtractorOptions } from './types.js';

/**
 * Nesting depth of a JSON text (1 for `{}` / `[]`, 0 for scalars), counted by a linear scan that
 * skips string contents. Stops early, returning `limit + 1`, once `limit` is exceeded.
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return max;
}

/**
 * Parses `text` as JSON under the depth/field limits, dropping unsafe keys.
 * @throws DelveError DLV_EXTRACT_FAILED (invalid JSON) or DLV_EXTRACT_LIMIT.
 */
export function parseJsonLimited(text: string, options?: ExtractorOptions): unknown {
  const limits = resolveLimits(options);
  checkInputSize(text, limits.maxBytes);
  if (jsonDepth(text, limits.maxDepth) > limits.maxDepth) {
    throw extractLimit(`JSON nesting is deeper than the extraction limit of ${limits.maxDepth} levels.`);
  }
  let fields = 0;
  try {
    return JSON.parse(text, (key: string, value: unknown) => {
      if (isUnsafeKey(key)) return undefined; // deletes the property
      if (++fields > limits.maxFields + 1) { // +1: the reviver also visits the root (key '')
        throw extractLimit(`The JSON document has more than ${limits.maxFields} fields (the extraction limit).`);
      }
      return value;
    });
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw extractFailed(`The event text is not valid JSON: ${e.message.slice(0, 200)}`);
    }
    throw e;
  }
}

/** Extracts the fields of a JSON event (see the module doc). */
export function extractJson(text: string, options?: ExtractorOptions): Record<string, unknown> {
  const value = parseJsonLimited(text, options);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return { value };
}
