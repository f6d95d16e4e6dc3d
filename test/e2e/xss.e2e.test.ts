/**
 * Event data is text, never markup (issue 8 item 7): events whose text, host, source and extracted field names and
 * values carry HTML/script payloads are searched in Explore, a row is expanded and the field sidebar opened, and a
 * payload travels in the shareable ?text= link. Nothing executes (no dialog, no window.__pwned, no injected
 * element), the strict CSP reports nothing, and the payloads are visible as literal text.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, screenshot, serve, type Served, type Session } from './harness.js';

const ADMIN = { username: 'admin', password: 'e2e-Xss-admin-pass-7731' };
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>window.__pwned=1</script>';
const SVG = '"><svg onload=alert(1)>';
const PAYLOADS = [IMG, SCRIPT, SVG];

/** Elements a successful injection would have created (the app's own markup has none of these). */
async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...Array.from(document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]')).map((e) => e.outerHTML.slice(0, 120)),
    ...Array.from(document.querySelectorAll('script:not([src])')).map((e) => `inline script: ${(e.textContent ?? '').slice(0, 80)}`),
  ]);
}

async function assertNothingExecuted(s: Session, what: string): Promise<void> {
  expect(s.problems.dialogs, `${what}: dialogs`).toEqual([]);
  expect(await s.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), `${what}: window.__pwned`).toBeUndefined();
  expect(await injectedElements(s.page), `${what}: injected elements`).toEqual([]);
  expect(s.problems.csp, `${what}: CSP violations`).toEqual([]);
  expect(await s.domCspViolations(), `${what}: securitypolicyviolation events`).toEqual([]);
  s.assertClean(what);
}

describe('XSS: event values render as text under a strict CSP', () => {
  let srv: Served;
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'xss', admin: ADMIN }), launchBrowser()]);
    const api = new DelveApi(srv.url, ADMIN);
    await api.ingest(PAYLOADS.flatMap((p, i) => [
      // Payloads in the raw text, host and source, and as extracted field names and values.
      { index: 'default', text: `login failed for ${p}`, host: `web${i}${p}`, source: p, extracted_fields: { [p]: p, user: p } },
      // A JSON event: the json extractor turns the payloads into field names and values itself.
      { index: 'default', sourcetype: 'json', text: JSON.stringify({ [`k${i}${p}`]: p, msg: p }) },
    ]));
    s = await newSession(browser, srv.url);
    await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('xss', () => [s]);
  afterAll(async () => {
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('the API stored the payloads verbatim (the test data really carries them)', async () => {
    const api = new DelveApi(srv.url, ADMIN);
    const { result } = await api.query<Array<Record<string, unknown>>>('search');
    const all = JSON.stringify(result);
    for (const p of PAYLOADS) expect(all).toContain(JSON.stringify(p).slice(1, -1));
  });

  it('search in Explore, expand a row, open the fields: payloads show as text and nothing runs', async () => {
    const { page } = s;
    await page.goto('/explore');
    const editor = page.getByRole('textbox', { name: 'Query' });
    await editor.fill('search');
    await page.getByRole('button', { name: 'Run' }).click();
    const grid = page.getByRole('grid', { name: 'Result rows' });
    await grid.waitFor();
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(PAYLOADS.length);

    // Every payload is on screen as literal text in the table.
    for (const p of PAYLOADS) await grid.getByText(p, { exact: false }).first().waitFor();

    // Expanding a row with a payload shows the event's JSON, payloads included, as text.
    await grid.getByRole('row').filter({ hasText: IMG }).first().getByRole('button', { name: /^Expand row \d+$/ }).click();
    const json = grid.locator('pre.rg-json').first();
    await json.waitFor();
    expect(await json.textContent()).toContain('onerror=alert(1)>');

    // The field sidebar: open every field that is closed, so field names and top values with payloads render.
    const fields = page.getByRole('complementary', { name: 'Fields' });
    await fields.waitFor();
    const closed = fields.locator('details:not([open]) > summary');
    for (let n = await closed.count(); n > 0; n = await closed.count()) await closed.first().click();
    for (const p of PAYLOADS) await fields.getByText(p, { exact: false }).first().waitFor();
    await screenshot(page, 'xss-explore');

    await assertNothingExecuted(s, 'explore with payload rows');
  });

  it('a payload in the shareable ?text= link (editor text, query error) stays text', async () => {
    const { page } = s;
    await page.goto(`/explore?text=${encodeURIComponent(`search "${SCRIPT}" | ${IMG}`)}`);
    // The link fills the editor and runs; the payload (also an unknown command name) is shown only as text.
    await page.getByText(IMG, { exact: false }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await assertNothingExecuted(s, 'explore ?text= payload');
  });
});
