/**
 * DELVE_EXTRACTION_MAP: sourcetype (exact match) → extractor(s). Each entry is an extractor name, a
 * spec `{ extractor, options }`, or a list of those (run in order, later results win). Names are the
 * builtins (json, apache, csv, xml, kv, syslog) or `module:/abs/path/to/x.js#exportName` (export
 * `default` when `#...` is omitted), an operator's own module loaded once at startup by
 * `loadExtractionMap`. Every mistake is a DLV_CONFIG_INVALID startup error naming the setting.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DelveError } from '../../errors.js';
import { isTrusted, markTrusted } from './run-extractors.js';
import { isUnsafeKey } from './safe-keys.js';
import type { Extractor, ExtractorOptions } from './types.js';

const FIELD = 'DELVE_EXTRACTION_MAP';

/** One extractor with options, e.g. `{ extractor: 'csv', options: { header: ['a', 'b'] } }`. */
export interface ExtractorSpec {
  readonly extractor: string;
  readonly options?: ExtractorOptions;
}
export type ExtractionMapEntry = string | ExtractorSpec | readonly (string | ExtractorSpec)[];
/** The DELVE_EXTRACTION_MAP setting value. */
export type ExtractionMapSetting = Readonly<Record<string, ExtractionMapEntry>>;
/** sourcetype → extractors with their options bound, ready for `runExtractors`. */
export type ResolvedExtractionMap = ReadonlyMap<string, readonly Extractor[]>;
/** Returns the loaded custom extractor for a `module:` name, or undefined. */
export type CustomExtractorLookup = (name: string) => Extractor | undefined;

