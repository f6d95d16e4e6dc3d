/**
 * A real `./fl serve` for end-to-end tests: a fresh temporary DELVE_HOME (new database), a strong random
 * DELVE_SECRET_KEY, an ephemeral port, and every stdout/stderr line captured so tests can wait for what the server
 * prints (the listening URL, the first-run setup link). The output is also written to test-output/e2e/logs/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, FL, flAsync, rmHome, ROOT, tempHome } from '../../helpers/fl.js';

export const E2E_OUTPUT = join(ROOT, 'test-output', 'e2e');

export interface ServeOptions {
  /** Name used for the log file (test-output/e2e/logs/<label>.log). */
  label: string;
  /** Extra DELVE_* settings (e.g. DELVE_LOGIN_LOCKOUT_SECONDS). */
  env?: Record<string, string>;
  /** Create this administrator with `./fl createsuperuser --no-input` before serving (skips first-run setup). */
  admin?: { username: string; password: string; email?: string };
  /** How long to wait for "Delve is listening" (the first ./fl may rebuild dist/ and web/dist). */
  startTimeoutMs?: number;
}

export interface Served {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  home: string;
  secretKey: string;
  proc: ChildProcess;
  /** Every line printed so far, stdout and stderr interleaved in arrival order, prefixed "out| " / "err| ". */
  lines(): string[];
  /** Resolves with the match of the first line (already printed or still to come) matching `re`. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Waits for the first-run line "...first administrator: <url>/setup#token=<T>" and returns the link and token. */
  setupLink(timeoutMs?: number): Promise<{ printed: string; token: string; url: string }>;
  /** SIGTERM (SIGKILL after 15 s), write the log, remove the home. */
  stop(): Promise<void>;
}

/** Servers still running: killed when the test process exits, even if a test timed out before its afterAll. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(proc: ChildProcess): void {
  live.add(proc);
  proc.on('exit', () => live.delete(proc));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => { for (const p of live) p.kill('SIGTERM'); });
}

/** A strong random key (64 URL-safe characters), never a fixed test secret. */
export function strongKey(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * Lets `./fl` bring dist/ and web/dist up to date before the server starts (the launcher rebuilds when src/ or web/
 * changed). Retried: while other ./fl processes rebuild at the same moment the launcher can fail transiently.
 */
async function ensureBuilt(): Promise<void> {
  let last = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const r = await flAsync(['--help']);
    if (r.code === 0) return;
    last = `${r.stdout}\n${r.stderr}`;
    await new Promise((res) => setTimeout(res, 2_000 * attempt));
  }
  throw new Error(`./fl could not build:\n${last}`);
}

export async function serve(o: ServeOptions): Promise<Served> {
  await ensureBuilt();
  const home = tempHome('delve-e2e-');
  const secretKey = strongKey();
  const env = { DELVE_SECRET_KEY: secretKey, ...o.env };
  if (o.admin) {
    const r = await flAsync(['createsuperuser', '--username', o.admin.username, '--email', o.admin.email ?? `${o.admin.username}@example.com`, '--no-input'],
      { home, env: { ...env, DELVE_SUPERUSER_PASSWORD: o.admin.password } });
    if (r.code !== 0) {
      rmHome(home);
      throw new Error(`./fl createsuperuser failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  }
  const proc = spawn(FL, ['serve', '--port', '0'], { env: cleanEnv({ DELVE_HOME: home, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  track(proc);
  const all: string[] = [];
  const waiters = new Set<(line: string) => void>();
  let exitCode: number | null | undefined;
  const exitWaiters = new Set<() => void>();
  const exited = new Promise<void>((r) => proc.on('exit', (code, sig) => {
    exitCode = code ?? (sig ? -1 : 0);
    for (const w of exitWaiters) w();
    r();
  }));
  const reader = (prefix: string) => {
    let partial = '';
    return (d: Buffer): void => {
      partial += d.toString();
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const raw of parts) {
        const line = `${prefix}${raw.replace(/\r$/, '')}`;
        all.push(line);
        for (const w of [...waiters]) w(line);
      }
    };
  };
  proc.stdout!.on('data', reader('out| '));
  proc.stderr!.on('data', reader('err| '));

  const waitForLine = (re: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> => new Promise((resolve, reject) => {
    for (const l of all) {
      const m = re.exec(l);
      if (m) { resolve(m); return; }
    }
    const done = (): void => { clearTimeout(timer); waiters.delete(onLine); exitWaiters.delete(onExit); };
    const onLine = (l: string): void => {
      const m = re.exec(l);
      if (m) { done(); resolve(m); }
    };
    const onExit = (): void => { done(); reject(new Error(`./fl serve exited (${exitCode}) before printing ${re}:\n${all.join('\n')}`)); };
    const timer = setTimeout(() => { done(); reject(new Error(`./fl serve did not print ${re} within ${timeoutMs} ms:\n${all.join('\n')}`)); }, timeoutMs);
    waiters.add(onLine);
    exitWaiters.add(onExit);
    if (exitCode !== undefined) onExit();
  });

  const stop = async (): Promise<void> => {
    if (exitCode === undefined) {
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    try {
      mkdirSync(join(E2E_OUTPUT, 'logs'), { recursive: true });
      writeFileSync(join(E2E_OUTPUT, 'logs', `${o.label}.log`), `${all.join('\n')}\n`);
    } catch { /* logs are a convenience */ }
    if (!process.env.DELVE_E2E_KEEP_HOME) rmHome(home);
  };

  let url: string;
  try {
    const m = await waitForLine(/^out\| Delve is listening on (\S+)/, o.startTimeoutMs ?? 240_000);
    url = m[1]!.replace(/\/$/, '');
  } catch (e) {
    await stop();
    throw e;
  }

  const setupLink = async (timeoutMs = 15_000): Promise<{ printed: string; token: string; url: string }> => {
    const m = await waitForLine(/(https?:\/\/\S*\/setup#token=([^\s]+))/, timeoutMs);
    const printed = m[1]!;
    const token = m[2]!;
    // Open it on the URL the server really listens on (DELVE_PUBLIC_URL may name another host).
    return { printed, token, url: `${url}/setup#token=${token}` };
  };

  return { url, home, secretKey, proc, lines: () => [...all], waitForLine, setupLink, stop };
}
