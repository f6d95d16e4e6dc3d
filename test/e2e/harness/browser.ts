/**
 * Headless Debian Chromium through playwright-core (never a downloaded browser), and browser contexts that record
 * everything a security/quality test must see: console errors, uncaught page errors, JavaScript dialogs (an XSS
 * `alert` shows up here), CSP violations (both the console message and the `securitypolicyviolation` DOM event),
 * and 5xx responses.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM} not found (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Problems {
  /** console.error messages (including "Failed to load resource" for 4xx/5xx). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** CSP violations: `securitypolicyviolation` events and console messages mentioning Content Security Policy. */
  csp: string[];
  /** alert/confirm/prompt/beforeunload dialogs (all dismissed). */
  dialogs: string[];
  /** Responses with status >= 500. */
  serverErrors: string[];
}

/** Diagnostics only (not a problem): the last API calls, "METHOD /path → status". */
export type ApiLog = string[];

/** Records violations into window.__cspViolations and reports each to the test through a binding. */
const CSP_INIT = `(() => {
  const list = [];
  window.__cspViolations = list;
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = { directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile + ':' + e.lineNumber };
    list.push(v);
    try { if (typeof window.__e2eReportCsp === 'function') window.__e2eReportCsp(JSON.stringify(v)); } catch (_) { /* ignore */ }
  }, true);
})();`;

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: Problems;
  baseURL: string;
  apiLog: ApiLog;
  /** console errors other than the browser's own "Failed to load resource: ... 4xx" lines (expected on 401/429). */
  unexpectedConsoleErrors(): string[];
  /** The page's window.__cspViolations (current document only; `problems.csp` spans navigations). */
  domCspViolations(): Promise<unknown[]>;
  /** Throws with a readable list when anything in `problems` (besides expected 4xx console lines) was recorded. */
  assertClean(what?: string): void;
  close(): Promise<void>;
}

export interface SessionOptions {
  viewport?: { width: number; height: number };
  /** Only for a separate axe-only context; never for tests that check CSP. */
  bypassCSP?: boolean;
}

export async function newSession(browser: Browser, baseURL: string, o: SessionOptions = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL, viewport: o.viewport ?? DESKTOP, bypassCSP: o.bypassCSP ?? false, locale: 'en-US', timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  const problems: Problems = { consoleErrors: [], pageErrors: [], csp: [], dialogs: [], serverErrors: [] };
  await context.exposeBinding('__e2eReportCsp', (_source, json: string) => { problems.csp.push(`event: ${json}`); });
  await context.addInitScript({ content: CSP_INIT });
  context.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy/i.test(text)) problems.csp.push(`console: ${text}`);
    if (msg.type() === 'error') problems.consoleErrors.push(`${text} (${msg.location().url})`);
  });
  context.on('weberror', (e) => { problems.pageErrors.push(String(e.error()?.stack ?? e.error())); });
  context.on('dialog', (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  const apiLog: ApiLog = [];
  context.on('response', (r) => {
    if (r.status() >= 500) problems.serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    const path = r.url().startsWith(baseURL) ? r.url().slice(baseURL.length) : r.url();
    if (path.startsWith('/api/')) {
      apiLog.push(`${r.request().method()} ${path} → ${r.status()}`);
      if (apiLog.length > 200) apiLog.shift();
    }
  });
  context.on('request', (r) => {
    const path = r.url().startsWith(baseURL) ? r.url().slice(baseURL.length) : r.url();
    if (path.startsWith('/api/')) apiLog.push(`${r.method()} ${path} sent`);
  });
  context.on('requestfailed', (r) => { apiLog.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText ?? '?'}`); });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  const unexpectedConsoleErrors = (): string[] =>
    problems.consoleErrors.filter((t) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(t));
  return {
    context, page, problems, baseURL, apiLog,
    unexpectedConsoleErrors,
    domCspViolations: () => page.evaluate(() => ((window as unknown as { __cspViolations?: unknown[] }).__cspViolations ?? [])),
    assertClean(what = 'page') {
      const found: string[] = [];
      const add = (label: string, xs: string[]): void => { for (const x of xs) found.push(`${label}: ${x}`); };
      add('CSP', problems.csp);
      add('page error', problems.pageErrors);
      add('dialog', problems.dialogs);
      add('console error', unexpectedConsoleErrors());
      add('server error', problems.serverErrors);
      if (found.length > 0) throw new Error(`${what} recorded ${found.length} problem(s):\n  ${found.join('\n  ')}`);
    },
    close: () => context.close(),
  };
}
