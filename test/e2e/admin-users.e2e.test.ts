/**
 * Administration end to end (issue 8 item 5): the administrator creates a user on /admin/users and logs out; the
 * new user logs in on /login and lands on Explore; the administrator (in another browser) disables the user, whose
 * next API call sends them to the login page, where their password no longer works. Also the Security status page
 * showing the deployment findings. Screenshots: admin.png (users) and admin-security.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, screenshot, serve, type Served, type Session } from './harness.js';
import { clearProblems, nextQueryResponse, queryEditor, resultGrid, submitLogin, typeQuery } from './harness/flows.js';

const ADMIN = { username: 'admin', password: 'e2e-Admin-admin-pass-5127' };
const USER = { username: 'dana', email: 'dana@example.com', password: 'dana-Strong-pass-8830' };

describe('admin: create a user who logs in, disable them, security status', () => {
  let srv: Served;
  let browser: Browser;
  /** The administrator's browser, which later becomes dana's. */
  let s: Session;
  /** A second administrator browser (disables dana while she is logged in). */
  let admin2: Session | undefined;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'admin-users', admin: ADMIN }), launchBrowser()]);
    await new DelveApi(srv.url, ADMIN).ingest([{ index: 'app', text: 'hello from the admin test' }]);
    s = await newSession(browser, srv.url);
    await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('admin-users', () => [s, admin2]);
  beforeEach(() => { if (s) clearProblems(s); });
  afterAll(async () => {
    await admin2?.close();
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('the administrator creates a user on /admin/users', async () => {
    const { page } = s;
    await page.goto('/admin/users');
    const users = page.getByRole('region', { name: 'Users table' });
    await users.waitFor();
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.waitFor();
    await form.getByLabel('Username').fill(USER.username);
    await form.getByLabel('Email').fill(USER.email);
    await form.getByLabel('Password', { exact: true }).fill(USER.password);
    // The default group is preselected, so the new user can search.
    expect(await form.getByRole('group', { name: 'Groups' }).getByRole('checkbox', { name: 'Users' }).isChecked()).toBe(true);
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users/' && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create user' }).click(),
    ]);
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toMatchObject({ username: USER.username, email: USER.email, groups: ['Users'] });
    await page.getByText(`User ${USER.username} created.`).waitFor();
    await expect.poll(() => form.count()).toBe(0);
    const row = users.getByRole('row').filter({ has: page.getByRole('rowheader', { name: USER.username, exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain(USER.email);
    expect(await row.textContent()).toContain('active');
    expect(await row.textContent()).toContain('Users');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin');
    s.assertClean('create user');
  });

  it('the administrator logs out; the new user logs in on /login and lands on Explore', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await submitLogin(page, USER.username, USER.password)).toBe(200);
    await page.waitForURL((u) => u.pathname === '/explore');
    await queryEditor(page).waitFor();
    const me = await (await s.context.request.get(`${srv.url}/api/auth/me`)).json() as { user: { username: string; is_superuser: boolean } };
    expect(me.user).toMatchObject({ username: USER.username, is_superuser: false });
    await page.getByRole('link', { name: USER.username }).waitFor();
    // Not an administrator: no Admin entry in the navigation.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    // And she can search.
    await typeQuery(page, 'search index=app');
    const [res] = await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
    expect(res.status()).toBe(200);
    await resultGrid(page).waitFor();
    s.assertClean('new user logs in');
  });

  it('the administrator disables the user in another browser; her next API call sends her to /login', async () => {
    admin2 = await newSession(browser, srv.url);
    await loginContext(admin2.context, srv.url, ADMIN.username, ADMIN.password);
    const a = admin2.page;
    await a.goto('/admin/users');
    const row = a.getByRole('region', { name: 'Users table' }).getByRole('row').filter({ has: a.getByRole('rowheader', { name: USER.username, exact: true }) });
    await row.getByRole('button', { name: `Disable ${USER.username}` }).click();
    const dialog = a.getByRole('dialog', { name: `Disable ${USER.username}?` });
    await dialog.waitFor();
    // The dialog opens with focus on the safe choice.
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement)).toBe(true);
    const [res] = await Promise.all([
      a.waitForResponse((r) => /^\/api\/users\/[^/]+\/$/.test(new URL(r.url()).pathname) && r.request().method() === 'PATCH'),
      dialog.getByRole('button', { name: 'Disable' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ is_active: false });
    await a.getByText(`${USER.username} is now disabled.`).waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('disabled');
    expect(await row.getByRole('button', { name: `Enable ${USER.username}` }).count()).toBe(1);
    admin2.assertClean('disable user');

    // Dana, still on Explore, runs her query again: the API answers 401 and the page goes to /login.
    const { page } = s;
    const [q] = await Promise.all([nextQueryResponse(page), page.getByRole('button', { name: 'Run', exact: true }).click()]);
    expect(q.status()).toBe(401);
    await page.waitForURL((u) => u.pathname === '/login');
    const url = new URL(page.url());
    expect(url.searchParams.get('next')).toMatch(/^\/explore/);
    await page.getByRole('status').filter({ hasText: 'Your session expired — log in again.' }).waitFor();
    // Her password no longer lets her in.
    expect(await submitLogin(page, USER.username, USER.password)).toBe(401);
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    s.assertClean('disabled user is sent to login');
  });

  it('the Security status page shows the deployment findings', async () => {
    const a = admin2!.page;
    clearProblems(admin2!);
    await a.goto('/admin/security');
    const findings = a.getByRole('region', { name: 'Deployment findings' });
    await findings.waitFor();
    // A plain HTTP server on a fresh home: HTTPS is off (a warning), the key comes from the environment and is strong.
    await findings.getByText('DLV_CHECK_TLS_OFF').waitFor();
    expect(await findings.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await findings.getByText(/HTTPS is off/).count()).toBeGreaterThan(0);
    const key = a.getByRole('region', { name: 'Secret key' });
    expect(await key.textContent()).toMatch(/Source\s*env/);
    expect(await key.textContent()).toContain('strong');
    expect(await a.getByRole('region', { name: 'TLS' }).textContent()).toMatch(/HTTPS\s*off/);
    expect(await a.getByRole('region', { name: 'Server state' }).textContent()).toContain('intact');
    await a.waitForLoadState('networkidle');
    await screenshot(a, 'admin-security', { fullPage: true });
    admin2!.assertClean('security status');
  });
});
