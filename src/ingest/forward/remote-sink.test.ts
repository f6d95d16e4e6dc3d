import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert } from '../../../test/helpers/certs.js';
import type { IngestEvent } from '../sink.js';
import { classify, endpointUrl, parseRetryAfter, RemoteSink, type CollectorLogger } from './index.js';

const TOKEN = 'dlv_tok_SECRET_6f1c2a9e5b7d4c3a';
type Reply = { status: number; headers?: Record<string, string> };
interface Received { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

/** A scripted stand-in for a remote Delve: answers with `replies` in turn (the last one repeats). */
function fakeRemote(replies: Reply[], tlsOpts?: https.ServerOptions) {
  const received: Received[] = [];
  const handler: http.RequestListener = (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const r = replies.length > 1 ? replies.shift()! : replies[0]!;
      res.writeHead(r.status, r.headers).end(r.status >= 400 ? '{"error":{"code":"DLV_X","message":"no"}}' : '');
    });
  };
  const server = tlsOpts ? https.createServer(tlsOpts, handler) : http.createServer(handler);
  return {
    received,
    server,
    async listen(): Promise<number> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return (server.address() as AddressInfo).port;
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function recorder(): CollectorLogger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (o: object, msg?: string) => { lines.push(`${msg ?? ''} ${JSON.stringify(o, (_k, v: unknown) => (v instanceof Error ? v.message : v))}`); };
  return { lines, info: rec, warn: rec, error: rec };
}

const ev = (i: number): IngestEvent => ({ index: 'main', host: 'h', source: 's', sourcetype: 't', text: `event ${i}` });
let dir: string;
let ca: CertAuthority;
let cert: IssuedCert;
let wrongName: IssuedCert;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(() => {
  dir = makeTempDir();
  ca = makeCa(dir, 'remote-ca');
  cert = makeCert(dir, { ca, cn: 'localhost' });
  wrongName = makeCert(dir, { ca, cn: 'other', sans: ['other.example'] });
});
afterAll(() => removeTempDir(dir));
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function remoteWith(replies: Reply[], tlsOpts?: https.ServerOptions) {
  const r = fakeRemote(replies, tlsOpts);
  const port = await r.listen();
  cleanups.push(r.close);
  return { ...r, port };
}

function sink(opts: Partial<ConstructorParameters<typeof RemoteSink>[0]> & { server: string }) {
  const s = new RemoteSink({ token: TOKEN, logger: recorder(), retry: { baseMs: 1, capMs: 5 }, ...opts });
  cleanups.push(() => s.close());
  return s;
}

describe('RemoteSink options', () => {
  it('refuses plain HTTP to another machine, credentials in the URL and a token with line breaks', () => {
    const base = { token: TOKEN, logger: recorder() };
    expect(() => endpointUrl({ ...base, server: 'http://delve.example.net' })).toThrow(/unencrypted/);
    expect(() => endpointUrl({ ...base, server: 'https://u:p@delve.example.net' })).toThrow(/credentials/);
    expect(() => endpointUrl({ ...base, server: 'ftp://x' })).toThrow(/https/);
    expect(() => endpointUrl({ ...base, server: 'https://x', token: 'a\r\nX-Evil: 1' })).toThrow(/token/);
    expect(endpointUrl({ ...base, server: 'http://127.0.0.1:8000' }).href).toBe('http://127.0.0.1:8000/api/events/');
    expect(endpointUrl({ ...base, server: 'https://d.example/delve/' }).href).toBe('https://d.example/delve/api/events/');
  });

  it('classifies answers: 2xx ok; 5xx/408/429 retry (Retry-After); other 4xx rejected', () => {
    expect(classify(201, undefined, '')).toEqual({ kind: 'ok', status: 201 });
    expect(classify(503, '7', '')).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expect(classify(429, undefined, '')).toMatchObject({ kind: 'retry' });
    expect(classify(408, undefined, '')).toMatchObject({ kind: 'retry' });
    expect(classify(400, undefined, 'bad')).toMatchObject({ kind: 'rejected', status: 400 });
    expect(classify(401, undefined, '')).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('--token') });
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('999999')).toBe(300_000);
  });
});

