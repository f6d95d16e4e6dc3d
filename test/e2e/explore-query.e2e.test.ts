/**
 * Explore end to end (issue 8 item 3): an error span becomes an underline in the editor with the message listed
 * below it; Ctrl+Enter runs the fixed query into the rows table; `chart` draws a uPlot chart; a scalar shows as a
 * big number; the time range scopes `search`; a `?text=` link pre-fills and runs; CSV export downloads the rows;
 * a result over DELVE_MAX_RESULT_ROWS shows the truncation notice with the limit.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, screenshot, serve, type Served, type Session } from './harness.js';
import { clearProblems, columnValues, editorText, gridRowCount, nextQueryResponse, queryEditor, resultGrid, runQuery, typeQuery } from './harness/flows.js';

const ADMIN = { username: 'admin', password: 'e2e-Explore-admin-pass-4410' };
const MAX_ROWS = 50;
const CHART_QUERY = 'search index=web | chart -x created -y extracted_fields__bytes -t line -b host --time-x minute';

function events(): Record<string, unknown>[] {
  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const days = (n: number): number => now - n * 86_400_000;
  return [
    // index=app: three events from the last minutes, two backfilled days ago (for the time range).
    { index: 'app', text: 'recent event alpha', created: iso(now - 60_000) },
    { index: 'app', text: 'recent event beta', created: iso(now - 120_000) },
    { index: 'app', text: 'recent event gamma', created: iso(now - 180_000) },
    { index: 'app', text: 'old event delta', created: iso(days(3)) },
    { index: 'app', text: 'old event epsilon', created: iso(days(5)) },
    // index=web: key=value lines for the chart (two hosts, one point a minute).
    ...Array.from({ length: 20 }, (_, i) => ({
      index: 'web', host: `web${(i % 2) + 1}`, sourcetype: 'kv', created: iso(now - (20 - i) * 60_000),
      text: `method=GET path=/p${i % 4} status=200 bytes=${i % 2 === 0 ? 400 + i * 15 : 900 - i * 12 + (i % 3) * 40}`,
    })),
    // index=bulk: more rows than DELVE_MAX_RESULT_ROWS.
    ...Array.from({ length: MAX_ROWS + 10 }, (_, i) => ({ index: 'bulk', text: `bulk line ${i}`, created: iso(now - i * 1000) })),
  ];
}

describe('Explore: errors, tables, charts, scalars, time range, links, export, truncation', () => {
  let srv: Served;
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([
      serve({ label: 'explore-query', admin: ADMIN, env: { DELVE_MAX_RESULT_ROWS: String(MAX_ROWS) } }),
      launchBrowser(),
    ]);
    await new DelveApi(srv.url, ADMIN).ingest(events());
    s = await newSession(browser, srv.url, {});
    await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('explore-query', () => [s]);
  beforeEach(() => { if (s) clearProblems(s); });
  afterAll(async () => {
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('underlines the error span and lists the message; Ctrl+Enter runs the fixed query into a table', async () => {
    const { page } = s;
    await page.goto('/explore');
    const editor = queryEditor(page);
    await editor.waitFor();

    const bad = await runQuery(page, 'search index=app | bogus');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('DLV_QUERY_UNKNOWN_COMMAND');
    const message = String(bad.body.error?.message);
    expect(message).toContain('bogus');

    // The underline covers the unknown command name; the editor is marked invalid; the message is listed as text.
    const underline = page.locator('.cm-editor .cm-lintRange-error');
    await underline.first().waitFor();
    expect((await underline.allTextContents()).join('')).toBe('bogus');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    const listed = page.getByRole('listitem').filter({ hasText: message });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('Line 1, column 20');

    // Fix it and run with the keyboard.
    await typeQuery(page, 'search index=app');
    const [res] = await Promise.all([nextQueryResponse(page), editor.press('Control+Enter')]);
    expect(res.status()).toBe(200);
    await resultGrid(page).waitFor();
    await expect.poll(() => gridRowCount(page)).toBe(5);
    expect((await columnValues(page, 'text')).sort()).toEqual(['old event delta', 'old event epsilon', 'recent event alpha', 'recent event beta', 'recent event gamma']);
    expect(await underline.count()).toBe(0);
    expect(await editor.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('status').filter({ hasText: /^5 rows · took / }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // no focus ring in the docs picture
    await screenshot(page, 'explore-table');
    s.assertClean('error underline → table');
  });

  it('draws a chart (uPlot) for `chart` output', async () => {
    const { page } = s;
    const r = await runQuery(page, CHART_QUERY);
    expect(r.status).toBe(200);
    const figure = page.getByRole('figure', { name: /chart of .*bytes.* over time/i });
    await figure.waitFor();
    expect(await figure.textContent()).toMatch(/\(2 series\)/);
    // uPlot draws into a canvas inside the figure, with a real size.
    const canvas = figure.locator('canvas').first();
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(100);
    expect(await resultGrid(page).count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'explore-chart');
    s.assertClean('chart');
  });

  it('shows a scalar (qs_count) as a big number', async () => {
    const { page } = s;
    const r = await runQuery(page, 'search index=app | qs_count');
    expect(r.status).toBe(200);
    expect(r.body.result).toBe(5);
    const value = page.getByRole('status', { name: 'Result value' });
    await value.waitFor();
    expect((await value.textContent())?.trim()).toBe('5');
    s.assertClean('scalar');
  });

  it('the time range scopes search: "Last 15 minutes" shows only the recent events', async () => {
    const { page } = s;
    await typeQuery(page, 'search index=app');
    await page.getByLabel('Time range').selectOption({ label: 'Last 15 minutes' });
    const [res] = await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
    const sent = res.request().postDataJSON() as { earliest?: string };
    expect(sent.earliest, 'the run sends an earliest bound').toBeTruthy();
    expect(Date.now() - Date.parse(sent.earliest!)).toBeGreaterThan(14 * 60_000);
    expect(Date.now() - Date.parse(sent.earliest!)).toBeLessThan(16 * 60_000);
    await expect.poll(async () => (await columnValues(page, 'text')).sort()).toEqual(['recent event alpha', 'recent event beta', 'recent event gamma']);
    expect(await gridRowCount(page)).toBe(3);
    // The shareable URL carries the range.
    expect(new URL(page.url()).searchParams.get('range')).toBe('15m');

    // Back to all time: the old events come back.
    await page.getByLabel('Time range').selectOption({ label: 'All time' });
    await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
    await expect.poll(() => gridRowCount(page)).toBe(5);
    s.assertClean('time range');
  });

  it('a ?text= link (with range) pre-fills the editor and runs', async () => {
    const { page } = s;
    const text = 'search index=app "event"';
    const [res] = await Promise.all([
      nextQueryResponse(page),
      page.goto(`/explore?text=${encodeURIComponent(text)}&range=15m`),
    ]);
    expect(res.status()).toBe(200);
    expect((res.request().postDataJSON() as { text: string }).text).toBe(text);
    await expect.poll(() => editorText(page)).toBe(text);
    expect(await page.getByLabel('Time range').inputValue()).toBe('15m');
    await expect.poll(async () => (await columnValues(page, 'text')).sort()).toEqual(['recent event alpha', 'recent event beta', 'recent event gamma']);
    s.assertClean('?text= link');
  });

  it('exports the rows as CSV (a download with the header row)', async () => {
    const { page } = s;
    await page.getByLabel('Time range').selectOption({ label: 'All time' });
    const r = await runQuery(page, 'search index=app');
    expect(r.status).toBe(200);
    await expect.poll(() => gridRowCount(page)).toBe(5);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: 'Export result' }).getByRole('button', { name: 'Export as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((l) => l !== '');
    const header = lines[0]!.split(',');
    for (const col of ['id', 'created', 'index', 'text']) expect(header, `CSV header: ${lines[0]}`).toContain(col);
    expect(lines).toHaveLength(6);
    expect(csv).toContain('recent event alpha');
    expect(csv).toContain('old event epsilon');
    s.assertClean('CSV export');
  });

  it(`shows the truncation notice with the limit (DELVE_MAX_RESULT_ROWS=${MAX_ROWS})`, async () => {
    const { page } = s;
    const r = await runQuery(page, 'search index=bulk');
    expect(r.status).toBe(200);
    expect(r.body.meta).toMatchObject({ truncated: true, limit: MAX_ROWS });
    const notice = page.getByRole('status').filter({ hasText: 'Results truncated' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`Results truncated at ${MAX_ROWS} rows`);
    await expect.poll(() => gridRowCount(page)).toBe(MAX_ROWS);
    // A result within the limit has no notice.
    await runQuery(page, 'search index=app');
    await expect.poll(() => gridRowCount(page)).toBe(5);
    expect(await notice.count()).toBe(0);
    s.assertClean('truncation');
  });
});
