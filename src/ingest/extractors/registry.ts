/**
 * The builtin extractors, the default DELVE_EXTRACTION_MAP, and resolving/loading the map.
 */
import { extractApache } from './apache.js';
import { extractCsv } from './csv.js';
import {
  loadCustomExtractors,
  resolveWith,
  type CustomExtractorLookup,
  type ExtractionMapSetting,
  type ResolvedExtractionMap,
} from './extraction-map.js';
import { extractJson } from './json.js';
import { extractKv } from './kv.js';
import { markTrusted } from './run-extractors.js';
import { extractSyslog } from './syslog.js';
import type { Extractor } from './types.js';
import { extractXml } from './xml.js';

export { runExtractors, EXTRACTION_ERROR_FIELD } from './run-extractors.js';

/** The builtin extractors by name (each returns plain JSON objects; see the individual modules). syslog is ./syslog.ts. */
export const builtinExtractors: Readonly<Record<string, Extractor>> = Object.freeze({
  json: markTrusted(extractJson),
  apache: markTrusted(extractApache),
  csv: markTrusted(extractCsv),
  xml: markTrusted(extractXml),
  kv: markTrusted(extractKv),
  // Not marked trusted: its structured-data keys come from the network, so runExtractors normalises
  // its results (dropping __proto__/constructor/prototype at every level).
  syslog: (text, options) =>
    extractSyslog(text, typeof options?.['maxChars'] === 'number' ? { maxChars: options['maxChars'] } : {}),
});

/** DELVE_EXTRACTION_MAP when the setting is not configured. */
export const DEFAULT_EXTRACTION_MAP: ExtractionMapSetting = Object.freeze({
  json: 'json',
  apache: 'apache',
  apache_combined: 'apache',
  csv: 'csv',
  xml: 'xml',
  kv: 'kv',
  syslog: 'syslog',
});

/**
 * Validates a DELVE_EXTRACTION_MAP value and binds each extractor to its options (synchronous).
 * `module:` extractors must already be loaded: `loadCustom(name)` returns them (see
 * `loadExtractionMap`, which does this at startup).
 * @throws DelveError DLV_CONFIG_INVALID with field DELVE_EXTRACTION_MAP.
 */
export function resolveExtractionMap(
  map: ExtractionMapSetting,
  loadCustom?: CustomExtractorLookup,
): ResolvedExtractionMap {
  return resolveWith(builtinExtractors, map, loadCustom);
}

/**
 * Startup entry point: imports the operator's `module:` extractors named in `map` (default:
 * DEFAULT_EXTRACTION_MAP), checks each export is a function, then resolves the whole map.
 * @throws DelveError DLV_CONFIG_INVALID with field DELVE_EXTRACTION_MAP.
 */
export async function loadExtractionMap(
  map: ExtractionMapSetting = DEFAULT_EXTRACTION_MAP,
): Promise<ResolvedExtractionMap> {
  const custom = await loadCustomExtractors(map);
  return resolveExtractionMap(map, (name) => custom.get(name));
}
