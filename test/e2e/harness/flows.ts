/**
 * Small user flows shared by the e2e tests: typing and running a query in Explore (waiting for its POST
 * /api/query/), reading the result grid, and logging in through the login form.
 */
import type { Locator, Page, Response } from 'playwright-core';
import type { Session } from './browser.js';

/** The CodeMirror editable area (its accessible name is "Query"). */
export function queryEditor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Query' });
}

/** The virtualized rows table of a row result. */
export function resultGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Result rows' });
}

/** Resolves with the next POST /api/query/ response. */
export function nextQueryResponse(page: Page): Promise<Response> {
  return page.waitForResponse((r) => new URL(r.url()).pathname === '/api/query/' && r.request().method() === 'POST');
}

/**
 * Replaces the editor text (closing the autocomplete popup) without running it, the way a person does: Ctrl+A in the
 * editor, then typing. (Playwright's fill() selects through the DOM and types at once; CodeMirror may not have seen
 * that selection yet, so Chrome's native editing replaces highlighted spans and adds a style="" the CSP blocks —
 * reported as a product issue.)
 */
export async function typeQuery(page: Page, text: string): Promise<void> {
  const editor = queryEditor(page);
  await editor.focus();
  await editor.press('Control+a');
  await page.keyboard.insertText(text);
  await editor.press('Escape'); // closes the autocomplete popup (nothing is running)
}

/** Puts `text` in the editor, clicks Run and returns the API response (status and body). */
export async function runQuery(page: Page, text: string): Promise<{ status: number; body: { result?: unknown; meta?: Record<string, unknown>; error?: Record<string, unknown> } }> {
  await typeQuery(page, text);
  const [res] = await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
  return { status: res.status(), body: (await res.json()) as { result?: unknown; meta?: Record<string, unknown> } };
}

/** The editor's current text (CodeMirror lines joined with newlines; the placeholder shown when empty is not text). */
export async function editorText(page: Page): Promise<string> {
  return queryEditor(page).evaluate((el) => Array.from(el.querySelectorAll('.cm-line')).map((l) => {
    const c = l.cloneNode(true) as Element;
    for (const p of Array.from(c.querySelectorAll('.cm-placeholder'))) p.remove();
    return c.textContent ?? '';
  }).join('\n'));
}

/** Number of data rows the grid says it has (aria-rowcount counts the header row too). */
export async function gridRowCount(page: Page): Promise<number> {
  const n = Number(await resultGrid(page).getAttribute('aria-rowcount'));
  return n - 1;
}

/** Texts of the rendered data cells of one column (by header name); the grid renders every row of small results. */
export async function columnValues(page: Page, column: string): Promise<string[]> {
  return resultGrid(page).evaluate((grid, col) => {
    const headers = Array.from(grid.querySelectorAll('[role=columnheader]')).map((h) => (h.textContent ?? '').replace(/[▲▼↕]/g, '').trim());
    const i = headers.indexOf(col);
    if (i < 0) return [];
    return Array.from(grid.querySelectorAll('.rg-body [role=row][aria-rowindex]'))
      .map((r) => r.querySelectorAll('[role=gridcell]')[i]?.textContent ?? '');
  }, column);
}

/** Fills and submits the login form; returns the status of POST /api/auth/login. */
export async function submitLogin(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
  return res.status();
}

/**
 * Forgets the problems recorded so far, so the next test's assertClean() judges only what it did itself (each test
 * asserts clean at its end; a failure in one test then does not fail every later test of the file).
 */
export function clearProblems(s: Session): void {
  for (const list of Object.values(s.problems) as string[][]) list.length = 0;
}
