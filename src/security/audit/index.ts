/** Tamper-evident audit log (DESIGN §4.6): HMAC-chained security events, verification, queries and formatting. */
export { AuditLog, type AuditEntry, type AuditLogOptions } from './audit-log.js';
export { verify, type AuditVerifyResult } from './verify.js';
export { tail, list, toAuditRow, MAX_AUDIT_PAGE, type AuditRow, type AuditFilter } from './query.js';
export { formatAuditRow } from './format.js';
export { AUDIT_ACTIONS, AUDIT_OUTCOMES, isValidAction, isAuditOutcome, type AuditOutcome, type KnownAuditAction } from './actions.js';
export { serializeDetails, isSecretName, REDACTED, MAX_DETAILS_BYTES } from './sanitize.js';
export { rowHmac, auditKey, AUDIT_KEY_PURPOSE, GENESIS_HMAC, type RawAuditRow, type AuditStore } from './chain.js';
export { rechainAudit } from './rechain.js';
