/**
 * API tokens end to end (issue 8 item 5): create a read token on /tokens, the secret is shown once (read-only field
 * with a Copy button) and works from outside the browser as `Authorization: Bearer` (a curl-like fetch from the test
 * process) within its scope; once the page is left the secret is never shown again (nor kept in storage or the URL);
 * revoking it makes the same call fail with 401.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureFailures, DelveApi, launchBrowser, loginContext, newSession, serve, type Served, type Session } from './harness.js';
import { clearProblems } from './harness/flows.js';

const ADMIN = { username: 'admin', password: 'e2e-Tokens-admin-pass-2291' };
const TOKEN_NAME = 'grafana reader';

/** curl -H "Authorization: Bearer $T" -d '{"text":…}' $URL/api/query/ */
async function queryWithToken(baseUrl: string, token: string, text: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/api/query/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ text }),
  });
  const raw = await res.text();
  let body: unknown = raw;
  try { body = JSON.parse(raw); } catch { /* not JSON */ }
  return { status: res.status, body };
}

describe('API tokens: create (secret shown once), use with Bearer, revoke', () => {
  let srv: Served;
  let browser: Browser;
  let s: Session;
  let secret = '';

  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'tokens', admin: ADMIN }), launchBrowser()]);
    await new DelveApi(srv.url, ADMIN).ingest([{ index: 'app', text: 'token test event one' }, { index: 'app', text: 'token test event two' }]);
    s = await newSession(browser, srv.url);
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.url });
    await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
  });
  captureFailures('tokens', () => [s]);
  beforeEach(() => { if (s) clearProblems(s); });
  afterAll(async () => {
    await s?.close();
    await browser?.close();
    await srv?.stop();
  });

  it('creates a read token: the secret is shown once, with a working Copy button', async () => {
    const { page } = s;
    await page.goto('/tokens');
    const form = page.getByRole('form', { name: 'New token' });
    await form.waitFor();
    await form.getByLabel('Name').fill(TOKEN_NAME);
    await form.getByLabel('Scope').selectOption('read');
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/tokens/' && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create token' }).click(),
    ]);
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toMatchObject({ name: TOKEN_NAME, scope: 'read' });

    const field = page.getByRole('textbox', { name: 'New API token' });
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^dlv_\S{20,}$/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await page.getByText('it will not be shown again').waitFor();

    // Copy puts the secret on the clipboard.
    const panel = page.getByRole('region', { name: new RegExp(`Token “${TOKEN_NAME}” created`) });
    await panel.getByRole('button', { name: 'Copy' }).click();
    await panel.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // Listed as active, by prefix only.
    const row = page.getByRole('table').getByRole('row').filter({ hasText: TOKEN_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('active');
    expect(await row.textContent()).not.toContain(secret);
    s.assertClean('create token');
  });

  it('the token works as Authorization: Bearer within its scope', async () => {
    const ok = await queryWithToken(srv.url, secret, 'search index=app');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((ok.body as { result: unknown[] }).result).toHaveLength(2);
    // A read token cannot ingest.
    const ingest = await fetch(`${srv.url}/api/events/`, {
      method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ index: 'app', text: 'should not be stored' }]),
    });
    expect(ingest.status).toBe(403);
  });

  it('after leaving the page the secret is not shown again (and was never stored or put in the URL)', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Explore' }).click();
    await page.waitForURL((u) => u.pathname === '/explore');
    await page.getByRole('textbox', { name: 'Query' }).waitFor();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL((u) => u.pathname === '/tokens');
    await page.getByRole('table').getByRole('row').filter({ hasText: TOKEN_NAME }).waitFor();
    expect(await page.getByRole('textbox', { name: 'New API token' }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    // A reload neither.
    await page.reload();
    await page.getByRole('table').getByRole('row').filter({ hasText: TOKEN_NAME }).waitFor();
    expect(await page.getByRole('textbox', { name: 'New API token' }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, url: location.href, cookie: document.cookie }));
    expect(storage).not.toContain(secret);
    const prefix = secret.slice(4, 12);
    expect(storage).not.toContain(prefix);
    s.assertClean('token not shown again');
  });

  it('revoking it (after confirming) makes the same call fail with 401', async () => {
    const { page } = s;
    const row = page.getByRole('table').getByRole('row').filter({ hasText: TOKEN_NAME });
    await row.getByRole('button', { name: `Revoke token ${TOKEN_NAME}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke token ${TOKEN_NAME}?` });
    await dialog.waitFor();
    const [res] = await Promise.all([
      page.waitForResponse((r) => /^\/api\/tokens\/[^/]+\/$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'),
      dialog.getByRole('button', { name: 'Revoke' }).click(),
    ]);
    expect(res.status()).toBeLessThan(300);
    await page.getByText(`Token ${TOKEN_NAME} revoked.`).waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('revoked');
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);

    const after = await queryWithToken(srv.url, secret, 'search index=app');
    expect(after.status, JSON.stringify(after.body)).toBe(401);
    s.assertClean('revoke');
  });
});
