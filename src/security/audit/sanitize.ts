/**
 * Sanitising what goes into an audit row: secrets never reach the table, strings are well-formed and bounded, and the
 * details object is canonical JSON of at most MAX_DETAILS_BYTES.
 */

export const REDACTED = '[redacted]';
/** Upper bound of the serialised `details` column, in UTF-8 bytes. */
export const MAX_DETAILS_BYTES = 4096;
/** Upper bound of the short text columns (actor, ip, target, ...), in UTF-16 code units. */
export const MAX_FIELD_LENGTH = 512;
const MAX_STRING = 1024;
const MAX_DEPTH = 8;
const MAX_ITEMS = 100;

/** Name fragments that mark a value as secret (matched case-insensitively, ignoring `_`, `-` and `.`). */
const SECRET_WORDS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'key', 'authorization', 'cookie', 'session', 'credential'];
/** Fragments that stay secret even in `...Id` / `...Name` style names (a session id *is* the session). */
const ALWAYS_SECRET = ['password', 'passwd', 'passphrase', 'secret', 'authorization', 'cookie', 'session', 'credential'];
/** `keyId`, `tokenName`, `key_type`...: public identifiers of a key or token, not the secret itself. */
const PUBLIC_SUFFIX = /(id|ids|name|names|count|type)$/;
/** Values that are credentials whatever their key is called. */
const CREDENTIAL_VALUE = /^\s*(bearer|basic|digest)\s+\S/i;
const LONE_SURROGATE = /\p{Cs}/gu;

/** True when an object key looks like it holds a secret (password, token, key, cookie, session, ...). */
export function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!SECRET_WORDS.some((w) => n.includes(w))) return false;
  if (ALWAYS_SECRET.some((w) => n.includes(w))) return true;
  return !PUBLIC_SUFFIX.test(n);
}

/** Replaces lone surrogates (which SQLite would mangle) with U+FFFD and caps the length. */
export function cleanText(s: string, max = MAX_FIELD_LENGTH): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return cut.replace(LONE_SURROGATE, '\uFFFD');
}

/** A short column value: null stays null, anything else becomes a cleaned, bounded string. */
export function cleanField(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return cleanText(String(v));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function cleanValue(v: unknown, depth: number, stack: Set<object>): Json | undefined {
  if (v === null) return null;
  switch (typeof v) {
    case 'string': return CREDENTIAL_VALUE.test(v) ? REDACTED : cleanText(v, MAX_STRING);
    case 'number': return Number.isFinite(v) ? v : null;
    case 'boolean': return v;
    case 'bigint': return v.toString();
    case 'object': break;
    default: return undefined; // undefined, functions, symbols: dropped like JSON.stringify does
  }
  const o = v as object;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (stack.has(o)) return '[circular]';
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? null : o.toISOString();
  if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer) return `[binary ${o.byteLength} bytes]`;
  stack.add(o);
  try {
    if (Array.isArray(o) || o instanceof Set) {
      const arr = [...(o as Iterable<unknown>)];
      const out = arr.slice(0, MAX_ITEMS).map((x) => cleanValue(x, depth + 1, stack) ?? null);
      if (arr.length > MAX_ITEMS) out.push(`[+${arr.length - MAX_ITEMS} more]`);
      return out;
    }
    const entries: [string, unknown][] = o instanceof Map
      ? [...o.entries()].map(([k, x]) => [String(k), x])
      : o instanceof Error ? [['name', o.name], ['message', o.message]] : Object.entries(o);
    return cleanObject(entries, depth, stack);
  } finally {
    stack.delete(o);
  }
}

function cleanObject(entries: [string, unknown][], depth: number, stack: Set<object>): { [k: string]: Json } {
  const out: [string, Json][] = [];
  for (const [k, x] of entries.slice(0, MAX_ITEMS)) {
    const key = cleanText(k, 128);
    if (isSecretName(key)) { out.push([key, REDACTED]); continue; }
    const c = cleanValue(x, depth + 1, stack);
    if (c !== undefined) out.push([key, c]);
  }
  if (entries.length > MAX_ITEMS) out.push(['_more_keys', entries.length - MAX_ITEMS]);
  return Object.fromEntries(out); // defines own properties, so a "__proto__" key stays data
}

/** JSON with object keys sorted at every level: one text per value, so the stored details are deterministic. */
export function canonicalJson(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k] as Json)}`).join(',')}}`;
}

/**
 * Sanitises audit details and serialises them: secret-looking keys (password, token, secret, key, authorization,
 * cookie, session, credential; any depth) and `Bearer ...`-style values become '[redacted]'; strings, arrays, keys
 * and depth are bounded; the result is canonical JSON of at most MAX_DETAILS_BYTES. When the whole object is too big,
 * top-level entries that do not fit are dropped and `_truncated` counts them.
 */
export function serializeDetails(details: Record<string, unknown> | undefined | null): string {
  if (details === undefined || details === null || typeof details !== 'object') return '{}';
  const clean = cleanValue(details, 0, new Set());
  const obj: { [k: string]: Json } = clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? clean : { value: clean ?? null };
  const full = canonicalJson(obj);
  if (Buffer.byteLength(full, 'utf8') <= MAX_DETAILS_BYTES) return full;
  const budget = MAX_DETAILS_BYTES - 32; // room for the "_truncated" marker
  const kept: [string, Json][] = [];
  let dropped = 0;
  for (const k of Object.keys(obj).sort()) {
    const trial = canonicalJson(Object.fromEntries([...kept, [k, obj[k] as Json]]));
    if (Buffer.byteLength(trial, 'utf8') <= budget) kept.push([k, obj[k] as Json]);
    else dropped++;
  }
  kept.push(['_truncated', dropped]);
  return canonicalJson(Object.fromEntries(kept));
}