const LIMIT_OPTIONS = ['maxDepth', 'maxFields', 'maxBytes'] as const;
const EXTRA_OPTIONS: Readonly<Record<string, readonly string[]>> = { csv: ['header'], syslog: ['maxChars'] };
const INTEGER_OPTIONS: readonly string[] = [...LIMIT_OPTIONS, 'maxChars'];
const MODULE_RE = /^module:(.+?)(?:#([A-Za-z_$][\w$]*))?$/;

function invalid(message: string): DelveError {
  return new DelveError('DLV_CONFIG_INVALID', `${FIELD}: ${message}`, { field: FIELD });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates the options of a builtin extractor (unknown option names are refused: typos). */
function checkBuiltinOptions(where: string, name: string, options: Record<string, unknown>): void {
  const allowed = new Set<string>([...LIMIT_OPTIONS, ...(EXTRA_OPTIONS[name] ?? [])]);
  for (const [key, value] of Object.entries(options)) {
    if (!allowed.has(key)) {
      throw invalid(`${where}: the ${name} extractor has no option "${key}" (allowed: ${[...allowed].join(', ')}).`);
    }
    if (INTEGER_OPTIONS.includes(key) &&
        !(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) {
      throw invalid(`${where}: option ${key} must be a positive integer.`);
    }
  }
  const header = options['header'];
  if (header !== undefined) {
    if (!Array.isArray(header) || header.length === 0 || !header.every((h) => typeof h === 'string' && h !== '')) {
      throw invalid(`${where}: option header must be a non-empty list of non-empty column names.`);
    }
    const seen = new Set<string>();
    for (const h of header as string[]) {
      if (isUnsafeKey(h)) throw invalid(`${where}: "${h}" cannot be used as a column name.`);
      if (seen.has(h)) throw invalid(`${where}: column name "${h}" appears twice in header.`);
      seen.add(h);
    }
  }
}

function parseModuleName(name: string, where: string): { path: string; exportName: string } {
  const m = MODULE_RE.exec(name);
  if (m === null || !isAbsolute(m[1]!)) {
    throw invalid(`${where}: a custom extractor is written module:/absolute/path/to/file.js#exportName (got "${name}").`);
  }
  return { path: m[1]!, exportName: m[2] ?? 'default' };
}

/** Lists the specs of one map entry (validating its shape). */
function specsOf(sourcetype: string, entry: unknown): { where: string; name: string; options?: Record<string, unknown> }[] {
  const list: unknown[] = Array.isArray(entry) ? entry : [entry];
  return list.map((item, k) => {
    const where = `sourcetype "${sourcetype}"${Array.isArray(entry) ? ` item ${k + 1}` : ''}`;
    if (typeof item === 'string' && item !== '') return { where, name: item };
    if (isPlainObject(item) && typeof item['extractor'] === 'string' && item['extractor'] !== '') {
      const extra = Object.keys(item).filter((key) => key !== 'extractor' && key !== 'options');
      if (extra.length > 0) throw invalid(`${where}: unknown key "${extra[0]}" (an entry is { extractor, options }).`);
      const options = item['options'];
      if (options !== undefined && !isPlainObject(options)) throw invalid(`${where}: options must be an object.`);
      return options === undefined ? { where, name: item['extractor'] } : { where, name: item['extractor'], options };
    }
    throw invalid(`${where}: expected an extractor name, { extractor, options } or a list of those.`);
  });
}

function entriesOf(map: unknown): [string, unknown][] {
  if (!isPlainObject(map)) throw invalid('must be an object mapping sourcetypes to extractor names.');
  return Object.entries(map);
}

/**
 * Validates DELVE_EXTRACTION_MAP and binds every extractor to its options.
 * @param builtins the builtin extractors by name.
 * @param lookupCustom returns the already-loaded extractor for a `module:` name (see loadExtractionMap).
 * @throws DelveError DLV_CONFIG_INVALID (field DELVE_EXTRACTION_MAP) naming the sourcetype at fault.
 */
export function resolveWith(
  builtins: Readonly<Record<string, Extractor>>,
  map: unknown,
  lookupCustom?: CustomExtractorLookup,
): ResolvedExtractionMap {
  const resolved = new Map<string, readonly Extractor[]>();
  for (const [sourcetype, entry] of entriesOf(map)) {
    const extractors = specsOf(sourcetype, entry).map(({ where, name, options }): Extractor => {
      if (name.startsWith('module:')) {
        parseModuleName(name, where);
        const fn = lookupCustom?.(name);
        if (typeof fn !== 'function') throw invalid(`${where}: custom extractor "${name}" is not loaded (use loadExtractionMap at startup).`);
        if (options === undefined) return fn;
        const frozen = Object.freeze({ ...options }) as ExtractorOptions;
        return (text) => fn(text, frozen);
      }
      const fn = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
      if (fn === undefined) {
        throw invalid(`${where}: unknown extractor "${name}" (builtin: ${Object.keys(builtins).join(', ')}; custom: module:/abs/path.js#export).`);
      }
      if (options === undefined) return fn;
      checkBuiltinOptions(where, name, options);
      const frozen = Object.freeze({ ...options }) as ExtractorOptions;
      const bound: Extractor = (text) => fn(text, frozen);
      return isTrusted(fn) ? markTrusted(bound) : bound;
    });
    resolved.set(sourcetype, Object.freeze(extractors));
  }
  return resolved;
}

/**
 * Imports every `module:` extractor named in `map` (once per name) and checks that the export is a
 * function. Import failures and non-function exports are DLV_CONFIG_INVALID.
 */
export async function loadCustomExtractors(map: unknown): Promise<Map<string, Extractor>> {
  const loaded = new Map<string, Extractor>();
  for (const [sourcetype, entry] of entriesOf(map)) {
    for (const { where, name } of specsOf(sourcetype, entry)) {
      if (!name.startsWith('module:') || loaded.has(name)) continue;
      const { path, exportName } = parseModuleName(name, where);
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      } catch (e) {
        const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
        throw invalid(`${where}: cannot load custom extractor module ${path}: ${reason}`);
      }
      const fn = mod[exportName];
      if (typeof fn !== 'function') {
        throw invalid(`${where}: ${path} has no function export "${exportName}" (an extractor is (text, options) => object).`);
      }
      loaded.set(name, fn as Extractor);
    }
  }
  return loaded;
}
