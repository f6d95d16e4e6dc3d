/**
 * The sandboxed Liquid engine behind query templates (DESIGN §1.3, reference §4.2 / §12 #1).
 *
 * Safety settings: only OWN properties of values are visible (`ownPropertyOnly`: no `constructor`,
 * `__proto__`, `toString`…); unknown filters are errors (`strictFilters`); there is no file system
 * (`fs` refuses everything and the `include`/`render`/`layout` tags are replaced by tags that refuse at
 * parse time); Liquid has no function-call syntax, so nothing in a template can call JavaScript; parse
 * size, render time, render count and memory are limited.
 *
 * Semantics: Jinja-flavoured (see translate.ts, which also applies `trim_blocks` / `lstrip_blocks`),
 * undefined → empty string, no autoescape. DIVERGENCES from Jinja: Liquid truthiness (`jsTruthy: false`:
 * only false and nil are falsy — `0`, `""` and `[]` are TRUE), booleans print as `true`/`false`, null as
 * the empty string, lists/objects as JSON (Jinja printed Python reprs), no `not`, `~`, tests (`is defined`)
 * or method calls (`d.items()`); `default('x')` also replaces an empty string or false (Liquid's rule; Jinja
 * only replaced undefined).
 */
import { Liquid, type FS } from 'liquidjs';

/** Longest template (after translation), in characters. */
export const MAX_TEMPLATE_LENGTH = 100_000;
/** Render time limit per template, in milliseconds (checked by Liquid between nodes). */
export const RENDER_TIME_LIMIT_MS = 1_000;
/** Maximum number of tag/output renders per template. */
export const RENDER_COUNT_LIMIT = 100_000;
/** Allocation budget (roughly characters/elements created by filters and ranges). */
export const MEMORY_LIMIT = 10_000_000;

function refuse(): never {
  throw new Error('templates cannot read files');
}

/** A file system that refuses everything, so no template can read from disk. */
const NO_FS: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (): Promise<string> => refuse(),
  readFileSync: (): string => refuse(),
  resolve: (): string => refuse(),
  contains: async () => false,
  containsSync: () => false,
  sep: '/',
  dirname: () => '',
  fallback: () => undefined,
};

function jsonReplacer(this: unknown, _key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** JSON text for `tojson` and for printing lists/objects; never throws. */
export function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? null : value, jsonReplacer) ?? 'null';
  } catch {
    return 'null';
  }
}

/** How `{{ value }}` prints: text as is, null/undefined as '', datetimes as ISO-8601, lists/objects as JSON. */
export function printValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') return toJsonText(value);
  return String(value);
}

function toNumber(value: unknown, parse: (s: string) => number, fallback: unknown): unknown {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? parse(value.trim()) : Number.NaN;
  return Number.isFinite(n) ? n : (fallback ?? 0);
}

/** Build a sandboxed Liquid instance with the Jinja filter aliases. */
export function createEngine(): Liquid {
  const liquid = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    jsTruthy: false,
    fs: NO_FS,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    dynamicPartials: false,
    cache: false,
    outputEscape: printValue,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: RENDER_TIME_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    timezoneOffset: 0,
  });
  for (const tag of ['include', 'render', 'layout']) {
    liquid.registerTag(tag, {
      parse(): void {
        throw new Error(`{% ${tag} %} is not available in query templates`);
      },
      render(): void {},
    });
  }
  const str = (v: unknown): string => printValue(v);
  liquid.registerFilter('upper', (v: unknown) => str(v).toUpperCase());
  liquid.registerFilter('lower', (v: unknown) => str(v).toLowerCase());
  liquid.registerFilter('title', (v: unknown) => str(v).toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()));
  liquid.registerFilter('trim', (v: unknown) => str(v).trim());
  liquid.registerFilter('string', (v: unknown) => str(v));
  liquid.registerFilter('tojson', (v: unknown) => toJsonText(v));
  liquid.registerFilter('length', (v: unknown) => (typeof v === 'string' || Array.isArray(v) ? v.length : typeof v === 'object' && v !== null ? Object.keys(v).length : 0));
  liquid.registerFilter('count', (v: unknown) => (typeof v === 'string' || Array.isArray(v) ? v.length : 0));
  liquid.registerFilter('int', (v: unknown, d?: unknown) => {
    const n = toNumber(v, (s) => (/^[+-]?\d+(\.\d*)?$/.test(s) ? Number(s) : Number.NaN), d);
    return typeof n === 'number' ? Math.trunc(n) : n;
  });
  liquid.registerFilter('float', (v: unknown, d?: unknown) => toNumber(v, (s) => (s === '' ? Number.NaN : Number(s)), d ?? 0));
  liquid.registerFilter('unique', (v: unknown) => (Array.isArray(v) ? [...new Set(v)] : v));
  liquid.registerFilter('d', function (this: unknown, v: unknown, d?: unknown) {
    return v === null || v === undefined || v === '' ? d : v;
  });
  return liquid;
}
