/**
 * POST /api/query/ and GET /api/search_commands/ over real HTTP, with the real auth stack, store, ingest pipeline and
 * FTS indexer: the envelope, real status codes and spans, templating, help, row cap, NDJSON, permissions (groups and
 * read-scoped tokens), the time limit and cancellation on client disconnect.
 */
import { request as httpRequest } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { createUser, type User } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { createIngestRuntime, type IngestRuntime } from '../../src/ingest/runtime.js';
import { defineCommand } from '../../src/query/args/index.js';
import type { CommandDef } from '../../src/query/commands/command.js';
import { defaultRegistry, type CommandRegistry } from '../../src/query/runtime/index.js';
import { findOwnQueryByName, upsertGlobalContext } from '../../src/query/saved/index.js';
import { Keyring } from '../../src/security/keys/index.js';
import { authenticateHook } from '../../src/server/auth/authenticate.js';
import { createAuthServices, type AuthServices } from '../../src/server/auth/services.js';
import { registerQueryRoutes } from '../../src/server/routes/query.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { basic } from '../helpers/client.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req, type Reply } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

const PW = 'query-api-test-passphrase';

interface Harness { s: InProcessServer; store: Store; svc: AuthServices; ingest: IngestRuntime; home: string; users: Record<string, User>; close(): Promise<void> }

