/**
 * Shared types of the field extractors (reference §8.1): an extractor turns an event's text into
 * fields that are merged into `extracted_fields`.
 */

/** Options every extractor accepts; builtin extractors may accept more (csv: `header`). */
export interface ExtractorOptions {
  /** Maximum nesting depth of the extracted structure (default 32). */
  readonly maxDepth?: number;
  /** Maximum number of extracted fields / nodes (default 1000). */
  readonly maxFields?: number;
  /** Maximum size of the input text in UTF-8 bytes (default 1 MiB). */
  readonly maxBytes?: number;
  /** csv only: column names, in order. */
  readonly header?: readonly string[];
  /** Custom extractors (module:...) may receive any further options from DELVE_EXTRACTION_MAP. */
  readonly [option: string]: unknown;
}

/**
 * An extractor. Returns a plain, JSON-serialisable object. Throws
 * `DelveError('DLV_EXTRACT_FAILED')` when the text cannot be parsed and
 * `DelveError('DLV_EXTRACT_LIMIT')` when a limit is exceeded; never anything else.
 */
export type Extractor = (text: string, options?: ExtractorOptions) => Record<string, unknown>;
