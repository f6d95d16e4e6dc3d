import type { Settings } from '../../config/schema.js';
import { BasicAuthCache } from '../../auth/basic-cache.js';
import { LoginThrottle } from '../../auth/throttle.js';
import { AuditLog, type AuditEntry } from '../../security/audit/index.js';
import type { Keyring } from '../../security/keys/index.js';
import { SessionStore } from '../../security/sessions/index.js';
import type { Store } from '../../storage/index.js';

/** The account-security services one server process shares (sessions, throttling, Basic cache, audit). */
export interface AuthServices {
  settings: Settings;
  store: Store;
  keyring: Keyring;
  sessions: SessionStore;
  throttle: LoginThrottle;
  basicCache: BasicAuthCache;
  audit: AuditLog;
  /** Records a security event; never throws (an audit failure is logged, the request goes on). */
  record(entry: AuditEntry): void;
  /** Session cookie name: `__Host-` prefixed (and Secure) when TLS is on. */
  cookieName: string;
  tls: boolean;
}

export function createAuthServices(settings: Settings, store: Store, keyring: Keyring, tls: boolean, onAuditError: (e: unknown) => void = () => undefined): AuthServices {
  const audit = new AuditLog(store, keyring, { mirrorToEvents: true });
  return {
    settings, store, keyring, tls,
    sessions: new SessionStore(store, keyring, { idleSeconds: settings.SESSION_IDLE_TIMEOUT, maxAgeSeconds: settings.SESSION_MAX_AGE }),
    throttle: new LoginThrottle({
      limit: settings.LOGIN_FAILURE_LIMIT, windowSeconds: settings.LOGIN_FAILURE_WINDOW,
      lockoutSeconds: settings.LOGIN_LOCKOUT_SECONDS, maxLockoutSeconds: settings.LOGIN_LOCKOUT_MAX_SECONDS,
    }),
    basicCache: new BasicAuthCache(),
    audit,
    record(entry) {
      try {
        audit.record(entry);
      } catch (e) {
        onAuditError(e);
      }
    },
    cookieName: tls ? '__Host-delve_session' : 'delve_session',
  };
}
