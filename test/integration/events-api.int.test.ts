import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventsServer, type EventsServer } from './events-harness.js';

interface Created { accepted: number; ids?: string[]; rejected?: number; errors?: { position: number; line?: number; code: string; field?: string; message: string }[]; error?: { code: string; message: string } }

let t: EventsServer;
beforeAll(async () => {
  t = await startEventsServer();
  await t.user('alice');
});
afterAll(async () => { await t?.close(); });

const count = (): number => Number(t.store.sqlite.prepare('SELECT count(*) FROM events').pluck().get());

describe('POST /api/events/', () => {
  it('stores one object with the reference defaults and answers 201 {accepted, ids} after the commit', async () => {
    const r = await t.as('alice', 'POST', '/api/events/', { text: 'hello world' });
    expect(r.status).toBe(201);
    const body = r.json<Created>();
    expect(body.accepted).toBe(1);
    expect(body.ids).toHaveLength(1);
    const row = t.store.sqlite.prepare('SELECT * FROM events WHERE id = ?').get(body.ids![0]) as Record<string, unknown>;
    expect(row).toMatchObject({ index: 'default', source: 'default', sourcetype: 'text', host: '127.0.0.1', text: 'hello world' });
    const got = await t.as('alice', 'GET', `/api/events/${body.ids![0]}/`);
    expect(got.json()).toMatchObject({ id: body.ids![0], index: 'default', text: 'hello world', extracted_fields: {} });
    expect(got.json<{ created: string }>().created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('stores an array, keeps a backfilled created with microseconds, and returns ids in order', async () => {
    const r = await t.as('alice', 'POST', '/api/events/', [
      { text: 'a', index: 'web', host: 'h1', created: '2024-03-05T10:00:00.123456Z' },
      { text: 'b', index: 'web', extracted_fields: { k: 1 } },
    ]);
    expect(r.status).toBe(201);
    const ids = r.json<Created>().ids!;
    const a = (await t.as('alice', 'GET', `/api/events/${ids[0]}/`)).json<{ created: string; host: string }>();
    expect(a).toMatchObject({ created: '2024-03-05T10:00:00.123456Z', host: 'h1' });
    expect((await t.as('alice', 'GET', `/api/events/${ids[1]}/`)).json()).toMatchObject({ extracted_fields: { k: 1 } });
  });

  it('rejects the whole batch (400, all item errors, nothing stored) when one item is invalid', async () => {
    const before = count();
    const r = await t.as('alice', 'POST', '/api/events/', [{ text: 'ok' }, { text: '' }, { txt: 'typo' }, { text: 'x', created: '2999-01-01T00:00:00Z' }]);
    expect(r.status).toBe(400);
    const b = r.json<Created>();
    expect(b.accepted).toBe(0);
    expect(b.error!.code).toBe('DLV_EVENT_INVALID');
    expect(b.errors!.map((e) => [e.position, e.field])).toEqual([[1, 'text'], [2, 'txt'], [3, 'created']]);
    expect(count()).toBe(before);
  });

  it('?partial=true stores the valid items and reports the others by position', async () => {
    const before = count();
    const r = await t.as('alice', 'POST', '/api/events/?partial=true', [{ text: 'ok1' }, { text: 5 }, { text: 'ok2' }]);
    expect(r.status).toBe(201);
    const b = r.json<Created>();
    expect(b).toMatchObject({ accepted: 2, rejected: 1 });
    expect(b.errors).toEqual([{ position: 1, code: 'DLV_EVENT_INVALID', field: 'text', message: expect.any(String) }]);
    expect(count()).toBe(before + 2);
    const none = await t.as('alice', 'POST', '/api/events/?partial=true', [{ text: '' }]);
    expect(none.status).toBe(400);
  });

  it('rejects unknown and read-only fields, naming them', async () => {
    for (const [body, field] of [[{ text: 'x', colour: 'red' }, 'colour'], [{ text: 'x', id: 'abc' }, 'id']] as const) {
      const r = await t.as('alice', 'POST', '/api/events/', body);
      expect(r.status).toBe(400);
      expect(r.json<Created>().errors![0]!.field).toBe(field);
    }
  });

  it('rejects created before 1970, far in the future, or not ISO-8601', async () => {
    for (const created of ['1969-12-31T23:59:59Z', new Date(Date.now() + 2 * 86400e3).toISOString(), 'yesterday', 1700000000]) {
      const r = await t.as('alice', 'POST', '/api/events/', { text: 'x', created });
      expect(r.status, String(created)).toBe(400);
      expect(r.json<Created>().errors![0]).toMatchObject({ field: 'created', code: 'DLV_EVENT_INVALID' });
    }
    const soon = await t.as('alice', 'POST', '/api/events/', { text: 'x', created: new Date(Date.now() + 3600e3).toISOString() });
    expect(soon.status).toBe(201);
  });

  it('omits ids above 1000 accepted events', async () => {
    const r = await t.as('alice', 'POST', '/api/events/', Array.from({ length: 1001 }, (_, i) => ({ text: `e${i}`, index: 'bulk' })));
    expect(r.status).toBe(201);
    expect(r.json<Created>()).toEqual({ accepted: 1001 });
  });

  it('answers invalid JSON with 400 and the line and column', async () => {
    const r = await t.as('alice', 'POST', '/api/events/', '[{"text": "a"},\n {"text": }]');
    expect(r.status).toBe(400);
    expect(r.json<Created>().error).toMatchObject({ code: 'DLV_EVENT_JSON', message: expect.stringContaining('line 2, column 11') });
  });

  it('answers invalid UTF-8 with 400 and an unsupported content type with 415', async () => {
    const bad = Buffer.concat([Buffer.from('{"text": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const { req } = await import('../helpers/http.js');
    const { basic } = await import('../helpers/client.js');
    const r = await req(`${t.url}/api/events/`, { method: 'POST', headers: { ...basic('alice', 'correct-horse-battery-staple-9'), 'content-type': 'application/json' }, body: bad });
    expect(r.status).toBe(400);
    expect(r.json<Created>().error!.code).toBe('DLV_EVENT_ENCODING');
    const x = await t.as('alice', 'POST', '/api/events/', 'text=hi', { 'content-type': 'text/csv' });
    expect(x.status).toBe(415);
  });

  it('rejects an event text over DELVE_MAX_EVENT_SIZE with 413 and a body over the request limit with 413', async () => {
    const big = await startEventsServer({ DELVE_MAX_EVENT_SIZE: '100', DELVE_MAX_REQUEST_BODY_SIZE: '2000' });
    try {
      await big.user('bob');
      const r = await big.as('bob', 'POST', '/api/events/', { text: 'é'.repeat(51) });
      expect(r.status).toBe(413);
      expect(r.json<Created>().errors![0]).toMatchObject({ code: 'DLV_EVENT_TOO_LARGE', field: 'text' });
      expect((await big.as('bob', 'POST', '/api/events/', { text: 'é'.repeat(50) })).status).toBe(201);
      const body = await big.as('bob', 'POST', '/api/events/', Array.from({ length: 100 }, () => ({ text: 'abcdefghijklmnopqrstuvwxyz' })));
      expect(body.status).toBe(413);
      const nd = await big.as('bob', 'POST', '/api/events/', `${'{"text":"abcdefghij"}\n'.repeat(200)}`, { 'content-type': 'application/x-ndjson' });
      expect(nd.status).toBe(413);
    } finally {
      await big.close();
    }
  });

  it('bounds extracted_fields: depth, field count and reserved keys', async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}`, i]));
    for (const fields of [deep, many, JSON.parse('{"__proto__": {"x": 1}}') as unknown, [1, 2]]) {
      const r = await t.as('alice', 'POST', '/api/events/', { text: 'x', extracted_fields: fields });
      expect(r.status).toBe(400);
      expect(r.json<Created>().errors![0]!.field).toBe('extracted_fields');
    }
  });
});

describe('GET /api/events/', () => {
  it('lists newest first with the pagination envelope and filters', async () => {
    await t.as('alice', 'POST', '/api/events/', [
      { text: 'old', index: 'flt', host: 'h-a', created: '2020-01-01T00:00:00Z' },
      { text: 'mid', index: 'flt', host: 'h-b', created: '2021-01-01T00:00:00Z' },
      { text: 'new', index: 'flt', host: 'h-a', created: '2022-01-01T00:00:00Z' },
    ]);
    const r = await t.as('alice', 'GET', '/api/events/?index=flt&limit=2');
    const b = r.json<{ count: number; next: string | null; previous: string | null; results: { text: string }[] }>();
    expect(b.count).toBe(3);
    expect(b.results.map((e) => e.text)).toEqual(['new', 'mid']);
    expect(b.next).toContain('offset=2');
    expect(b.previous).toBeNull();
    const page2 = await t.as('alice', 'GET', `/api/events/${b.next!.split('/api/events/')[1]}`);
    expect(page2.json<{ results: { text: string }[] }>().results.map((e) => e.text)).toEqual(['old']);
    const hosts = await t.as('alice', 'GET', '/api/events/?index=flt&host=h-a&since=2021-06-01T00:00:00Z');
    expect(hosts.json<{ results: { text: string }[] }>().results.map((e) => e.text)).toEqual(['new']);
    const until = await t.as('alice', 'GET', '/api/events/?index=flt&until=2021-01-01T00:00:00Z');
    expect(until.json<{ results: { text: string }[] }>().results.map((e) => e.text)).toEqual(['old']);
    expect((await t.as('alice', 'GET', '/api/events/?limit=1001')).status).toBe(400);
    expect((await t.as('alice', 'GET', '/api/events/?since=notadate')).status).toBe(400);
  });
});

describe('/readyz', () => {
  it('reports the ingest queue and the full-text indexer lag', async () => {
    const { req } = await import('../helpers/http.js');
    const r = await req(`${t.url}/readyz`);
    expect(r.status).toBe(200);
    expect(r.json<{ checks: { ingest: Record<string, unknown> } }>().checks.ingest).toMatchObject({ fts_enabled: true, fts_lag_rows: expect.any(Number), fts_lag_seconds: expect.any(Number), queued_events: expect.any(Number) });
  });
});
