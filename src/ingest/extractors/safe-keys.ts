/**
 * Keys that extractors never produce. `__proto__`, `constructor` and `prototype` are the keys used by
 * prototype-pollution attacks (`obj[key] = value`, deep merges); extractors silently DROP any field
 * with one of these names, so code downstream can merge extracted fields with plain assignment.
 */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key that must never appear in extracted fields. */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}
