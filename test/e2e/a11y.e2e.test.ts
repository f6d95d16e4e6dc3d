/**
 * Accessibility and layout (issue 8 item 8): axe-core finds no serious or critical violation on the login page,
 * Explore with a table and with a chart, the administration pages and the other main pages; at 390×844 the login
 * and Explore pages do not scroll sideways. Also writes the screenshots the docs use (test-output/e2e/).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations, captureFailures, DelveApi, formatViolations, horizontalOverflow, launchBrowser, loginContext, newSession,
  PHONE, screenshot, serve, type Served, type Session,
} from './harness.js';

const ADMIN = { username: 'admin', password: 'e2e-A11y-admin-pass-3390' };
const TABLE_QUERY = 'search index=web';
const CHART_QUERY = 'search index=web | chart -x created -y extracted_fields__bytes -t line -b host --time-x minute';

function sampleEvents(): Record<string, unknown>[] {
  const now = Date.now();
  const paths = ['/login', '/explore', '/api/query/', '/docs', '/admin/users'];
  return Array.from({ length: 60 }, (_, i) => ({
    index: 'web', host: `web${(i % 3) + 1}`, source: '/var/log/nginx/access.log', sourcetype: 'kv',
    created: new Date(now - (60 - i) * 45_000).toISOString(),
    text: `method=GET path=${paths[i % paths.length]} status=${i % 7 === 0 ? 500 : 200} bytes=${512 + i * 13} user=user${i % 4}`,
  }));
}

/** Waits until the page has a visible main heading and no request in flight. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const v = await axeViolations(page);
  expect(v, `${what}: axe serious/critical violations\n${formatViolations(v)}`).toEqual([]);
}

async function runQuery(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Query' });
  await editor.fill(text);
  await editor.press('Escape'); // closes the autocomplete popup (nothing is running yet)
  await page.getByRole('button', { name: 'Run' }).click();
}

describe('accessibility (axe) and small screens', () => {
  let srv: Served;
  let browser: Browser;
  /** Logged out (login page), at 1280×800 and 390×844. */
  let anon: Session;
  let anonPhone: Session;
  /** Logged in as the administrator. */
  let desk: Session;
  let phone: Session;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'a11y', admin: ADMIN }), launchBrowser()]);
    const api = new DelveApi(srv.url, ADMIN);
    await api.ingest(sampleEvents());
    [anon, anonPhone, desk, phone] = await Promise.all([
      newSession(browser, srv.url), newSession(browser, srv.url, { viewport: PHONE }),
      newSession(browser, srv.url), newSession(browser, srv.url, { viewport: PHONE }),
    ]);
    await loginContext(desk.context, srv.url, ADMIN.username, ADMIN.password);
    await loginContext(phone.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('a11y', () => [anon, anonPhone, desk, phone]);
  afterAll(async () => {
    for (const s of [anon, anonPhone, desk, phone]) await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('login page (logged out)', async () => {
    await anon.page.goto('/login');
    await settle(anon.page);
    await anon.page.getByRole('button', { name: 'Log in' }).waitFor();
    await expectNoSeriousViolations(anon.page, '/login');
    await screenshot(anon.page, 'login');
    anon.assertClean('/login');
  });

  it('login page at 390×844: no horizontal overflow, no serious violations', async () => {
    await anonPhone.page.goto('/login');
    await settle(anonPhone.page);
    const o = await horizontalOverflow(anonPhone.page);
    expect(o.overflow, `login scrolls sideways at 390px: ${JSON.stringify(o)}`).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(anonPhone.page, '/login at 390px');
    await screenshot(anonPhone.page, 'login-phone');
  });

  it('Explore with a table of results', async () => {
    await desk.page.goto('/explore');
    await settle(desk.page);
    await runQuery(desk.page, TABLE_QUERY);
    await desk.page.getByRole('grid', { name: 'Result rows' }).waitFor();
    await desk.page.waitForLoadState('networkidle');
    await expectNoSeriousViolations(desk.page, 'explore (table)');
    await screenshot(desk.page, 'explore-table');
    desk.assertClean('explore (table)');
  });

  it('Explore with a chart', async () => {
    await desk.page.goto('/explore');
    await settle(desk.page);
    await runQuery(desk.page, CHART_QUERY);
    await desk.page.locator('figure.chart, .chart-plot').first().waitFor();
    await desk.page.waitForLoadState('networkidle');
    await expectNoSeriousViolations(desk.page, 'explore (chart)');
    await screenshot(desk.page, 'explore-chart');
    desk.assertClean('explore (chart)');
  });

  it('Explore at 390×844 with results: no horizontal overflow, no serious violations', async () => {
    await phone.page.goto(`/explore?text=${encodeURIComponent(TABLE_QUERY)}`);
    await settle(phone.page);
    await phone.page.getByRole('grid', { name: 'Result rows' }).waitFor();
    await phone.page.waitForLoadState('networkidle');
    const o = await horizontalOverflow(phone.page);
    expect(o.overflow, `explore scrolls sideways at 390px: ${JSON.stringify(o)}`).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(phone.page, 'explore at 390px');
    await screenshot(phone.page, 'explore-phone');
  });

  const PAGES: Array<[string, string]> = [
    ['/admin', 'admin'], ['/admin/users', 'admin-users'], ['/admin/groups', 'admin-groups'], ['/admin/audit', 'admin-audit'],
    ['/admin/security', 'admin-security'], ['/tokens', 'tokens'], ['/library', 'library'], ['/profile', 'profile'], ['/docs', 'docs'],
  ];
  for (const [path, name] of PAGES) {
    it(`${path}`, async () => {
      await desk.page.goto(path);
      await settle(desk.page);
      await expectNoSeriousViolations(desk.page, path);
      await screenshot(desk.page, name);
      desk.assertClean(path);
    });
  }
});
