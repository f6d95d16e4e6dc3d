/**
 * The `xml` extractor: the event text is one XML document, converted as by `read_file --parse xml`
 * (xmltodict semantics, see xml-parse.ts): `{ root: ... }`. DOCTYPE/ENTITY declarations are refused
 * (DLV_EXTRACT_FAILED); size, depth and node limits give DLV_EXTRACT_LIMIT (node limit = maxFields).
 */
import { resolveLimits } from './limits.js';
import { parseXml } from './xml-parse.js';
import type { ExtractorOptions } from './types.js';

export { parseXml } from './xml-parse.js';
export type { XmlLimits } from './xml-parse.js';

/** Extracts the fields of an XML event (see the module doc). */
export function extractXml(text: string, options?: ExtractorOptions): Record<string, unknown> {
  const limits = resolveLimits(options);
  return parseXml(text, { maxBytes: limits.maxBytes, maxDepth: limits.maxDepth, maxNodes: limits.maxFields });
}
