/** Test harness for the events API: the real server and auth stack with the ingest runtime wired in (as serve does). */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createUser, type User } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { createIngestRuntime, type IngestRuntime, type IngestRuntimeDeps } from '../../src/ingest/runtime.js';
import { Keyring } from '../../src/security/keys/index.js';
import { createAuthServices, type AuthServices } from '../../src/server/auth/services.js';
import { protectedRoutes, publicRoutes } from '../../src/server/auth/wire.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { eventRoutes } from '../../src/server/routes/events/index.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { basic } from '../helpers/client.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req, type Reply } from '../helpers/http.js';

export const PW = 'correct-horse-battery-staple-9';

export interface EventsServer {
  url: string;
  store: Store;
  svc: AuthServices;
  ingest: IngestRuntime;
  server: RunningServer;
  home: string;
  /** A user (password PW) whose only group grants these index patterns and event permissions. */
  user(name: string, o?: { read?: string[]; write?: string[]; perms?: string[]; superuser?: boolean }): Promise<User>;
  /** POST/GET... as `username` with HTTP Basic. */
  as(username: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

const ALL_EVENT_PERMS = ['view_event', 'add_event', 'change_event', 'delete_event'];

/** Starts the real server on an ephemeral port with a fresh home; `env` are DELVE_* settings. */
export async function startEventsServer(env: Record<string, string> = {}, options: IngestRuntimeDeps['options'] = {}): Promise<EventsServer> {
  const home = tempHome('delve-events-');
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', ...env } });
  const store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  const logger = pino({ level: 'silent' });
  const svc = createAuthServices(settings, store, keyring, false);
  const ingest = await createIngestRuntime({ settings, store, logger, audit: (e) => svc.record(e), options: { lagLogIntervalMs: 3_600_000, ...options } });
  const server = await startServer({
    settings, keyring, store, logger,
    setup: () => ({ registerPublic: publicRoutes(svc), registerProtected: protectedRoutes(svc, [eventRoutes(ingest)], ['events']), probes: [ingest.readinessProbe] }),
  });
  return {
    url: server.url, store, svc, ingest, server, home,
    async user(name, o = {}) {
      const u = await createUser(store, { username: name, password: PW, isSuperuser: o.superuser ?? false }, { minPasswordLength: 8 });
      await store.db.deleteFrom('user_groups').where('user_id', '=', u.id).execute();
      if (!o.superuser) {
        const gid = randomUUID();
        await store.db.insertInto('groups').values({ id: gid, name: `g-${name}`, index_read: JSON.stringify(o.read ?? ['*']), index_write: JSON.stringify(o.write ?? ['*']), created_at: Date.now() }).execute();
        await store.db.insertInto('user_groups').values({ user_id: u.id, group_id: gid }).execute();
        const perms = o.perms ?? ALL_EVENT_PERMS;
        if (perms.length > 0) await store.db.insertInto('group_permissions').values(perms.map((codename) => ({ group_id: gid, codename }))).execute();
      }
      return u;
    },
    as(username, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...basic(username, PW), ...headers };
      let payload: string | undefined;
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
      return req(`${server.url}${path}`, { method, headers: h, body: payload });
    },
    async close() {
      await server.close();
      await ingest.close();
      await store.close();
      rmHome(home);
    },
  };
}
