/**
 * Shared harness for the per-command API tests in test/commands/: one real in-process Delve server per test file
 * (real auth stack, store, ingest pipeline and FTS indexer, POST /api/query/ over HTTP), a small deterministic fixture
 * of 12 events (indexes web/app, fixed `created` times, numbers/strings/nested objects/arrays/unicode/nulls in
 * extracted_fields) and helpers to run a query and check results, help and errors.
 *
 * Users: alice (default Users group: every event/query/context/file permission, read/write on every index), root
 * (superuser), reader (only view_event/view_query/view_file, read on every index, no write), nobody (no group at all).
 * Each gets an admin-scope API token (bearer auth is fast; basic auth would verify an argon2 hash per request).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { DEFAULT_GROUP } from '../../src/auth/permissions.js';
import type { User } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { createIngestRuntime, type IngestRuntime } from '../../src/ingest/runtime.js';
import { createFileRecord, writeStoredFile } from '../../src/query/saved/index.js';
import { Keyring } from '../../src/security/keys/index.js';
import { authenticateHook } from '../../src/server/auth/authenticate.js';
import { createAuthServices, type AuthServices } from '../../src/server/auth/services.js';
import { registerQueryRoutes } from '../../src/server/routes/query.js';
import type { Store } from '../../src/storage/index.js';
import { openStore } from '../../src/storage/index.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

export const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);
/** `created` of fixture event i: 2024-01-15T10:00:00Z + i minutes. */
export const createdAt = (i: number): string => new Date(T0 + i * 60_000).toISOString().replace('.000Z', 'Z');

export interface FixtureEvent {
  index: string; host: string; source: string; sourcetype: string; text: string; extracted_fields: Record<string, unknown>; created: string;
}

const ev = (i: number, index: string, host: string, source: string, text: string, ef: Record<string, unknown>): FixtureEvent =>
  ({ index, host, source, sourcetype: index === 'web' ? 'access' : 'applog', text, extracted_fields: ef, created: createdAt(i) });

/** The 12 fixture events, in ingest (= id/created) order. */
export const EVENTS: readonly FixtureEvent[] = [
  ev(0, 'web', 'web1', 'access.log', 'GET /index.html 200 ok', { status: 200, bytes: 100, method: 'GET', path: '/index.html', user: { name: 'alice', roles: ['admin', 'dev'] }, tags: ['a', 'b'] }),
  ev(1, 'web', 'web1', 'access.log', 'GET /about 200 ok', { status: 200, bytes: 250, method: 'GET', path: '/about', user: { name: 'bob', roles: ['dev'] }, tags: ['b'] }),
  ev(2, 'web', 'web2', 'access.log', 'POST /login 500 connection refused', { status: 500, bytes: 0, method: 'POST', path: '/login', user: { name: 'alice', roles: ['admin', 'dev'] }, tags: [] }),
  ev(3, 'web', 'web2', 'access.log', 'GET /index.html 404 not found', { status: 404, bytes: 50, method: 'GET', path: '/index.html', user: null }),
  ev(4, 'web', 'web3', 'access.log', 'GET /café 200 ok ünïcödé', { status: 200, bytes: 300, method: 'GET', path: '/café', tags: ['ü'] }),
  ev(5, 'web', 'web3', 'error.log', 'timeout while reading', { status: '503', method: 'GET', level: 'error' }),
  ev(6, 'app', 'app1', 'app.log', 'user login alice', { level: 'info', user: { name: 'alice' }, duration: 1.5, count: 3 }),
  ev(7, 'app', 'app1', 'app.log', 'user logout bob', { level: 'info', user: { name: 'bob' }, duration: 0.25, count: 1 }),
  ev(8, 'app', 'app2', 'app.log', 'payment failed: connection refused', { level: 'error', duration: 12, count: 0, error: { code: 'E42', retry: true } }),
  ev(9, 'app', 'app2', 'app.log', 'payment ok', { level: 'info', duration: 2, count: 2 }),
  ev(10, 'app', 'app1', 'worker.log', 'job done', {}),
  ev(11, 'app', 'app2', 'worker.log', 'job failed | pipe', { level: 'warn', count: null }),
];

/** Fixture events (with their position `i`) matching `pred`. */
export const where = (pred: (e: FixtureEvent, i: number) => boolean): (FixtureEvent & { i: number })[] =>
  EVENTS.map((e, i) => ({ ...e, i })).filter((e) => pred(e, e.i));

export type UserName = 'alice' | 'root' | 'reader' | 'nobody';

