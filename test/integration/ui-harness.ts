import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { loadSettings } from '../../src/config/load.js';
import { createUser, type User } from '../../src/auth/users.js';
import { Keyring } from '../../src/security/keys/index.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { delveSetup, type DelveRouteOptions } from '../../src/server/delve-routes.js';
import type { AuthServices } from '../../src/server/auth/services.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { Client } from '../helpers/client.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';

/** The web-UI server routes under test: like startInProcess, plus loaded settings, env, web and manual options. */
export interface UiServer {
  server: RunningServer;
  svc: AuthServices;
  store: Store;
  keyring: Keyring;
  home: string;
  url: string;
  close(): Promise<void>;
}

export const PW = 'correct-horse-battery-staple';

export async function startUi(env: Record<string, string> = {}, opts: Pick<DelveRouteOptions, 'web' | 'manualDir'> = {}): Promise<UiServer> {
  const home = tempHome('delve-ui-');
  const fullEnv = { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', ...env };
  const loaded = await loadSettings({ home, env: fullEnv });
  const s = loaded.settings;
  const store = openStore(s);
  await store.migrate();
  const keyring = new Keyring(s.SECRET_KEY ?? KEY_A, s.SECRET_KEY_FALLBACKS, 'env');
  const logger = pino({ level: 'silent' });
  let svc: AuthServices | undefined;
  const setup = delveSetup({ settings: s, store, keyring, logger, query: {}, loaded, env: fullEnv, ...opts, onServices: (x) => { svc = x; } });
  const server = await startServer({ settings: s, keyring, store, logger, setup });
  return {
    server, store, keyring, home, url: server.url, svc: svc as AuthServices,
    async close() {
      await server.close();
      await store.close();
      rmHome(home);
    },
  };
}

export async function addUser(store: Store, username: string, superuser = false): Promise<User> {
  return createUser(store, { username, password: PW, isSuperuser: superuser }, { minPasswordLength: 8 });
}

export async function loggedIn(url: string, username: string): Promise<Client> {
  const c = new Client(url);
  const r = await c.login(username, PW);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
  return c;
}

/** Writes files (path → content) under a fresh temporary directory and returns it. */
export function tempTree(files: Record<string, string>, prefix = 'delve-tree-'): string {
  const dir = tempHome(prefix);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}
