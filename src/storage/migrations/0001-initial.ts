import { sql, type Kysely } from 'kysely';

/** Accounts, permissions, sessions, tokens, encrypted secrets, the audit chain and events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE users (
      id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, email TEXT NOT NULL DEFAULT '',
      first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '', password TEXT NOT NULL,
      is_active INTEGER NOT NULL DEFAULT 1, is_superuser INTEGER NOT NULL DEFAULT 0, is_staff INTEGER NOT NULL DEFAULT 0,
      date_joined INTEGER NOT NULL, last_login INTEGER, password_changed_at INTEGER NOT NULL)`,
    `CREATE TABLE groups (
      id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, index_read TEXT NOT NULL DEFAULT '[]',
      index_write TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL)`,
    `CREATE TABLE user_groups (
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, group_id)) WITHOUT ROWID`,
    `CREATE TABLE permissions (codename TEXT PRIMARY KEY, name TEXT NOT NULL, model TEXT NOT NULL, action TEXT NOT NULL) WITHOUT ROWID`,
    `CREATE TABLE group_permissions (
      group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE, codename TEXT NOT NULL REFERENCES permissions(codename),
      PRIMARY KEY (group_id, codename)) WITHOUT ROWID`,
    `CREATE TABLE user_permissions (
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, codename TEXT NOT NULL REFERENCES permissions(codename),
      PRIMARY KEY (user_id, codename)) WITHOUT ROWID`,
    `CREATE TABLE sessions (
      id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, password_hmac TEXT NOT NULL, ip TEXT NOT NULL DEFAULT '',
      user_agent TEXT NOT NULL DEFAULT '', data TEXT NOT NULL DEFAULT '{}')`,
    `CREATE INDEX sessions_user ON sessions(user_id)`,
    `CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, name TEXT NOT NULL DEFAULT '',
      prefix TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, scope TEXT NOT NULL, created_at INTEGER NOT NULL,
      expires_at INTEGER, last_used_at INTEGER, revoked_at INTEGER)`,
    `CREATE INDEX api_tokens_user ON api_tokens(user_id)`,
    `CREATE TABLE secrets (name TEXT PRIMARY KEY, key_id TEXT NOT NULL, ciphertext TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
    `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, actor TEXT, actor_id TEXT, ip TEXT, action TEXT NOT NULL,
      target TEXT, outcome TEXT NOT NULL, request_id TEXT, details TEXT NOT NULL DEFAULT '{}', key_id TEXT NOT NULL,
      prev_hmac TEXT NOT NULL, hmac TEXT NOT NULL)`,
    `CREATE INDEX audit_log_ts ON audit_log(ts)`,
    `CREATE TABLE events (
      seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, "index" TEXT NOT NULL DEFAULT 'default',
      source TEXT NOT NULL DEFAULT 'default', sourcetype TEXT NOT NULL DEFAULT 'text', host TEXT NOT NULL DEFAULT '127.0.0.1',
      text TEXT NOT NULL, extracted_fields TEXT, user_id TEXT)`,
    `CREATE INDEX events_index_created ON events("index", created)`,
    `CREATE INDEX events_created ON events(created)`,
    `CREATE INDEX events_host ON events(host)`,
    `CREATE INDEX events_source ON events(source)`,
    `CREATE INDEX events_sourcetype ON events(sourcetype)`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
