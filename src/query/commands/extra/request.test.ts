import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir } from '../../../../test/helpers/certs.js';
import type { DelveError } from '../../../errors.js';
import type { QueryServices } from '../../runtime/types.js';
import { run } from '../generic/test-helpers.js';
import { request, requestHooks } from './request.js';
import { accessFor, openTestEnv, recordingAppender, type TestEnv } from './test-services.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let t: TestEnv;
const servers: Server[] = [];
const hits: { port: number; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

async function serve(handler: Handler, server: Server = createServer()): Promise<number> {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => { hits.push({ port: (server.address() as AddressInfo).port, url: req.url ?? '', headers: req.headers, body }); handler(req, res); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}
const json = (obj: unknown, status = 200): Handler => (_q, res) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };

function ctxWith(allowed: string[], over: Partial<QueryServices> = {}, timeout = 10) {
  return t.ctx(t.alice, { settings: { ...t.settings, DELVE_REQUEST_ALLOWED_HOSTS: allowed, DELVE_REQUEST_TIMEOUT: timeout, DELVE_REQUEST_MAX_BYTES: 2048 }, ...over });
}
async function fails(args: string, ctx = ctxWith([])): Promise<DelveError> {
  try {
    await run(request, [], args, ctx);
  } catch (e) {
    return e as DelveError;
  }
  throw new Error('expected request to fail');
}

beforeAll(async () => { t = await openTestEnv(); });
afterEach(() => { hits.length = 0; requestHooks.resolve = undefined; requestHooks.ca = undefined; });
afterAll(async () => {
  for (const s of servers) { s.closeAllConnections?.(); s.close(); }
  await t.close();
});

describe('request: SSRF protection', () => {
  it('refuses loopback targets by default (IP literal and a name resolving to loopback) without connecting', async () => {
    const port = await serve(json({ ok: true }));
    expect((await fails(`GET http://127.0.0.1:${port}/`)).code).toBe('DLV_REQUEST_BLOCKED');
    expect((await fails(`GET http://localhost:${port}/`)).code).toBe('DLV_REQUEST_BLOCKED');
    expect((await fails(`GET http://[::ffff:127.0.0.1]:${port}/`)).code).toBe('DLV_REQUEST_BLOCKED');
    expect((await fails('GET http://169.254.169.254/latest/meta-data/')).code).toBe('DLV_REQUEST_BLOCKED');
    expect((await fails('GET file:///etc/passwd')).code).toBe('DLV_REQUEST_BLOCKED');
    expect(hits).toHaveLength(0);
  });

  it('allows an allow-listed host and returns the reference record shape', async () => {
    const port = await serve(json({ a: 1 }, 201));
    const out = (await run(request, [], `GET http://127.0.0.1:${port}/x/y?q=1`, ctxWith(['127.0.0.1']))) as Record<string, unknown>[];
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ created: null, index: 'http.request', host: `127.0.0.1:${port}`, source: '/x/y', sourcetype: 'json', text: '{"a":1}', extracted_fields: { status_code: 201 } });
    const textPort = await serve((_q, res) => res.end('plain body'));
    const out2 = (await run(request, [], `GET http://localhost:${textPort}/`, ctxWith(['LOCALHOST']))) as Record<string, unknown>[];
    expect(out2[0]).toMatchObject({ sourcetype: 'text', text: 'plain body', extracted_fields: {} });
  });

  it('connects only to the address it vetted (DNS pinning) and refuses mixed answers', async () => {
    const port = await serve(json({ pinned: true }));
    requestHooks.resolve = async (h) => (h === 'pinned.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }]);
    expect((await fails(`GET http://pinned.test:${port}/`)).code).toBe('DLV_REQUEST_BLOCKED');
    expect((await fails(`GET http://mixed.test:${port}/`)).code).toBe('DLV_REQUEST_BLOCKED');
    const out = (await run(request, [], `GET http://pinned.test:${port}/`, ctxWith(['pinned.test']))) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ text: '{"pinned":true}', host: `pinned.test:${port}` });
    expect(hits[0]?.headers.host).toBe(`pinned.test:${port}`);
  });

  it('re-checks redirect targets: allowed host → 127.0.0.1 is refused and never reached', async () => {
    const inner = await serve(json({ secret: true }));
    const outer = await serve((_q, res) => { res.writeHead(302, { location: `http://127.0.0.1:${inner}/admin` }); res.end(); });
    const e = await fails(`GET http://localhost:${outer}/`, ctxWith(['localhost']));
    expect(e.code).toBe('DLV_REQUEST_BLOCKED');
    expect(hits.map((h) => h.port)).toEqual([outer]);
  });

  it('follows allowed redirects (max 5) and drops credentials when the origin changes', async () => {
    const final = await serve(json({ done: true }));
    const hop = await serve((_q, res) => { res.writeHead(301, { location: `http://127.0.0.1:${final}/end` }); res.end(); });
    const out = (await run(request, [], `GET http://localhost:${hop}/start --username u --password pw`, ctxWith(['localhost', '127.0.0.1']))) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ text: '{"done":true}', source: '/start' });
    expect(hits[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u:pw').toString('base64')}`);
    expect(hits[1]?.headers.authorization).toBeUndefined();
    const loop = await serve((req, res) => { res.writeHead(302, { location: req.url ?? '/' }); res.end(); });
    expect((await fails(`GET http://127.0.0.1:${loop}/`, ctxWith(['127.0.0.1']))).code).toBe('DLV_REQUEST_FAILED');
    expect(hits.filter((h) => h.port === loop)).toHaveLength(6);
  });

  it('times out after DELVE_REQUEST_TIMEOUT', async () => {
    const port = await serve(() => { /* never answers */ });
    const e = await fails(`GET http://127.0.0.1:${port}/`, ctxWith(['127.0.0.1'], {}, 1));
    expect(e.code).toBe('DLV_REQUEST_TIMEOUT');
  });

  it('caps the body at DELVE_REQUEST_MAX_BYTES (declared or streamed)', async () => {
    const declared = await serve((_q, res) => res.end('x'.repeat(5000)));
    expect((await fails(`GET http://127.0.0.1:${declared}/`, ctxWith(['127.0.0.1']))).code).toBe('DLV_REQUEST_TOO_LARGE');
    const streamed = await serve((_q, res) => { res.write('y'.repeat(1500)); res.write('y'.repeat(1500)); res.end(); });
    expect((await fails(`GET http://127.0.0.1:${streamed}/`, ctxWith(['127.0.0.1']))).code).toBe('DLV_REQUEST_TOO_LARGE');
  });

  it('never puts URL credentials into errors', async () => {
    const e = await fails('GET http://admin:hunter2secret@127.0.0.1:1/');
    expect(e.message).not.toContain('hunter2secret');
  });
});

