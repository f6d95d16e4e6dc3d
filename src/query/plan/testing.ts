/**
 * Test support: a real, migrated SQLite database in a temp directory with events, users and an ExecContext wired
 * to it. Used by the plan/qs/search tests, the SQL golden file and the SQL-injection tests (never by the server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventWriter, FtsIndexer, type NewEventRow } from '../../storage/events/index.js';
import { openSqlite } from '../../storage/sqlite/open.js';
import { Store } from '../../storage/store.js';
import type { ExecContext } from '../runtime/types.js';
import type { IndexAcl } from './acl.js';
import type { EventQueryContext } from './context.js';

export type TestEvent = Partial<Omit<NewEventRow, 'extracted_fields'>> & { text: string; extracted_fields?: unknown };

export type TestEventDb = {
  store: Store;
  dir: string;
  /** Insert events (created defaults to `now` minus the position in minutes); returns their ids. */
  insert(events: readonly TestEvent[]): Promise<string[]>;
  /** Run the FTS indexer until it has caught up. */
  index(): Promise<void>;
  /** An ExecContext for a caller with these ACLs. */
  ctx(opts?: { acl?: IndexAcl; writeAcl?: IndexAcl; maxRows?: number; signal?: AbortSignal; now?: Date }): EventQueryContext;
  close(): Promise<void>;
};

/** A fixed "now" used by tests: 2024-06-15T12:00:00Z. */
export const TEST_NOW = new Date('2024-06-15T12:00:00Z');

/** Open a fresh migrated database with two users (alice, bob). */
export async function openTestEventDb(opts: { encryptionKey?: string } = {}): Promise<TestEventDb> {
  const dir = mkdtempSync(join(tmpdir(), 'delve-plan-'));
  const path = join(dir, 'db.sqlite3');
  const store = new Store(openSqlite({ path, encryptionKey: opts.encryptionKey ?? null }), path);
  await store.migrate();
  for (const [id, username] of [['u1', 'alice'], ['u2', 'bob']] as const) {
    store.sqlite.prepare(`INSERT INTO users (id, username, password, date_joined, password_changed_at) VALUES (?, ?, ?, ?, ?)`)
      .run(id, username, `argon2id$secret-hash-of-${username}`, TEST_NOW.getTime(), TEST_NOW.getTime());
  }
  const writer = new EventWriter(store.sqlite);
  return {
    store,
    dir,
    async insert(events) {
      const rows: NewEventRow[] = events.map((e, i) => ({
        created: e.created ?? TEST_NOW.getTime() * 1000 - (i + 1) * 60_000_000,
        index: e.index ?? 'main', source: e.source ?? 'src', sourcetype: e.sourcetype ?? 'text', host: e.host ?? 'h1', text: e.text,
        extracted_fields: e.extracted_fields === undefined ? '{}' : e.extracted_fields === null ? null : JSON.stringify(e.extracted_fields),
        user_id: e.user_id ?? 'u1',
      }));
      return (await writer.append(rows)).ids;
    },
    async index() {
      const idx = new FtsIndexer(store.sqlite);
      await idx.catchUp();
    },
    ctx(opts = {}) {
      const ctx: EventQueryContext = {
        user: {} as ExecContext['user'], locals: {}, globals: {}, maxRows: opts.maxRows ?? 10_000,
        signal: opts.signal ?? new AbortController().signal, now: () => opts.now ?? TEST_NOW,
        events: { db: store.sqlite, acl: opts.acl ?? { all: true, patterns: [] }, writeAcl: opts.writeAcl ?? { all: true, patterns: [] }, writeDb: store.sqlite },
      };
      return ctx;
    },
    async close() {
      await writer.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
