/** Limits shared by all extractors, and the two error constructors they use. */
import { DelveError } from '../../errors.js';
import type { ExtractorOptions } from './types.js';

export interface Limits {
  readonly maxDepth: number;
  readonly maxFields: number;
  readonly maxBytes: number;
}

/** Defaults: depth 32, 1000 fields, 1 MiB of input. */
export const DEFAULT_LIMITS: Limits = Object.freeze({ maxDepth: 32, maxFields: 1000, maxBytes: 1024 * 1024 });

function pick(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The effective limits for `options` (invalid or missing values fall back to the defaults). */
export function resolveLimits(options?: ExtractorOptions): Limits {
  return {
    maxDepth: pick(options?.maxDepth, DEFAULT_LIMITS.maxDepth),
    maxFields: pick(options?.maxFields, DEFAULT_LIMITS.maxFields),
    maxBytes: pick(options?.maxBytes, DEFAULT_LIMITS.maxBytes),
  };
}

/** `DLV_EXTRACT_FAILED`: the text cannot be parsed by this extractor. */
export function extractFailed(message: string): DelveError {
  return new DelveError('DLV_EXTRACT_FAILED', message);
}

/** `DLV_EXTRACT_LIMIT`: the text or its extracted structure is too large or too deep. */
export function extractLimit(message: string): DelveError {
  return new DelveError('DLV_EXTRACT_LIMIT', message);
}

/** Throws DLV_EXTRACT_LIMIT when `text` is larger than `maxBytes` UTF-8 bytes. */
export function checkInputSize(text: string, maxBytes: number, what = 'event text'): void {
  // Every UTF-16 code unit encodes to 1..3 UTF-8 bytes, so the exact count is only needed in between.
  if (text.length * 3 <= maxBytes) return;
  const bytes = text.length > maxBytes ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw extractLimit(`The ${what} is larger than the extraction limit of ${maxBytes} bytes; raise maxBytes in DELVE_EXTRACTION_MAP or send smaller events.`);
  }
}
