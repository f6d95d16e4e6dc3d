/**
 * DelveError and the DLV_* code registry. Every error a user can see carries a stable code,
 * an HTTP status, a message that says what to fix, and optionally the field at fault.
 * docs/errors.md lists the same codes (a test keeps the two in sync).
 */
export const ERROR_CODES = {
  DLV_INTERNAL: { status: 500, summary: 'Unexpected internal error (details are in the server log).' },
  DLV_CONFIG_INVALID: { status: 500, summary: 'A setting has a bad value or an unknown name.' },
  DLV_CONFIG_SETTINGS_FILE: { status: 500, summary: 'settings.ts could not be loaded.' },
  DLV_KEY_MISSING: { status: 500, summary: 'No SECRET_KEY is configured and none could be generated.' },
  DLV_KEY_WEAK: { status: 500, summary: 'A SECRET_KEY or fallback key is too weak.' },
  DLV_KEY_FILE_PERMISSIONS: { status: 500, summary: 'A key file is readable by group or others.' },
  DLV_KEY_FILE_UNREADABLE: { status: 500, summary: 'A key file named by a *_FILE setting cannot be read.' },
  DLV_SIGNATURE_BAD: { status: 400, summary: 'A signed value was tampered with or signed by an unknown key.' },
  DLV_SIGNATURE_EXPIRED: { status: 400, summary: 'A signed value is older than its maximum age.' },
  DLV_SIGNATURE_MALFORMED: { status: 400, summary: 'A signed value does not have the expected format.' },
  DLV_CRYPTO_DECRYPT: { status: 500, summary: 'A stored secret cannot be decrypted with any configured key.' },
  DLV_DB_OPEN: { status: 500, summary: 'The database cannot be opened.' },
  DLV_DB_ENCRYPTION_KEY: { status: 500, summary: 'The database encryption key is wrong or missing.' },
  DLV_DB_MIGRATION: { status: 500, summary: 'A database migration failed.' },
  DLV_PASSWORD_INVALID: { status: 400, summary: 'A password does not meet the password rules.' },
  DLV_USER_EXISTS: { status: 409, summary: 'A user with this username already exists.' },
  DLV_USER_NOT_FOUND: { status: 404, summary: 'No such user.' },
  DLV_USER_INVALID: { status: 400, summary: 'A user field (username, email) is invalid.' },
  DLV_CLI_USAGE: { status: 400, summary: 'A command-line argument is invalid.' },
  DLV_CLI_INPUT: { status: 400, summary: 'Interactive input was required but not available.' },
  // -- area: http (src/server) --
  DLV_HTTP_BAD_REQUEST: { status: 400, summary: 'The request is malformed.' },
  DLV_HTTP_VALIDATION: { status: 400, summary: 'A request parameter or body field is invalid (see field).' },
  DLV_HTTP_HOST_NOT_ALLOWED: { status: 400, summary: 'The Host header is not in ALLOWED_HOSTS.' },
  DLV_HTTP_NOT_FOUND: { status: 404, summary: 'No such resource.' },
  DLV_HTTP_METHOD_NOT_ALLOWED: { status: 405, summary: 'The resource does not support this method.' },
  DLV_HTTP_TIMEOUT: { status: 408, summary: 'The client took too long to send the request.' },
  DLV_HTTP_BODY_TOO_LARGE: { status: 413, summary: 'The request body exceeds DELVE_MAX_REQUEST_BODY_SIZE.' },
  DLV_HTTP_UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'The request body has an unsupported Content-Type.' },
  DLV_HTTP_HEADERS_TOO_LARGE: { status: 431, summary: 'The request headers exceed DELVE_MAX_REQUEST_HEADER_SIZE.' },
  DLV_SERVER_LISTEN: { status: 500, summary: 'The server cannot listen on the configured address and port.' },
  // -- area: auth (src/auth, src/security/sessions) --
  DLV_GROUP_EXISTS: { status: 409, summary: 'A group with this name already exists.' },
  DLV_GROUP_NOT_FOUND: { status: 404, summary: 'No such group.' },
  DLV_GROUP_INVALID: { status: 400, summary: 'A group field (name, permissions) is invalid (see field).' },
  DLV_AUTH_TOKEN_INVALID: { status: 400, summary: 'An API token name, scope or expiry (e.g. --expires 90d) is invalid.' },
  DLV_INDEX_INVALID: { status: 400, summary: 'An index name or index ACL pattern is invalid (letters, digits, _ . - ; patterns may use * and ?).' },
  DLV_AUTH_REQUIRED: { status: 401, summary: 'Authentication is required (session cookie, HTTP Basic, or Bearer token).' },
  DLV_AUTH_INVALID: { status: 401, summary: 'The credentials are wrong, expired or revoked.' },
  DLV_AUTH_FORBIDDEN: { status: 403, summary: 'The authenticated user may not do this.' },
  DLV_AUTH_CSRF: { status: 403, summary: 'The CSRF token or the request origin is missing or wrong.' },
  DLV_AUTH_THROTTLED: { status: 429, summary: 'Too many failed logins: wait for Retry-After seconds.' },
  DLV_AUTH_SCOPE: { status: 403, summary: 'The API token does not have the scope this request needs.' },
  DLV_AUTH_LINK_INVALID: { status: 400, summary: 'A password-reset or setup link is invalid, used or expired.' },
  DLV_SETUP_DONE: { status: 409, summary: 'First-run setup is over: users already exist (log in, or use ./fl createsuperuser).' },
  DLV_SETUP_TOKEN_INVALID: { status: 403, summary: 'The setup link is invalid, expired or already used: restart ./fl serve for a new one.' },
  DLV_AUDIT_BROKEN: { status: 500, summary: 'The audit HMAC chain does not verify (an edited or deleted row, or a missing key).' },
  // -- area: tls (src/security/tls) --
  DLV_TLS_CERT_INVALID: { status: 500, summary: 'A TLS certificate file does not contain a valid PEM certificate.' },
  DLV_TLS_KEY_INVALID: { status: 500, summary: 'The TLS private key file does not contain a valid PEM private key.' },
  DLV_TLS_CONFIG: { status: 500, summary: 'The TLS settings are incomplete or contradictory.' },
  DLV_TLS_FILE_UNREADABLE: { status: 500, summary: 'A TLS key or certificate file cannot be read.' },
  DLV_TLS_KEY_MISMATCH: { status: 500, summary: 'The TLS private key does not match the certificate.' },
  DLV_TLS_CERT_EXPIRED: { status: 500, summary: 'The TLS certificate has expired or is not yet valid.' },
  DLV_TLS_MODULE_UNKNOWN: { status: 500, summary: 'DELVE_SSL_MODULE names an unknown module.' },
  DLV_TLS_PASSPHRASE: { status: 500, summary: 'The TLS private key is encrypted and the passphrase is missing or wrong.' },
  // -- area: syslog (src/ingest/syslog) --
  DLV_SYSLOG_FRAME: { status: 400, summary: 'A syslog TCP frame is malformed or too large.' },
  DLV_SYSLOG_PARSE: { status: 400, summary: 'A syslog message could not be parsed.' },
  // -- area: extract (src/ingest/extractors) --
  DLV_EXTRACT_FAILED: { status: 400, summary: 'A field extractor could not parse the event text.' },
  DLV_EXTRACT_LIMIT: { status: 400, summary: 'Extracted data exceeds a size, depth or field-count limit.' },
  // -- area: collectors --
  DLV_SYSLOG_LISTEN: { status: 500, summary: 'The syslog receiver cannot listen on the configured address and port.' },
  DLV_FORWARD_CONFIG: { status: 500, summary: 'The forwarding options (--server, --token, --ca, spool) are invalid.' },
  DLV_FORWARD_UNAVAILABLE: { status: 503, summary: 'The remote Delve is unreachable or answered 5xx/408/429; the batch is retried.' },
  DLV_FORWARD_REJECTED: { status: 502, summary: 'The remote Delve permanently rejected a batch (4xx); it was set aside in the rejected file.' },
  DLV_SPOOL_FULL: { status: 503, summary: 'The forwarding spool is full and did not drain in time; the remote is down or too slow.' },
  DLV_SPOOL_IO: { status: 500, summary: 'The forwarding spool directory cannot be created, written or read.' },
  DLV_COLLECTOR_CLOSED: { status: 503, summary: 'The collector is shutting down and accepts no more events.' },
  // -- area: files --
  DLV_TAIL_PATTERN: { status: 400, summary: 'A tail-files glob pattern is empty, names a directory, or contains a NUL byte.' },
  DLV_TAIL_OPTION: { status: 400, summary: 'A tail-files option (batch size, max line bytes, intervals) is out of range.' },
  DLV_TAIL_CHECKPOINT: { status: 500, summary: 'The tail-files checkpoint file is corrupt or cannot be written; fix or move it.' },
  DLV_BULK_REGEX: { status: 400, summary: 'The create-events --event-regex is not a valid regular expression.' },
  DLV_BULK_OPTION: { status: 400, summary: 'A create-events option (batch size, max event bytes) is out of range.' },
  // -- area: query (src/query) --
  DLV_SAVED_NOT_FOUND: { status: 404, summary: 'No saved query, context or file with this id or name belongs to you.' },
  DLV_SAVED_INVALID: { status: 400, summary: 'A saved query, context or file field is invalid (see field): too long, blank, or a context that is not a JSON object.' },
  DLV_SAVED_NAME_TAKEN: { status: 400, summary: 'You already have a saved object with this name or title; pick another or update the existing one.' },
  DLV_FILE_TOO_LARGE: { status: 413, summary: 'The uploaded file exceeds DELVE_MAX_UPLOAD_SIZE bytes.' },
  DLV_FILE_UPLOAD_INVALID: { status: 400, summary: 'The upload must be multipart/form-data with one file in `content` and a `title` field.' },
  DLV_FILE_PARSE: { status: 400, summary: 'read_file could not parse the file with --parse (bad syntax, or a size/depth limit).' },
  DLV_REQUEST_BLOCKED: { status: 403, summary: 'request refused the target: a private, loopback, link-local or metadata address (add the host to DELVE_REQUEST_ALLOWED_HOSTS if intended), or --no-verify on a host not allow-listed.' },
  DLV_REQUEST_FAILED: { status: 502, summary: 'request could not complete: DNS, connection, TLS or HTTP error, too many redirects.' },
  DLV_REQUEST_TIMEOUT: { status: 504, summary: 'request took longer than DELVE_REQUEST_TIMEOUT.' },
  DLV_REQUEST_TOO_LARGE: { status: 502, summary: 'The response to request is larger than DELVE_REQUEST_MAX_BYTES.' },
  DLV_SQL_CONNECTION: { status: 400, summary: 'sql_query names a connection not in DELVE_SQL_CONNECTIONS, or its URL is unsupported or cannot be opened.' },
  DLV_SQL_FAILED: { status: 400, summary: 'The SQL of sql_query failed on its read-only connection (syntax error, or an attempt to write).' },
  DLV_RUN_QUERY_DEPTH: { status: 400, summary: 'run_query nested deeper than DELVE_RUN_QUERY_MAX_DEPTH (a saved query probably runs itself).' },
  DLV_EMAIL_FAILED: { status: 502, summary: 'send_email could not deliver the message to the SMTP server (EMAIL_* settings).' },
  DLV_QUERY_FIELD_MISSING: { status: 400, summary: 'A command needs a field that a row does not have (see field and the row number in the message).' },
  DLV_QUERY_TYPE: { status: 400, summary: 'A command got input or a field value of the wrong type (e.g. a list where rows were expected, or comparing text with a number).' },
  DLV_QUERY_LIMIT: { status: 400, summary: 'A command exceeded a safety limit (row cap, regex pattern length, nested quantifiers).' },
  DLV_QUERY_FORBIDDEN_FIELD: { status: 403, summary: 'A field path reaches a protected field (password, tokens, sessions, secrets).' },
  DLV_QUERY_UNKNOWN_FIELD: { status: 400, summary: 'A field path names no field of the model (see the allowed fields in the message).' },
  DLV_QUERY_LOOKUP: { status: 400, summary: 'A database lookup is unknown or its value has the wrong type.' },
  DLV_QUERY_EXPRESSION: { status: 400, summary: 'A qs_* expression cannot be parsed or uses an unsupported construct.' },
  DLV_QUERY_MODEL: { status: 400, summary: 'The --model or --using value is not allowed.' },
  DLV_QUERY_LAZY_INPUT: { status: 400, summary: 'A qs_* command needs a lazy query (e.g. the output of search) as input.' },
  DLV_QUERY_DATABASE: { status: 400, summary: 'The database could not run the compiled query (e.g. malformed JSON or a bad regex).' },
  DLV_QUERY_TIMEOUT: { status: 408, summary: 'The query ran longer than DELVE_QUERY_TIMEOUT and was stopped.' },
  DLV_QUERY_CANCELLED: { status: 499, summary: 'The query was cancelled (client disconnected or time limit reached).' },
  DLV_QUERY_SYNTAX: { status: 400, summary: 'The query text cannot be tokenized or parsed.' },
  DLV_QUERY_EMPTY_SEGMENT: { status: 400, summary: 'A pipeline segment is empty.' },
  DLV_QUERY_UNKNOWN_COMMAND: { status: 400, summary: 'A pipeline segment names an unknown command.' },
  DLV_QUERY_ARGUMENT: { status: 400, summary: 'A command argument is invalid.' },
  DLV_QUERY_TEMPLATE: { status: 400, summary: 'A template in the query could not be rendered.' },
  // -- area: ingest --
  DLV_EVENT_INVALID: { status: 400, summary: 'An event is invalid (see field; per-item errors list each position): missing/blank text, wrong type, unknown field, bad created date.' },
  DLV_EVENT_TOO_LARGE: { status: 413, summary: 'An event text or its extracted_fields exceeds DELVE_MAX_EVENT_SIZE bytes.' },
  DLV_EVENT_JSON: { status: 400, summary: 'The request body is not valid JSON / NDJSON (the message gives the line and column).' },
  DLV_EVENT_ENCODING: { status: 400, summary: 'The request body is not valid UTF-8 (or uses a Content-Encoding the server does not accept).' },
  DLV_EVENT_NOT_FOUND: { status: 404, summary: 'No event with this id in an index you may read.' },
  DLV_RETENTION_INVALID: { status: 400, summary: 'DELVE_RETENTION or a purge age (--older-than) is invalid: use index names and ages such as 30d, 12h, 2w.' },
  DLV_INGEST_BUSY: { status: 503, summary: 'The ingest queue is full; retry after the number of seconds in Retry-After.' },
  DLV_INGEST_BATCH_TOO_LARGE: { status: 413, summary: 'One request holds more events than the ingest queue can take; split it.' },
  DLV_INGEST_DUPLICATE_ID: { status: 409, summary: 'An event with the same id is already stored (or repeated in the batch).' },
  DLV_INGEST_CLOSED: { status: 503, summary: 'The event writer is shutting down and accepts no more events.' },
  DLV_INGEST_WRITE_FAILED: { status: 500, summary: 'The database rejected a batch of events (details are in the server log).' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DelveError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: { field?: string; status?: number; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DelveError';
    this.code = code;
    this.status = opts.status ?? ERROR_CODES[code].status;
    this.field = opts.field;
    this.details = opts.details;
  }

  /** The public body: never includes internals or a stack. */
  toJSON(): { error: { code: string; message: string; field?: string } } {
    const error: { code: string; message: string; field?: string } = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    return { error };
  }
}

export function isDelveError(e: unknown): e is DelveError {
  return e instanceof DelveError;
}
