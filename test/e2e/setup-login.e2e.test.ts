/**
 * First run to working session, in a real browser against a real `./fl serve`: the one-time setup link, the first
 * administrator form with live password rules, the link dying after use, logout, wrong passwords, the lockout
 * countdown, and logging in again once the lockout is over.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFailures, launchBrowser, newSession, screenshot, serve, type Served, type Session } from './harness.js';

const ADMIN = { username: 'admin', email: 'admin@example.com', password: 'correct-Horse-battery-9173' };
const LOCKOUT_SECONDS = 3;

/** Submits the login form and returns the status of the POST /api/auth/login it caused. */
async function submitLogin(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
  return res.status();
}

describe('first-run setup, login, lockout, logout', () => {
  let srv: Served;
  let browser: Browser;
  let s: Session;
  let setup: { printed: string; token: string; url: string };

  beforeAll(async () => {
    [srv, browser] = await Promise.all([
      serve({ label: 'setup-login', env: { DELVE_LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS) } }),
      launchBrowser(),
    ]);
    s = await newSession(browser, srv.url);
    setup = await srv.setupLink();
  });
  captureFailures('setup-login', () => [s]);
  afterAll(async () => {
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('prints a one-time setup link with the token in the fragment', async () => {
    expect(setup.printed).toMatch(/\/setup#token=/);
    expect(setup.printed).not.toContain('?');
    const status = await fetch(`${srv.url}/api/setup/`).then((r) => r.json() as Promise<{ needed: boolean }>);
    expect(status.needed).toBe(true);
  });

  it('creates the first administrator, showing the password rules as you type, and lands on Explore', async () => {
    const { page } = s;
    await page.goto(setup.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Create the first administrator' }).isVisible()).toBe(true);
    // The token leaves the address bar at once.
    await expect.poll(() => page.url()).not.toContain('token=');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Email (optional)').fill(ADMIN.email);
    const rules = page.getByRole('list', { name: 'Password rules' });
    const unmet = rules.getByRole('listitem').filter({ hasText: 'Not met:' });
    await page.getByLabel('Password', { exact: true }).fill('admin');
    await expect.poll(() => unmet.count()).toBeGreaterThan(0);
    await screenshot(page, 'setup-weak-password');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await expect.poll(() => unmet.count()).toBe(0);
    expect(await rules.getByRole('listitem').filter({ hasNotText: 'Not met:' }).count()).toBeGreaterThan(0);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await screenshot(page, 'setup');

    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL((u) => u.pathname === '/explore');
    await expect.poll(() => page.getByRole('textbox', { name: 'Query' }).isVisible()).toBe(true);
    s.assertClean('setup → explore');
  });

  it('kills the setup link afterwards: the API refuses it and the page says so', async () => {
    const status = await fetch(`${srv.url}/api/setup/`).then((r) => r.json() as Promise<{ needed: boolean }>);
    expect(status.needed).toBe(false);
    const reuse = await fetch(`${srv.url}/api/setup/`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: srv.url },
      body: JSON.stringify({ token: setup.token, username: 'intruder', password: 'another-Strong-pass-5521' }),
    });
    expect(reuse.status).toBeGreaterThanOrEqual(400);
    expect(reuse.status).toBeLessThan(500);
    expect(((await reuse.json()) as { error: { code: string } }).error.code).toMatch(/^DLV_SETUP_/);

    const again = await newSession(browser, srv.url);
    try {
      await again.page.goto(setup.url);
      await expect.poll(() => again.page.getByRole('heading', { name: 'Delve is already set up' }).isVisible()).toBe(true);
      again.assertClean('reopened setup link');
    } finally {
      await again.close();
    }
  });

  it('logs out to the login page', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await expect.poll(() => page.getByRole('button', { name: 'Log in' }).isVisible()).toBe(true);
    const me = await s.context.request.get(`${srv.url}/api/auth/me`);
    expect(me.status()).toBe(401);
  });

  it('says so on a wrong password, locks out with a countdown in seconds, and lets the user in afterwards', async () => {
    const { page } = s;
    expect(await submitLogin(page, ADMIN.username, 'wrong-password-1')).toBe(401);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).isVisible()).toBe(true);
    expect(page.url()).toContain('/login');

    let status = 401;
    let attempts = 1;
    while (status === 401 && attempts < 8) {
      status = await submitLogin(page, ADMIN.username, `wrong-password-${++attempts}`);
    }
    expect(status, `no lockout after ${attempts} wrong passwords`).toBe(429);
    expect(attempts).toBeLessThanOrEqual(6);
    const lockout = page.getByRole('status').filter({ hasText: /Try again in \d+ s/ });
    await expect.poll(() => lockout.isVisible()).toBe(true);
    expect(await lockout.textContent()).toMatch(/Too many failed attempts\. Try again in [1-9]\d* s\./);
    expect(await page.getByRole('button', { name: 'Log in' }).isDisabled()).toBe(true);
    await screenshot(page, 'login-lockout');

    // The countdown runs out, then the right password works.
    await expect.poll(() => page.getByRole('button', { name: 'Log in' }).isEnabled(), { timeout: (LOCKOUT_SECONDS + 5) * 1000 }).toBe(true);
    expect(await submitLogin(page, ADMIN.username, ADMIN.password)).toBe(200);
    await page.waitForURL((u) => u.pathname === '/explore');
    s.assertClean('login/lockout');
  });
});
