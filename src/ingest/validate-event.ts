/**
 * Validation of one incoming event (reference §1, issue 5 point 5). Pure and total: every input, whatever its
 * shape, yields either a normalised event or a field error — it never throws.
 */
import { isValidIndexName } from '../auth/index-acl.js';
import { isUnsafeKey } from './extractors/safe-keys.js';
import { MAX_FUTURE_US, parseIsoToMicros } from './created-time.js';

/** Defaults of the reference (§1). */
export const EVENT_DEFAULTS = Object.freeze({ index: 'default', source: 'default', sourcetype: 'text', host: '127.0.0.1' });
/** Fields a client may send when creating an event; anything else is rejected (not silently dropped). */
export const CREATE_FIELDS: readonly string[] = ['index', 'host', 'source', 'sourcetype', 'text', 'extracted_fields', 'created'];
/** Fields a client may change on an existing event (`created` and `id` are read-only). */
export const UPDATE_FIELDS: readonly string[] = ['index', 'host', 'source', 'sourcetype', 'text', 'extracted_fields'];
const META_MAX = 255;

export interface EventLimits {
  /** Largest `text` (and serialised `extracted_fields`) in UTF-8 bytes: DELVE_MAX_EVENT_SIZE. */
  maxEventBytes: number;
  /** Most keys + array items in `extracted_fields`, counted at every level (default 1000). */
  maxFields: number;
  /** Deepest nesting of `extracted_fields` (default 32). */
  maxDepth: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = Object.freeze({ maxEventBytes: 1_048_576, maxFields: 1000, maxDepth: 32 });

/** An event after validation, before extraction. */
export interface ValidEvent {
  index: string;
  host: string;
  source: string;
  sourcetype: string;
  text: string;
  /** Epoch microseconds. */
  created: number;
  extracted_fields: Record<string, unknown> | null;
}

export interface FieldError {
  code: 'DLV_EVENT_INVALID' | 'DLV_EVENT_TOO_LARGE';
  field: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export interface ValidateOptions {
  limits: EventLimits;
  /** "Now" in epoch microseconds: the default `created` and the base of the future check. */
  nowUs: number;
  /** `iso` (REST: ISO-8601 text) or `micros` (collectors: IngestEvent.created is epoch µs). Default iso. */
  createdFormat?: 'iso' | 'micros';
}

const invalid = (field: string, message: string): { ok: false; error: FieldError } => ({ ok: false, error: { code: 'DLV_EVENT_INVALID', field, message } });
const tooLarge = (field: string, message: string): { ok: false; error: FieldError } => ({ ok: false, error: { code: 'DLV_EVENT_TOO_LARGE', field, message } });

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** False for strings holding unpaired UTF-16 surrogates (they cannot be stored as UTF-8). */
export function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** UTF-8 length > max, computed exactly only when it matters. */
export function exceedsBytes(s: string, max: number): boolean {
  if (s.length * 3 <= max) return false;
  if (s.length > max) return true;
  return Buffer.byteLength(s, 'utf8') > max;
}

const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function metaField(raw: Record<string, unknown>, name: 'host' | 'source' | 'sourcetype'): Validation<string | undefined> {
  const v = raw[name];
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v !== 'string') return invalid(name, `${name} must be a string.`);
  if (v.length === 0 || v.length > META_MAX) return invalid(name, `${name} must be 1-${META_MAX} characters.`);
  if (CONTROL_RE.test(v) || !isWellFormed(v)) return invalid(name, `${name} must not contain control characters or unpaired surrogates.`);
  return { ok: true, value: v };
}

/** Checks the shape of `extracted_fields`: a JSON object within the field-count and depth limits, no unsafe keys. */
function checkFields(value: unknown, limits: EventLimits): string | undefined {
  let count = 0;
  const walk = (v: unknown, depth: number, path: string): string | undefined => {
    if (typeof v === 'string') return isWellFormed(v) ? undefined : `${path} contains an unpaired UTF-16 surrogate.`;
    if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${path} is not a finite number.`;
    if (v === null || typeof v === 'boolean') return undefined;
    if (typeof v !== 'object') return `${path} is not a JSON value.`;
    if (depth > limits.maxDepth) return `extracted_fields is nested deeper than ${limits.maxDepth} levels.`;
    if (Array.isArray(v)) {
      count += v.length;
      if (count > limits.maxFields) return `extracted_fields has more than ${limits.maxFields} fields.`;
      for (let i = 0; i < v.length; i++) { const e = walk(v[i], depth + 1, `${path}[${i}]`); if (e) return e; }
      return undefined;
    }
    for (const key of Object.keys(v)) {
      count += 1;
      if (count > limits.maxFields) return `extracted_fields has more than ${limits.maxFields} fields.`;
      if (isUnsafeKey(key)) return `${path} uses the reserved key "${key}".`;
      if (!isWellFormed(key)) return `${path} has a key with an unpaired UTF-16 surrogate.`;
      const e = walk((v as Record<string, unknown>)[key], depth + 1, `${path}.${key.slice(0, 50)}`);
      if (e) return e;
    }
    return undefined;
  };
  return walk(value, 1, 'extracted_fields');
}

function checkUnknown(raw: Record<string, unknown>, allowed: readonly string[]): Validation<true> {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) {
      const shown = JSON.stringify(key.slice(0, 64));
      const why = key === 'id' || key === 'created' ? `${shown} is read-only` : `Unknown field ${shown}`;
      return invalid(key.slice(0, 64), `${why}; an event has the fields ${allowed.join(', ')}.`);
    }
  }
  return { ok: true, value: true };
}

function checkCreated(v: unknown, o: ValidateOptions): Validation<number> {
  let us: number | undefined;
  if (o.createdFormat === 'micros') us = typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
  else us = typeof v === 'string' ? parseIsoToMicros(v) : undefined;
  if (us === undefined) {
    return invalid('created', o.createdFormat === 'micros' ? 'created must be an integer (epoch microseconds).' : 'created must be an ISO-8601 date-time such as 2024-03-05T10:00:00.123456Z (no zone = UTC).');
  }
  if (us < 0) return invalid('created', 'created must not be before 1970-01-01.');
  if (us > o.nowUs + MAX_FUTURE_US) return invalid('created', 'created is more than one day in the future; check the sender\'s clock.');
  return { ok: true, value: us };
}

/**
 * Validates the fields present in `raw` (for updates: only those; for creates see `validateNewEvent`).
 * Returns the normalised values of the fields that were given (null/absent fields are left out).
 */
export function validateEventFields(raw: unknown, o: ValidateOptions, allowed: readonly string[]): Validation<Partial<ValidEvent>> {
  if (!isPlainObject(raw)) return invalid('', 'An event must be a JSON object with at least a "text" field.');
  const unknown = checkUnknown(raw, allowed);
  if (!unknown.ok) return unknown;
  const out: Partial<ValidEvent> = {};
  if (raw['index'] !== undefined && raw['index'] !== null) {
    if (!isValidIndexName(raw['index'])) return invalid('index', 'index must be 1-255 letters, digits, _ . or -, starting with a letter, digit or _.');
    out.index = raw['index'];
  }
  for (const name of ['host', 'source', 'sourcetype'] as const) {
    const r = metaField(raw, name);
    if (!r.ok) return r;
    if (r.value !== undefined) out[name] = r.value;
  }
  const text = raw['text'];
  if (text !== undefined) {
    if (typeof text !== 'string') return invalid('text', 'text must be a string.');
    if (!/\S/.test(text)) return invalid('text', 'text must not be empty or blank.');
    if (exceedsBytes(text, o.limits.maxEventBytes)) return tooLarge('text', `text is larger than DELVE_MAX_EVENT_SIZE (${o.limits.maxEventBytes} bytes); split the event or raise the limit.`);
    if (!isWellFormed(text)) return invalid('text', 'text contains an unpaired UTF-16 surrogate (invalid Unicode).');
    out.text = text;
  }
  const fields = raw['extracted_fields'];
  if (fields !== undefined && fields !== null) {
    if (!isPlainObject(fields)) return invalid('extracted_fields', 'extracted_fields must be a JSON object.');
    const problem = checkFields(fields, o.limits);
    if (problem) return invalid('extracted_fields', problem);
    out.extracted_fields = fields;
  } else if (fields === null) out.extracted_fields = null;
  if (raw['created'] !== undefined && raw['created'] !== null && allowed.includes('created')) {
    const c = checkCreated(raw['created'], o);
    if (!c.ok) return c;
    out.created = c.value;
  }
  return { ok: true, value: out };
}

/** Validates a new event and fills the reference's defaults (index/source `default`, sourcetype `text`, host `127.0.0.1`). */
export function validateNewEvent(raw: unknown, o: ValidateOptions): Validation<ValidEvent> {
  const r = validateEventFields(raw, o, CREATE_FIELDS);
  if (!r.ok) return r;
  const v = r.value;
  if (v.text === undefined) return invalid('text', 'text is required.');
  return {
    ok: true,
    value: {
      index: v.index ?? EVENT_DEFAULTS.index,
      host: v.host ?? EVENT_DEFAULTS.host,
      source: v.source ?? EVENT_DEFAULTS.source,
      sourcetype: v.sourcetype ?? EVENT_DEFAULTS.sourcetype,
      text: v.text,
      created: v.created ?? o.nowUs,
      extracted_fields: v.extracted_fields ?? null,
    },
  };
}
