/**
 * Running the extractors of a sourcetype on an event: results are merged into the existing
 * `extracted_fields`; a failure is recorded as `_extraction_error` instead of failing the batch.
 */
import { isUnsafeKey } from './safe-keys.js';
import type { Extractor } from './types.js';

/** The field holding the message(s) of the extractors that failed on the latest run. */
export const EXTRACTION_ERROR_FIELD = '_extraction_error';

const MAX_MESSAGE = 500;

/**
 * Extractors whose results are already plain JSON objects without unsafe keys (the builtins and
 * their option-bound wrappers). Results of any other (custom) extractor are normalised through a
 * JSON round trip first.
 */
const trusted = new WeakSet<Extractor>();

/** Marks `fn` as returning plain, safe JSON objects (used by the registry for builtin extractors). */
export function markTrusted(fn: Extractor): Extractor {
  trusted.add(fn);
  return fn;
}

/** True when `fn` was marked with markTrusted. */
export function isTrusted(fn: Extractor): boolean {
  return trusted.has(fn);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function copyInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    if (!isUnsafeKey(key)) target[key] = source[key];
  }
}

/** Turns any value a custom extractor returned into a plain JSON object (may throw). */
function normalize(result: unknown): Record<string, unknown> {
  if (result !== null && (typeof result === 'object' || typeof result === 'function') &&
      typeof (result as { then?: unknown }).then === 'function') {
    throw new Error('The extractor returned a Promise; extractors must be synchronous.');
  }
  const json = JSON.stringify(result);
  const value: unknown = json === undefined ? null
    : JSON.parse(json, (key, v: unknown) => (isUnsafeKey(key) ? undefined : v));
  return isPlainObject(value) ? value : { value };
}

function messageOf(e: unknown): string {
  try {
    const msg = e instanceof Error ? String(e.message) || e.name : `The extractor threw a non-error value (${typeof e}).`;
    return msg.length > MAX_MESSAGE ? `${msg.slice(0, MAX_MESSAGE)}…` : msg;
  } catch {
    return 'The extractor failed.';
  }
}

/**
 * Runs `extractors` in order on `text` and merges their results (later ones win) over `existing`.
 * Non-object results are merged as `{ value: r }` (reference §8.1). When extractors fail, their
 * messages (joined with "; ") are stored in `_extraction_error`; a stale `_extraction_error` from an
 * earlier run is dropped, other existing keys are kept. Never throws.
 */
export function runExtractors(
  extractors: readonly Extractor[],
  text: string,
  existing: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const errors: string[] = [];
  try {
    if (isPlainObject(existing)) copyInto(out, existing);
    delete out[EXTRACTION_ERROR_FIELD];
  } catch (e) {
    errors.push(messageOf(e));
  }
  for (const extractor of Array.isArray(extractors) ? extractors : []) {
    try {
      if (typeof text !== 'string') throw new Error('The event text is not a string.');
      const result: unknown = extractor(text);
      copyInto(out, trusted.has(extractor) && isPlainObject(result) ? result : normalize(result));
    } catch (e) {
      errors.push(messageOf(e));
    }
  }
  if (errors.length > 0) out[EXTRACTION_ERROR_FIELD] = errors.join('; ');
  return out;
}
