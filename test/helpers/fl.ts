import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FL = join(ROOT, 'fl');

export interface FlResult { code: number; stdout: string; stderr: string }

/** The environment a test gives `./fl`: the machine's PATH/HOME, no DELVE_* from the outer shell, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('DELVE_') && k !== 'NODE_OPTIONS') env[k] = v;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Runs `./fl ...args` as a real process (synchronously) and returns its exit code and output. */
export function fl(args: string[], opts: { home?: string; env?: Record<string, string | undefined>; input?: string } = {}): FlResult {
  const env = cleanEnv({ DELVE_HOME: opts.home, ...opts.env });
  const r = spawnSync(FL, args, { env, input: opts.input ?? '', encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Same as `fl` but asynchronous (for tests that run several processes at once). */
export function flAsync(args: string[], opts: { home?: string; env?: Record<string, string | undefined>; input?: string } = {}): Promise<FlResult> {
  return new Promise((done) => {
    const child = spawn(FL, args, { env: cleanEnv({ DELVE_HOME: opts.home, ...opts.env }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** A fresh DELVE_HOME in the temp dir; remove it with `rmHome`. */
export function tempHome(prefix = 'delve-home-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
export function rmHome(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A strong key for tests (never a real secret). */
export const KEY_A = 'test-key-A-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
export const KEY_B = 'test-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihg';
