/**
 * End-to-end test harness: a real `./fl serve` (fresh home, strong key, ephemeral port), headless Debian Chromium
 * via playwright-core with problem recording (console/page errors, dialogs, CSP violations), axe-core checks,
 * screenshots under test-output/e2e/, and REST helpers for test setup. See test/e2e/README.md.
 */
export { serve, strongKey, E2E_OUTPUT, type Served, type ServeOptions } from './harness/serve.js';
export { launchBrowser, newSession, chromiumAvailable, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, type Session, type Problems } from './harness/browser.js';
export { axeViolations, formatViolations, type AxeViolation } from './harness/axe.js';
export { screenshot, horizontalOverflow } from './harness/layout.js';
export { DelveApi, loginContext } from './harness/api.js';
export { captureFailures } from './harness/failures.js';