describe('RemoteSink delivery', () => {
  it('POSTs NDJSON with the bearer token and keeps the token out of every log line', async () => {
    const remote = await remoteWith([{ status: 201 }]);
    const log = recorder();
    const s = sink({ server: `http://127.0.0.1:${remote.port}`, logger: log });
    expect(await s.send([ev(1), ev(2)])).toEqual({ kind: 'ok', status: 201 });
    const req = remote.received[0]!;
    expect(req).toMatchObject({ method: 'POST', url: '/api/events/' });
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toBe('application/x-ndjson');
    expect(req.body.trimEnd().split('\n').map((l) => JSON.parse(l) as IngestEvent)).toEqual([ev(1), ev(2)]);
    await remote.close();
    await expect(s.write([ev(3)])).rejects.toMatchObject({ code: 'DLV_FORWARD_UNAVAILABLE' });
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.join('\n')).not.toContain(TOKEN);
  });

  it('write() retries 5xx until a 2xx, and sets aside a 4xx batch in the rejected file (0600)', async () => {
    const remote = await remoteWith([{ status: 503 }, { status: 502 }, { status: 201 }, { status: 422 }]);
    const rejectedFile = join(dir, 'rejected', 'rejected.ndjson');
    const s = sink({ server: `http://127.0.0.1:${remote.port}`, rejectedFile });
    await s.write([ev(1)]);
    expect(s.counters()).toMatchObject({ forwarded: 1, retried: 2 });
    await s.write([ev(2), ev(3)]);
    expect(s.counters()).toMatchObject({ rejected: 2 });
    expect(readFileSync(rejectedFile, 'utf8')).toBe(`${JSON.stringify(ev(2))}\n${JSON.stringify(ev(3))}\n`);
    expect(statSync(rejectedFile).mode & 0o777).toBe(0o600);
  });
});

describe('RemoteSink TLS verification', () => {
  const tlsOpts = () => ({ key: readFileSync(cert.key), cert: readFileSync(cert.cert) });

  it('is on by default: a server signed by an unknown CA is not trusted', async () => {
    const remote = await remoteWith([{ status: 201 }], tlsOpts());
    const r = await sink({ server: `https://localhost:${remote.port}` }).send([ev(1)]);
    expect(r).toMatchObject({ kind: 'retry', reason: expect.stringContaining('--ca') });
    expect(remote.received).toHaveLength(0);
  });

  it('trusts the private CA given with ca, and still checks the host name', async () => {
    const remote = await remoteWith([{ status: 201 }], tlsOpts());
    const caPem = readFileSync(ca.cert, 'utf8');
    expect(await sink({ server: `https://localhost:${remote.port}`, ca: caPem }).send([ev(1)])).toMatchObject({ kind: 'ok' });
    const other = await remoteWith([{ status: 201 }], { key: readFileSync(wrongName.key), cert: readFileSync(wrongName.cert) });
    expect(await sink({ server: `https://localhost:${other.port}`, ca: caPem }).send([ev(1)])).toMatchObject({ kind: 'retry' });
    expect(other.received).toHaveLength(0);
  });

  it('insecure must be explicit and warns on construction and on every new connection', async () => {
    const remote = await remoteWith([{ status: 201 }], tlsOpts());
    const log = recorder();
    const s = sink({ server: `https://localhost:${remote.port}`, insecure: true, logger: log });
    expect(log.lines.filter((l) => l.includes('verification is OFF'))).toHaveLength(1);
    expect(await s.send([ev(1)])).toMatchObject({ kind: 'ok' });
    expect(await s.send([ev(2)])).toMatchObject({ kind: 'ok' }); // same keep-alive connection
    expect(log.lines.filter((l) => l.includes('verification is OFF'))).toHaveLength(2);
  });
});
