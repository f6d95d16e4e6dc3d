/**
 * Saved queries end to end (issue 8 item 4): save the editor's query under a name from Explore, reload, find it in
 * the Library beside the editor and Load it; open it from the Library page through its link (which runs it); run it
 * by name (`/explore?name=`); rename it; delete it (with the confirmation dialog).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, serve, type Served, type Session } from './harness.js';
import { clearProblems, columnValues, editorText, nextQueryResponse, queryEditor, typeQuery } from './harness/flows.js';

const ADMIN = { username: 'admin', password: 'e2e-Saved-admin-pass-6620' };
const NAME = 'Failed logins';
const RENAMED = 'Failed logins (web)';
const QUERY = 'search index=auth "failed"';

interface SavedQuery { id: string; name: string | null; text: string }

describe('saved queries: save, reload, list, load, open by link, rename, delete', () => {
  let srv: Served;
  let browser: Browser;
  let s: Session;
  let api: DelveApi;
  const saved = async (): Promise<SavedQuery[]> => (await api.request<{ results: SavedQuery[] }>('GET', '/api/queries/?limit=1000')).body.results;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'saved-queries', admin: ADMIN }), launchBrowser()]);
    api = new DelveApi(srv.url, ADMIN);
    await api.ingest([
      { index: 'auth', text: 'login failed for alice' },
      { index: 'auth', text: 'login failed for bob' },
      { index: 'auth', text: 'login ok for carol' },
    ]);
    s = await newSession(browser, srv.url);
    await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('saved-queries', () => [s]);
  beforeEach(() => { if (s) clearProblems(s); });
  afterAll(async () => {
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('saves the query under a name from Explore', async () => {
    const { page } = s;
    await page.goto('/explore');
    await typeQuery(page, QUERY);
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/queries/' && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(res.status()).toBe(201);
    await page.getByRole('status').filter({ hasText: `Saved “${NAME}”.` }).waitFor();
    const list = await saved();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: NAME, text: QUERY });
    s.assertClean('save');
  });

  it('after a reload the Library beside the editor lists it, and Load puts it in the editor', async () => {
    const { page } = s;
    await page.reload();
    await queryEditor(page).waitFor();
    expect(await editorText(page)).toBe('');
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    const library = page.getByRole('complementary', { name: 'Library' });
    await library.waitFor();
    const item = library.getByRole('list', { name: 'Saved queries' }).getByRole('listitem').filter({ hasText: NAME });
    await item.waitFor();
    expect(await item.textContent()).toContain(QUERY);

    await item.getByRole('button', { name: 'Load' }).click();
    await expect.poll(() => editorText(page)).toBe(QUERY);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(NAME);
    // Loading does not run it; running it gives the matching events.
    const [res] = await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
    expect(res.status()).toBe(200);
    await expect.poll(async () => (await columnValues(page, 'text')).sort()).toEqual(['login failed for alice', 'login failed for bob']);
    s.assertClean('library panel load');
  });

  it('opens it from the Library page through its link, which runs it', async () => {
    const { page } = s;
    await page.goto('/library');
    const tab = page.getByRole('tab', { name: 'Saved queries' });
    await tab.waitFor();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const item = page.getByRole('list', { name: 'Saved queries' }).getByRole('listitem').filter({ hasText: NAME });
    await item.waitFor();
    const link = item.getByRole('link', { name: 'Open' });
    const href = await link.getAttribute('href');
    expect(href).not.toBeNull();
    const u = new URL(href!, srv.url);
    expect(u.pathname).toBe('/explore');
    expect(u.searchParams.get('name')).toBe(NAME);
    expect(u.searchParams.get('text')).toBe(QUERY);

    const [res] = await Promise.all([nextQueryResponse(page), link.click()]);
    expect(res.status()).toBe(200);
    await page.waitForURL((url) => url.pathname === '/explore');
    await expect.poll(() => editorText(page)).toBe(QUERY);
    await expect.poll(async () => (await columnValues(page, 'text')).sort()).toEqual(['login failed for alice', 'login failed for bob']);
    s.assertClean('open link');
  });

  it('renames it (Enter saves) and runs it by its new name from /explore?name=', async () => {
    const { page } = s;
    await page.goto('/library?tab=queries');
    const list = page.getByRole('list', { name: 'Saved queries' });
    const item = list.getByRole('listitem').filter({ hasText: NAME });
    await item.getByRole('button', { name: 'Rename' }).click();
    const input = page.getByLabel(`New name for "${NAME}"`);
    await input.waitFor();
    await input.fill(RENAMED);
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/queries\/[^/]+\/$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH'),
      input.press('Enter'),
    ]);
    expect(res.status()).toBe(200);
    await list.getByRole('listitem').filter({ hasText: RENAMED }).waitFor();
    await expect.poll(() => input.count()).toBe(0);
    expect((await saved()).map((q) => q.name)).toEqual([RENAMED]);

    const [run] = await Promise.all([nextQueryResponse(page), page.goto(`/explore?name=${encodeURIComponent(RENAMED)}`)]);
    expect((run.request().postDataJSON() as { text: string }).text).toBe(QUERY);
    await expect.poll(() => editorText(page)).toBe(QUERY);
    // The old name is gone.
    await page.goto(`/explore?name=${encodeURIComponent(NAME)}`);
    await page.getByText(`You have no saved query named “${NAME}”.`).waitFor();
    s.assertClean('rename');
  });

  it('deletes it after confirming in the dialog', async () => {
    const { page } = s;
    await page.goto('/library?tab=queries');
    const list = page.getByRole('list', { name: 'Saved queries' });
    const item = list.getByRole('listitem').filter({ hasText: RENAMED });
    await item.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(RENAMED);
    // Cancel first: nothing happens.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await saved()).toHaveLength(1);

    await item.getByRole('button', { name: 'Delete' }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/queries\/[^/]+\/$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'),
      page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click(),
    ]);
    expect(res.status()).toBe(204);
    await expect.poll(() => item.count()).toBe(0);
    await page.getByText('No saved queries yet.').waitFor();
    expect(await saved()).toEqual([]);
    s.assertClean('delete');
  });
});
