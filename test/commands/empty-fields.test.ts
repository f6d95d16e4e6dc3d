/**
 * Events without fields (issue 6): `extracted_fields: {}` round-trips as `{}` through ingest, `search` and the REST
 * API. The reference's events have `extracted_fields` JSON with default `{}`; Delve stores `{}` for an event sent with
 * `{}`, `null` or no fields, and rows stored as NULL by older versions read back as `{}` everywhere (search rows,
 * qs_first, GET /api/events/), as the REST API always showed them.
 * Real server (query + events routes, auth, ingest pipeline, FTS indexer) on an ephemeral port.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GROUP } from '../../src/auth/permissions.js';
import { createToken } from '../../src/auth/tokens.js';
import { loadSettings } from '../../src/config/load.js';
import { createIngestRuntime, type IngestRuntime } from '../../src/ingest/runtime.js';
import { Keyring } from '../../src/security/keys/index.js';
import { authenticateHook } from '../../src/server/auth/authenticate.js';
import { createAuthServices } from '../../src/server/auth/services.js';
import { registerEventRoutes } from '../../src/server/routes/events/index.js';
import { registerQueryRoutes } from '../../src/server/routes/query.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

let s: InProcessServer;
let store: Store;
let ingest: IngestRuntime;
let home: string;
let token: string;
let aliceId: string;

beforeAll(async () => {
  home = tempHome('delve-empty-fields-');
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0' } });
  store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  const svc = createAuthServices(settings, store, keyring, false);
  ingest = await createIngestRuntime({ settings, store, logger: pino({ level: 'silent' }), options: { lagLogIntervalMs: 3_600_000, ftsWorker: false } });
  s = await startInProcess({}, {
    home, store, keyring,
    registerProtected: async (app) => {
      app.addHook('onRequest', authenticateHook(svc));
      registerQueryRoutes(app, svc, { ingest });
      await registerEventRoutes(app, svc, ingest);
    },
  });
  // alice: the default Users group (every event permission, read/write on every index); token auth (no argon2 cost)
  aliceId = randomUUID();
  const now = Date.now();
  await store.db.insertInto('users').values({
    id: aliceId, username: 'alice', email: '', first_name: '', last_name: '', password: '!unusable', is_active: 1,
    is_superuser: 0, is_staff: 0, date_joined: now, last_login: null, password_changed_at: now,
  }).execute();
  const group = await store.db.selectFrom('groups').select('id').where('name', '=', DEFAULT_GROUP.name).executeTakeFirstOrThrow();
  await store.db.insertInto('user_groups').values({ user_id: aliceId, group_id: group.id }).execute();
  token = (await createToken(store, aliceId, { name: 't', scope: 'admin' })).token;
});
afterAll(async () => {
  await s?.close();
  await ingest?.close();
  await store?.close();
  rmHome(home);
});

const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
  const r = await req(`${s.url}${path}`, {
    method, headers: { ...auth(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: r.body === '' ? undefined : JSON.parse(r.body) };
};
const query = async (text: string): Promise<any> => {
  const r = await api('POST', '/api/query/', { text });
  if (r.status !== 200) throw new Error(`${text}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.result;
};
const stored = (text: string): unknown => store.sqlite.prepare('SELECT extracted_fields FROM events WHERE text = ?').pluck().get(text);

describe('events without fields', () => {
  beforeAll(async () => {
    const r = await api('POST', '/api/events/', [
      { text: 'empty fields', index: 'ef', extracted_fields: {} },
      { text: 'no fields', index: 'ef' },
      { text: 'null fields', index: 'ef', extracted_fields: null },
      { text: 'some fields', index: 'ef', extracted_fields: { a: 1 } },
    ]);
    expect(r.status).toBe(201);
    await ingest.indexer.catchUp();
  });

  it('are stored as {} (the reference default), not NULL', () => {
    for (const t of ['empty fields', 'no fields', 'null fields']) expect(stored(t), t).toBe('{}');
    expect(stored('some fields')).toBe('{"a":1}');
  });

  it('come back from search, qs_first and qs_values with extracted_fields {}', async () => {
    const rows = (await query('search index=ef --order-by text')) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r['text'], r['extracted_fields']])).toEqual([
      ['empty fields', {}], ['no fields', {}], ['null fields', {}], ['some fields', { a: 1 }],
    ]);
    expect(await query('search index=ef text="empty fields" | qs_first')).toMatchObject({ text: 'empty fields', extracted_fields: {} });
    expect(await query('search index=ef text="empty fields" | qs_values extracted_fields')).toEqual([{ extracted_fields: {} }]);
    expect(await query('search index=ef extracted_fields__isnull=True | qs_count')).toBe(0);
    expect(await query('search index=ef extracted_fields__a__isnull=True | qs_count')).toBe(3);
  });

  it('look the same through GET /api/events/ and GET /api/events/{id}/', async () => {
    const list = await api('GET', '/api/events/?index=ef');
    expect(list.status).toBe(200);
    const byText = new Map<string, any>((list.json.results as any[]).map((e) => [e.text, e]));
    expect(byText.get('empty fields')?.extracted_fields).toEqual({});
    const [row] = (await query('search index=ef text="empty fields"')) as Array<{ id: string; extracted_fields: unknown }>;
    const one = await api('GET', `/api/events/${row!.id}/`);
    expect(one.status).toBe(200);
    expect(one.json.extracted_fields).toEqual(row!.extracted_fields);
    expect(one.json.extracted_fields).toEqual({});
  });

  it('rows stored as NULL by older versions read back as {} in search and REST alike', async () => {
    await ingest.writer.append([{ created: Date.now() * 1000, index: 'legacy', source: 's', sourcetype: 'text', host: 'h', text: 'legacy row', extracted_fields: null, user_id: aliceId }]);
    expect(stored('legacy row')).toBeNull();
    const [row] = (await query('search index=legacy')) as Array<{ id: string; extracted_fields: unknown }>;
    expect(row?.extracted_fields).toEqual({});
    expect((await api('GET', `/api/events/${row!.id}/`)).json.extracted_fields).toEqual({});
    // the stored NULL is still what lookups see
    expect(await query('search index=legacy extracted_fields__isnull=True | qs_count')).toBe(1);
  });
});
