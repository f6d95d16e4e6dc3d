/** The audit vocabulary (DESIGN §4.6): dotted action names and the four outcomes. */

/**
 * Actions Delve itself records. Callers may record other dotted names (plugins, later features); this list exists so
 * the UI and `search index=_audit` can offer the common ones and so call sites do not drift in spelling.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.setup',
  'auth.logout',
  'auth.lockout',
  'auth.password_change',
  'auth.password_reset',
  'user.create',
  'user.update',
  'user.delete',
  'group.create',
  'group.update',
  'group.delete',
  'permission.grant',
  'permission.revoke',
  'permission.denied',
  'token.create',
  'token.revoke',
  'key.rotation',
  'tls.reload',
  'settings.warning',
  'audit.verify',
] as const;

export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'info'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** `area.verb`, lower case, at least one dot, at most 64 characters. */
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
export const MAX_ACTION_LENGTH = 64;

/** True when `action` is a well-formed dotted action name (known or not). */
export function isValidAction(action: unknown): action is string {
  return typeof action === 'string' && action.length <= MAX_ACTION_LENGTH && ACTION.test(action);
}

/** True when `outcome` is one of the four audit outcomes. */
export function isAuditOutcome(outcome: unknown): outcome is AuditOutcome {
  return typeof outcome === 'string' && (AUDIT_OUTCOMES as readonly string[]).includes(outcome);
}
