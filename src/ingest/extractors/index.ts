/** Public surface of the field extractors (reference §8.1). */
export type { Extractor, ExtractorOptions } from './types.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { extractJson, parseJsonLimited } from './json.js';
export { extractApache } from './apache.js';
export { apacheTimeToIso } from './apache-time.js';
export { extractCsv, parseCsv, type CsvLimits } from './csv.js';
export { extractXml, parseXml, type XmlLimits } from './xml.js';
export { extractKv } from './kv.js';
export {
  builtinExtractors,
  DEFAULT_EXTRACTION_MAP,
  loadExtractionMap,
  resolveExtractionMap,
} from './registry.js';
export type {
  CustomExtractorLookup,
  ExtractionMapEntry,
  ExtractionMapSetting,
  ExtractorSpec,
  ResolvedExtractionMap,
} from './extraction-map.js';
export { runExtractors, EXTRACTION_ERROR_FIELD } from './run-extractors.js';