export interface ApiError { code: string; message: string; field?: string; command?: { index: number; name: string }; span?: { start: number; end: number } }
export interface QReply<R = any> { status: number; result: R; meta: { took_ms: number; rows: number; truncated: boolean }; error: ApiError; body: any }
export interface QOpts { user?: UserName; local_context?: unknown; name?: string; _save?: boolean; headers?: Record<string, string> }

export interface Harness {
  s: InProcessServer;
  store: Store;
  svc: AuthServices;
  ingest: IngestRuntime;
  home: string;
  users: Record<UserName, User>;
  tokens: Record<UserName, string>;
  /** POST /api/query/ as `opts.user` (default alice). */
  q<R = any>(text: string, opts?: QOpts): Promise<QReply<R>>;
  /** The result of a query that must succeed (200). */
  ok<R = any>(text: string, opts?: QOpts): Promise<R>;
  /** The error of a query that must fail with `status`. */
  fail(text: string, status?: number, opts?: QOpts): Promise<ApiError>;
  /** The `help` text answered for `text` (e.g. `dedup -h`). */
  help(text: string): Promise<string>;
  /** Ingests more events as alice (created fixed by the caller or now). */
  add(events: Partial<FixtureEvent>[]): Promise<void>;
  /** Rows of the events table outside internal indexes. */
  eventCount(): number;
  get(path: string, user?: UserName): Promise<{ status: number; body: any }>;
  /** Stores a file for `user` (default alice); returns its title. */
  file(content: string, title?: string, user?: UserName): Promise<string>;
  /**
   * Stores `rows` as a JSON file and returns a pipeline prefix producing exactly those rows
   * (`read_file --parse json T | drop_fields title url`): arbitrary input rows for the generic commands.
   */
  rows(rows: readonly unknown[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Inserts a user in the default Users group like createUser does, but with an unusable password hash: the tests
 * authenticate with API tokens, and hashing with argon2id would cost ~0.8 s per user.
 */
async function mkUser(store: Store, username: string, isSuperuser = false): Promise<User> {
  const now = Date.now();
  const user: User = {
    id: randomUUID(), username, email: '', first_name: '', last_name: '', password: '!unusable', is_active: 1,
    is_superuser: isSuperuser ? 1 : 0, is_staff: isSuperuser ? 1 : 0, date_joined: now, last_login: null, password_changed_at: now,
  };
  await store.db.insertInto('users').values(user).execute();
  const group = await store.db.selectFrom('groups').select('id').where('name', '=', DEFAULT_GROUP.name).executeTakeFirstOrThrow();
  await store.db.insertInto('user_groups').values({ user_id: user.id, group_id: group.id }).execute();
  return user;
}

async function makeReaderGroup(store: Store, user: User): Promise<void> {
  const id = randomUUID();
  await store.db.insertInto('groups').values({ id, name: 'Readers', index_read: JSON.stringify(['*']), index_write: JSON.stringify([]), created_at: Date.now() }).execute();
  await store.db.insertInto('group_permissions').values(['view_event', 'view_query', 'view_file', 'view_context'].map((codename) => ({ group_id: id, codename }))).execute();
  await store.db.deleteFrom('user_groups').where('user_id', '=', user.id).execute();
  await store.db.insertInto('user_groups').values({ user_id: user.id, group_id: id }).execute();
}

/** Starts a server with the fixture loaded. `env` overrides settings; `events` replaces the fixture. */
export async function setup(opts: { env?: Record<string, string>; events?: readonly Partial<FixtureEvent>[] } = {}): Promise<Harness> {
  const env = opts.env ?? {};
  const home = tempHome('delve-cmd-');
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', ...env } });
  const store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  const svc = createAuthServices(settings, store, keyring, false);
  const ingest = await createIngestRuntime({ settings, store, logger: pino({ level: 'silent' }), options: { lagLogIntervalMs: 3_600_000, ftsWorker: false } });
  const s = await startInProcess(env, {
    home, store, keyring,
    registerProtected: (app) => {
      app.addHook('onRequest', authenticateHook(svc));
      registerQueryRoutes(app, svc, { ingest });
    },
  });
  const users = { alice: await mkUser(store, 'alice'), root: await mkUser(store, 'root', true), reader: await mkUser(store, 'reader'), nobody: await mkUser(store, 'nobody') };
  await makeReaderGroup(store, users.reader);
  await store.db.deleteFrom('user_groups').where('user_id', '=', users.nobody.id).execute();
  const tokens = {} as Record<UserName, string>;
  for (const u of Object.keys(users) as UserName[]) tokens[u] = (await createToken(store, users[u].id, { name: 't', scope: 'admin' })).token;

  const add = async (events: readonly Partial<FixtureEvent>[]): Promise<void> => {
    if (events.length === 0) return;
    const out = await ingest.pipeline.ingestItems(events, { userId: users.alice.id }, false);
    if (out.accepted !== events.length) throw new Error(`fixture ingest failed: ${JSON.stringify(out)}`);
    await ingest.indexer.catchUp();
  };
  await add(opts.events ?? EVENTS);

  const q = async <R>(text: string, o: QOpts = {}): Promise<QReply<R>> => {
    const body: Record<string, unknown> = { text };
    if (o.local_context !== undefined) body['local_context'] = o.local_context;
    if (o.name !== undefined) body['name'] = o.name;
    if (o._save !== undefined) body['_save'] = o._save;
    const r = await req(`${s.url}/api/query/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[o.user ?? 'alice']}`, 'content-type': 'application/json', ...o.headers },
      body: JSON.stringify(body),
    });
    let parsed: any;
    try { parsed = JSON.parse(r.body); } catch { parsed = r.body; }
    return { status: r.status, result: parsed?.result, meta: parsed?.meta, error: parsed?.error, body: parsed };
  };
  let fileNo = 0;
  const h: Harness = {
    s, store, svc, ingest, home, users, tokens, q, add,
    async ok<R>(text: string, o?: QOpts): Promise<R> {
      const r = await q<R>(text, o);
      if (r.status !== 200) throw new Error(`expected 200 for ${JSON.stringify(text)}, got ${r.status}: ${JSON.stringify(r.body)}`);
      return r.result;
    },
    async fail(text, status = 400, o) {
      const r = await q(text, o);
      if (r.status !== status) throw new Error(`expected ${status} for ${JSON.stringify(text)}, got ${r.status}: ${JSON.stringify(r.body)}`);
      expect(r.error.code).toMatch(/^DLV_[A-Z_]+$/);
      return r.error;
    },
    async help(text) {
      const r = await q(text);
      if (r.status !== 200) throw new Error(`help failed for ${text}: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.result as { help: string }).help;
    },
    eventCount: () => (store.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE "index" NOT LIKE '\\_%' ESCAPE '\\'`).get() as { n: number }).n,
    async get(path, user = 'alice') {
      const r = await req(`${s.url}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
      let body: any;
      try { body = JSON.parse(r.body); } catch { body = r.body; }
      return { status: r.status, body };
    },
    async file(content, title, user = 'alice') {
      const t = title ?? `f${++fileNo}`;
      const stored = await writeStoredFile(settings.DELVE_MEDIA_ROOT, Readable.from([Buffer.from(content, 'utf8')]), 10_000_000);
      await createFileRecord(store, settings.DELVE_MEDIA_ROOT, users[user].id, t, stored);
      return t;
    },
    async rows(rows) {
      return `read_file --parse json ${await h.file(JSON.stringify(rows))} | drop_fields title url`;
    },
    async close() {
      await s.close();
      await ingest.close();
      await store.close();
      rmHome(home);
    },
  };
  return h;
}

/** Asserts `e` is an error of `code` attributed to command `name` at pipeline position `index`, with a span. */
export function expectCmdError(e: ApiError, code: string, name: string, index?: number): void {
  expect(e.code).toBe(code);
  expect(e.command?.name).toBe(name);
  if (index !== undefined) expect(e.command?.index).toBe(index);
  expect(e.span).toBeDefined();
  expect(e.span!.end).toBeGreaterThan(e.span!.start);
}

/** The span `e` points at, as text of `query`. */
export const spanText = (query: string, e: ApiError): string => query.slice(e.span!.start, e.span!.end);

/** Checks the standard -h answer: a usage line for `prog` and the help option. */
export async function expectHelp(h: Harness, prog: string, mentions: string[] = []): Promise<string> {
  const text = await h.help(`${prog} -h`);
  expect(text).toMatch(new RegExp(`^usage: ${prog.replace(/ /g, ' +')}`));
  expect(text).toContain('-h, --help');
  for (const m of mentions) expect(text).toContain(m);
  expect(await h.help(`${prog} --help`)).toBe(text);
  return text;
}

/** Registers beforeAll/afterAll for one server per file; the returned object delegates to it once started. */
export function useHarness(opts: Parameters<typeof setup>[0] = {}): Harness {
  let h: Harness | undefined;
  beforeAll(async () => { h = await setup(opts); });
  afterAll(async () => { await h?.close(); });
  return new Proxy({} as Harness, {
    get(_t, k) {
      if (!h) throw new Error('the harness is not started yet (use it inside tests)');
      const v = (h as unknown as Record<string | symbol, unknown>)[k];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(h) : v;
    },
  });
}

/** Sorts rows by their JSON text: compare results whose order is unspecified. */
export const unordered = <T>(rows: readonly T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
