/**
 * File uploads end to end (issue 8 item 4): a small CSV chosen with the "Choose file" input in Explore's Library
 * uploads with a progress bar, is listed, and "Use in query" puts the matching `read_file` command in the editor;
 * running it shows the CSV's rows. Also: a file dropped on the drop zone uploads, and "Use in query" on the Library
 * page opens Explore with the command and runs it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, serve, type Served, type Session } from './harness.js';
import { clearProblems, columnValues, editorText, gridRowCount, nextQueryResponse, resultGrid } from './harness/flows.js';

const ADMIN = { username: 'admin', password: 'e2e-Upload-admin-pass-8812' };
const CSV_NAME = 'inventory.csv';
const CSV = 'item,qty,warehouse\nwidget,3,north\ngadget,7,south\ngizmo,11,north\n';
const DROPPED_NAME = 'dropped.csv';
const DROPPED = 'city,temp\nOslo,4\nLima,19\n';

interface UploadedFile { id: string; title: string; size: number }

describe('uploads: choose a file, see progress, list it, read it in a query', () => {
  let srv: Served;
  let browser: Browser;
  let s: Session;
  let api: DelveApi;
  const files = async (): Promise<UploadedFile[]> => (await api.request<{ results: UploadedFile[] }>('GET', '/api/files/?limit=1000')).body.results;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'upload', admin: ADMIN }), launchBrowser()]);
    api = new DelveApi(srv.url, ADMIN);
    s = await newSession(browser, srv.url);
    await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('upload', () => [s]);
  beforeEach(() => { if (s) clearProblems(s); });
  afterAll(async () => {
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('uploads a CSV from the "Choose file" input with a progress bar, then lists it', async () => {
    const { page } = s;
    await page.goto('/explore');
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    const library = page.getByRole('complementary', { name: 'Library' });
    await library.waitFor();
    await library.getByText('No files uploaded yet.').waitFor();

    // Hold the upload's response until the progress bar has been seen.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/api/files/', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await held;
      return route.continue();
    });
    const responded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/files/' && r.request().method() === 'POST');
    await library.getByLabel('Choose file').setInputFiles({ name: CSV_NAME, mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const progress = library.getByRole('progressbar', { name: `Uploading "${CSV_NAME}"` });
    await progress.waitFor();
    expect(await library.getByLabel('Choose file').isDisabled(), 'no second upload while one runs').toBe(true);
    release();
    const res = await responded;
    await page.unroute('**/api/files/');
    expect(res.status()).toBe(201);
    // The multipart form carries the title the UI derived from the file name.
    expect(res.request().postData() ?? '').toContain(`name="title"\r\n\r\n${CSV_NAME}`);

    await expect.poll(() => progress.count()).toBe(0);
    await library.getByRole('status').filter({ hasText: `Uploaded "${CSV_NAME}"` }).waitFor();
    const item = library.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem').filter({ hasText: CSV_NAME });
    await item.waitFor();
    expect(await item.textContent()).toContain(`${Buffer.byteLength(CSV)} B`);
    const stored = await files();
    expect(stored.map((f) => [f.title, f.size])).toEqual([[CSV_NAME, Buffer.byteLength(CSV)]]);
    expect(await library.getByLabel('Choose file').isEnabled()).toBe(true);
    s.assertClean('upload');
  });

  it('"Use in query" inserts read_file and running it shows the CSV rows', async () => {
    const { page } = s;
    const library = page.getByRole('complementary', { name: 'Library' });
    const item = library.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem').filter({ hasText: CSV_NAME });
    await item.getByRole('button', { name: 'Use in query' }).click();
    const command = `read_file ${CSV_NAME} --parse csv`;
    await expect.poll(() => editorText(page)).toBe(command);

    const [res] = await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
    expect(res.status()).toBe(200);
    await resultGrid(page).waitFor();
    await expect.poll(() => gridRowCount(page)).toBe(3);
    expect(await columnValues(page, 'item')).toEqual(['widget', 'gadget', 'gizmo']);
    expect(await columnValues(page, 'qty')).toEqual(['3', '7', '11']);
    expect(await columnValues(page, 'warehouse')).toEqual(['north', 'south', 'north']);
    s.assertClean('read_file');
  });

  it('a file dropped on the drop zone uploads too', async () => {
    const { page } = s;
    const library = page.getByRole('complementary', { name: 'Library' });
    // The drop zone has no role of its own: it is the box holding the "Drop a file here" text and the file input.
    const zone = library.getByText('Drop a file here to upload it, or').locator('..');
    const dataTransfer = await page.evaluateHandle(({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      return dt;
    }, { name: DROPPED_NAME, text: DROPPED });
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/files/' && r.request().method() === 'POST'),
      (async () => {
        await zone.dispatchEvent('dragenter', { dataTransfer });
        await zone.dispatchEvent('dragover', { dataTransfer });
        await zone.dispatchEvent('drop', { dataTransfer });
      })(),
    ]);
    expect(res.status()).toBe(201);
    await library.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem').filter({ hasText: DROPPED_NAME }).waitFor();
    expect((await files()).map((f) => f.title).sort()).toEqual([DROPPED_NAME, CSV_NAME].sort());
    s.assertClean('drop');
  });

  it('"Use in query" on the Library page opens Explore with the command and runs it', async () => {
    const { page } = s;
    await page.goto('/library?tab=files');
    const item = page.getByRole('list', { name: 'Uploaded files' }).getByRole('listitem').filter({ hasText: DROPPED_NAME });
    const [res] = await Promise.all([nextQueryResponse(page), item.getByRole('button', { name: 'Use in query' }).click()]);
    expect(res.status()).toBe(200);
    await page.waitForURL((u) => u.pathname === '/explore');
    await expect.poll(() => editorText(page)).toBe(`read_file ${DROPPED_NAME} --parse csv`);
    await expect.poll(() => columnValues(page, 'city')).toEqual(['Oslo', 'Lima']);
    s.assertClean('library page use in query');
  });
});
