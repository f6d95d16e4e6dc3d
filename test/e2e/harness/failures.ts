/**
 * On a failed test, keep what is needed to understand it: a screenshot, the URL, the visible text and the recorded
 * problems of each open session, under test-output/e2e/failures/.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Session } from './browser.js';
import { E2E_OUTPUT } from './serve.js';

const safe = (s: string): string => s.replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 120);

export function captureFailures(label: string, sessions: () => Array<Session | undefined>): void {
  const stale = join(E2E_OUTPUT, 'failures');
  try {
    for (const f of readdirSync(stale)) if (f.startsWith(`${safe(label)}-`)) rmSync(join(stale, f), { force: true });
  } catch { /* no failures folder yet */ }
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const dir = join(E2E_OUTPUT, 'failures');
    mkdirSync(dir, { recursive: true });
    let i = 0;
    for (const s of sessions()) {
      if (!s || s.page.isClosed()) continue;
      const base = join(dir, `${safe(label)}-${safe(ctx.task.name)}-${i++}`);
      try {
        await s.page.screenshot({ path: `${base}.png`, timeout: 5_000 });
        const text = await s.page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        writeFileSync(`${base}.txt`, `url: ${s.page.url()}\n\nproblems: ${JSON.stringify(s.problems, null, 2)}\n\napi calls:\n${s.apiLog.join('\n')}\n\nvisible text:\n${text}\n`);
        console.error(`e2e failure capture: ${base}.png / .txt (url ${s.page.url()})`);
      } catch (e) {
        console.error(`e2e failure capture failed: ${String(e)}`);
      }
    }
  });
}
