/**
 * Test support for the extra commands: a real migrated SQLite store in a temp home, real settings (loadSettings with
 * env overrides), users alice (plain, in the Users group) and root (superuser), and an ExecContext whose services
 * use them. The EventAppender is a recording fake (the event writer is not part of these commands).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasPermission } from '../../../auth/index-acl.js';
import { createUser, type User } from '../../../auth/users.js';
import type { Settings } from '../../../config/schema.js';
import { loadSettings } from '../../../config/load.js';
import { openStore, type Store } from '../../../storage/index.js';
import type { EventAppender, ExecContext, IndexAccess, QueryServices } from '../../runtime/types.js';

export interface RecordingAppender extends EventAppender { calls: { user: string; events: Parameters<EventAppender['append']>[1] }[] }

export function recordingAppender(): RecordingAppender {
  const calls: RecordingAppender['calls'] = [];
  return {
    calls,
    async append(user, events) {
      calls.push({ user: user.username, events });
      return { ids: events.map((_, i) => `saved-${calls.length}-${i}`) };
    },
  };
}

export function accessFor(write: (i: string) => boolean, read: (i: string) => boolean = () => true): IndexAccess {
  return { all: false, readPatterns: ['*'], writePatterns: ['*'], canRead: read, canWrite: write };
}

export interface TestEnv {
  home: string;
  settings: Settings;
  store: Store;
  alice: User;
  bob: User;
  root: User;
  ctx(user: User, over?: Partial<QueryServices>, ctxOver?: Partial<ExecContext>): ExecContext;
  close(): Promise<void>;
}

/** Opens the test environment; `env` overrides settings (e.g. DELVE_REQUEST_ALLOWED_HOSTS). */
export async function openTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const home = mkdtempSync(join(tmpdir(), 'delve-extra-'));
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: 'k'.repeat(10) + 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH', ...env } });
  const store = openStore(settings);
  await store.migrate();
  const mk = (username: string, isSuperuser = false) => createUser(store, { username, password: 'extra-test-passphrase-1', isSuperuser }, { minPasswordLength: 8 });
  const alice = await mk('alice');
  const bob = await mk('bob');
  const root = await mk('root', true);
  return {
    home, settings, store, alice, bob, root,
    ctx(user, over = {}, ctxOver = {}) {
      const services: QueryServices = {
        settings, store, access: accessFor(() => true), hasPermission: (c) => hasPermission(store, user, c), depth: 0, ...over,
      };
      return { user, locals: {}, globals: {}, maxRows: 10_000, signal: new AbortController().signal, now: () => new Date(), services, ...ctxOver };
    },
    async close() {
      await store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
