/** Shapes of the administration endpoints as this feature uses them (source of truth: src/server/routes/). */

/** GET/POST/PATCH /api/users/… (publicUser + group names + direct permissions). */
export interface AdminUser {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  is_active: boolean;
  is_superuser: boolean;
  date_joined: string;
  last_login: string | null;
  groups: string[];
  permissions: string[];
}

/** GET/POST/PATCH /api/groups/… */
export interface AdminGroup {
  id: string;
  name: string;
  permissions: string[];
  index_read: string[];
  index_write: string[];
}

/** GET /api/groups/preview?pattern=… */
export interface PatternPreview { pattern: string; indexes: string[] }

/** POST /api/users/:id/reset-link */
export interface ResetLink { url: string; expires_at: string }

/** GET /api/tokens/ rows (never the secret). */
export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  user_id: string;
  created: string;
  expires: string | null;
  last_used: string | null;
  revoked: string | null;
}

/** POST /api/tokens/ answer: the record plus the secret, shown once. */
export interface NewApiToken extends ApiToken { token: string }

/** GET /api/audit/ rows. */
export interface AuditRow {
  seq: number;
  ts: number;
  time: string;
  actor: string | null;
  actorId: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  outcome: string;
  requestId: string | null;
  details: Record<string, unknown>;
  keyId: string;
}

/** GET /api/audit/verify */
export interface AuditVerify { ok: boolean; rows: number; brokenAt?: number; reason?: string }

export type Severity = 'error' | 'warning' | 'info';
export interface SecurityFinding { code: string; severity: Severity; message: string; fix?: string }

/** GET /api/security/status (superuser). */
export interface SecurityStatus {
  findings: SecurityFinding[];
  key: { source: string; strong: boolean; length: number; fallbacks: number };
  tls: {
    enabled: boolean;
    module?: string | null;
    subject?: string | null;
    issuer?: string | null;
    not_after?: string | null;
    days_left?: number | null;
    client_auth?: string | boolean | null;
  };
  database: { encrypted: boolean };
  debug: boolean;
  audit: { ok: boolean; rows: number; broken_at?: number | null };
}
