import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.js';
import { uuidv7 } from '../../src/util/uuid7.js';
import { basic, Client } from '../helpers/client.js';
import { req } from '../helpers/http.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

const PW = 'query-api-test-passphrase';
let s: InProcessServer;
const q = (user: string, body: unknown, headers: Record<string, string> = {}) =>
  req(`${s.url}/api/query/`, { method: 'POST', headers: { ...basic(user, PW), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  s = await startInProcess({ DELVE_MAX_RESULT_ROWS: '50' });
  await createUser(s.store, { username: 'alice', password: PW }, { minPasswordLength: 8 });
  await createUser(s.store, { username: 'root', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
  const ins = s.store.sqlite.prepare('INSERT INTO events (id, created, "index", source, sourcetype, host, text, extracted_fields, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)');
  const now = Date.now();
  for (let i = 0; i < 120; i++) {
    const host = `web${i % 3}`;
    ins.run(uuidv7(now - i * 1000), (now - i * 1000) * 1000, i % 4 === 0 ? 'app' : 'web', 'access.log', 'apache', host, `GET /page/${i} status ${i % 5 === 0 ? 500 : 200} connection refused=${i % 10 === 0}`, JSON.stringify({ status: i % 5 === 0 ? 500 : 200, bytes: i * 10 }));
  }
  await new Client(s.url).login('root', PW); // puts an auth.login row into _audit
});
afterAll(async () => { await s.close(); });

describe('POST /api/query/', () => {
  it('runs search | qs_group_by in SQL and answers {result, meta}', async () => {
    const r = await q('alice', { text: 'search index=web | qs_group_by host n=Count(id)' });
    expect(r.status).toBe(200);
    const body = r.json<{ result: { host: string; n: number }[]; meta: { took_ms: number; rows: number; truncated: boolean } }>();
    expect(body.result.map((x) => x.host)).toEqual(['web0', 'web1', 'web2']);
    expect(body.result.reduce((a, x) => a + x.n, 0)).toBe(90);
    expect(body.meta).toMatchObject({ rows: 3, truncated: false });
  });

  it('runs generic commands on the rows: stats count --by adds the group size to every row', async () => {
    const r = await q('alice', { text: 'search index=app --limit 30 | stats count --by host | dedup key | select key count' });
    expect(r.json()).toMatchObject({ result: [{ key: 'web0', count: 10 }, { key: 'web1', count: 10 }, { key: 'web2', count: 10 }] });
  });

  it('JSON field lookups, bare full-text words and qs_count', async () => {
    const r = await q('alice', { text: 'search extracted_fields__status=500 refused | head -n 100 | value_list host' });
    expect(r.status).toBe(200);
    const n = await q('alice', { text: 'search index=web extracted_fields__status__gte=500 | qs_count' });
    expect(n.json()).toMatchObject({ result: 18 });
  });

  it('caps rows at DELVE_MAX_RESULT_ROWS and says so', async () => {
    const r = await q('alice', { text: 'search' });
    expect(r.json()).toMatchObject({ meta: { rows: 50, truncated: true } });
  });

  it('renders templates from local_context (object or JSON string)', async () => {
    const a = await q('alice', { text: 'search index={{ idx }} | qs_count', local_context: { idx: 'app' } });
    const b = await q('alice', { text: 'search index={{ idx }} | qs_count', local_context: '{"idx": "app"}' });
    expect(a.json()).toMatchObject({ result: 30 });
    expect(b.json()).toMatchObject({ result: 30 });
    expect((await q('alice', { text: 'search', local_context: '[1]' })).status).toBe(400);
  });

  it('reports errors with a code, the command and a span the editor can underline', async () => {
    const unknown = await q('alice', { text: 'search | nosuchcmd x' });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'DLV_QUERY_UNKNOWN_COMMAND', command: { index: 1, name: 'nosuchcmd' }, span: { start: 9, end: 18 } } });
    const quote = await q('alice', { text: 'search "unclosed' });
    expect(quote.json()).toMatchObject({ error: { code: 'DLV_QUERY_SYNTAX' } });
    const badArg = await q('alice', { text: 'search | head -n many' });
    expect(badArg.status).toBe(400);
    expect(badArg.json<{ error: { code: string; span: { start: number } } }>().error.code).toBe('DLV_QUERY_ARGUMENT');
  });

  it('answers -h with the command help', async () => {
    const r = await q('alice', { text: 'head -h' });
    expect(r.status).toBe(200);
    expect(r.json<{ result: { help: string } }>().result.help).toMatch(/usage: head/);
  });

  it('never shows internal indexes to other users; superusers can search the audit log', async () => {
    const denied = await q('alice', { text: 'search index=_audit | qs_count' });
    expect(denied.json()).toMatchObject({ result: 0 });
    const audit = await q('root', { text: 'search index=_audit extracted_fields__action=auth.login | qs_count' });
    expect(audit.json<{ result: number }>().result).toBeGreaterThan(0);
  });

  it('streams row results as NDJSON on request', async () => {
    const r = await q('alice', { text: 'search index=app | head -n 3 | select host' }, { accept: 'application/x-ndjson' });
    expect(r.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ meta: { rows: 3 } });
  });

  it('needs authentication', async () => {
    const r = await req(`${s.url}/api/query/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"search"}' });
    expect(r.status).toBe(401);
  });
});

describe('GET /api/search_commands/', () => {
  it('describes every command with usage, help and structured arguments', async () => {
    const r = await req(`${s.url}/api/search_commands/`, { headers: basic('alice', PW) });
    const list = r.json<{ name: string; usage: string; arguments: unknown[] }[]>();
    const names = list.map((c) => c.name);
    for (const n of ['search', 'join', 'qs_filter', 'qs_count', 'stats', 'chart', 'table', 'head', 'rex', 'filter']) expect(names).toContain(n);
    expect(list.find((c) => c.name === 'head')!.usage).toMatch(/^usage: head/);
  });
});

describe('saved queries, global context, run_query and side effects through /api/query/', () => {
  it('_save persists the named query; globals feed templates; run_query runs the caller’s saved query with a depth limit', async () => {
    const saved = await q('alice', { text: 'search index=app | qs_count', name: 'app-count', _save: true });
    expect(saved.json()).toMatchObject({ result: 30 });
    const list = await req(`${s.url}/api/queries/`, { headers: basic('alice', PW) });
    expect(list.json<{ results: { name: string }[] }>().results.map((x) => x.name)).toContain('app-count');
    const g = await req(`${s.url}/api/globals/`, { method: 'POST', headers: { ...basic('alice', PW), 'content-type': 'application/json' }, body: JSON.stringify({ context: { idx: 'app' } }) });
    expect(g.status).toBeLessThan(300);
    expect((await q('alice', { text: 'search index={{ idx }} | qs_count' })).json()).toMatchObject({ result: 30 });
    expect((await q('alice', { text: 'run_query app-count' })).json()).toMatchObject({ result: 30 });
    await q('alice', { text: 'run_query loop', name: 'loop', _save: true });
    const loop = await q('alice', { text: 'run_query loop' });
    expect(loop.status).toBe(400);
    expect(JSON.stringify(loop.json())).toContain('DLV_RUN_QUERY_DEPTH');
    expect((await q('root', { text: 'run_query app-count' })).status).toBe(404); // another user's query is not found
  });

  it('request refuses loopback targets (SSRF) unless allow-listed', async () => {
    const r = await q('alice', { text: `request GET ${s.url}/healthz` });
    expect(r.status).toBe(403);
    expect(r.json()).toMatchObject({ error: { code: 'DLV_REQUEST_BLOCKED' } });
  });
});
