/** Server-side sessions and CSRF tokens (DESIGN §4.4). */
export { SessionStore, SESSION_PURPOSE, type SessionStoreOptions, type CreatedSession, type ResolvedSession, type SessionInfo } from './session-store.js';
export { csrfToken, verifyCsrf, CSRF_PURPOSE } from './csrf.js';
export { passwordHmac, matchPasswordHmac, SESSION_AUTH_PURPOSE } from './password-hmac.js';
export { hashSessionId, publicSessionId, newSessionId, SESSION_ID_HASH, PUBLIC_SESSION_ID } from './session-ids.js';
