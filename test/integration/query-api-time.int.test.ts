/**
 * POST /api/query/ `earliest` / `latest` (the web UI's time picker) and `meta.limit`, over real HTTP with the real
 * auth stack, ingest pipeline and FTS indexer: the window bounds `created` in every search of the pipeline (bare
 * words, lookups, stats, join's right side), AND-ed with the query's own time options; bad values are 400
 * DLV_HTTP_VALIDATION naming the field.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { createIngestRuntime, type IngestRuntime } from '../../src/ingest/runtime.js';
import { Keyring } from '../../src/security/keys/index.js';
import { authenticateHook } from '../../src/server/auth/authenticate.js';
import { createAuthServices } from '../../src/server/auth/services.js';
import { registerQueryRoutes } from '../../src/server/routes/query.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { basic } from '../helpers/client.js';
import { KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { req, type Reply } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

const PW = 'query-time-test-passphrase';
let s: InProcessServer;
let store: Store;
let ingest: IngestRuntime;
let home: string;

const hour = (h: number): string => new Date(Date.UTC(2020, 0, 1, h)).toISOString();
const q = (body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  req(`${s.url}/api/query/`, { method: 'POST', headers: { ...basic('alice', PW), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const result = async <T>(body: unknown): Promise<T> => {
  const r = await q(body);
  expect(r.status, r.body).toBe(200);
  return r.json<{ result: T }>().result;
};

beforeAll(async () => {
  home = tempHome('delve-query-time-');
  const env = { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', DELVE_MAX_RESULT_ROWS: '40' };
  const { settings } = await loadSettings({ home, env });
  store = openStore(settings);
  await store.migrate();
  const svc = createAuthServices(settings, store, new Keyring(KEY_A, [], 'env'), false);
  ingest = await createIngestRuntime({ settings, store, logger: pino({ level: 'silent' }), options: { lagLogIntervalMs: 3_600_000 } });
  s = await startInProcess(env, {
    home, store, keyring: new Keyring(KEY_A, [], 'env'),
    registerProtected: (app) => {
      app.addHook('onRequest', authenticateHook(svc));
      registerQueryRoutes(app, svc, { ingest });
    },
  });
  const alice = await createUser(store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
  // ten events one hour apart on 2020-01-01 (hosts h0/h1 alternate), and five "now" events
  const hist = Array.from({ length: 10 }, (_, i) => ({ index: 'hist', host: `h${i % 2}`, created: hour(i), text: `ping number ${i}` }));
  const now = Array.from({ length: 5 }, (_, i) => ({ index: 'hist', host: 'h0', text: `ping now ${i}` }));
  expect((await ingest.pipeline.ingestItems([...hist, ...now], { userId: alice.id }, false)).accepted).toBe(15);
  await ingest.indexer.catchUp();
});
afterAll(async () => {
  await s.close();
  await ingest.close();
  await store.close();
  rmHome(home);
});

describe('POST /api/query/ earliest / latest', () => {
  it('bounds created: earliest inclusive, latest exclusive', async () => {
    expect(await result({ text: 'search index=hist | qs_count', earliest: hour(5) })).toBe(10); // 5..9 and the 5 "now" events
    expect(await result({ text: 'search index=hist | qs_count', latest: hour(3) })).toBe(3);
    expect(await result({ text: 'search index=hist | qs_count', earliest: hour(2), latest: hour(6) })).toBe(4);
    expect(await result({ text: 'search index=hist | qs_count', earliest: null, latest: null })).toBe(15);
    expect(await result({ text: 'search index=hist | qs_count', earliest: '2020-01-01', latest: '2020-01-02' })).toBe(10);
  });

  it('is AND-ed with the query\'s own time options', async () => {
    expect(await result({ text: 'search index=hist --newer-than 2020-01-01T06:00:00Z | qs_count', earliest: hour(3), latest: hour(9) })).toBe(2);
    expect(await result({ text: 'search index=hist --last-hour | qs_count', earliest: hour(0) })).toBe(5);
    expect(await result({ text: 'search index=hist --last-hour | qs_count', latest: hour(9) })).toBe(0);
  });

  it('applies to bare words, newest-first pages and the fused count-by idiom', async () => {
    const rows = await result<Array<{ text: string }>>({ text: 'search ping --limit 3', latest: hour(3) });
    expect(rows.map((r) => r.text)).toEqual(['ping number 2', 'ping number 1', 'ping number 0']);
    const counts = await result<unknown>({ text: 'search index=hist | stats count --by host | dedup key | select key count', earliest: hour(5), latest: hour(10) });
    expect(counts).toEqual([{ key: 'h0', count: 2 }, { key: 'h1', count: 3 }]);
    expect(await result({ text: 'search index=hist --latest-by host | qs_values host | qs_count', latest: hour(1) })).toBe(1);
  });

  it('applies to join\'s right-side search', async () => {
    const text = 'search index=hist host=h0 --limit 1 | select host | join -f host,host index=hist';
    const bounded = await result<Array<{ created: string }>>({ text, earliest: hour(5), latest: hour(9) });
    expect(bounded.map((r) => r.created).sort()).toEqual([hour(6), hour(8)].map((t) => t.replace('.000Z', '.000000Z')));
    expect((await result<unknown[]>({ text })).length).toBe(10);
  });

  it('400 DLV_HTTP_VALIDATION naming the field for values that are not ISO-8601 dates', async () => {
    for (const [body, field] of [
      [{ earliest: 'yesterday' }, 'earliest'], [{ earliest: 5 }, 'earliest'], [{ earliest: {} }, 'earliest'], [{ latest: '2020-13-01' }, 'latest'],
      [{ latest: true }, 'latest'], [{ earliest: hour(5), latest: hour(4) }, 'latest'], [{ earliest: 'x'.repeat(100) }, 'earliest'],
    ] as const) {
      const r = await q({ text: 'search', ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json()).toMatchObject({ error: { code: 'DLV_HTTP_VALIDATION', field } });
    }
  });
});

describe('POST /api/query/ meta.limit', () => {
  it('reports the row cap with every result, JSON and NDJSON', async () => {
    const r = await q({ text: 'search index=hist' });
    expect(r.json()).toMatchObject({ meta: { rows: 15, truncated: false, limit: 40 } });
    expect((await q({ text: 'search index=hist | qs_count' })).json()).toMatchObject({ meta: { limit: 40 } });
    const nd = await q({ text: 'search index=hist --limit 2' }, { accept: 'application/x-ndjson' });
    const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[2]).toEqual({ meta: expect.objectContaining({ rows: 2, truncated: false, limit: 40 }) as unknown });
  });
});
