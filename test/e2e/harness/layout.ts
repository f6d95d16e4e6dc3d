/** Screenshots (test-output/e2e/*.png, git-ignored) and layout checks (horizontal overflow at phone width). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_OUTPUT } from './serve.js';

/** Writes test-output/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, o: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(E2E_OUTPUT, { recursive: true });
  const path = join(E2E_OUTPUT, `${name.replace(/[^a-zA-Z0-9._-]/g, '_')}.png`);
  await page.screenshot({ path, fullPage: o.fullPage ?? false, animations: 'disabled' });
  return path;
}

export interface Overflow {
  clientWidth: number;
  scrollWidth: number;
  bodyScrollWidth: number;
  /** Elements sticking out to the right that no scrolling/clipping ancestor contains (diagnostics). */
  offenders: string[];
}

/** Measures whether the document scrolls horizontally (overflow > 0 means it does). */
export async function horizontalOverflow(page: Page): Promise<Overflow & { overflow: number }> {
  const o = await page.evaluate(() => {
    const root = document.documentElement;
    const w = root.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox !== 'visible') return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1 && !clipped(el)) {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        offenders.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} right=${Math.round(r.right)}`);
        if (offenders.length >= 10) break;
      }
    }
    return { clientWidth: w, scrollWidth: root.scrollWidth, bodyScrollWidth: document.body.scrollWidth, offenders };
  });
  return { ...o, overflow: Math.max(o.scrollWidth, o.bodyScrollWidth) - o.clientWidth };
}
