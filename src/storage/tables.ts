/** Kysely table types of the embedded database (times are integer epoch milliseconds unless noted). */
export interface UsersTable {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  password: string;
  is_active: number;
  is_superuser: number;
  is_staff: number;
  date_joined: number;
  last_login: number | null;
  password_changed_at: number;
}
export interface GroupsTable {
  id: string;
  name: string;
  /** JSON array of index patterns (`*`, `web*`, `_audit`). */
  index_read: string;
  index_write: string;
  created_at: number;
}
export interface UserGroupsTable { user_id: string; group_id: string }
export interface PermissionsTable { codename: string; name: string; model: string; action: string }
export interface GroupPermissionsTable { group_id: string; codename: string }
export interface UserPermissionsTable { user_id: string; codename: string }
export interface SessionsTable {
  /** SHA-256 of the random session id (the raw id only lives in the signed cookie). */
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  /** HMAC of the user's password hash at login: a password change ends the session. */
  password_hmac: string;
  ip: string;
  user_agent: string;
  data: string;
}
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scope: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}
export interface SecretsTable {
  name: string;
  key_id: string;
  ciphertext: string;
  created_at: number;
  updated_at: number;
}
export interface AuditLogTable {
  seq: number;
  ts: number;
  actor: string | null;
  actor_id: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  outcome: string;
  request_id: string | null;
  details: string;
  key_id: string;
  prev_hmac: string;
  hmac: string;
}
export interface EventsTable {
  seq: number;
  id: string;
  /** Epoch microseconds. */
  created: number;
  index: string;
  source: string;
  sourcetype: string;
  host: string;
  text: string;
  extracted_fields: string | null;
  user_id: string | null;
}
export interface DB {
  users: UsersTable;
  groups: GroupsTable;
  user_groups: UserGroupsTable;
  permissions: PermissionsTable;
  group_permissions: GroupPermissionsTable;
  user_permissions: UserPermissionsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  secrets: SecretsTable;
  audit_log: AuditLogTable;
  events: EventsTable;
}