async function harness(env: Record<string, string>, registry?: CommandRegistry): Promise<Harness> {
  const home = tempHome('delve-query-');
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', ...env } });
  const store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  const svc = createAuthServices(settings, store, keyring, false);
  const ingest = await createIngestRuntime({ settings, store, logger: pino({ level: 'silent' }), options: { lagLogIntervalMs: 3_600_000 } });
  const s = await startInProcess(env, {
    home, store, keyring,
    registerProtected: (app) => {
      app.addHook('onRequest', authenticateHook(svc));
      registerQueryRoutes(app, svc, { ingest, ...(registry ? { registry } : {}) });
    },
  });
  const users: Record<string, User> = {};
  users['alice'] = await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
  users['root'] = await createUser(store, { username: 'root', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
  users['nobody'] = await createUser(store, { username: 'nobody', password: PW }, { minPasswordLength: 8 });
  await store.db.deleteFrom('user_groups').where('user_id', '=', users['nobody'].id).execute(); // no group: no permissions
  return {
    s, store, svc, ingest, home, users,
    async close() {
      await s.close();
      await ingest.close();
      await store.close();
      rmHome(home);
    },
  };
}

let h: Harness;
const q = (user: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  req(`${h.s.url}/api/query/`, { method: 'POST', headers: { ...basic(user, PW), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const err = (r: Reply) => r.json<{ error: { code: string; message: string; command?: { index: number; name: string }; span?: { start: number; end: number } } }>().error;
/** Events outside internal indexes (denials are mirrored into _audit as events). */
const eventCount = (): number => (h.store.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE "index" NOT LIKE '\\_%' ESCAPE '\\'`).get() as { n: number }).n;

beforeAll(async () => {
  h = await harness({ DELVE_MAX_RESULT_ROWS: '50' });
  const events = Array.from({ length: 120 }, (_, i) => ({
    index: i % 4 === 0 ? 'app' : 'web', source: 'access.log', sourcetype: 'custom', host: `web${i % 3}`,
    text: `GET /page/${i} status ${i % 5 === 0 ? 500 : 200}${i % 10 === 0 ? ' connection refused' : ''}`,
    extracted_fields: { status: i % 5 === 0 ? 500 : 200, bytes: i * 10 },
  }));
  const out = await h.ingest.pipeline.ingestItems(events, { userId: h.users['root']!.id }, false);
  expect(out.accepted).toBe(120);
  await h.ingest.indexer.catchUp();
});
afterAll(async () => { await h.close(); });

describe('POST /api/query/: the envelope', () => {
  it('answers 200 {result, meta} for a SQL pipeline (search | qs_group_by)', async () => {
    const r = await q('alice', { text: 'search index=web | qs_group_by host n=Count(id) | qs_order_by host' });
    expect(r.status).toBe(200);
    const body = r.json<{ result: { host: string; n: number }[]; meta: { took_ms: number; rows: number; truncated: boolean } }>();
    expect(body.result.map((x) => x.host)).toEqual(['web0', 'web1', 'web2']);
    expect(body.result.reduce((a, x) => a + x.n, 0)).toBe(90);
    expect(body.meta).toMatchObject({ rows: 3, truncated: false });
    expect(typeof body.meta.took_ms).toBe('number');
  });

  it('runs generic commands on resolved rows and returns scalars as the result', async () => {
    const r = await q('alice', { text: 'search index=app | stats count --by host | dedup key | select key count' });
    expect(r.json()).toMatchObject({ result: [{ key: 'web0', count: 10 }, { key: 'web1', count: 10 }, { key: 'web2', count: 10 }] });
    expect((await q('alice', { text: 'search index=web extracted_fields__status__gte=500 | qs_count' })).json()).toMatchObject({ result: 18, meta: { rows: 1 } });
    expect((await q('alice', { text: 'search refused | qs_count' })).json()).toMatchObject({ result: 12 });
  });

  it('gives rows the union of keys (missing → null)', async () => {
    const r = await q('alice', { text: 'fake_data --dict | echo hello' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ result: [{ foo: 1, bar: 'baz', expression: null }, { foo: null, bar: null, expression: 'hello' }], meta: expect.objectContaining({ rows: 2 }) as unknown });
  });

  it('caps rows at DELVE_MAX_RESULT_ROWS and says so, also when a later command consumed capped rows', async () => {
    expect((await q('alice', { text: 'search' })).json()).toMatchObject({ meta: { rows: 50, truncated: true } });
    expect((await q('alice', { text: 'search | stats count' })).json()).toMatchObject({ result: 50, meta: { truncated: true } });
    expect((await q('alice', { text: 'search --limit 10' })).json()).toMatchObject({ meta: { rows: 10, truncated: false } });
  });

  it('streams row results as NDJSON (rows, then a meta line) on request', async () => {
    const r = await q('alice', { text: 'search index=app | head -n 3 | select host' }, { accept: 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).every((l) => typeof l['host'] === 'string')).toBe(true);
    expect(lines[3]).toMatchObject({ meta: { rows: 3, truncated: false } });
  });
});

describe('POST /api/query/: errors carry code, command and span', () => {
  it('400 syntax error with the span of the unclosed quote', async () => {
    const r = await q('alice', { text: 'search "unclosed' });
    expect(r.status).toBe(400);
    expect(err(r)).toMatchObject({ code: 'DLV_QUERY_SYNTAX', span: { start: 7, end: 16 } });
  });

  it('400 unknown command with the span on its name, before anything runs', async () => {
    const before = eventCount();
    const r = await q('root', { text: 'search | qs_delete | nosuchcmd x' });
    expect(r.status).toBe(400);
    expect(err(r)).toMatchObject({ code: 'DLV_QUERY_UNKNOWN_COMMAND', message: 'nosuchcmd is not a recognized search command.', command: { index: 2, name: 'nosuchcmd' }, span: { start: 21, end: 30 } });
    expect(eventCount()).toBe(before);
  });

  it('400 argument errors point at the bad word; runtime errors at the command', async () => {
    const bad = await q('alice', { text: 'search | head -n many' });
    expect(bad.status).toBe(400);
    expect(err(bad)).toMatchObject({ code: 'DLV_QUERY_ARGUMENT', command: { index: 1, name: 'head' }, span: { start: 17, end: 21 } });
    const notFirst = await q('alice', { text: 'fake_data --list-of-dicts | search' });
    expect(err(notFirst)).toMatchObject({ message: 'Search must appear as the first search command.', command: { index: 1, name: 'search' }, span: { start: 28, end: 34 } });
    const lazy = await q('alice', { text: 'fake_data --list-of-dicts | qs_count' });
    expect(err(lazy)).toMatchObject({ code: 'DLV_QUERY_LAZY_INPUT', command: { index: 1 } });
    expect(err(lazy).message).toMatch(/can only operate on QuerySets like the output of the search command/);
  });

  it('400 for a blank or oversized text and for a local_context that is not an object', async () => {
    expect(err(await q('alice', { text: '   ' }))).toMatchObject({ code: 'DLV_HTTP_VALIDATION' });
    expect((await q('alice', { text: `search ${'x'.repeat(100_001)}` })).status).toBe(400);
    expect((await q('alice', {})).status).toBe(400);
    for (const local_context of ['[1]', '{not json', 5]) {
      const r = await q('alice', { text: 'search', local_context });
      expect(r.status).toBe(400);
      expect(r.json()).toMatchObject({ error: { code: 'DLV_HTTP_VALIDATION', field: 'local_context' } });
    }
  });

  it('401 without credentials', async () => {
    const r = await req(`${h.s.url}/api/query/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"search"}' });
    expect(r.status).toBe(401);
  });
});

describe('POST /api/query/: permissions and index ACLs', () => {
  it('403 when the user lacks the command permission (and the denial is audited)', async () => {
    const r = await q('nobody', { text: 'search index=web' });
    expect(r.status).toBe(403);
    expect(err(r)).toMatchObject({ code: 'DLV_AUTH_FORBIDDEN', command: { index: 0, name: 'search' }, span: { start: 0, end: 16 } });
    const rows = h.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'permission.denied'").all() as { actor: string }[];
    expect(rows.map((x) => x.actor)).toContain('nobody');
  });

  it('a read-scoped token can query but not run commands with side effects', async () => {
    const { token } = await createToken(h.store, h.users['alice']!.id, { name: 'ro', scope: 'read' });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = (text: string, extra: Record<string, unknown> = {}) => req(`${h.s.url}/api/query/`, { method: 'POST', headers: auth, body: JSON.stringify({ text, ...extra }) });
    expect((await post('search index=app | qs_count')).json()).toMatchObject({ result: 30 });
    const before = eventCount();
    const del = await post('search index=app | qs_delete');
    expect(del.status).toBe(403);
    expect(err(del)).toMatchObject({ code: 'DLV_AUTH_FORBIDDEN', command: { index: 1, name: 'qs_delete' } });
    expect(eventCount()).toBe(before);
    expect((await post('search', { _save: true, name: 'x' })).status).toBe(403);
  });

  it('never shows internal indexes to other users; superusers can search the audit log', async () => {
    expect((await q('alice', { text: 'search index=_audit | qs_count' })).json()).toMatchObject({ result: 0 });
    const audit = await q('root', { text: 'search index=_audit | qs_count' });
    expect(audit.json<{ result: number }>().result).toBeGreaterThan(0);
  });
});

describe('POST /api/query/: templates, help and saving', () => {
  it('renders local_context given as an object or as a JSON string', async () => {
    const a = await q('alice', { text: 'search index={{ idx }} | qs_count', local_context: { idx: 'app' } });
    const b = await q('alice', { text: 'search index={{ idx }} | qs_count', local_context: '{"idx": "app"}' });
    expect(a.json()).toMatchObject({ result: 30 });
    expect(b.json()).toMatchObject({ result: 30 });
  });

  it('renders each segment just before it runs: set feeds later segments; a rendered | does not split', async () => {
    const r = await q('alice', { text: 'set host=web1 | search index=app host={{ host }} | qs_count' });
    expect(r.json()).toMatchObject({ result: 10 });
    const pipe = await q('alice', { text: 'echo "{{ p }}"', local_context: { p: 'a | b' } });
    expect(pipe.json()).toMatchObject({ result: [{ expression: 'a | b' }] });
  });

  it("uses the caller's global context; locals win on clashes", async () => {
    await upsertGlobalContext(h.store, h.users['alice']!.id, { idx: 'web', other: 'app' });
    expect((await q('alice', { text: 'search index={{ idx }} | qs_count' })).json()).toMatchObject({ result: 90 });
    expect((await q('alice', { text: 'search index={{ idx }} | qs_count', local_context: { idx: 'app' } })).json()).toMatchObject({ result: 30 });
    expect((await q('root', { text: 'search index={{ idx }}x | qs_count' })).json()).toMatchObject({ result: 0 }); // not alice's globals
  });

  it('template errors are 400 with the segment span', async () => {
    const r = await q('alice', { text: 'search | head -n {{ n || nosuchfilter }}' });
    expect(r.status).toBe(400);
    expect(err(r)).toMatchObject({ code: 'DLV_QUERY_TEMPLATE', command: { index: 1 } });
  });

  it('answers -h anywhere with that command\'s help and runs nothing', async () => {
    const before = eventCount();
    const r = await q('root', { text: 'search | qs_delete | head -h' });
    expect(r.status).toBe(200);
    expect(r.json<{ result: { help: string } }>().result.help).toMatch(/^usage: head/);
    expect(eventCount()).toBe(before);
    const sub = await q('alice', { text: 'stats avg --help' });
    expect(sub.json<{ result: { help: string } }>().result.help).toMatch(/^usage: stats avg/);
  });

  it('_save: true stores the query under its name (upsert)', async () => {
    expect((await q('alice', { text: 'search index=web', name: 'mine', _save: true })).status).toBe(200);
    expect((await q('alice', { text: 'search index=app', name: 'mine', _save: true })).status).toBe(200);
    expect((await findOwnQueryByName(h.store, h.users['alice']!.id, 'mine'))?.text).toBe('search index=app');
    expect(err(await q('nobody', { text: 'search', name: 'n', _save: true }))).toMatchObject({ code: 'DLV_AUTH_FORBIDDEN' }); // needs add_query
    await q('alice', { text: 'search', name: 'unsaved' });
    expect(await findOwnQueryByName(h.store, h.users['alice']!.id, 'unsaved')).toBeUndefined();
  });
});

describe('GET /api/search_commands/', () => {
  it('lists every command and the stats sub-commands with usage, help and structured arguments', async () => {
    const r = await req(`${h.s.url}/api/search_commands/`, { headers: basic('alice', PW) });
    expect(r.status).toBe(200);
    const list = r.json<{ name: string; prog: string; usage: string; description: string | null; help: string; arguments: { dest: string }[] }[]>();
    const names = list.map((c) => c.name);
    for (const n of ['search', 'join', 'qs_filter', 'qs_count', 'stats', 'stats avg', 'stats count', 'chart', 'table', 'head', 'rex', 'filter', 'run_query', 'make_events', 'request']) {
      expect(names).toContain(n);
    }
    expect(new Set(names).size).toBe(names.length);
    const head = list.find((c) => c.name === 'head')!;
    expect(Object.keys(head).sort()).toEqual(['arguments', 'description', 'help', 'name', 'prog', 'usage']);
    expect(head.usage).toMatch(/^usage: head/);
    expect(list.find((c) => c.name === 'stats avg')!.arguments.map((a) => a.dest)).toEqual(['help', 'field', 'by', 'as_field']);
  });
});

/**
 * A command that runs until the query's signal aborts (a stand-in for a long database scan or a slow remote), and
 * records why it was stopped. Registered through the route's `registry` option, like any extra command.
 */
function waitCommand(): { def: CommandDef; started: Promise<void>; stopped: Promise<string> } {
  let onStart!: () => void;
  let onStop!: (code: string) => void;
  const started = new Promise<void>((r) => { onStart = r; });
  const stopped = new Promise<string>((r) => { onStop = r; });
  const def: CommandDef = {
    kind: 'generic',
    spec: defineCommand({ name: 'wait_for_abort', description: 'test: wait until the query is stopped', args: [] }),
    run: (ctx) => new Promise((_, reject) => {
      onStart();
      ctx.signal.addEventListener('abort', () => {
        onStop((ctx.signal.reason as { code?: string }).code ?? 'unknown');
        reject(ctx.signal.reason as Error);
      }, { once: true });
    }),
  };
  return { def, started, stopped };
}

describe('POST /api/query/: time limit and cancellation', () => {
  it('408 DLV_QUERY_TIMEOUT when the query runs past DELVE_QUERY_TIMEOUT; the running command is told to stop', async () => {
    const w = waitCommand();
    const t = await harness({ DELVE_QUERY_TIMEOUT: '1' }, defaultRegistry([w.def]));
    try {
      const r = await req(`${t.s.url}/api/query/`, { method: 'POST', headers: { ...basic('alice', PW), 'content-type': 'application/json' }, body: '{"text": "fake_data --list | wait_for_abort"}' });
      expect(r.status).toBe(408);
      expect(err(r)).toMatchObject({ code: 'DLV_QUERY_TIMEOUT', command: { index: 1, name: 'wait_for_abort' }, span: { start: 19, end: 33 } });
      expect(await w.stopped).toBe('DLV_QUERY_TIMEOUT');
    } finally {
      await t.close();
    }
  });

  it('cancels the running query when the client disconnects', async () => {
    const w = waitCommand();
    const t = await harness({ DELVE_QUERY_TIMEOUT: '3600' }, defaultRegistry([w.def]));
    try {
      const client = httpRequest(`${t.s.url}/api/query/`, { method: 'POST', headers: { ...basic('alice', PW), 'content-type': 'application/json' } });
      client.on('error', () => undefined);
      client.end('{"text": "wait_for_abort"}');
      await w.started; // the query is running inside the server
      client.destroy();
      expect(await w.stopped).toBe('DLV_QUERY_CANCELLED');
    } finally {
      await t.close();
    }
  });
});
