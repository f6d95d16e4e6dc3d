import { spawn, type ChildProcess } from 'node:child_process';
import { pino, type Logger } from 'pino';
import { loadSettings } from '../../src/config/load.js';
import { Keyring } from '../../src/security/keys/index.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { delveSetup } from '../../src/server/delve-routes.js';
import type { AuthServices } from '../../src/server/auth/services.js';
import type { AppDeps } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { cleanEnv, FL, KEY_A, rmHome, tempHome } from './fl.js';

export interface InProcessServer {
  server: RunningServer;
  /** The auth services (sessions, audit...) when the full Delve route set is used. */
  svc?: AuthServices;
  store: Store;
  home: string;
  url: string;
  close(): Promise<void>;
}

/** Starts Delve's real server in this process on an ephemeral port, with a fresh home and database. */
export async function startInProcess(env: Record<string, string> = {}, extra: Partial<AppDeps> & { logger?: Logger; home?: string } = {}): Promise<InProcessServer> {
  const home = extra.home ?? tempHome();
  const loaded = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', ...env } });
  const s = loaded.settings;
  const store = openStore(s);
  await store.migrate();
  const keyring = new Keyring(s.SECRET_KEY ?? KEY_A, s.SECRET_KEY_FALLBACKS, 'env');
  const logger = extra.logger ?? pino({ level: 'silent' });
  let svc: AuthServices | undefined;
  const custom = extra.registerProtected !== undefined || extra.registerPublic !== undefined;
  const query = {};
  const setup = custom ? undefined : delveSetup({ settings: s, store, keyring, logger, query, onServices: (x) => { svc = x; } });
  const server = await startServer({ settings: s, keyring, store, logger, setup, ...extra });
  return {
    server, store, home, url: server.url, svc,
    async close() {
      await server.close();
      await store.close();
      if (!extra.home) rmHome(home);
    },
  };
}

export interface FlServer {
  proc: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `./fl serve --port 0 ...args` as a real process and waits until it prints its URL. */
export function startFl(args: string[], opts: { home: string; env?: Record<string, string> }): Promise<FlServer> {
  const proc = spawn(FL, ['serve', '--port', '0', ...args], { env: cleanEnv({ DELVE_HOME: opts.home, ...opts.env }) });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`./fl serve did not start:\n${out}\n${err}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Delve is listening on (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({
          proc, url: m[1], stdout: () => out, stderr: () => err,
          stop: async (signal = 'SIGTERM') => { proc.kill(signal); return exited; },
        });
      }
    });
    proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`./fl serve exited with ${code}:\n${out}\n${err}`)); });
  });
}
