/**
 * The `csv` extractor: the event text is ONE CSV record (RFC 4180, see csv-parse.ts).
 * - With a `header` option (configured per sourcetype in DELVE_EXTRACTION_MAP, e.g.
 *   `{ extractor: 'csv', options: { header: ['ts', 'user', 'action'] } }`): header name → value;
 *   values beyond the header go to `_extra` (array); header columns without a value are `null`.
 *   Header names `__proto__`, `constructor`, `prototype` are skipped (see safe-keys.ts).
 * - Without a header: `{ columns: [v0, v1, ...] }`.
 * Values stay strings. Empty or blank text gives `{}`; more than one record is DLV_EXTRACT_FAILED.
 */
import { parseCsv } from './csv-parse.js';
import { checkInputSize, extractFailed, resolveLimits } from './limits.js';
import { isUnsafeKey } from './safe-keys.js';
import type { ExtractorOptions } from './types.js';

export { parseCsv } from './csv-parse.js';
export type { CsvLimits } from './csv-parse.js';

/** Extracts the fields of one CSV record (see the module doc). */
export function extractCsv(text: string, options?: ExtractorOptions): Record<string, unknown> {
  const limits = resolveLimits(options);
  checkInputSize(text, limits.maxBytes);
  const records = parseCsv(text, { maxCells: limits.maxFields });
  if (records.length === 0) return {};
  if (records.length > 1) {
    throw extractFailed(`The event text holds ${records.length} CSV records; the csv extractor expects one record per event (quote fields that contain line breaks).`);
  }
  const values = records[0]!;
  const header = options?.header;
  if (!Array.isArray(header)) return { columns: values };
  const out: Record<string, unknown> = {};
  header.forEach((name: unknown, k: number) => {
    if (typeof name === 'string' && !isUnsafeKey(name)) out[name] = values[k] ?? null;
  });
  if (values.length > header.length) out['_extra'] = values.slice(header.length);
  return out;
}
