import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cleanEnv, FL } from './fl.js';

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Collector {
  proc: ChildProcess;
  out(): string;
  err(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns `./fl <args>` and waits for `ready` to appear on stdout. */
export function startCollector(args: string[], opts: { home: string; env?: Record<string, string>; ready: RegExp }): Promise<Collector> {
  const proc = spawn(FL, args, { env: cleanEnv({ DELVE_HOME: opts.home, ...opts.env }) });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => proc.on('exit', (c) => r(c)));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`collector did not start:\n${out}\n${err}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (opts.ready.test(out)) {
        clearTimeout(t);
        resolve({ proc, out: () => out, err: () => err, stop: async () => { proc.kill('SIGTERM'); return exited; } });
      }
    });
    proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    void exited.then((c) => { clearTimeout(t); reject(new Error(`collector exited ${c}:\n${out}\n${err}`)); });
  });
}

/** Polls `fn` until it returns true (or throws after `ms`). */
export async function waitUntil(fn: () => Promise<boolean> | boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
