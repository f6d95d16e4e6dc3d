/**
 * Secret scrubbing for logs (DESIGN §1.4: secrets never appear in logs).
 *
 * Two layers are used by the logger: pino's `redact` paths ({@link REDACT_PATHS}, fast, exact paths such as
 * `req.headers.authorization`) and {@link sanitizeForLog}, which walks every logged plain object and replaces the
 * value of any secret-looking key ({@link isSecretKey}) with {@link CENSOR}, at any depth.
 *
 * URLs are scrubbed by {@link redactUrl}: the path is kept, the fragment and any `user:password@` part are
 * removed, and in the query string the value of every sensitive-looking key ({@link isSensitiveQueryKey}) is
 * replaced by `[redacted]` while harmless parameters (`page=2`, `limit=50`) are kept as they were sent.
 */

/** The text that replaces a redacted value. */
export const CENSOR = '[redacted]';

/** Longest URL written to a log line; longer ones are cut (after redaction) and end with `…`. */
export const MAX_LOGGED_URL_LENGTH = 2048;

/** Objects deeper than this are replaced by `[truncated]` rather than walked. */
const MAX_DEPTH = 10;

/**
 * pino `redact` paths. Header names are lower-case in Node. `sanitizeForLog` covers the same keys at any depth;
 * these paths also catch values placed there by serializers (which run after the log formatter).
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["set-cookie"]', 'req.headers["x-csrf-token"]',
  'req.headers["proxy-authorization"]', 'req.headers["x-api-key"]', 'req.body',
  'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'headers["set-cookie"]',
  'password', 'secret', 'token', 'secret_key', 'SECRET_KEY', 'authorization', 'cookie',
  '*.password', '*.secret', '*.token', '*.secret_key', '*.SECRET_KEY', '*.authorization', '*.cookie',
  '*["set-cookie"]', '*.api_key', '*.apiKey', '*.access_token', '*.refresh_token', '*.passphrase',
];

/** Key fragments that mark a value as secret wherever they occur in the (normalized) key name. */
const SECRET_KEY_PARTS = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'signingkey',
  'encryptionkey', 'masterkey', 'authorization', 'cookie', 'csrf', 'xsrf', 'credential', 'signature', 'sessionid',
  'bearer', 'jwt',
];
/** Whole (normalized) key names that are secret on their own but too short to match as fragments. */
const SECRET_KEY_EXACT = new Set(['pwd', 'pass', 'auth', 'key', 'sig', 'session', 'sid', 'dsn', 'otp', 'hmac']);
/** Extra fragments treated as sensitive in query strings only (OAuth `code`/`state`, signed-URL `sig`, ...). */
const QUERY_KEY_PARTS = ['key', 'auth', 'sig', 'session', 'ticket', 'pwd', 'pass', 'otp', 'hmac', 'nonce'];
const QUERY_KEY_EXACT = new Set(['code', 'state', 'sid', 'dsn']);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * True when an object key names a secret: it contains one of password, passwd, passphrase, secret, token,
 * api_key, access_key, private_key, authorization, cookie, csrf, xsrf, credential, signature, session_id, jwt...
 * (case, `-` and `_` ignored), or is exactly pwd, pass, auth, key, sig, session, sid, dsn, otp or hmac.
 */
export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  if (SECRET_KEY_EXACT.has(k) || k.endsWith('dsn')) return true;
  return SECRET_KEY_PARTS.some((part) => k.includes(part));
}

/**
 * True when a query-string parameter name looks sensitive: everything {@link isSecretKey} accepts, plus names
 * containing key, auth, sig, session, ticket, pwd, pass, otp, hmac or nonce, and the exact names code, state,
 * sid and dsn. A bare parameter without `=` is redacted when its name is sensitive or longer than 32 characters.
 * Over-redaction of a harmless parameter (e.g. `keyword`) is accepted as the safe side.
 */
export function isSensitiveQueryKey(key: string): boolean {
  const k = normalizeKey(key);
  if (isSecretKey(key) || QUERY_KEY_EXACT.has(k)) return true;
  return QUERY_KEY_PARTS.some((part) => k.includes(part));
}

function decodeQueryKey(raw: string): string {
  const plus = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

function redactQuery(query: string): string {
  return query
    .split(/([&;])/)
    .map((part) => {
      if (part === '&' || part === ';' || part === '') return part;
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      // A bare value with no `=` is kept only when it is itself a harmless word (e.g. `?debug`).
      if (eq === -1) return isSensitiveQueryKey(decodeQueryKey(key)) || key.length > 32 ? CENSOR : part;
      return isSensitiveQueryKey(decodeQueryKey(key)) ? `${key}=${CENSOR}` : part;
    })
    .join('');
}

/**
 * Returns `url` safe to log: the fragment is dropped, `scheme://user:pass@host` loses its user-info, `;param`
 * suffixes on path segments (e.g. `;jsessionid=...`) are dropped, and sensitive query values are replaced by
 * `[redacted]` (see {@link isSensitiveQueryKey}). Never throws; non-strings give an empty string.
 */
export function redactUrl(url: unknown): string {
  if (typeof url !== 'string') return '';
  let rest = url;
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  let path = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? undefined : rest.slice(q + 1);
  path = path.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${CENSOR}@`);
  path = path.replace(/;[^/]*/g, '');
  let out = query === undefined ? path : `${path}?${redactQuery(query)}`;
  if (out.length > MAX_LOGGED_URL_LENGTH) out = `${out.slice(0, MAX_LOGGED_URL_LENGTH)}…`;
  return out;
}

const URL_KEYS = new Set(['url', 'uri', 'href', 'originalurl', 'referer', 'referrer', 'location', 'path']);

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s/?#@]*@/gi;

/** Replaces the password of every `scheme://user:password@` inside `text` by `[redacted]`. */
export function redactUrlCredentials(text: string): string {
  return text.includes('://') ? text.replace(URL_CREDENTIALS, `$1:${CENSOR}@`) : text;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (value === null || typeof value !== 'object') return value;
  if (!Array.isArray(value) && !isPlainObject(value)) return value; // Error, Date, Buffer, req...: serializers handle them
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[truncated]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (isSecretKey(key)) out[key] = v === undefined || v === null || v === '' ? v : CENSOR;
      else if (typeof v === 'string' && URL_KEYS.has(normalizeKey(key))) out[key] = redactUrl(v);
      else out[key] = walk(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Returns a copy of `value` safe to log: in plain objects and arrays (at any depth up to 10; deeper parts become
 * `[truncated]`, cycles `[circular]`) the value of every secret-looking key ({@link isSecretKey}) becomes
 * `[redacted]`, string values of url/uri/href/path/referer/location keys go through {@link redactUrl}, and in
 * every other string the password of a `scheme://user:password@host` URL (a DSN) is redacted.
 * Class instances (Error, Date, Buffer, requests) are returned unchanged: the logger's serializers handle those.
 * Never throws; does not modify its argument.
 */
export function sanitizeForLog<T>(value: T): T {
  return walk(value, 0, new WeakSet()) as T;
}
