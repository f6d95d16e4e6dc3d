import type { LoadedSettings } from '../../config/load.js';
import { finding, type Finding } from './finding.js';
import { isLoopback } from './deploy-checks.js';

/** TLS findings for `check --deploy` (the serving layer adds certificate details). */
export function tlsFindingSource(loaded: LoadedSettings): Finding[] {
  const s = loaded.settings;
  if (s.DELVE_SSL_CERTIFICATE && s.DELVE_SSL_PRIVATE_KEY) return [];
  const exposed = !isLoopback(s.DELVE_SERVER_HOST);
  return [finding('DLV_CHECK_TLS_OFF', exposed ? 'error' : 'warning',
    exposed ? `TLS is not configured and the server binds ${s.DELVE_SERVER_HOST}: passwords and sessions cross the network in clear text` : 'TLS is not configured (HTTPS only is recommended)',
    'set DELVE_SSL_PRIVATE_KEY and DELVE_SSL_CERTIFICATE')];
}