describe('request: TLS', () => {
  let dir: string;
  let port: number;
  let caPem: string;
  beforeAll(async () => {
    dir = makeTempDir();
    const ca = makeCa(dir, 'req-ca');
    const cert = makeCert(dir, { ca, cn: 'localhost' });
    caPem = readFileSync(ca.cert, 'utf8');
    port = await serve(json({ tls: true }), createTlsServer({ key: readFileSync(cert.key), cert: readFileSync(cert.cert) }));
  });
  afterAll(() => removeTempDir(dir));

  it('always verifies certificates; --no-verify only for allow-listed hosts', async () => {
    expect((await fails(`GET https://localhost:${port}/`, ctxWith(['localhost']))).code).toBe('DLV_REQUEST_FAILED');
    const refused = await fails(`GET https://example.com/ --no-verify`, ctxWith(['localhost']));
    expect(refused.code).toBe('DLV_REQUEST_BLOCKED');
    expect(refused.message).toMatch(/DELVE_REQUEST_ALLOWED_HOSTS/);
    const out = (await run(request, [], `GET https://localhost:${port}/ --no-verify`, ctxWith(['localhost']))) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ text: '{"tls":true}' });
    requestHooks.ca = caPem;
    const verified = (await run(request, [], `GET https://localhost:${port}/`, ctxWith(['localhost']))) as Record<string, unknown>[];
    expect(verified[0]).toMatchObject({ text: '{"tls":true}' });
  });
});

describe('request: options and saving', () => {
  it('--recent-ok returns the caller\'s recent saved response without a request', async () => {
    const port = await serve(json({ fresh: true }));
    const ins = t.store.sqlite.prepare('INSERT INTO events (id, created, "index", source, sourcetype, host, text, extracted_fields, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run('ev-bob', Date.now() * 1000, 'http.request', '/r', 'json', `127.0.0.1:${port}`, '{"bob":1}', '{}', t.bob.id);
    const first = (await run(request, [], `GET http://127.0.0.1:${port}/r --recent-ok`, ctxWith(['127.0.0.1']))) as Record<string, unknown>[];
    expect(first[0]).toMatchObject({ text: '{"fresh":true}' }); // bob's event is not alice's
    ins.run('ev-alice', Date.now() * 1000, 'http.request', '/r', 'json', `127.0.0.1:${port}`, '{"cached":1}', '{"status_code":200}', t.alice.id);
    const cached = (await run(request, [], `GET http://127.0.0.1:${port}/r --recent-ok`, ctxWith(['127.0.0.1']))) as Record<string, unknown>[];
    expect(cached[0]).toMatchObject({ id: 'ev-alice', text: '{"cached":1}', extracted_fields: { status_code: 200 } });
    expect(hits).toHaveLength(1);
  });

  it('sends kv-pairs as query string, form or JSON, and headers', async () => {
    const port = await serve(json({}));
    const base = `http://127.0.0.1:${port}`;
    const ctx = ctxWith(['127.0.0.1']);
    await run(request, [], `GET ${base}/g --kv-pairs a=1 b=x=y -H X-Test=v1`, ctx);
    await run(request, [], `POST ${base}/f --kv-pairs a=1`, ctx);
    await run(request, [], `PUT ${base}/j --kv-pairs a=1 --json`, ctx);
    expect(hits[0]).toMatchObject({ url: '/g?a=1&b=x%3Dy', headers: { 'x-test': 'v1' } });
    expect(hits[1]).toMatchObject({ body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(hits[2]).toMatchObject({ body: '{"a":"1"}', headers: { 'content-type': 'application/json' } });
  });

  it('--save-event stores through the event writer with a write check', async () => {
    const port = await serve(json({ n: 5 }));
    const ingest = recordingAppender();
    const out = (await run(request, [], `GET http://127.0.0.1:${port}/s --save-event`, ctxWith(['127.0.0.1'], { ingest }))) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ id: 'saved-1-0', index: 'http.request', extracted_fields: { n: 5, status_code: 200 } });
    expect(typeof out[0]?.created).toBe('string');
    expect(ingest.calls[0]?.events[0]).toMatchObject({ index: 'http.request', sourcetype: 'json', source: '/s' });
    const e = await fails(`GET http://127.0.0.1:${port}/s --save-event`, ctxWith(['127.0.0.1'], { ingest, access: accessFor(() => false) }));
    expect(e.code).toBe('DLV_AUTH_FORBIDDEN');
    expect(ingest.calls).toHaveLength(1);
  });
});
