import type { LoadedSettings } from '../../config/load.js';
import { isDelveError } from '../../errors.js';
import { describeTlsFindings, loadTlsMaterial } from '../tls/index.js';
import { tlsSettingsFrom } from '../tls/from-settings.js';
import { finding, type Finding } from './finding.js';

/** TLS findings for `check --deploy`: TLS off, certificate expiry, key file mode, weak versions/ciphers, HSTS. */
export function tlsFindingSource(loaded: LoadedSettings): Finding[] {
  const s = loaded.settings;
  const tls = tlsSettingsFrom(s);
  let material;
  try {
    material = loadTlsMaterial(tls);
  } catch (e) {
    if (!isDelveError(e)) throw e;
    return [finding('DLV_CHECK_TLS_INVALID', 'error', e.message, 'fix the TLS settings: the server refuses to start with them')];
  }
  const out: Finding[] = describeTlsFindings(tls, material, { bindHost: s.DELVE_SERVER_HOST }).map((f) => finding(f.code, f.severity, f.message, f.fix));
  if (material && s.SECURE_HSTS_SECONDS <= 0) {
    out.push(finding('DLV_CHECK_HSTS_OFF', 'warning', 'HTTPS is on but Strict-Transport-Security is disabled (SECURE_HSTS_SECONDS=0)', 'set SECURE_HSTS_SECONDS to 31536000'));
  }
  if (!material && s.DELVE_HTTP_REDIRECT_PORT !== null) {
    out.push(finding('DLV_CHECK_REDIRECT_WITHOUT_TLS', 'warning', 'DELVE_HTTP_REDIRECT_PORT is set but TLS is off: it is ignored', 'configure TLS or unset DELVE_HTTP_REDIRECT_PORT'));
  }
  return out;
}
