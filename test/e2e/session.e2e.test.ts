/**
 * Sessions and the login page's keyboard use (issue 8 items 2 and 8): a session ended elsewhere (revoked from the
 * Profile page of another browser, i.e. DELETE /api/auth/sessions/:id) sends the next action to /login with the
 * "session expired" note, and logging in again returns to the page the user was on (`next`). On /login, Tab moves
 * Username → Password → Log in with a visible focus ring, and Enter submits.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, serve, type Served, type Session } from './harness.js';
import { clearProblems, submitLogin } from './harness/flows.js';

const ADMIN = { username: 'admin', password: 'e2e-Session-admin-pass-3018' };
const USER = { username: 'erin', password: 'erin-Strong-pass-6204' };

/** What has focus, and whether it shows a focus ring (:focus-visible with a non-none outline). */
async function focusState(page: Page): Promise<{ tag: string; label: string; focusVisible: boolean; outline: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: '', label: '', focusVisible: false, outline: '' };
    const input = el as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
    const cs = getComputedStyle(el);
    return { tag: el.tagName.toLowerCase(), label: label.trim(), focusVisible: el.matches(':focus-visible'), outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}` };
  });
}

describe('sessions: expired session → login → back to the page; login page keyboard use', () => {
  let srv: Served;
  let browser: Browser;
  /** Erin's first browser (logged in through the form). */
  let s: Session;
  /** Erin's second browser (ends the first one's session). */
  let other: Session | undefined;
  /** Logged out, for the keyboard checks. */
  let anon: Session | undefined;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'session', admin: ADMIN }), launchBrowser()]);
    await new DelveApi(srv.url, ADMIN).createUser({ ...USER, groups: ['Users'] });
    s = await newSession(browser, srv.url);
  });
  captureFailures('session', () => [s, other, anon]);
  beforeEach(() => { if (s) clearProblems(s); });
  afterAll(async () => {
    for (const x of [anon, other, s]) await x?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('a session ended elsewhere sends the next action to /login with the expired note; logging in returns to the page', async () => {
    const { page } = s;
    // Log in through the form, then go to a page with state in its address.
    await page.goto('/login');
    expect(await submitLogin(page, USER.username, USER.password)).toBe(200);
    await page.waitForURL((u) => u.pathname === '/explore');
    await page.goto('/library?tab=files');
    const filesTab = page.getByRole('tab', { name: 'Files' });
    await filesTab.waitFor();
    expect(await filesTab.getAttribute('aria-selected')).toBe('true');
    await page.getByText('No files uploaded yet.').waitFor();

    // In another browser, Erin ends that session from her profile.
    other = await newSession(browser, srv.url);
    await loginContext(other.context, srv.url, USER.username, USER.password);
    await other.page.goto('/profile');
    const sessions = other.page.getByRole('table', { name: 'Your sessions' });
    await sessions.waitFor();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3); // header + this one + the first browser
    const [del] = await Promise.all([
      other.page.waitForResponse((r) => /^\/api\/auth\/sessions\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'),
      sessions.getByRole('button', { name: /^Revoke session:/ }).click(),
    ]);
    expect(del.status()).toBe(204);
    await other.page.getByText('The session was ended.').waitFor();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
    other.assertClean('revoke the other session');

    // Back in the first browser: the next action needs the API, which answers 401 → login with the note.
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/files/' && r.request().method() === 'GET'),
      page.getByRole('button', { name: 'Refresh' }).click(),
    ]);
    expect(res.status()).toBe(401);
    await page.waitForURL((u) => u.pathname === '/login');
    const at = new URL(page.url());
    expect(at.searchParams.get('next')).toBe('/library?tab=files');
    expect(at.searchParams.get('expired')).toBe('1');
    await page.getByRole('status').filter({ hasText: 'Your session expired — log in again.' }).waitFor();

    // Logging in again goes back to the Files tab of the Library.
    expect(await submitLogin(page, USER.username, USER.password)).toBe(200);
    await page.waitForURL((u) => u.pathname === '/library' && u.search === '?tab=files');
    await page.getByRole('tab', { name: 'Files', selected: true }).waitFor();
    await page.getByText('No files uploaded yet.').waitFor();
    s.assertClean('expired session round trip');
  });

  it('a next= pointing off-site is ignored after login', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.goto(`/login?next=${encodeURIComponent('//evil.example/steal')}`);
    expect(await submitLogin(page, USER.username, USER.password)).toBe(200);
    await page.waitForURL((u) => u.pathname === '/explore');
    expect(new URL(page.url()).origin).toBe(srv.url);
    s.assertClean('off-site next');
  });

  it('on /login, Tab goes Username → Password → Log in with a visible focus ring, and Enter submits', async () => {
    anon = await newSession(browser, srv.url);
    const { page } = anon;
    await page.goto('/login');
    const username = page.getByLabel('Username');
    await username.waitFor();
    // The page focuses Username on load.
    await expect.poll(() => username.evaluate((el) => el === document.activeElement)).toBe(true);

    const expected = [{ tag: 'input', label: 'Username' }, { tag: 'input', label: 'Password' }, { tag: 'button', label: 'Log in' }];
    for (const [i, want] of expected.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      const f = await focusState(page);
      expect(f, `focus step ${i + 1}`).toMatchObject(want);
      expect(f.focusVisible, `${want.label} matches :focus-visible`).toBe(true);
      expect(f.outline.startsWith('none'), `${want.label} has a visible outline (${f.outline})`).toBe(false);
      expect(f.outline).not.toMatch(/^\S+ 0px/);
    }

    // Enter in the password field submits the form.
    await username.fill(USER.username);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill(USER.password);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
      password.press('Enter'),
    ]);
    expect(res.status()).toBe(200);
    await page.waitForURL((u) => u.pathname === '/explore');
    anon.assertClean('login keyboard');
  });

  it('Enter with an empty form says what is missing and moves focus to the message', async () => {
    const fresh = await newSession(browser, srv.url);
    try {
      const { page } = fresh;
      await page.goto('/login');
      await page.getByLabel('Username').waitFor();
      await page.getByLabel('Username').press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: 'Enter your username and password.' });
      await alert.waitFor();
      await expect.poll(() => alert.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/login');
      fresh.assertClean('empty login');
    } finally {
      await fresh.close();
    }
  });
});
