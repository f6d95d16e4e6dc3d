/** Shapes of /api/auth/sessions and /api/auth/password (declared here: api/types.ts is shared and read-only). */
export interface SessionInfo {
  publicId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}
export interface SessionList { results: SessionInfo[] }
export interface PasswordChanged { ended_sessions: number }
