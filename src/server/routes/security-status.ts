import type { FastifyInstance } from 'fastify';
import type { LoadedSettings, SettingSource } from '../../config/load.js';
import type { SettingName } from '../../config/schema.js';
import { verify } from '../../security/audit/index.js';
import { deployFindings, type Finding } from '../../security/checks/index.js';
import { tlsFindingSource } from '../../security/checks/tls-checks.js';
import { keyWeakness, type KeySource } from '../../security/keys/index.js';
import type { CertInfo, TlsModule } from '../../security/tls/index.js';
import { requireSuperuser } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';

/** The certificate the server is serving right now (updated by every successful reload). */
export interface TlsState { module: TlsModule; info: CertInfo }

export interface SecurityStatusOptions {
  /** The loaded settings with their sources (what `./fl check --deploy` uses); built from `svc.settings` when absent. */
  loaded?: LoadedSettings;
  /** The process environment the settings were read from (DELVE_SECRET_KEY_FILE for key-file checks). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The current TLS certificate, or null when TLS is off. */
  tls: () => TlsState | null;
}

const KEY_SOURCE: Record<KeySource, string> = { flag: 'flag', env: 'env', 'env-file': 'file', settings: 'settings', 'generated-file': 'generated', test: 'test' };

/** Superuser only: GET /api/security/status — deploy findings, key, TLS, database, debug and audit-chain state; no key material. */
export function securityStatusRoutes(o: SecurityStatusOptions) {
  return (app: FastifyInstance, svc: AuthServices): void => {
    app.get('/api/security/status', async (req) => {
      requireSuperuser(svc, req);
      const s = svc.settings;
      const loaded: LoadedSettings = o.loaded ?? { settings: s, sources: {} as Record<SettingName, SettingSource>, settingsFile: null };
      const findings: Finding[] = deployFindings(loaded, o.env ?? {}, [tlsFindingSource]);
      const kr = svc.keyring;
      const tls = o.tls();
      const audit = verify(svc.store, kr);
      return {
        findings,
        key: { source: KEY_SOURCE[kr.source] ?? kr.source, strong: keyWeakness(kr.current) === null, length: kr.current.length, fallbacks: kr.fallbacks.length, id: kr.keyId(kr.current) },
        tls: tls
          ? {
            enabled: true, module: tls.module, subject: tls.info.subject, issuer: tls.info.issuer, serial: tls.info.serialNumber,
            not_before: tls.info.validFrom.toISOString(), not_after: tls.info.validTo.toISOString(),
            days_left: Math.floor((tls.info.validTo.getTime() - Date.now()) / 86_400_000), fingerprint256: tls.info.fingerprint256,
            client_auth: s.DELVE_SSL_CLIENT_AUTH,
          }
          : { enabled: false, module: s.DELVE_SSL_MODULE, client_auth: s.DELVE_SSL_CLIENT_AUTH },
        database: { encrypted: Boolean(s.DELVE_DATABASE_ENCRYPTION_KEY) },
        debug: s.DEBUG,
        audit: audit.ok ? { ok: true, rows: audit.rows } : { ok: false, rows: audit.rows, broken_at: audit.brokenAt, reason: audit.reason },
      };
    });
  };
}
