/**
 * The harness checks itself, independently of the web pages: a real ./fl serve starts on a fresh home, the REST
 * helpers work, CSP violations and dialogs are recorded, and axe runs under the strict CSP without causing any.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DelveApi, horizontalOverflow, launchBrowser, loginContext, newSession, PHONE, serve, type Served } from './harness.js';

const ADMIN = { username: 'admin', password: 'e2e-Harness-pass-0451' };

describe('e2e harness', () => {
  let srv: Served;
  let browser: Browser;
  beforeAll(async () => {
    [srv, browser] = await Promise.all([serve({ label: 'harness', admin: ADMIN }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('serves on an ephemeral loopback port and the API helper ingests and queries as the admin', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const api = new DelveApi(srv.url, ADMIN);
    const ids = await api.ingest([{ index: 'default', text: 'harness event one' }, { index: 'default', text: 'harness event two' }]);
    expect(ids).toHaveLength(2);
    const { result } = await api.query<unknown[]>('search');
    expect(Array.isArray(result) ? result.length : 0).toBeGreaterThanOrEqual(2);
  });

  it('records CSP violations, dialogs and page errors, and axe adds no CSP violation', async () => {
    const s = await newSession(browser, srv.url);
    try {
      const res = await s.page.goto('/healthz');
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await axeViolations(s.page);
      expect(s.problems.csp).toEqual([]);
      expect(() => s.assertClean()).not.toThrow();
      await s.page.evaluate(() => {
        const el = document.createElement('script');
        el.textContent = 'window.__pwned = 1';
        document.head.append(el);
      });
      await expect.poll(() => s.problems.csp.length).toBeGreaterThan(0);
      expect(await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect((await s.domCspViolations()).length).toBeGreaterThan(0);
      await s.page.evaluate(() => alert('hello'));
      expect(s.problems.dialogs).toEqual(['alert: hello']);
      expect(() => s.assertClean()).toThrow(/CSP/);
    } finally {
      await s.close();
    }
  });

  it('axe reports serious problems and the overflow check sees a page wider than the phone', async () => {
    const s = await newSession(browser, srv.url, { viewport: PHONE });
    try {
      await s.page.goto('/healthz');
      expect((await horizontalOverflow(s.page)).overflow).toBeLessThanOrEqual(0);
      await s.page.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'data:,';
        const input = document.createElement('input');
        const wide = document.createElement('div');
        wide.style.width = '900px';
        wide.textContent = 'wide';
        document.body.append(img, input, wide);
      });
      const ids = (await axeViolations(s.page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label']));
      const o = await horizontalOverflow(s.page);
      expect(o.overflow).toBeGreaterThan(0);
      expect(o.offenders.join(' ')).toContain('div');
      expect(s.problems.csp).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('logs a browser context in through the API (session cookie in the context)', async () => {
    const s = await newSession(browser, srv.url);
    try {
      await loginContext(s.context, srv.url, ADMIN.username, ADMIN.password);
      const me = await s.context.request.get(`${srv.url}/api/auth/me`);
      expect(me.status()).toBe(200);
      expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
    } finally {
      await s.close();
    }
  });
});
