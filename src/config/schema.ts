import Type from 'typebox';
import { bool, duration, int, json, list, oneOf, optInt, optStr, str, type SettingDef } from './define.js';

/**
 * Every Delve setting: name → definition. Names follow the original (reference §10) where they still make sense,
 * plus the security settings of DESIGN §4. Environment names: see `envName`. Paths may be relative to DELVE_HOME.
 */
export const SETTINGS = {
  // --- keys and debug
  SECRET_KEY: optStr('security', 'Signs sessions, CSRF tokens and links; derives the key for secrets at rest. Generate with `./fl gen-secret-key`. Unset: generated once into var/secret_key.', true),
  SECRET_KEY_FALLBACKS: list([], 'security', 'Older keys that still verify (never sign) during a rotation. Env: comma-separated; DELVE_SECRET_KEY_FALLBACKS_FILE: one per line.', true),
  DEBUG: bool(false, 'security', 'Development mode: weak keys and expired certificates become warnings. Never on in production.'),
  ALLOWED_HOSTS: list(['127.0.0.1', 'localhost'], 'network', 'Host header values the server answers (`*` = any; `.example.com` = the domain and its subdomains).'),
  DELVE_ALLOWED_NETWORKS: list([], 'network', 'CIDR list of peers allowed to connect (empty = everyone); others are refused before any HTTP processing.'),
  DELVE_TRUSTED_PROXIES: list([], 'network', 'CIDR list of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed.'),
  // --- server
  DELVE_SERVER_HOST: str('127.0.0.1', 'server', 'Address the web server binds.'),
  DELVE_SERVER_PORT: int(8000, 'server', 'Port the web server listens on (0 = any free port).', 0, 65535),
  DELVE_SERVER_LOG_STDOUT: bool(false, 'server', 'Also write logs to stdout (always on when stdout is a terminal).'),
  DELVE_MAX_REQUEST_BODY_SIZE: int(104857600, 'server', 'Largest request body in bytes (413 above).', 1),
  DELVE_MAX_REQUEST_HEADER_SIZE: int(65536, 'server', 'Largest request header block in bytes (431 above). Node caps this at its --max-http-header-size.', 1024),
  DELVE_SOCKET_TIMEOUT: duration(10, 'server', 'Seconds a connection may stay idle between requests (keep-alive timeout); also bounds the time to send headers.', 1),
  DELVE_SOCKET_QUEUE_SIZE: int(511, 'server', 'Listen backlog: connections the kernel queues before accept().', 1),
  DELVE_ACCEPTED_QUEUE_TIMEOUT: duration(30, 'server', 'Seconds a client has to send a complete request (Node requestTimeout); slow clients are cut off.', 1),
  DELVE_SERVER_MAX_THREADS: int(0, 'server', 'Maps to the maximum number of concurrent connections (server.maxConnections); 0 = unlimited. Node serves all connections on one event loop.', 0),
  DELVE_HTTP_REDIRECT_PORT: optInt('server', 'With TLS on: a second, plain-HTTP port that only redirects to HTTPS.', 0, 65535),
  SECURE_HSTS_SECONDS: duration(31536000, 'server', 'Strict-Transport-Security max-age with TLS on (0 disables HSTS).'),
  SECURE_HSTS_INCLUDE_SUBDOMAINS: bool(false, 'server', 'Add includeSubDomains to HSTS.'),
  SECURE_HSTS_PRELOAD: bool(false, 'server', 'Add preload to HSTS.'),
  // --- TLS
  DELVE_SSL_PRIVATE_KEY: optStr('tls', 'PEM private key path; with DELVE_SSL_CERTIFICATE turns HTTPS on.'),
  DELVE_SSL_CERTIFICATE: optStr('tls', 'PEM certificate (chain) path.'),
  DELVE_SSL_MODULE: str('builtin', 'tls', 'builtin (node:https, HTTP/1.1), http2 (ALPN h2 with HTTP/1.1 fallback); openssl = builtin.'),
  DELVE_SSL_MIN_VERSION: str('TLSv1.2', 'tls', 'Lowest TLS version accepted (TLSv1.2 or TLSv1.3).'),
  DELVE_SSL_CIPHERS: optStr('tls', 'OpenSSL cipher list for TLS 1.2 (default: Mozilla intermediate ECDHE + AES-GCM/ChaCha20).'),
  DELVE_SSL_KEY_PASSPHRASE: optStr('tls', 'Passphrase of an encrypted private key.', true),
  DELVE_SSL_CA_CERTIFICATE: optStr('tls', 'CA bundle used to verify client certificates (mutual TLS).'),
  DELVE_SSL_CLIENT_AUTH: oneOf(['none', 'optional', 'required'] as const, 'none', 'tls', 'Client certificates: none, optional or required (needs DELVE_SSL_CA_CERTIFICATE).'),
  // --- storage
  DELVE_DATABASE_PATH: str('var/db.sqlite3', 'storage', 'Embedded SQLite database file (created 0600 in a 0700 directory).'),
  DELVE_DATABASE_ENCRYPTION_KEY: optStr('storage', 'Encrypts the embedded database at rest (SQLCipher). Losing it loses the data.', true),
  DELVE_MEDIA_ROOT: str('var/uploads', 'storage', 'Where uploaded files are stored.'),
  // --- logging
  DELVE_LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const, 'info', 'logging', 'Minimum level written to the logs.'),
  DELVE_LOG_DIR: str('var/log', 'logging', 'Directory for JSON logs (rotated by size and by day).'),
  DELVE_LOG_MAX_BYTES: int(10485760, 'logging', 'Rotate a log file once it reaches this many bytes.', 1024),
  DELVE_LOG_MAX_FILES: int(14, 'logging', 'Rotated files kept per log.', 1),
  // --- accounts
  PASSWORD_MIN_LENGTH: int(8, 'accounts', 'Minimum password length.', 8, 1024),
  SESSION_IDLE_TIMEOUT: duration(7200, 'accounts', 'A session unused for this long ends (seconds or 30m/2h/...).', 60),
  SESSION_MAX_AGE: duration(1209600, 'accounts', 'A session ends this long after login, whatever its use.', 60),
  LOGIN_FAILURE_LIMIT: int(5, 'accounts', 'Failed logins (per username+IP and per IP) within LOGIN_FAILURE_WINDOW before a lockout.', 1),
  LOGIN_FAILURE_WINDOW: duration(300, 'accounts', 'Window in which failed logins are counted.', 1),
  LOGIN_LOCKOUT_SECONDS: duration(60, 'accounts', 'First lockout length; doubles with every further lockout up to LOGIN_LOCKOUT_MAX_SECONDS.', 1),
  LOGIN_LOCKOUT_MAX_SECONDS: duration(3600, 'accounts', 'Longest lockout.', 1),
  // --- events and queries
  DELVE_ENABLE_EXTRACTIONS_ON_CREATE: bool(true, 'events', 'Run field extraction when events are created.'),
  DELVE_ENABLE_EXTRACTIONS_ON_UPDATE: bool(true, 'events', 'Run field extraction again when events are updated.'),
  DELVE_ENABLE_PROCESSORS_ON_CREATE: bool(true, 'events', 'Run processors when events are created (exactly once).'),
  DELVE_ENABLE_PROCESSORS_ON_UPDATE: bool(true, 'events', 'Run processors when events are updated.'),
  DELVE_EXTRACTION_MAP: json(Type.Record(Type.String(), Type.Unknown()), {}, 'events', 'sourcetype → extractor name(s) or {extractor, options}; merged over the built-in map (json, apache, csv, xml, kv, syslog).'),
  DELVE_PROCESSOR_MAP: json(Type.Record(Type.String(), Type.Unknown()), {}, 'events', 'sourcetype → processor module path(s) run once per stored event.'),
  DELVE_FTS_ENABLED: bool(true, 'events', 'Maintain the full-text index of event text (filled asynchronously; search scans the unindexed tail).'),
  DELVE_INGEST_MAX_QUEUE: int(200000, 'events', 'Events waiting for the database writer before ingest answers 503 + Retry-After.', 1000),
  DELVE_MAX_EVENT_SIZE: int(1048576, 'events', 'Largest event text in bytes.', 1),
  DELVE_INDEXED_FIELDS: list([], 'events', 'Keys of extracted_fields to index for fast grouping (`status`, `user__name`); built at `./fl serve` start and `./fl migrate`, dropped when removed. Each costs ingest one more index insert per event.'),
  DELVE_RETENTION: json(Type.Record(Type.String(), Type.String()), {}, 'events', 'index → maximum age, e.g. {"default": "30d"}.'),
  DELVE_STRICT_VALIDATION: bool(false, 'query', 'Check each command’s input shape before it runs.'),
  DELVE_MAX_RESULT_ROWS: int(100000, 'query', 'Most rows a query may return.', 1),
  DELVE_QUERY_TIMEOUT: duration(60, 'query', 'Longest a query may run.', 1),
  DELVE_QUERY_THREADS: int(2, 'query', 'Threads one large count-per-group scan may use (qs_group_by over a JSON field, say), its own included; 1 = never use helper threads.', 1, 16),
  DELVE_QUERY_PARALLEL_MIN_ROWS: int(200000, 'query', 'Smallest table (in events) whose count-per-group scans are split across DELVE_QUERY_THREADS.', 2),
  DELVE_REQUEST_ALLOWED_HOSTS: list([], 'query', 'Hosts the `request` command may reach even if private/loopback.'),
  DELVE_DOCUMENTATION_DIRECTORY: str('docs', 'query', 'Manuals served at /docs.'),
  DELVE_REQUEST_TIMEOUT: duration(10, 'query', 'Timeout of the `request` command.', 1),
  DELVE_REQUEST_MAX_BYTES: int(10485760, 'query', 'Largest response body the `request` command reads.', 1024),
  DELVE_RUN_QUERY_MAX_DEPTH: int(5, 'query', 'How deeply `run_query` may nest saved queries.', 1, 50),
  DELVE_SQL_CONNECTIONS: json(Type.Record(Type.String(), Type.String()), {}, 'query', 'Named read-only connections for `sql_query` (superusers only): {"name": "sqlite:///abs/path.db"}.'),
  DELVE_MAX_UPLOAD_SIZE: int(52428800, 'query', 'Largest file accepted by /api/files/ in bytes.', 1),
  // --- email (send_email)
  EMAIL_HOST: str('localhost', 'email', 'SMTP server for send_email.'),
  EMAIL_PORT: int(25, 'email', 'SMTP port.', 1, 65535),
  EMAIL_HOST_USER: str('', 'email', 'SMTP user name (empty = no authentication).'),
  EMAIL_HOST_PASSWORD: optStr('email', 'SMTP password.', true),
  EMAIL_USE_TLS: bool(false, 'email', 'Upgrade the SMTP connection with STARTTLS (certificate verified).'),
  EMAIL_USE_SSL: bool(false, 'email', 'Connect to SMTP over implicit TLS (certificate verified).'),
  DEFAULT_FROM_EMAIL: str('delve@localhost', 'email', 'Sender address of send_email.'),
  DELVE_PUBLIC_URL: optStr('server', 'Public base URL (https://delve.example.com) used in links Delve prints (password reset, setup).'),
} satisfies Record<string, SettingDef>;

export type SettingName = keyof typeof SETTINGS;

type Static<T> = T extends SettingDef<infer S> ? Type.Static<S> : never;
/** The effective, validated, frozen settings every module receives explicitly. */
export type Settings = { readonly [K in SettingName]: Static<(typeof SETTINGS)[K]> } & {
  /** Absolute path of DELVE_HOME (holds settings.ts and var/). */
  readonly DELVE_HOME: string;
};

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
