// Delve settings. Copy to settings.ts (git-ignored) in DELVE_HOME and uncomment what you change.
// Precedence: defaults < settings.ts < environment (DELVE_*; secrets also DELVE_*_FILE) < command-line flags.
// Never write secrets here: read them from the environment, as SECRET_KEY below does.
// `./fl check` prints every effective value and where it came from.

export default (env: Record<string, string | undefined>) => ({
  // Generate with: ./fl gen-secret-key
  SECRET_KEY: env.DELVE_SECRET_KEY ?? null,

  // --- security
  // Older keys that still verify (never sign) during a rotation. Env: comma-separated; DELVE_SECRET_KEY_FALLBACKS_FILE: one per line.
  // SECRET_KEY_FALLBACKS: [],
  // Development mode: weak keys and expired certificates become warnings. Never on in production.
  // DEBUG: false,

  // --- network
  // Host header values the server answers (`*` = any; `.example.com` = the domain and its subdomains).
  // ALLOWED_HOSTS: ["127.0.0.1","localhost"],
  // CIDR list of peers allowed to connect (empty = everyone); others are refused before any HTTP processing.
  // DELVE_ALLOWED_NETWORKS: [],
  // CIDR list of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed.
  // DELVE_TRUSTED_PROXIES: [],

  // --- server
  // Address the web server binds.
  // DELVE_SERVER_HOST: "127.0.0.1",
  // Port the web server listens on (0 = any free port).
  // DELVE_SERVER_PORT: 8000,
  // Also write logs to stdout (always on when stdout is a terminal).
  // DELVE_SERVER_LOG_STDOUT: false,
  // Largest request body in bytes (413 above).
  // DELVE_MAX_REQUEST_BODY_SIZE: 104857600,
  // Largest request header block in bytes (431 above). Node caps this at its --max-http-header-size.
  // DELVE_MAX_REQUEST_HEADER_SIZE: 65536,
  // Seconds a connection may stay idle between requests (keep-alive timeout); also bounds the time to send headers.
  // DELVE_SOCKET_TIMEOUT: 10,
  // Listen backlog: connections the kernel queues before accept().
  // DELVE_SOCKET_QUEUE_SIZE: 511,
  // Seconds a client has to send a complete request (Node requestTimeout); slow clients are cut off.
  // DELVE_ACCEPTED_QUEUE_TIMEOUT: 30,
  // Maps to the maximum number of concurrent connections (server.maxConnections); 0 = unlimited. Node serves all connections on one event loop.
  // DELVE_SERVER_MAX_THREADS: 0,
  // With TLS on: a second, plain-HTTP port that only redirects to HTTPS.
  // DELVE_HTTP_REDIRECT_PORT: null,
  // Strict-Transport-Security max-age with TLS on (0 disables HSTS).
  // SECURE_HSTS_SECONDS: 31536000,
  // Add includeSubDomains to HSTS.
  // SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
  // Add preload to HSTS.
  // SECURE_HSTS_PRELOAD: false,

  // --- tls
  // PEM private key path; with DELVE_SSL_CERTIFICATE turns HTTPS on.
  // DELVE_SSL_PRIVATE_KEY: null,
  // PEM certificate (chain) path.
  // DELVE_SSL_CERTIFICATE: null,
  // builtin (node:https, HTTP/1.1), http2 (ALPN h2 with HTTP/1.1 fallback); openssl = builtin.
  // DELVE_SSL_MODULE: "builtin",
  // Lowest TLS version accepted (TLSv1.2 or TLSv1.3).
  // DELVE_SSL_MIN_VERSION: "TLSv1.2",
  // OpenSSL cipher list for TLS 1.2 (default: Mozilla intermediate ECDHE + AES-GCM/ChaCha20).
  // DELVE_SSL_CIPHERS: null,
  // Passphrase of an encrypted private key.
  // DELVE_SSL_KEY_PASSPHRASE: null,
  // CA bundle used to verify client certificates (mutual TLS).
  // DELVE_SSL_CA_CERTIFICATE: null,
  // Client certificates: none, optional or required (needs DELVE_SSL_CA_CERTIFICATE).
  // DELVE_SSL_CLIENT_AUTH: "none",

  // --- storage
  // Embedded SQLite database file (created 0600 in a 0700 directory).
  // DELVE_DATABASE_PATH: "var/db.sqlite3",
  // Encrypts the embedded database at rest (SQLCipher). Losing it loses the data.
  // DELVE_DATABASE_ENCRYPTION_KEY: null,
  // Where uploaded files are stored.
  // DELVE_MEDIA_ROOT: "var/uploads",

  // --- logging
  // Minimum level written to the logs.
  // DELVE_LOG_LEVEL: "info",
  // Directory for JSON logs (rotated by size and by day).
  // DELVE_LOG_DIR: "var/log",
  // Rotate a log file once it reaches this many bytes.
  // DELVE_LOG_MAX_BYTES: 10485760,
  // Rotated files kept per log.
  // DELVE_LOG_MAX_FILES: 14,

  // --- accounts
  // Minimum password length.
  // PASSWORD_MIN_LENGTH: 8,
  // A session unused for this long ends (seconds or 30m/2h/...).
  // SESSION_IDLE_TIMEOUT: 7200,
  // A session ends this long after login, whatever its use.
  // SESSION_MAX_AGE: 1209600,
  // Failed logins (per username+IP and per IP) within LOGIN_FAILURE_WINDOW before a lockout.
  // LOGIN_FAILURE_LIMIT: 5,
  // Window in which failed logins are counted.
  // LOGIN_FAILURE_WINDOW: 300,
  // First lockout length; doubles with every further lockout up to LOGIN_LOCKOUT_MAX_SECONDS.
  // LOGIN_LOCKOUT_SECONDS: 60,
  // Longest lockout.
  // LOGIN_LOCKOUT_MAX_SECONDS: 3600,

  // --- events
  // Run field extraction when events are created.
  // DELVE_ENABLE_EXTRACTIONS_ON_CREATE: true,
  // Run field extraction again when events are updated.
  // DELVE_ENABLE_EXTRACTIONS_ON_UPDATE: true,
  // Run processors when events are created (exactly once).
  // DELVE_ENABLE_PROCESSORS_ON_CREATE: true,
  // Run processors when events are updated.
  // DELVE_ENABLE_PROCESSORS_ON_UPDATE: true,
  // sourcetype → extractor name(s) or {extractor, options}; merged over the built-in map (json, apache, csv, xml, kv, syslog).
  // DELVE_EXTRACTION_MAP: {},
  // sourcetype → processor module path(s) run once per stored event.
  // DELVE_PROCESSOR_MAP: {},
  // Maintain the full-text index of event text (filled asynchronously; search scans the unindexed tail).
  // DELVE_FTS_ENABLED: true,
  // Events waiting for the database writer before ingest answers 503 + Retry-After.
  // DELVE_INGEST_MAX_QUEUE: 200000,
  // Largest event text in bytes.
  // DELVE_MAX_EVENT_SIZE: 1048576,
  // Keys of extracted_fields to index for fast grouping (`status`, `user__name`); built at `./fl serve` start and `./fl migrate`, dropped when removed. Each costs ingest one more index insert per event.
  // DELVE_INDEXED_FIELDS: [],
  // index → maximum age, e.g. {"default": "30d"}.
  // DELVE_RETENTION: {},

  // --- query
  // Check each command’s input shape before it runs.
  // DELVE_STRICT_VALIDATION: false,
  // Most rows a query may return.
  // DELVE_MAX_RESULT_ROWS: 100000,
  // Longest a query may run.
  // DELVE_QUERY_TIMEOUT: 60,
  // Threads one large count-per-group scan may use (qs_group_by over a JSON field, say), its own included; 1 = never use helper threads.
  // DELVE_QUERY_THREADS: 2,
  // Smallest table (in events) whose count-per-group scans are split across DELVE_QUERY_THREADS.
  // DELVE_QUERY_PARALLEL_MIN_ROWS: 200000,
  // Hosts the `request` command may reach even if private/loopback.
  // DELVE_REQUEST_ALLOWED_HOSTS: [],
  // Manuals served at /docs.
  // DELVE_DOCUMENTATION_DIRECTORY: "docs",
  // Timeout of the `request` command.
  // DELVE_REQUEST_TIMEOUT: 10,
  // Largest response body the `request` command reads.
  // DELVE_REQUEST_MAX_BYTES: 10485760,
  // How deeply `run_query` may nest saved queries.
  // DELVE_RUN_QUERY_MAX_DEPTH: 5,
  // Named read-only connections for `sql_query` (superusers only): {"name": "sqlite:///abs/path.db"}.
  // DELVE_SQL_CONNECTIONS: {},
  // Largest file accepted by /api/files/ in bytes.
  // DELVE_MAX_UPLOAD_SIZE: 52428800,

  // --- email
  // SMTP server for send_email.
  // EMAIL_HOST: "localhost",
  // SMTP port.
  // EMAIL_PORT: 25,
  // SMTP user name (empty = no authentication).
  // EMAIL_HOST_USER: "",
  // SMTP password.
  // EMAIL_HOST_PASSWORD: null,
  // Upgrade the SMTP connection with STARTTLS (certificate verified).
  // EMAIL_USE_TLS: false,
  // Connect to SMTP over implicit TLS (certificate verified).
  // EMAIL_USE_SSL: false,
  // Sender address of send_email.
  // DEFAULT_FROM_EMAIL: "delve@localhost",

  // --- server
  // Public base URL (https://delve.example.com) used in links Delve prints (password reset, setup).
  // DELVE_PUBLIC_URL: null,
});
