/**
 * TLS for Delve's web server (DESIGN §4.3): settings validation, key/certificate loading with Mozilla
 * intermediate defaults, hot reload without a restart, and `fl check --deploy` findings.
 */
export {
  DEFAULT_CIPHERS, DEFAULT_CURVES, DEFAULT_MIN_VERSION, MODULES, SETTING,
  type ClientAuth, type TlsModule, type TlsSettings,
} from './settings.js';
export { type CertInfo } from './cert-info.js';
export { loadTlsMaterial, SECURE_OPTION_FLAGS, type TlsMaterial, type TlsSecureOptions } from './load-material.js';
export {
  createTlsReloader, type ReloadResult, type TlsLogger, type TlsReloader, type TlsReloaderOptions,
} from './reloader.js';
export { describeTlsFindings, EXPIRY_WARNING_DAYS, isLoopback, weakCipherTokens, type TlsFinding } from './findings.js';
